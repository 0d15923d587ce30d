"""Cues a person notices without looking: a tone, a window alert and, where Qt can, a voice.

Sound and speech come from Qt's optional Addons modules (QtMultimedia, QtTextToSpeech,
the `cues` extra); without them a system beep stands in and nothing else changes.
"""

from __future__ import annotations

import importlib
import math
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication, QWidget

from bodymap.core.paths import user_cache_dir

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


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(f"PySide6.{module}")
    except ImportError:
        return None


class Cues(QObject):
    """Plays the end-of-hold cue; `spoken` says whether a voice is available."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self._sound: Any = None
        self._speech: Any = None
        multimedia = _optional("QtMultimedia")
        if multimedia is not None:
            tone = user_cache_dir() / "tone-880.wav"
            if not tone.is_file():
                write_tone(tone)
            self._sound = multimedia.QSoundEffect(self)
            self._sound.setSource(QUrl.fromLocalFile(str(tone)))
        speech = _optional("QtTextToSpeech")
        if speech is not None:
            engine = speech.QTextToSpeech(self)
            if engine.state() != speech.QTextToSpeech.State.Error:
                self._speech = engine

    @property
    def spoken(self) -> bool:
        return self._speech is not None

    def play(self, words: str) -> None:
        if self._sound is not None and self._sound.status() == self._sound.Status.Ready:
            self._sound.play()
        else:
            QApplication.beep()
        QApplication.alert(self.window, 1500)
        if self._speech is not None and words:
            self._speech.say(words)

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()
