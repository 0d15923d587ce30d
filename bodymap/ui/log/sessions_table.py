"""History's list of treatment sessions over the period, newest first, a page at a time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from bodymap.core.history_view import SESSION_HEADERS, session_cells
from bodymap.core.painlog import PainLog
from bodymap.ui.log.paged_model import PAGE, PagedModel


class SessionsModel(PagedModel[tuple[str, ...]]):
    HEADERS = SESSION_HEADERS

    def __init__(self, log: PainLog, names: Mapping[str, str]) -> None:
        super().__init__()
        self.log = log
        self.names = names

    def _read(self, since: datetime | None, until: datetime | None, offset: int) -> list[tuple[str, ...]]:
        # the period's local days, each session on its own clock, as History counts entries
        page = self.log.sessions(since, until, limit=PAGE, offset=offset, by_day=True)
        return [session_cells(s, self.names) for s in page]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.rows[index.row()][index.column()]
