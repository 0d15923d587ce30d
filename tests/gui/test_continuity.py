"""Continuity between days in the window: unsaved marks offered back at the next start, the last
entry as a start, and quitting with unsaved marks asks Save / Discard / Cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.continuity import DRAFT_NAME
from bodymap.ui.application import build_window
from bodymap.ui.log.save_entry_dialog import EntryDetails, SaveEntryDialog
from bodymap.ui.main_window import MainWindow
from bodymap.ui.notices import Notice

KNOT = {"interscapular.left": 7, "scapula_medial_border.left": 5}


def mark_knot(window: MainWindow) -> None:
    for region, intensity in KNOT.items():
        window.session.set_intensity(region, intensity)


def marks_of(window: MainWindow) -> dict[str, int]:
    return {m.region: m.intensity for m in window.session.marks()}


def quit_by_key(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def reopen(qtbot: QtBot, folder: Path) -> MainWindow:
    again = build_window(str(folder))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    return again


@pytest.mark.parametrize("take", [True, False])
def test_unsaved_marks_are_offered_back_at_the_next_start(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, take: bool
) -> None:
    mark_knot(window)
    draft = tmp_path / DRAFT_NAME
    qtbot.waitUntil(draft.exists)  # kept a moment after the last change, not at every click
    window.close()  # the program closing it (not the person): nothing asked, the draft stays
    assert draft.exists()

    offered: list[str] = []

    def offer(cls: type, parent: object, title: str, text: str = "", **labels: str) -> bool:
        offered.append(f"{title} {text}")
        return take

    monkeypatch.setattr(Notice, "offer", classmethod(offer))
    again = reopen(qtbot, tmp_path)
    assert again.session.marks() == []  # nothing before the person says so
    again.offer_draft()
    assert len(offered) == 1 and offered[0].startswith("Continue where you left off?")
    assert "You marked 2 places on " in offered[0]
    if take:
        assert marks_of(again) == KNOT and draft.exists()
    else:
        assert again.session.marks() == [] and not draft.exists()
        again.offer_draft()
        assert len(offered) == 1  # asked once: nothing is left to offer


def test_quitting_with_unsaved_marks_asks_save_discard_or_cancel(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = "cancel"

    def save_or_discard(cls: type, parent: object, title: str, text: str = "") -> str:
        asked.append(text)
        return answer

    monkeypatch.setattr(Notice, "save_or_discard", classmethod(save_or_discard))
    quit_by_key(qtbot, window)
    assert asked == [] and not window.isVisible()  # nothing marked: nothing to ask

    window.show()
    mark_knot(window)
    quit_by_key(qtbot, window)
    assert asked[-1].startswith("2 marked places are not in your pain log yet")
    assert window.isVisible() and marks_of(window) == KNOT  # Cancel: nothing happens

    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(lambda cls, *args: None))
    answer = "save"
    quit_by_key(qtbot, window)  # Save, then the save dialog cancelled: still open
    assert len(asked) == 2 and window.isVisible()

    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(lambda cls, *args: EntryDetails(7, "")))
    quit_by_key(qtbot, window)
    assert not window.isVisible() and not (tmp_path / DRAFT_NAME).exists()
    log = window.log()
    assert log is not None and {(m.region, m.intensity) for m in log.entries()[0].marks} == set(KNOT.items())

    again = reopen(qtbot, tmp_path)
    monkeypatch.setattr(Notice, "save_or_discard", classmethod(save_or_discard))
    again.session.set_intensity("neck_side.left", 4)
    answer = "discard"
    quit_by_key(qtbot, again)
    assert not again.isVisible() and not (tmp_path / DRAFT_NAME).exists()  # nothing offered next time


def test_start_from_my_last_entry_fills_the_map_from_the_log(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert "Your pain log is empty" in window.statusBar().currentMessage()
    mark_knot(window)
    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(lambda cls, *args: EntryDetails(6, "")))
    window.save_to_log()
    window.session.clear()
    window.session.set_intensity("neck_side.right", 3)  # today's map, before starting from yesterday's
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert marks_of(window) == KNOT
    window.session.undo()  # one step back to what was on the map
    assert marks_of(window) == {"neck_side.right": 3}


def test_an_empty_map_points_to_the_last_entry(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.warm_up()
    assert "Same as last time" not in window.statusBar().currentMessage()  # nothing logged yet
    mark_knot(window)
    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(lambda cls, *args: EntryDetails(6, "")))
    window.save_to_log()
    window.close()
    again = reopen(qtbot, tmp_path)
    again.warm_up()
    assert "Same as last time (Ctrl+L) puts them on the map" in again.statusBar().currentMessage()
