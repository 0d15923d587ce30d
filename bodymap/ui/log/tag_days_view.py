"""What helps me > days with and without a tag: pain on days saved with "poor sleep" (or any
tag) against days without it, once there are enough days of each; said as what went together,
never as a cause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from bodymap.core.effects import MIN_DAYS_EACH, TagComparison, days_of, tag_comparisons
from bodymap.core.quick_log import tag_label

if TYPE_CHECKING:
    from bodymap.core.painlog import PainLog

CAVEAT = (
    "These show what went together in your log, not what caused what: a bad day can bring poor "
    "sleep and pain alike. Days are counted from the first day you saved a tag."
)
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

    def show_period(self, log: PainLog, since: datetime | None, until: datetime | None) -> None:
        """Compare the days of History's period. The tags are read entry by entry, so only when
        this is on screen: History opens and changes period at the speed of its day sums."""
        self._pending = (log, since, until)
        if self.isVisible():
            self._compare()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._compare()

    def _compare(self) -> None:
        if self._pending is None:
            return
        log, since, until = self._pending
        self._pending = None
        entries = (e for e in log.stream_entries(since=since) if until is None or e.at < until)
        self.show_comparisons(tag_comparisons(days_of(entries)))

    def show_comparisons(self, found: Sequence[TagComparison]) -> None:
        self.caveat.setVisible(bool(found))
        if not found:
            self.text.setText(NO_TAGS)
            return
        self.text.setText("\n\n".join(c.summary(tag_label(c.tag)) for c in found))
