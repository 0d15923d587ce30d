"""A History list of a period's rows, newest first, read a page at a time as it scrolls: a
long log is never read whole into a list the person may not scroll."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

PAGE = 200  # rows read at a time as the list scrolls

Row = TypeVar("Row")


class PagedModel(QAbstractTableModel, Generic[Row]):
    """Subclasses say what a page is (`_read`) and name their columns (`HEADERS`)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self._span: tuple[datetime | None, datetime | None] = (None, None)
        self._more = False

    def _read(self, since: datetime | None, until: datetime | None, offset: int) -> list[Row]:
        raise NotImplementedError

    def reload(self, since: datetime | None = None, until: datetime | None = None) -> None:
        """The period's rows from the newest again."""
        self.beginResetModel()
        self._span = (since, until)
        self.rows = []
        self.rows = self._page()
        self.endResetModel()

    def _page(self) -> list[Row]:
        page = self._read(*self._span, len(self.rows))
        self._more = len(page) == PAGE  # a full page: there may be more
        return page

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

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
            return self.HEADERS[section]
        return None
