"""Help > Keyboard shortcuts…: every key the window answers, in one table beside the window.

The menu commands are read from the menus themselves, so a new shortcut is listed the day it
is added; the keys of the map, the region search, Find it and the routine are listed here."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodymap.ui.map.quality_symbols import QUALITY_KEYS
from bodymap.ui.titles import window_title

# (where, keys, what they do)
PANEL_KEYS: tuple[tuple[str, str, str], ...] = (
    ("On the map", "Arrow keys", "Move between regions (and across to the other figure)"),
    ("On the map", "Space or Enter", "Mark or unmark the region"),
    ("On the map", "1–9, 0", "How much it hurts there (0 is 10)"),
    ("On the map", "Delete or Backspace", "Unmark the region"),
    (
        "On the map",
        " ".join(QUALITY_KEYS.values()),
        "How it feels there, on or off: "
        + ", ".join(f"{key} {quality}" for quality, key in QUALITY_KEYS.items()),
    ),
    ("On the map", "+ / −, Ctrl+0", "Zoom in / out, whole body"),
    ("On the map", "Esc", "Out of a close-up, back to the whole body"),
    ("On the map", "Tab", "On to the side panel (the map is one stop)"),
    ("Find a region (Ctrl+F)", "Type", "Filter the regions by name"),
    ("Find a region (Ctrl+F)", "Down / Up", "Choose a result"),
    ("Find a region (Ctrl+F)", "Enter", "Mark the chosen result and go back to the map"),
    ("Find a region (Ctrl+F)", "1–9, 0", "On a chosen result: how much it hurts there"),
    ("Find a region (Ctrl+F)", "Esc", "Back to the map, nothing marked"),
    ("Find it", "Space", "Time the press"),
    ("Find it", "Y / T / N", "Yes, it brought on my pain / Tender only / No"),
    ("Find it", "Enter", "Once found: Treat it"),
    ("Find it", "Backspace", "Undo the last answer"),
    ("Find it", "Esc", "Close Find it"),
    ("Guided routine", "Enter", "Start (on the first page); leave (on the last)"),
    ("Guided routine", "Space", "Pause and resume"),
    ("Guided routine", "Left / Right", "Previous / next step"),
    ("Guided routine", "0–9", "During a hold: how strong the pressure is"),
    ("Guided routine", "Esc", "Stop"),
    ("Save to log (Ctrl+S)", "Alt+L / P / T / X", "Tick long sitting / poor sleep / stress / exercise"),
    ("Save to log (Ctrl+S)", "Alt+W", "The weather, in your words"),
    ("Mouse", "Click", "Mark or unmark a region"),
    ("Mouse", "Wheel over a region", "More or less pain"),
    ("Mouse", "Ctrl+wheel or pinch", "Zoom"),
    ("Mouse", "Drag empty space or the middle button", "Pan"),
)


def menu_keys(actions: Iterable[QAction]) -> list[tuple[str, str, str]]:
    """(menu, keys, command) for every menu command that has a shortcut."""
    rows = []
    for menu_action in actions:
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        where = menu_action.text().replace("&", "")
        for action in menu.actions():
            shortcuts = action.shortcuts()
            if not shortcuts:
                continue
            # the platform's keys for a standard command, without the special keys some keyboards
            # have for it: on X11 these read like command names ("Ctrl+S, Save", "Ctrl+Z, F14, Undo")
            usual = shortcuts[:1] + [s for s in shortcuts[1:] if _with_modifier(s)]
            keys = ", ".join(dict.fromkeys(s.toString(QKeySequence.SequenceFormat.NativeText) for s in usual))
            what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
            rows.append((f"Menu {where}", keys, what))
    return rows


def _with_modifier(keys: QKeySequence) -> bool:
    text = keys.toString(QKeySequence.SequenceFormat.PortableText)
    return text.startswith(("Ctrl+", "Alt+", "Shift+", "Meta+"))


class ShortcutsWindow(QDialog):
    """Not modal: it can stay open beside the window while the person tries the keys."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("Keyboard shortcuts"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # a long "What" wraps: its row grows with it rather than cutting the words off
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.set_rows(rows)
        self.table.setAccessibleName("Keyboard shortcuts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        room = (parent or self).screen().availableGeometry()
        self.resize(min(900, room.width() - 40), min(600, room.height() - 80))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """The rows as the menus stand now (a command's name can change: "Flare ended")."""
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for r in range(self.table.rowCount()):
            where, keys, what = (self.table.item(r, c) for c in range(3))
            assert where is not None and keys is not None and what is not None
            rows.append((where.text(), keys.text(), what.text()))
        return rows
