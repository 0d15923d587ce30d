"""How to treat the chosen candidate: its techniques, one line of facts each, and Start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from bodymap.core.techniques import Technique

TECHNIQUE_ROLE = Qt.ItemDataRole.UserRole
SHOWN_AT_LEAST = 3  # techniques the list shows without scrolling
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
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self._fit_list_palette()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # the summary gets every line it needs (a scroll box of five lines cut it through the
        # letters); a short window scrolls the whole side panel instead
        self.detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.detail_area = self.detail
        self.start_button = QPushButton("Start the guided routine")
        self.start_button.setToolTip("Step-by-step with a countdown and cues (Enter on the list)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # the start button beside the heading, above the list: at the foot of the tab it was
        # below the fold of a 1280×800 screen, where the side panel scrolls
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail_area)
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

    def _fit_detail(self) -> None:
        """Word-wrapped text in a splitter does not ask for its height: give it its lines;
        and the list room for three techniques whole (or all of them, when fewer)."""
        self.detail.setMinimumHeight(max(0, self.detail.heightForWidth(max(1, self.detail.width()))))
        shown = min(SHOWN_AT_LEAST, self.list.count())
        if not shown:
            self.list.setMinimumHeight(0)
            return
        self.list.doItemsLayout()  # the rows wrapped at the list's present width
        last = self.list.visualItemRect(self.list.item(shown - 1))
        top = self.list.visualItemRect(self.list.item(0)).top()
        edges = 2 * self.list.spacing() + 2 * self.list.frameWidth() + 1
        self.list.setMinimumHeight(last.bottom() - top + edges)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_detail()

    def _fit_list_palette(self) -> None:
        """Every other row a shade of the list's own background, from the palette: a dark
        theme that sets no alternate colour no longer gets a light row under light text."""
        palette = self.list.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        shade = QColor(
            (base.red() * 12 + text.red()) // 13,
            (base.green() * 12 + text.green()) // 13,
            (base.blue() * 12 + text.blue()) // 13,
        )
        if palette.color(QPalette.ColorRole.AlternateBase) != shade:
            palette.setColor(QPalette.ColorRole.AlternateBase, shade)
            self.list.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._fit_list_palette()

    def _ids(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).data(TECHNIQUE_ROLE) for i in range(self.list.count()))

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        lock = self._locks.get(item.data(TECHNIQUE_ROLE), "") if item is not None else ""
        self.detail.setText(
            f"Locked for you: {lock}" if lock else item.data(Qt.ItemDataRole.ToolTipRole) if item else ""
        )
        self._update_start()
        self._fit_detail()

    def _start_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.technique_started.emit(item.data(TECHNIQUE_ROLE))
