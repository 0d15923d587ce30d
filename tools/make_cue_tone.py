"""Writes assets/cue-tone.wav, the end-of-hold tone of the guided routine: a short 880 Hz sine
with soft edges (no click), 16-bit mono. Shipped in the package rather than written into a
user's folder at run time; tests/unit/test_cue_tone.py holds the shipped file to this."""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TONE_HZ = 880.0
TONE_S = 0.25


def write_tone(path: Path, hz: float = TONE_HZ, seconds: float = TONE_S, rate: int = 22050) -> Path:
    """A short sine tone with soft edges (no click), as a 16-bit mono WAV."""
    frames = int(rate * seconds)
    fade = int(rate * 0.02)
    samples = bytearray()
    for i in range(frames):
        envelope = min(1.0, i / fade, (frames - i) / fade)
        samples += struct.pack("<h", int(0.5 * 32767 * envelope * math.sin(2 * math.pi * hz * i / rate)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(samples))
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets" / "cue-tone.wav"
    print(write_tone(out))
