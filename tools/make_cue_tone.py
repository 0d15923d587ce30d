"""Writes the guided routine's cue tones into assets/, 16-bit mono WAVs of sine notes with soft
edges (no click), made here with Python's wave module and committed, so that nothing played is
written into a user's folder at run time:

- cue-tone.wav: a phase begins (get ready, press, rest, next step): one 880 Hz note, 0.25 s;
- cue-side.wav: change side at half time of a two-sided hold: two short 660 Hz notes;
- cue-end.wav: the routine is over: a rising two-note chime, 660 then 990 Hz.

tests/unit/test_cue_tone.py holds the shipped files to what this tool writes.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RATE = 22050
TONE_HZ = 880.0
TONE_S = 0.25
# (hz, seconds) notes; hz 0 is a silence
TONES: dict[str, tuple[tuple[float, float], ...]] = {
    "cue-tone.wav": ((TONE_HZ, TONE_S),),
    "cue-side.wav": ((660.0, 0.12), (0.0, 0.08), (660.0, 0.12)),
    "cue-end.wav": ((660.0, 0.22), (990.0, 0.45)),
}


def _note(hz: float, seconds: float, rate: int) -> bytes:
    frames = int(rate * seconds)
    if not hz:
        return bytes(2 * frames)
    fade = int(rate * 0.02)
    samples = bytearray()
    for i in range(frames):
        envelope = min(1.0, i / fade, (frames - i) / fade)
        samples += struct.pack("<h", int(0.5 * 32767 * envelope * math.sin(2 * math.pi * hz * i / rate)))
    return bytes(samples)


def write_notes(path: Path, notes: tuple[tuple[float, float], ...], rate: int = RATE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(_note(hz, seconds, rate) for hz, seconds in notes))
    return path


def write_tone(path: Path, hz: float = TONE_HZ, seconds: float = TONE_S, rate: int = RATE) -> Path:
    """A short sine tone with soft edges (no click), as a 16-bit mono WAV."""
    return write_notes(path, ((hz, seconds),), rate)


def write_all(folder: Path) -> list[Path]:
    return [write_notes(folder / name, notes) for name, notes in TONES.items()]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "assets"
    for made in write_all(out):
        print(made)
