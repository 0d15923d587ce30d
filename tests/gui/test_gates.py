"""The window keeps the session's rules at every entry point: the urgent-flag gate on Find it
(button, menu command, direct call) and treatment (Start, the player's own Start), a flag
that appears while a panel is open, marks locked during a search, and the first-run notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from bodymap.core.session import NOT_WHILE_SEARCHING
from bodymap.ui.application import build_window
from bodymap.ui.main_window import MainWindow
from bodymap.ui.notices import Notice
from bodymap.ui.safety.safety_views import SafetyNoticeDialog
from tests.gui.test_body_map import click

KNOT = "interscapular.left"


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text: shown.append(title)))
    return shown


def raise_urgent_flag(window: MainWindow) -> None:
    window.session.set_intensity("upper_chest.left", 7)
    window.session.set_intensity("upper_arm_inner.left", 6)
    assert window.session.urgent_unread()


def test_find_it_is_closed_at_every_entry_while_an_urgent_flag_is_unread(
    window: MainWindow, warnings_shown: list[str]
) -> None:
    window.session.set_intensity(KNOT, 7)
    assert window.find_button.isEnabled() and window.find_action.isEnabled()
    raise_urgent_flag(window)
    assert not window.find_button.isEnabled() and not window.find_action.isEnabled()
    assert "Read the warning" in window.find_button.toolTip()
    window.find_action.trigger()  # Ctrl+I, even if a shortcut slipped through
    assert window.open_search() is None
    assert window.panels.search_panel is None
    assert warnings_shown == ["Not now: get help first"]  # said once: the action was disabled
    QTest.mouseClick(window.safety_banner.ack_button, Qt.MouseButton.LeftButton)
    assert window.find_button.isEnabled()
    assert window.open_search() is not None


def test_treatment_is_closed_at_every_entry_while_an_urgent_flag_is_unread(
    window: MainWindow, warnings_shown: list[str]
) -> None:
    window.session.set_intensity(KNOT, 7)
    raise_urgent_flag(window)
    start = window.technique_panel.start_button
    assert not start.isEnabled() and start.text() == "Read the warning first"
    assert window.open_player("scalenes_finger_release") is None
    window.technique_panel.technique_started.emit("scalenes_finger_release")  # Enter on the list
    assert window.panels.player is None
    assert warnings_shown == ["Not now: get help first"] * 2


def test_a_flag_raised_while_the_player_waits_closes_it_before_start(window: MainWindow) -> None:
    window.session.set_intensity(KNOT, 7)
    player = window.open_player("scalenes_finger_release")
    assert player is not None
    raise_urgent_flag(window)  # the map stays clickable beside the player
    assert window.panels.player is None and window.side_stack.currentIndex() == 0
    assert window.session.routine is None


def test_the_players_start_asks_the_session(window: MainWindow) -> None:
    window.session.set_intensity(KNOT, 7)
    player = window.open_player("scalenes_finger_release")
    assert player is not None
    # the person acknowledged nothing yet, but a flag arrives through the checklist and is
    # acknowledged; then a new one comes: the already-built Start must still say no
    window.session.set_ticked(["stroke_signs"])
    assert window.panels.player is None
    window.session.acknowledge()
    player = window.open_player("scalenes_finger_release")
    assert player is not None
    window.session.acknowledged.clear()  # as if a new urgent flag stood unread
    window.session._update_flags()
    assert window.panels.player is None


def test_a_flag_that_goes_and_comes_back_closes_find_it_again(qtbot: QtBot, window: MainWindow) -> None:
    raise_urgent_flag(window)  # chest and arm alone: the knot between the blades would keep it up
    window.session.acknowledge()
    assert window.find_button.isEnabled()
    window.session.unmark("upper_arm_inner.left")
    assert not window.session.urgent_unread()
    window.session.toggle("upper_arm_inner.left")
    assert not window.find_button.isEnabled()
    assert window.safety_banner.isVisible()


def test_the_map_is_locked_while_find_it_runs_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.session.set_intensity(KNOT, 7)
    assert window.open_search() is not None
    click(qtbot, window, "forehead.left")
    assert window.session.intensity("forehead.left") is None
    assert window.statusBar().currentMessage() == NOT_WHILE_SEARCHING
    assert not window.undo_action.isEnabled() and not window.clear_button.isEnabled()
    window.intensity.intensity_chosen.emit(KNOT, 9)  # the slider
    assert window.session.intensity(KNOT) == 7


def test_answers_stay_when_the_intensity_changes_after_find_it(window: MainWindow) -> None:
    window.session.set_intensity(KNOT, 7)
    panel = window.open_search()
    assert panel is not None
    panel.answer("yes")
    QTest.keyClick(panel, Qt.Key.Key_Escape)
    assert window.panels.search_panel is None and len(window.session.answers) == 1
    window.intensity.intensity_chosen.emit(KNOT, 8)
    assert len(window.session.answers) == 1


def test_the_first_run_notice_declined_comes_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    asked: list[bool] = []

    def ask(cls: type, parent: object) -> bool:
        asked.append(answers[len(asked)])
        return asked[-1]

    monkeypatch.setattr(SafetyNoticeDialog, "ask", classmethod(ask))
    for _ in range(3):  # three starts: declined, accepted, then no longer asked
        win = build_window(str(tmp_path))
        qtbot.addWidget(win)
        win.first_run()
        win.close()
    assert asked == [False, True]
