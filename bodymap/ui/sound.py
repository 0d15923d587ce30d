"""The tones of the routine and of Find it's press, audible on a stock desktop without the optional
`cues` extra.

The tones are WAV files shipped with the app (tools/make_cue_tone.py). They play through
QtMultimedia when the extra is installed; otherwise through the platform's own player found
at run time (Linux: paplay, pw-play or aplay; macOS: afplay; Windows: winsound), started as a
child process so the window never waits; the system bell only when none of these can play.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from bodymap import resources
from bodymap.core.countdown import Tone

TONE_FILES = {Tone.PHASE: "cue-tone.wav", Tone.SIDE: "cue-side.wav", Tone.END: "cue-end.wav"}
# Linux players in order of preference: PulseAudio's and PipeWire's reach the desktop's sound
# server (and its volume), ALSA's aplay works where neither runs. -q: nothing on the terminal.
LINUX_PLAYERS = (("paplay",), ("pw-play",), ("aplay", "-q"))


def optional_module(module: str) -> Any:
    try:
        return importlib.import_module(f"PySide6.{module}")
    except ImportError:
        return None


def tone_path(tone: Tone) -> Path:
    return resources.asset_path(TONE_FILES[tone])


def platform_players(platform: str = sys.platform) -> list[list[str]]:
    """The commands (without the file) that may play a WAV here, best first: found at run time."""
    if platform == "darwin":
        found = shutil.which("afplay")
        return [[found]] if found else []
    if platform.startswith("win"):
        return []  # winsound, in the standard library, plays it in-process
    players = []
    for name, *options in LINUX_PLAYERS:
        found = shutil.which(name)
        if found:
            players.append([found, *options])
    return players


def platform_player(platform: str = sys.platform) -> list[str] | None:
    """The command (without the file) that plays a WAV here, or None."""
    players = platform_players(platform)
    return players[0] if players else None


class TonePlayer(QObject):
    """Plays a tone by the first way that works here; `way` says which (for the tests and
    for the player's note on what cues to expect)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[Tone, Any] = {}
        self._children: list[tuple[subprocess.Popen[bytes], list[str]]] = []  # with its player
        self._commands: list[list[str]] = []  # the players left to try, best first
        self._winsound: Any = None
        multimedia = optional_module("QtMultimedia")
        if multimedia is not None:
            for tone in Tone:
                effect = multimedia.QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(tone_path(tone))))
                self._effects[tone] = effect
        if sys.platform.startswith("win"):
            self._winsound = importlib.import_module("winsound")
        else:
            first = platform_player()
            # the others stand by: paplay fails where no sound server runs, aplay may work there
            self._commands = [first, *(p for p in platform_players() if p != first)] if first else []

    @property
    def way(self) -> str:
        if self._effects:
            return "qt"
        if self._winsound is not None:
            return "winsound"
        return "command" if self._commands else "bell"

    def play(self, tone: Tone) -> str:
        """Start the tone and return at once; returns how it was played."""
        effect = self._effects.get(tone)
        if effect is not None and effect.status() == effect.Status.Ready:
            effect.play()
            return "qt"
        path = tone_path(tone)
        if self._winsound is not None:
            flags = self._winsound.SND_FILENAME | self._winsound.SND_ASYNC | self._winsound.SND_NODEFAULT
            try:
                self._winsound.PlaySound(str(path), flags)
                return "winsound"
            except RuntimeError:
                pass
        self._reap()
        if self._commands:
            command = self._commands[0]
            try:
                child = subprocess.Popen(
                    [*command, str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self._commands.pop(0)  # gone since start-up: the next player, or the bell
                return self.play(tone)
            else:
                self._children.append((child, command))
                return "command"
        QApplication.beep()
        return "bell"

    def _reap(self) -> None:
        """Collect players that have finished (no zombie processes pile up); a player that
        failed (no sound server, no device) gives way to the next one for the cues to come."""
        running = []
        for child, command in self._children:
            status = child.poll()
            if status is None:
                running.append((child, command))
            elif status != 0 and self._commands and command == self._commands[0]:
                self._commands.pop(0)
        self._children = running

    def stop(self) -> None:
        for child, _command in self._children:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(1)  # a player ends at once on SIGTERM; collected, not left a zombie
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        self._children = []
