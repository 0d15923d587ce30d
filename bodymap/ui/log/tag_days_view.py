"""What helps me > days with and without a tag: pain on days saved with "poor sleep" (or any
tag) against days without it, once there are enough days of each; said as what went together,
never as a cause."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from bodymap.core.effects import MIN_DAYS_EACH, DayTally, TagComparison, tag_comparisons
from bodymap.core.errors import StorageError, UserError
from bodymap.core.quick_log import tag_label

if TYPE_CHECKING:
    from bodymap.core.painlog import PainLog

CAVEAT = (
    "These show what went together in your log, not what caused what: a bad day can bring poor "
    "sleep and pain alike. Days are counted from the first day you saved a tag."
)
PAGE = 2000  # entries read per turn of the event loop (about 40 ms)
NO_TAGS = (
    "Save entries with a tag (long sitting, poor sleep, stress, exercise, the weather) and, once there "
    f"are {MIN_DAYS_EACH} days with a tag and {MIN_DAYS_EACH} without it, your pain on those days is "
    "compared here."
)


class TagDaysView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("<b>Days with and without a tag</b>")
        self.caveat = QLabel(CAVEAT)
        self.caveat.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.caveat)
        layout.addWidget(scroll, 1)
        # room for the caveat and a few comparisons before the splitter squeezes it
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self._pending: tuple[PainLog, datetime | None, datetime | None] | None = None
        self._reading: _Reading | None = None
        self._next_page = QTimer(self)
        self._next_page.setSingleShot(True)
        self._next_page.setInterval(0)  # after whatever the person did meanwhile
        self._next_page.timeout.connect(self._read_page)

    def show_period(self, log: PainLog, since: datetime | None, until: datetime | None) -> None:
        """Compare the days of History's period. The tags are read entry by entry, so only when
        this is on screen: History opens and changes period at the speed of its day sums."""
        self._pending = (log, since, until)
        if self.isVisible():
            self._compare()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._compare()

    def hideEvent(self, event: QHideEvent) -> None:
        """Out of sight (another tab, History closed, the log about to close): stop reading,
        and read the period again when it is looked at."""
        super().hideEvent(event)
        reading = self._reading
        if reading is not None:
            self._next_page.stop()
            self._reading = None
            self._pending = self._pending or (reading.log, reading.since, reading.until)

    def _compare(self) -> None:
        if self._pending is None:
            return
        self._reading = _Reading(*self._pending)  # a new period: what was being read is dropped
        self._pending = None
        self._read_page()

    def _read_page(self) -> None:
        reading = self._reading
        if reading is None:
            return
        try:
            page = reading.log.entries(reading.since, reading.until, limit=PAGE, offset=reading.read)
        except (sqlite3.Error, UserError, StorageError) as exc:
            self._reading = None
            self.caveat.setVisible(False)
            self.text.setText(f"Your days could not be compared: {exc}.")
            return
        reading.tally.add(page)
        reading.read += len(page)
        if len(page) == PAGE:
            if reading.read == PAGE:
                self.text.setText("Comparing your days…")
            self._next_page.start()
            return
        self._reading = None
        self.show_comparisons(tag_comparisons(reading.tally.days()))

    def show_comparisons(self, found: Sequence[TagComparison]) -> None:
        self.caveat.setVisible(bool(found))
        if not found:
            self.text.setText(NO_TAGS)
            return
        self.text.setText("\n\n".join(c.summary(tag_label(c.tag)) for c in found))


class _Reading:
    """A period being read a page at a time."""

    def __init__(self, log: PainLog, since: datetime | None, until: datetime | None) -> None:
        self.log, self.since, self.until = log, since, until
        self.tally = DayTally()
        self.read = 0
