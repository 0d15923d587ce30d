"""History's list of treatment sessions over the period, newest first, a page at a time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bodymap.core.history_view import SESSION_HEADERS, session_cells
from bodymap.core.painlog import PainLog

PAGE = 200  # sessions read at a time as the list scrolls


class SessionsModel(QAbstractTableModel):
    def __init__(self, log: PainLog, names: Mapping[str, str]) -> None:
        super().__init__()
        self.log = log
        self.names = names
        self.rows: list[tuple[str, ...]] = []
        self._span: tuple[datetime | None, datetime | None] = (None, None)
        self._more = False

    def reload(self, since: datetime | None, until: datetime | None) -> None:
        self.beginResetModel()
        self._span = (since, until)
        self.rows = []
        self.rows = self._page()
        self.endResetModel()

    def _page(self) -> list[tuple[str, ...]]:
        # the period's local days, each session on its own clock, as History counts entries
        page = self.log.sessions(*self._span, limit=PAGE, offset=len(self.rows), by_day=True)
        self._more = len(page) == PAGE  # a full page: there may be more
        return [session_cells(s, self.names) for s in page]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SESSION_HEADERS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        more = self._page()
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return SESSION_HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.rows[index.row()][index.column()]
