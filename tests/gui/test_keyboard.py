"""The window with the keyboard alone: real key events, always sent to the widget that has the
keyboard focus, as a person's keys would be. Ctrl+F's results, and a whole visit counted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.map_view import MapView

CTRL = Qt.KeyboardModifier.ControlModifier


class Keyboard:
    """Presses keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.presses = 0

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.focus(), key, modifiers)
        self.presses += 1

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus(), text)
        self.presses += len(text)


@pytest.fixture
def keys(qtbot: QtBot, window: MainWindow) -> Keyboard:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return Keyboard(qtbot, window)


def test_ctrl_f_results_move_with_the_arrows_and_enter_returns_to_the_map(
    window: MainWindow, keys: Keyboard
) -> None:
    session = window.session
    keys.press(Qt.Key.Key_F, CTRL)
    regions = window.region_list
    assert keys.focus() is regions.search
    keys.type("shoulder blade")
    shown = regions.visible_regions()
    assert len(shown) > 2
    keys.press(Qt.Key.Key_Down)  # the first result, chosen
    keys.press(Qt.Key.Key_Down)  # the second
    keys.press(Qt.Key.Key_Up)  # and back
    assert keys.focus() is regions.search and regions.search.text() == "shoulder blade"
    assert regions.list.currentIndex().row() == 0
    keys.press(Qt.Key.Key_Down)
    chosen = shown[1]
    keys.press(Qt.Key.Key_7)  # a number key on a chosen result: how much it hurts there
    assert regions.search.text() == "shoulder blade"  # nothing typed into the box
    assert session.intensity(chosen) == 7 and session.marks()[0].region == chosen
    focus = keys.focus()
    assert isinstance(focus, MapView) and focus.focus_region == chosen  # back on the map, there

    keys.press(Qt.Key.Key_F, CTRL)
    keys.type("breast")
    keys.press(Qt.Key.Key_Escape)  # back to the map, nothing marked
    assert isinstance(keys.focus(), MapView) and len(session.marks()) == 1

    keys.press(Qt.Key.Key_F, CTRL)
    assert regions.search.selectedText() == "breast"  # typing replaces the last search
    keys.type("interscapular")
    keys.press(Qt.Key.Key_Return)  # Enter: the first result, marked
    first = regions.visible_regions()[0]
    assert session.intensity(first) == 5 and isinstance(keys.focus(), MapView)
    keys.press(Qt.Key.Key_8)  # the map has it: the digit goes to the region just found
    assert session.intensity(first) == 8


def test_help_lists_every_shortcut(window: MainWindow, keys: Keyboard) -> None:
    keys.press(Qt.Key.Key_F1)
    shown = window._shortcuts
    assert shown is not None and shown.isVisible() and not shown.isModal()
    rows = shown.rows()
    listed = {(what, keys_) for _, keys_, what in rows}
    # every menu command with a shortcut, read from the menus themselves
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions():  # type: ignore[union-attr]
            if action.shortcuts():
                key = action.shortcuts()[0].toString()
                assert any(key in k for _, k in listed), f"{action.text()} ({key}) not listed"
    # and the keys of the panels, which are not menu commands
    for where, key in (
        ("Find it", "Y / T / N"),
        ("Guided routine", "0–9"),
        ("Find a region (Ctrl+F)", "Down / Up"),
        ("On the map", "Arrow keys"),
    ):
        assert any(w == where and k == key for w, k, _ in rows), (where, key)
    assert window.show_keys() is shown  # asked again: the same window, raised


def test_the_shortcuts_list_names_keys_not_commands_and_stays_current(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A review under X11: "Ctrl+S, Save", "Ctrl+Z, F14, Undo" (a standard command's special
    keys read like command names), wrapped text cut off, and labels frozen as first shown."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMenu, QMenuBar

    from bodymap.ui.shortcuts_window import menu_keys

    bar = QMenuBar()
    qtbot.addWidget(bar)
    menu = QMenu("&File", bar)
    bar.addMenu(menu)
    save, redo = QAction("&Save", menu), QAction("&Redo", menu)
    save.setShortcuts([QKeySequence("Ctrl+S"), QKeySequence(Qt.Key.Key_Save)])
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"), QKeySequence(Qt.Key.Key_Redo)])
    menu.addActions([save, redo])
    assert [keys for _, keys, _ in menu_keys(bar.actions())] == [
        QKeySequence("Ctrl+S").toString(QKeySequence.SequenceFormat.NativeText),
        ", ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
            for k in ("Ctrl+Shift+Z", "Ctrl+Y")
        ),
    ]
    shown = window.show_keys()
    qtbot.waitExposed(shown)
    table = shown.table
    longest = max(range(table.rowCount()), key=lambda r: len(table.item(r, 2).text()))  # type: ignore[union-attr]
    assert table.rowHeight(longest) > table.rowHeight(0)  # the long one wraps onto more lines, whole
    flare = next(a for a in window.findChildren(QAction) if a.shortcuts() and "Flare" in a.text())
    flare.setText("Flare &ended")
    shown = window.show_keys()
    assert any(what == "Flare ended" for _, _, what in shown.rows())  # as the menu reads now


def test_a_whole_visit_by_keyboard_alone_in_fewer_than_30_keys(
    qtbot: QtBot, window: MainWindow, keys: Keyboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mark the knot, set 7, find it, start and finish a routine answering the pressure check,
    and save: the keys go to whatever has the focus; time passes on a fake clock."""
    from bodymap.core.countdown import PhaseKind, SessionState
    from bodymap.ui.log.save_entry_dialog import SaveEntryDialog
    from tests.routines import FakeClock

    session = window.session
    clock = FakeClock()
    session.clock = clock

    # the knot: the first place found by name, at 7; its neighbour on the map, by arrow
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type("inters")
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_7)
    assert session.intensity("interscapular.left") == 7
    view = keys.focus()
    assert isinstance(view, MapView)
    for _ in range(3):  # towards the shoulder blade's inner edge, on the map
        if view.focus_region == "scapula_medial_border.left":
            break
        keys.press(Qt.Key.Key_Left if view.view == "back" else Qt.Key.Key_Right)
    assert view.focus_region == "scapula_medial_border.left"
    keys.press(Qt.Key.Key_Space)
    assert {m.region for m in session.marks()} == {"interscapular.left", "scapula_medial_border.left"}

    # Find it, answered as someone whose pain comes from the left scalenes
    keys.press(Qt.Key.Key_I, CTRL)
    panel = window.panels.search_panel
    assert panel is not None and keys.focus() is panel
    while panel.test is not None:
        keys.press(Qt.Key.Key_Y if panel.test.key == "scalenes:left" else Qt.Key.Key_N)
    assert panel.search.found and panel.result.text() == "Found it: Scalenes, left"
    keys.press(Qt.Key.Key_Return)  # Treat it
    assert keys.focus() is window.technique_panel.list
    keys.press(Qt.Key.Key_Return)  # the first technique: its cautions, then Start
    player = window.panels.player
    assert player is not None and keys.focus() is player
    keys.press(Qt.Key.Key_Return)
    run = player.runner.session
    assert run.state is SessionState.RUNNING

    answered = False
    while not run.over:  # time passes: each phase ends at its deadline, as the timer would end it
        clock.now = run.deadline() or clock.now
        player.runner.catch_up()
        pressing = run.phase.kind is PhaseKind.WORK and run.technique.steps[run.phase.step].timing == "hold"
        if pressing and not answered:
            keys.press(Qt.Key.Key_4)  # "How strong is it?"
            assert player.pressure_label.isVisible() and player.pressure_label.text().startswith("Good")
            answered = True
    assert answered and run.summary().completed
    keys.press(Qt.Key.Key_Return)  # leave the summary: the session goes to the log
    assert window.panels.player is None

    def save_by_keys(cls: type[SaveEntryDialog], parent: QWidget, *args: object) -> object:
        dialog = SaveEntryDialog(*args, parent=parent)  # type: ignore[arg-type]
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
        keys.press(Qt.Key.Key_Return)  # Save, the default button
        assert dialog.result() == SaveEntryDialog.DialogCode.Accepted
        return dialog.details()

    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(save_by_keys))
    keys.press(Qt.Key.Key_S, CTRL)
    log = window.log()
    assert log is not None
    (entry,) = log.entries()
    assert {(m.region, m.intensity) for m in entry.marks} == {
        ("interscapular.left", 7),
        ("scapula_medial_border.left", 5),
    }
    assert ("scalenes", "yes") in [(t.muscle, t.answer) for t in entry.tests]
    assert keys.presses < 30, keys.presses
