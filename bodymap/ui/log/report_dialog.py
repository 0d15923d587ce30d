"""Before File > Export… writes the clinician report: which period (the last 90 days unless
the person chooses otherwise) and which sections after the summary page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bodymap.ui.titles import window_title

# label, days back from today (0: the whole log, -1: dates the person chooses)
PERIODS = (("Last 30 days", 30), ("Last 90 days", 90), ("Last year", 365), ("All", 0), ("Choose dates…", -1))
DEFAULT = 1  # the last 90 days: a clinician's usual look back
SECTIONS = {"chart": "The daily chart", "entries": "Every entry (a table of all of them)"}


@dataclass(frozen=True)
class ReportChoice:
    first: date | None  # None: from the log's first day
    last: date | None  # None: to its last
    sections: tuple[str, ...]


def period_days(days: int, today: date) -> tuple[date | None, date | None]:
    """The first and last day of "the last N days", today included; (None, None) for all."""
    if days <= 0:
        return None, None
    return today - timedelta(days=days - 1), today


class ReportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("PDF report for your clinician"))
        self.today = today or date.today()
        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.period.setCurrentIndex(DEFAULT)
        self.period.setAccessibleName("Period of the report")
        start = self.today - timedelta(days=89)
        self.first = QDateEdit(QDate(start.year, start.month, start.day))
        self.last = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.dates = QWidget()
        row = QHBoxLayout(self.dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first)
        row.addWidget(QLabel("to"))
        row.addWidget(self.last)
        self.dates.setVisible(False)
        self.boxes = {key: QCheckBox(label) for key, label in SECTIONS.items()}
        for box in self.boxes.values():
            box.setChecked(True)
        form = QFormLayout()
        form.addRow("Period:", self.period)
        form.addRow("", self.dates)
        form.addRow("After the summary:", self.boxes["chart"])
        form.addRow("", self.boxes["entries"])
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Write the report")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Page one summarises the period; the sections you tick follow it.", wordWrap=True)
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.period.currentIndexChanged.connect(
            lambda _: self.dates.setVisible(self.period.currentData() == -1)
        )

    def choice(self) -> ReportChoice | None:
        """What is chosen, or None when the chosen dates run backwards (said in the dialog)."""
        days = int(self.period.currentData())
        if days == -1:
            first = cast(date, self.first.date().toPython())
            last = cast(date, self.last.date().toPython())
            if first > last:
                return None
        else:
            first, last = period_days(days, self.today)  # type: ignore[assignment]
        sections = tuple(key for key, box in self.boxes.items() if box.isChecked())
        return ReportChoice(first, last, sections)

    def _accept(self) -> None:
        if self.choice() is None:
            self.problem.setText("The first day comes after the last: choose the dates again.")
            self.problem.setVisible(True)
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> ReportChoice | None:
        """The period and sections, or None when the person cancels. Tests replace this."""
        dialog = cls(parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
