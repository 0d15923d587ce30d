"""A routine is heard without the optional extra: each cue's shipped tone goes to the platform's
own player, started as a child process (stubbed here at the process boundary), the bell last."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.countdown import SessionState, Tone
from bodymap.core.techniques import TechniqueLibrary
from bodymap.resources import asset_path
from bodymap.ui import sound
from bodymap.ui.main_window import MainWindow
from bodymap.ui.sound import TONE_FILES, TonePlayer
from bodymap.ui.sound import platform_player as real_platform_player
from tests.routines import FakeClock, technique

SIDED = technique(
    {"text": "Sit tall.", "seconds": 4, "ready": 0},
    {"text": "Hold one side, then the other.", "hold": 20, "sides": 2},
    technique_id="test_sided",
)


class FakePopen:
    """Stands for the player process: records the command, has already ended well."""

    started: list[list[str]] = []  # noqa: RUF012 - one list per test, reset by the fixture

    def __init__(self, args: list[str], **kwargs: Any) -> None:
        assert kwargs["stdin"] is sound.subprocess.DEVNULL  # never waits on the terminal
        FakePopen.started.append(list(args))

    def poll(self) -> int:
        return 0


@pytest.fixture
def linux_player(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """A Linux machine with paplay and aplay on the PATH, and no QtMultimedia."""
    found = {"paplay": "/usr/bin/paplay", "aplay": "/usr/bin/aplay"}
    monkeypatch.setattr(sound, "optional_module", lambda name: None)
    monkeypatch.setattr(sound.sys, "platform", "linux")
    monkeypatch.setattr(sound.shutil, "which", found.get)
    monkeypatch.setattr(sound, "platform_player", real_platform_player)
    monkeypatch.setattr(sound.subprocess, "Popen", FakePopen)
    FakePopen.started = []
    return FakePopen.started


def test_the_platform_player_is_found_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    on_path: dict[str, str] = {}
    monkeypatch.setattr(sound.shutil, "which", on_path.get)
    assert real_platform_player("linux") is None
    on_path["aplay"] = "/usr/bin/aplay"
    assert real_platform_player("linux") == ["/usr/bin/aplay", "-q"]
    on_path["pw-play"] = "/usr/bin/pw-play"
    assert real_platform_player("linux") == ["/usr/bin/pw-play"]
    on_path["paplay"] = "/usr/bin/paplay"
    assert real_platform_player("linux") == ["/usr/bin/paplay"]  # the desktop's sound server first
    assert real_platform_player("darwin") is None
    on_path["afplay"] = "/usr/bin/afplay"
    assert real_platform_player("darwin") == ["/usr/bin/afplay"]
    assert real_platform_player("win32") is None  # winsound plays it in-process


def test_every_tone_is_a_real_short_sound() -> None:
    for tone, name in TONE_FILES.items():
        with wave.open(str(asset_path(name))) as wav:
            frames = wav.readframes(wav.getnframes())
            seconds = wav.getnframes() / wav.getframerate()
        assert 0.1 <= seconds <= 1.0, tone
        loudest = max(
            abs(int.from_bytes(frames[i : i + 2], "little", signed=True)) for i in range(0, len(frames), 2)
        )
        assert loudest > 10_000, f"{name} is silent"
    assert len({asset_path(n).read_bytes() for n in TONE_FILES.values()}) == 3  # three different sounds


def test_a_routine_plays_each_cue_through_the_platform_player(
    qtbot: QtBot, window: MainWindow, linux_player: list[list[str]]
) -> None:
    window.session._techniques = lambda: TechniqueLibrary([SIDED])
    window.session.set_intensity("interscapular.left", 7)
    clock = FakeClock()
    player = window.open_player("test_sided", clock)
    assert player is not None and player.cues.tones.way == "command"
    player.start()
    session = player.runner.session
    while not session.over:
        clock.now = session.deadline() or clock.now
        player.runner.catch_up()
    assert session.state is SessionState.FINISHED
    played = [Path(args[-1]).name for args in linux_player]
    assert {tuple(args[:-1]) for args in linux_player} == {("/usr/bin/paplay",)}
    # Start, set up → get into position → first side, change side, the end chime
    assert played == ["cue-tone.wav", "cue-tone.wav", "cue-tone.wav", "cue-side.wav", "cue-end.wav"]
    assert all(Path(args[-1]) == asset_path(Path(args[-1]).name) for args in linux_player)


def test_the_bell_only_when_nothing_else_can_play(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, linux_player: list[list[str]]
) -> None:
    rang: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: rang.append(True)))
    tones = TonePlayer()
    assert tones.play(Tone.END) == "command" and not rang

    def no_such_program(args: list[str], **kwargs: Any) -> Any:
        raise FileNotFoundError(args[0])

    monkeypatch.setattr(sound.subprocess, "Popen", no_such_program)  # removed since start-up
    assert tones.play(Tone.PHASE) == "bell" and rang == [True]
    monkeypatch.setattr(sound.shutil, "which", lambda name: None)
    assert TonePlayer().way == "bell"


def test_a_screenshot_of_the_player_mid_routine_makes_no_sound(
    tmp_path: Path, linux_player: list[list[str]]
) -> None:
    from bodymap.core.marking import Mark
    from bodymap.ui.application import render_screenshot

    out = tmp_path / "player.png"
    render_screenshot(
        out,
        [Mark("interscapular.left", 7)],
        technique="scalenes_finger_release",
        at=85.0,
        data_dir=str(tmp_path),
    )
    assert out.exists() and linux_player == []  # Start and seven phase ends skipped over, in silence


def test_a_player_that_fails_gives_way_to_the_next(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, linux_player: list[list[str]]
) -> None:
    """paplay with no sound server running exits 1 at once: the next cue goes through aplay."""

    class FailingPaplay(FakePopen):
        def poll(self) -> int:
            return 1 if FakePopen.started[-1][0] == "/usr/bin/paplay" else 0

    monkeypatch.setattr(sound.subprocess, "Popen", FailingPaplay)
    tones = TonePlayer()
    assert tones.play(Tone.PHASE) == "command"
    assert tones.play(Tone.SIDE) == "command"
    assert tones.play(Tone.END) == "command"
    assert [args[0] for args in linux_player] == ["/usr/bin/paplay", "/usr/bin/aplay", "/usr/bin/aplay"]
    assert linux_player[1] == ["/usr/bin/aplay", "-q", str(asset_path("cue-side.wav"))]
