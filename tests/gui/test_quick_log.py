"""Logging in one gesture in the window: "Same as last time" (button, menu, Ctrl+L; undoable;
plain words when the log is empty), a flare started and ended with one button each that shows
how long it has lasted and survives a restart, listed in History > Flares."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from bodymap.core.quick_log import EMPTY_LOG
from bodymap.ui.application import build_window
from bodymap.ui.log.save_entry_dialog import EntryDetails, SaveEntryDialog
from bodymap.ui.main_window import MainWindow

KNOT = {"interscapular.left": 7, "scapula_medial_border.left": 5}
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def marks_of(window: MainWindow) -> dict[str, int]:
    return {m.region: m.intensity for m in window.session.marks()}


def save(window: MainWindow, monkeypatch: pytest.MonkeyPatch, overall: int = 6) -> None:
    monkeypatch.setattr(
        SaveEntryDialog, "ask", classmethod(lambda cls, *args, **kw: EntryDetails(overall, ""))
    )
    window.save_to_log()


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), key, modifiers)


def test_same_as_last_time_fills_the_map_from_the_last_entry_in_one_undo_step(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    button = window.quick_bar.same_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == EMPTY_LOG  # says so plainly; nothing changes
    assert window.session.marks() == []
    for region, intensity in KNOT.items():
        window.session.set_intensity(region, intensity)
    save(window, monkeypatch)
    window.session.clear()
    window.session.set_intensity("neck_side.right", 3)  # today's map, before copying the last one

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert marks_of(window) == KNOT
    assert "The map shows your entry of today at" in window.statusBar().currentMessage()
    assert window.undo_action.text() == "&Undo Same as last time"
    window.undo_action.trigger()  # one step back to what was on the map
    assert marks_of(window) == {"neck_side.right": 3}
    press(qtbot, window, Qt.Key.Key_L, CTRL)  # the menu command's key does the same
    assert marks_of(window) == KNOT


def test_a_flare_is_started_and_ended_with_one_button_and_survives_a_restart(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    start = datetime.now().astimezone().replace(second=0, microsecond=0)
    now = [start]
    window.quick.now = lambda: now[0]
    window.warm_up()
    bar = window.quick_bar
    assert bar.flare_button.text() == "Flare started" and bar.flare_status.isHidden()
    qtbot.mouseClick(bar.flare_button, Qt.MouseButton.LeftButton)
    assert bar.flare_button.text() == "Flare over" and not bar.flare_status.isHidden()
    assert bar.flare_status.text() == f"Flare for under a minute (since today at {start:%H:%M})"
    assert window.quick.flare_action.text() == "&Flare over"
    now[0] = start + timedelta(minutes=25)
    window.quick._tick.timeout.emit()  # the control keeps counting while the flare goes on
    assert bar.flare_status.text().startswith("Flare for 25 min")
    window.close()

    again = build_window(str(tmp_path))  # the next start: the flare is still going on
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.quick.now = lambda: now[0] + timedelta(hours=2)
    again.warm_up()
    assert again.quick_bar.flare_button.text() == "Flare over"
    assert again.quick_bar.flare_status.text().startswith("Flare for 2 h 25 min")
    history = again.show_history()  # open beside the window: its Flares tab follows
    assert history is not None and history.flares_view.table.item(0, 1).text() == "going on"  # type: ignore[union-attr]
    press(qtbot, again, Qt.Key.Key_F, CTRL_SHIFT)  # Flare over, by its key
    assert history.flares_view.table.item(0, 2).text() == "2 h 25 min"  # type: ignore[union-attr]
    assert again.quick_bar.flare_button.text() == "Flare started" and again.quick_bar.flare_status.isHidden()
    assert "Flare over: it lasted 2 h 25 min" in again.statusBar().currentMessage()
    log = again.log()
    assert log is not None
    [flare] = log.flares()
    assert flare.started == start and flare.ended == start + timedelta(hours=2, minutes=25)


def test_the_quick_keys_are_listed_with_the_others(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.show_keys().rows()
    assert ("Menu File", "Ctrl+L", "Same as last time") in rows
    assert ("Menu File", "Ctrl+Shift+F", "Flare started") in rows
    assert (
        "Save to log (Ctrl+S)",
        "Alt+L / P / T / X",
        "Tick long sitting / poor sleep / stress / exercise",
    ) in rows


def test_context_tags_are_offered_when_saving_and_the_weather_is_offered_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[SaveEntryDialog] = []

    def ask(cls: type, parent: QWidget, summary: str, overall: int, regions: object = ()) -> EntryDetails:
        dialog = SaveEntryDialog(summary, overall, regions, parent)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        shown.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
        QTest.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier
        )  # Poor sleep
        qtbot.waitUntil(dialog.tags.boxes["poor sleep"].isChecked)  # a mnemonic clicks after a flash
        QTest.keyClicks(dialog.tags.weather, " Cold and  damp ")
        return dialog.details()

    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(ask))
    window.session.set_intensity("interscapular.left", 6)
    window.save_to_log()
    log = window.log()
    assert log is not None
    assert log.entries()[0].tags == ("poor sleep", "weather: Cold and damp")

    window.save_to_log()  # the next entry: the weather words come back as the person types
    completer = shown[1].tags.weather.completer()
    assert completer is not None
    completer.setCompletionPrefix("damp")
    assert completer.currentCompletion() == "Cold and damp"


def test_history_lists_the_flares_and_compares_days_with_a_tag_to_days_without(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    monkeypatch.setattr("bodymap.ui.log.tag_days_view.PAGE", 2)  # read in pages, between events

    from bodymap.core.painlog import new_entry

    log = window.log()
    assert log is not None
    today = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    for days_ago, pain, tags in (
        (6, 7, ("poor sleep",)),
        (5, 4, ("exercise",)),
        (4, 7, ("poor sleep", "stress")),
        (3, 4, ()),
        (2, 7, ("poor sleep",)),
        (1, 4, ()),
    ):
        log.add(replace(new_entry([], pain, at=today - timedelta(days=days_ago)), tags=tags))
    log.start_flare(today - timedelta(days=3))
    log.end_flare(today - timedelta(days=3) + timedelta(hours=5))
    log.start_flare(datetime.now().astimezone() - timedelta(hours=1))

    history = window.show_history()
    assert history is not None
    assert history.tag_days.text.text() == ""  # read entry by entry only when it is looked at
    helps = next(i for i in range(history.tabs.count()) if history.tabs.tabText(i) == "What helps me")
    history.tabs.setCurrentIndex(helps)
    assert history.tag_days.text.text() == "Comparing your days…"  # the first page read
    history.tabs.setCurrentIndex(0)  # looked away mid-way: the reading stops, and starts again
    assert history.tag_days._reading is None
    history.tabs.setCurrentIndex(helps)
    qtbot.waitUntil(lambda: history.tag_days.text.text().startswith("Poor sleep"))
    said = history.tag_days.text.text()
    assert (
        "Poor sleep: your pain averaged 7.0/10 on 3 days with it and 4.0/10 on 3 days without, "
        "3.0 points higher than on days without it." in said
    )
    assert "Stress: 1 day with it and 5 without so far; a comparison needs at least 3 of each." in said
    assert history.tag_days.caveat.isVisible() and "not what caused what" in history.tag_days.caveat.text()

    flares = history.flares_view
    assert history.tabs.tabText(history.tabs.indexOf(flares)) == "Flares"
    table = flares.table
    assert table.rowCount() == 2
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(2)]  # type: ignore[union-attr]
    assert rows[0][1] == "going on" and rows[0][2].startswith("1 h 0") and rows[0][2].endswith("so far")
    assert rows[1][2] == "5 h 00 min"
    assert flares.summary.text() == (
        "2 flares; the one that ended lasted 5 h 00 min; one is going on now."
    )


def test_the_flare_button_follows_the_log_and_says_when_a_flare_cannot_be_kept(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from bodymap.ui.notices import Notice

    window.warm_up()
    log = window.log()
    assert log is not None
    button = window.quick_bar.flare_button
    log.start_flare()  # as a restored backup or an import can bring one
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the button still said Flare started
    assert "the button shows it now" in window.statusBar().currentMessage()
    assert button.text() == "Flare over" and len(log.flares()) == 1  # shown, not started twice, not ended

    warned: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text="": warned.append(text)))

    def full(at: datetime | None = None) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(log, "end_flare", full)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert warned == ["The flare could not be kept in your log: database or disk is full."]
    assert button.text() == "Flare over"  # still going on, as the log says


def test_the_flare_button_follows_an_import_and_a_restore_at_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bodymap.core.logio import export_json
    from bodymap.ui.notices import Notice

    window.warm_up()
    log = window.log()
    assert log is not None
    button = window.quick_bar.flare_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a flare going on, kept in the log
    assert button.text() == "Flare over"
    log.backup()  # a copy with the flare going on
    export = tmp_path / "from-the-other-computer.json"
    export_json(log, export)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.text() == "Flare started" and log.open_flare() is None

    monkeypatch.setattr(Notice, "choose", classmethod(lambda cls, *args, **kwargs: 0))  # the newest backup
    window.logs.restore_backup()
    assert log.open_flare() is not None
    assert button.text() == "Flare over"  # at once, not on the next press

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # over again
    for flare in log.flares():
        log.delete_flare(flare.uid)
    assert log.flares() == [] and button.text() == "Flare started"
    monkeypatch.setattr(Notice, "open_file", classmethod(lambda cls, *args: str(export)))
    window.logs.import_log()
    assert log.open_flare() is not None
    assert button.text() == "Flare over"


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (1920, 1080)])
def test_the_flare_control_fits_while_a_flare_goes_on(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    from tests.gui.layout_check import misfits

    window = build_window(str(tmp_path))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.warm_up()
    window.quick.toggle_flare()
    window.quick.now = lambda: datetime.now().astimezone() + timedelta(days=2, hours=3)  # a long one
    window.quick.render()
    assert window.quick_bar.flare_status.text().startswith("Flare for 2 days 3 h (since ")
    for _ in range(3):  # new text asks for a layout, which is done on the next pass
        QApplication.processEvents()
    assert window.quick_bar.flare_status.isVisible()
    assert misfits(window.side_stack) == []


def test_a_flare_recorded_by_mistake_is_deleted_in_history_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    log = window.log()
    assert log is not None
    now = datetime.now().astimezone()
    kept = log.start_flare(now - timedelta(days=2))
    log.end_flare(now - timedelta(days=1))
    window.quick.toggle_flare()  # started by mistake with the window's button
    mistake = log.open_flare()
    assert mistake is not None and window.quick.flare_action.text() == "&Flare over"
    history = window.show_history()
    assert history is not None
    flares = history.flares_view
    assert not flares.delete.isEnabled()  # nothing chosen, nothing to delete
    flares.table.selectRow(0)  # the latest: the one started a moment ago
    assert flares.delete.isEnabled()
    qtbot.mouseClick(flares.delete, Qt.MouseButton.LeftButton)
    assert log.open_flare() is None and [f.uid for f in log.flares()] == [kept.uid]
    assert flares.table.rowCount() == 1 and not flares.delete.isEnabled()
    assert window.quick.flare_action.text() == "&Flare started"  # the window follows at once
    history.undo_stack.undo()
    assert log.open_flare() == mistake and flares.table.rowCount() == 2
    assert window.quick.flare_action.text() == "&Flare over"
