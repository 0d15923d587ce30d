"""How to treat the chosen candidate: its techniques, one line of facts each, and Start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
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
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # a long summary or lock reason scrolls in a few lines rather than squeezing the list
        self.detail_area = QScrollArea()
        self.detail_area.setWidget(self.detail)
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_area.setMaximumHeight(self.detail.fontMetrics().lineSpacing() * 5 + 4)
        self.start_button = QPushButton("Start the guided routine")
        self.start_button.setToolTip("Step-by-step with a countdown and cues (Enter on the list)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail_area)
        layout.addWidget(self.start_button)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda item: self.technique_started.emit(item.data(TECHNIQUE_ROLE)))
        self.start_button.clicked.connect(self._start_current)
        self._blocked = ""
        self._notes: dict[str, str] = {}
        self._locks: dict[str, str] = {}  # technique id -> why it is locked, and what instead
        self.show_techniques("", ())

    def show_techniques(
        self,
        heading: str,
        techniques: tuple[Technique, ...],
        notes: dict[str, str] | None = None,
        locks: dict[str, str] | None = None,
    ) -> None:
        """The techniques in this order; `notes` says what each did for this person, `locks`
        why one cannot be started (it stays listed, greyed, with the reason)."""
        notes = notes or {}
        locks = locks or {}
        ids = tuple(t.id for t in techniques)
        heading = heading or EMPTY_HEADING
        if (
            heading == self.heading.text()
            and ids == self._ids()
            and notes == self._notes
            and locks == self._locks
        ):
            return
        self._notes = dict(notes)
        self._locks = dict(locks)
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
            if technique.id in locks:
                text = f"Locked for you — {text}"
            item = QListWidgetItem(text)
            item.setData(TECHNIQUE_ROLE, technique.id)
            item.setData(Qt.ItemDataRole.ToolTipRole, locks.get(technique.id) or technique.summary)
            locked = f" Locked: {locks[technique.id]}" if technique.id in locks else ""
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{technique.name}. {technique.summary}{locked}")
            if technique.id in locks:
                item.setForeground(
                    self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                )
            self.list.addItem(item)
            if technique.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_start()
        # nothing to treat yet: the sentence above says what will appear, not an empty box
        for widget in (self.list, self.detail_area, self.start_button):
            widget.setVisible(bool(techniques))

    def set_blocked(self, why: str) -> None:
        """While an urgent warning stands unread, no routine can start from here, and it says why."""
        self._blocked = why
        self._update_start()

    def _update_start(self) -> None:
        item = self.list.currentItem()
        lock = self._locks.get(item.data(TECHNIQUE_ROLE), "") if item is not None else ""
        why = self._blocked or lock
        self.start_button.setEnabled(not why and self.list.count() > 0)
        self.start_button.setToolTip(why or "Step-by-step with a countdown and cues (Enter on the list)")
        if self._blocked:
            self.start_button.setText("Read the warning first")
        else:
            self.start_button.setText("Locked for you" if lock else "Start the guided routine")

    def _ids(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).data(TECHNIQUE_ROLE) for i in range(self.list.count()))

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        lock = self._locks.get(item.data(TECHNIQUE_ROLE), "") if item is not None else ""
        self.detail.setText(
            f"Locked for you: {lock}" if lock else item.data(Qt.ItemDataRole.ToolTipRole) if item else ""
        )
        self._update_start()

    def _start_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.technique_started.emit(item.data(TECHNIQUE_ROLE))
