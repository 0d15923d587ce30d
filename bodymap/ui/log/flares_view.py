"""History > Flares: each flare's start, end and length, and how long they typically last."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.quick_log import duration_words, flare_figures, flares_between

if TYPE_CHECKING:
    from bodymap.core.painlog import Flare, PainLog

MOMENT = "%a %d %b %Y, %H:%M"


class FlaresView(QWidget):
    delete_requested = Signal(object)  # the Flare chosen, to be removed (undoable in History)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flares: list[Flare] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Started", "Over", "Lasted"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Flares")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # a flare started by mistake (a tap too many) can go; Edit > Undo brings it back
        self.delete = QPushButton("Delete this flare")
        self.delete.setEnabled(False)
        self.delete.clicked.connect(self._delete_chosen)
        self.table.itemSelectionChanged.connect(lambda: self.delete.setEnabled(self.chosen() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.delete, 0, Qt.AlignmentFlag.AlignRight)

    def chosen(self) -> Flare | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.flares[min(rows)] if rows and min(rows) < len(self.flares) else None

    def _delete_chosen(self) -> None:
        flare = self.chosen()
        if flare is not None:
            self.delete_requested.emit(flare)

    def show_period(self, log: PainLog, since: datetime | None, until: datetime | None) -> None:
        """The flares that started in History's period (a handful: read as they are)."""
        self.show_flares(flares_between(log, since, until), datetime.now().astimezone())

    def show_flares(self, flares: Sequence[Flare], now: datetime) -> None:
        """`flares` latest first; one still going on says so and how long it has lasted."""
        self.flares = list(flares)
        self.summary.setText(flare_figures(flares, now).summary())
        self.table.clearSelection()
        self.table.setRowCount(len(flares))
        for row, flare in enumerate(flares):
            length = duration_words(flare.duration(now))
            cells = (
                f"{flare.started:{MOMENT}}",
                "going on" if flare.ended is None else f"{flare.ended:{MOMENT}}",
                length if flare.ended is not None else f"{length} so far",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
