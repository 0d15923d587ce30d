"""The guided routine in the window: keyboard alone, no keyboard at all, and clean shutdown."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.countdown import PhaseKind, SessionState
from bodymap.core.techniques import TechniqueLibrary
from bodymap.ui.main_window import MainWindow
from bodymap.ui.treat.cues import Cues
from tests.routines import FakeClock, technique

ROUTINE = technique(
    {"text": "Sit up and find the side of your neck.", "seconds": 10, "ready": 0},
    {"text": "Press a tender spot and hold.", "hold": 12, "reps": 3, "rest": 10, "cue": "Release"},
    {"text": "Let the shoulders drop.", "seconds": 6},
    technique_id="test_scalenes",
)


@pytest.fixture
def cues_heard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    heard: list[str] = []
    monkeypatch.setattr(Cues, "play", lambda self, words, tone=None: heard.append(words))
    return heard


@pytest.fixture
def treating(window: MainWindow) -> MainWindow:
    """The window with the test routine as the scalenes' only technique, knot marked."""
    library = TechniqueLibrary([ROUTINE])
    window.session._techniques = lambda: library
    window.session.set_intensity("interscapular.left", 7)
    window.referral.candidate_selected.emit("scalenes:left")
    return window


def test_the_chosen_candidate_lists_its_techniques(treating: MainWindow) -> None:
    panel = treating.technique_panel
    assert panel.heading.text() == "Treat Scalenes, left"
    assert panel.list.count() == 1
    assert "Test routine" in panel.list.item(0).text() and "1\u00a0min" in panel.list.item(0).text()
    assert panel.start_button.isEnabled()


def test_a_whole_routine_with_the_keyboard_alone(
    qtbot: QtBot, treating: MainWindow, cues_heard: list[str]
) -> None:
    clock = FakeClock()
    treating.technique_panel.list.setFocus()
    treating.session.clock = clock
    QTest.keyClick(treating.technique_panel.list, Qt.Key.Key_Return)
    player = treating.panels.player
    assert player is not None and player.pages.currentWidget() is player.intro
    assert treating.map.shown() == "both"  # the player leaves room for both figures at 1280 wide
    # the cautions are on screen before the first step, not behind a click
    assert player.caution_labels[0].isVisible() and any("pulse" in c.text() for c in player.caution_labels)
    # About you left "not sure": what may rule a neck press out comes first
    assert "stroke" in player.caution_labels[0].text()
    assert player.hasFocus()
    QTest.keyClick(player, Qt.Key.Key_Return)
    session = player.runner.session
    assert session.state is SessionState.RUNNING and player.pages.currentWidget() is player.playing
    assert player.title_label.text() == "Set up"  # not "Do it": nothing is pressed yet

    QTest.keyClick(player, Qt.Key.Key_Space)
    assert session.state is SessionState.PAUSED and "Paused" in player.state_label.text()
    assert player.ring.accessibleName().startswith("paused")  # the ring says so too, greyed
    clock.tick(60)
    player.runner.catch_up()
    assert session.remaining() == 10
    QTest.keyClick(player, Qt.Key.Key_Space)
    assert session.state is SessionState.RUNNING

    QTest.keyClick(player, Qt.Key.Key_Right)
    assert session.phase.step == 1 and player.step_label.text() == "Step 2 of 3"
    QTest.keyClick(player, Qt.Key.Key_Left)  # just begun: back to the step before
    assert session.phase.step == 0
    QTest.keyClick(player, Qt.Key.Key_Right)
    clock.tick(5 + 6)  # into the first hold: its pressure check must not widen the panel
    player.runner.catch_up()
    QApplication.processEvents()
    assert player.pressure_row.isVisible() and treating.map.shown() == "both"
    clock.tick(6)  # the first hold ends
    player.runner.catch_up()
    assert session.phase.kind is PhaseKind.REST and player.title_label.text() == "Rest"
    assert cues_heard[-1] == "Release. Rest 10 seconds."
    assert player.flashing

    QTest.keyClick(player, Qt.Key.Key_Escape)
    assert session.state is SessionState.STOPPED
    assert player.pages.currentWidget() is player.done
    assert "You stopped “Test routine”" in player.summary_label.text()
    assert "Holds done: 1 of 3" in player.summary_label.text()
    assert not player.runner.timers_active
    QTest.keyClick(player, Qt.Key.Key_Return)
    assert treating.panels.player is None and treating.side_stack.currentIndex() == 0


def test_no_keyboard_at_all_one_click_and_it_runs_to_the_end(
    qtbot: QtBot, treating: MainWindow, cues_heard: list[str]
) -> None:
    clock = FakeClock()
    treating.session.clock = clock
    QTest.mouseClick(treating.technique_panel.start_button, Qt.MouseButton.LeftButton)
    player = treating.panels.player
    assert player is not None
    QTest.mouseClick(player.start_button, Qt.MouseButton.LeftButton)
    session = player.runner.session
    while not session.over:  # the precise timer's job, done at each deadline
        clock.now = session.deadline() or clock.now
        player.runner.catch_up()
    assert session.state is SessionState.FINISHED
    assert player.pages.currentWidget() is player.done
    assert "Holds done: 3 of 3" in player.summary_label.text()
    assert len(cues_heard) == len(session.phases) + 1  # Start is announced, then every phase end
    assert cues_heard[0] == "Step 1." and cues_heard[-1].startswith("Done")
    assert not player.runner.timers_active


def test_a_real_short_timer_ends_each_phase_on_its_own(
    qtbot: QtBot, treating: MainWindow, cues_heard: list[str]
) -> None:
    # timed breathing, not a hold: no seconds to get into position, so the test stays short
    short = technique(
        {"text": "Breathe.", "seconds": 1, "reps": 2, "rest": 1, "ready": 0},
        technique_id="short",
    )
    treating.session._techniques = lambda: TechniqueLibrary([short])
    player = treating.open_player("short")
    with qtbot.waitSignal(player.runner.routine_ended, timeout=10_000):
        started = time.monotonic()
        player.start()
    took = time.monotonic() - started
    assert took >= 3.0  # never early: three one-second phases
    assert player.runner.session.state is SessionState.FINISHED
    assert cues_heard == ["Go.", "Release. Rest 1 second.", "Go again, 2 of 2.", "Done. Well done."]
    assert not player.runner.timers_active


def test_closing_the_window_leaves_no_timer_running(qtbot: QtBot, treating: MainWindow) -> None:
    player = treating.open_player("test_scalenes")
    player.start()
    runner = player.runner
    assert runner.timers_active
    treating.close()
    assert not runner.timers_active and not player._flash.isActive()
    assert treating.panels.player is None


def test_during_a_hold_number_keys_answer_and_the_target_stays_in_sight(
    qtbot: QtBot, treating: MainWindow, cues_heard: list[str]
) -> None:
    clock = FakeClock()
    player = treating.open_player("test_scalenes", clock)
    assert player is not None
    QTest.keyClick(player, Qt.Key.Key_Return)
    session = player.runner.session
    QTest.keyClick(player, Qt.Key.Key_3)  # setting up: nothing is pressed, nothing to answer
    assert not player.pressure_label.isVisible()
    while session.phase.kind is not PhaseKind.WORK or session.phase.step != 1:
        clock.now = session.deadline() or clock.now
        player.runner.catch_up()
    assert player.pressure_row.isVisible() and player.target_label.isVisible()
    assert player.target_label.text() == "Aim for 2–5 of 10"  # the routine's own range
    QTest.keyClick(player, Qt.Key.Key_4)
    assert player.pressure_label.isVisible() and player.pressure_label.text().startswith("Good")
    assert "Too strong. Ease off." not in cues_heard
    QTest.keyClick(player, Qt.Key.Key_8)
    assert "Too strong. Ease off." in cues_heard
    assert session.state is SessionState.RUNNING  # a number never pauses or steps


def test_a_screen_reader_hears_each_phase_once_not_every_tick(
    qtbot: QtBot, treating: MainWindow, cues_heard: list[str]
) -> None:
    clock = FakeClock()
    player = treating.open_player("test_scalenes", clock)
    assert player is not None
    player.start()
    session = player.runner.session
    told: list[tuple[str, str]] = []
    phases_seen = 1
    last = (session.index, session.state)
    while not session.over:
        accessible = (player.ring.accessibleName(), player.playing.accessibleDescription())
        if not told or accessible != told[-1]:
            told.append(accessible)
        clock.tick(0.25)
        player.runner.catch_up()
        player.runner.ticked.emit()  # what the redraw timer does ten times a second
        if (session.index, session.state) != last and not session.over:
            phases_seen += 1
            last = (session.index, session.state)
    # one change per phase: nothing in between, however many ticks
    assert len(told) == phases_seen == len(session.phases), told
    # the ring is named by its phase, never by the seconds left
    assert [name for name, _ in told][:4] == ["Set up", "Get into position", "Hold 1 of 3", "Rest"]


def test_the_players_buttons_say_less_so_the_window_fits_800_pixels(window: MainWindow, qtbot: QtBot) -> None:
    """With their keys in the labels the four buttons kept the window 871 px wide beside the
    map; on a narrow panel they show short labels (keys in the tooltip), on a wide one all."""
    player = window.open_player("scalenes_finger_release")
    assert player is not None
    player.start()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and player.stop_button.text() == "Stop")
    assert window.height() == 600
    assert player.stop_button.toolTip() == "Stop  (Esc)"
    assert len({b.y() for b in (player.previous_button, player.pause_button, player.stop_button)}) == 1
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: player.stop_button.text() == "Stop  (Esc)")
