"""How to treat the chosen candidate: its techniques, one line of facts each, and Start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from bodymap.core.techniques import Technique

TECHNIQUE_ROLE = Qt.ItemDataRole.UserRole
EMPTY_HEADING = "Mark where it hurts: ways to treat the most likely source appear here."


class TechniquePanel(QWidget):
    technique_started = Signal(str)  # technique id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # alone: at the top
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Techniques")
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap to the panel's width
        self.list.setUniformItemSizes(False)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = QPushButton("Start the guided routine")
        self.start_button.setToolTip("Step-by-step with a countdown and cues (Enter on the list)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.start_button)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda item: self.technique_started.emit(item.data(TECHNIQUE_ROLE)))
        self.start_button.clicked.connect(self._start_current)
        self._blocked = ""
        self._notes: dict[str, str] = {}
        self.show_techniques("", ())

    def show_techniques(
        self, heading: str, techniques: tuple[Technique, ...], notes: dict[str, str] | None = None
    ) -> None:
        """The techniques in this order; `notes` says what each did for this person."""
        notes = notes or {}
        ids = tuple(t.id for t in techniques)
        heading = heading or EMPTY_HEADING
        if heading == self.heading.text() and ids == self._ids() and notes == self._notes:
            return
        self._notes = dict(notes)
        current = self.list.currentItem()
        keep = current.data(TECHNIQUE_ROLE) if current else ""
        self.heading.setText(heading)
        self.list.clear()
        if techniques:
            from bodymap.core.routine_text import technique_facts  # with the first candidate, not at start-up
        for technique in techniques:
            text = f"{technique.name}\n{technique_facts(technique)}"
            if notes.get(technique.id):
                text += f"\n{notes[technique.id]}"
            item = QListWidgetItem(text)
            item.setData(TECHNIQUE_ROLE, technique.id)
            item.setData(Qt.ItemDataRole.ToolTipRole, technique.summary)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{technique.name}. {technique.summary}")
            self.list.addItem(item)
            if technique.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.start_button.setEnabled(bool(techniques) and not self._blocked)
        # nothing to treat yet: the sentence above says what will appear, not an empty box
        for widget in (self.list, self.detail, self.start_button):
            widget.setVisible(bool(techniques))

    def set_blocked(self, why: str) -> None:
        """While an urgent warning stands unread, no routine can start from here, and it says why."""
        self._blocked = why
        self.start_button.setEnabled(not why and self.list.count() > 0)
        self.start_button.setToolTip(why or "Step-by-step with a countdown and cues (Enter on the list)")
        self.start_button.setText("Read the warning first" if why else "Start the guided routine")

    def _ids(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).data(TECHNIQUE_ROLE) for i in range(self.list.count()))

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        self.detail.setText(item.data(Qt.ItemDataRole.ToolTipRole) if item else "")

    def _start_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.technique_started.emit(item.data(TECHNIQUE_ROLE))
