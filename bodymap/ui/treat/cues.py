"""Cues a person notices without looking: a tone, a window alert and, where Qt can, a voice.

The tones play without any extra (ui/sound.py: QtMultimedia when present, else the
platform's own player, the bell last); speech comes from Qt's optional QtTextToSpeech (the
`cues` extra) and is simply absent without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from bodymap.core.countdown import Tone
from bodymap.ui.sound import TonePlayer
from bodymap.ui.sound import optional_module as _optional

PROBE_TIMEOUT_MS = 8000


_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
for name in QTextToSpeech.availableEngines():
    if name != "mock" and QTextToSpeech(name).state() != QTextToSpeech.State.Error:
        print(name)
        break
"""


class _SpeechProbe:
    """Finds a working speech engine in a child process, once per run.

    Creating an engine can block for a long time when the system's speech service is
    installed but not running (speech-dispatcher does); a child that hangs is killed,
    the window never waits, and the routine goes on with tone and flash alone.
    """

    engine: str | None = None  # "" once the probe found none
    _process: QProcess | None = None
    _waiting: list[Callable[[str], None]] = []  # noqa: RUF012 - shared on purpose

    @classmethod
    def start(cls, ready: Callable[[str], None]) -> None:
        if cls.engine is not None:
            if cls.engine:
                ready(cls.engine)
            return
        cls._waiting.append(ready)
        if cls._process is not None:
            return
        process = QProcess()
        cls._process = process
        process.finished.connect(cls._finished)
        QTimer.singleShot(PROBE_TIMEOUT_MS, process, process.kill)
        process.start(sys.executable, ["-c", _PROBE])

    @classmethod
    def _finished(cls) -> None:
        process, cls._process = cls._process, None
        if process is None:
            return
        found = bytes(process.readAllStandardOutput().data()).decode().strip()
        cls.engine = found if process.exitStatus() == QProcess.ExitStatus.NormalExit else ""
        waiting, cls._waiting = cls._waiting, []
        if cls.engine:
            for ready in waiting:
                ready(cls.engine)
        process.deleteLater()


class Cues(QObject):
    """Plays a cue (tone, window alert, words when a voice is ready); `spoken` says whether
    a voice is available."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.tones = TonePlayer(self)
        self.muted = False  # a still picture of the player (the screenshot) makes no sound
        self._speech: Any = None
        if _optional("QtTextToSpeech") is not None:
            _SpeechProbe.start(self._speech_ready)

    def _speech_ready(self, engine_name: str) -> None:
        speech = _optional("QtTextToSpeech")
        engine = speech.QTextToSpeech(engine_name, self)
        if engine.state() != speech.QTextToSpeech.State.Error:
            self._speech = engine

    @property
    def spoken(self) -> bool:
        """A voice is ready (it may come a moment after the player opens)."""
        return self._speech is not None

    def play(self, words: str, tone: Tone = Tone.PHASE) -> None:
        if self.muted:
            return
        self.tones.play(tone)
        QApplication.alert(self.window, 1500)
        if self._speech is not None and words:
            self._speech.say(words)

    def stop(self) -> None:
        self.tones.stop()
        if self._speech is not None:
            self._speech.stop()
