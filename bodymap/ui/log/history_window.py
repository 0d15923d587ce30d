"""History: pain over time, a heat map on the body, what helps, and the entries themselves.

pyqtgraph is imported here only, when the history is first opened (or warmed up at idle):
it costs a quarter of a second that start-up should not pay.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, cast

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bodymap.core import words
from bodymap.core.colour_scale import hex_colour
from bodymap.core.effects import Effect, effects_of_counts
from bodymap.core.geometry import BodyGeometry
from bodymap.core.painlog import Entry, PainLog
from bodymap.core.regions import RegionCatalog
from bodymap.ui.log.daily_chart import DailyChart, set_line
from bodymap.ui.log.save_entry_dialog import SaveEntryDialog
from bodymap.ui.map.body_map_widget import BodyMapWidget
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.map.intensity_panel import IntensityLegend
from bodymap.ui.theme import theme_for
from bodymap.ui.titles import window_title

PERIODS = (("Last 7 days", 7), ("Last 30 days", 30), ("Last 90 days", 90), ("Last year", 365), ("All", 0))
CUSTOM = "Choose dates…"
PAGE = 200  # entries fetched at a time into the list


def _set_line(curve: Any, days: list[tuple[str, float, int]], symbol: str | None = None) -> None:
    """The chart's own drawing (ui/log/daily_chart.py, shared with the report): gaps as gaps."""
    set_line(curve, days, symbol)


class EntriesModel(QAbstractTableModel):
    """The log's entries, newest first, fetched a page at a time as the list scrolls."""

    HEADERS = ("When", "Overall", "Where", "Note")

    def __init__(self, log: PainLog, catalog: RegionCatalog) -> None:
        super().__init__()
        self.log = log
        self.catalog = catalog
        self.rows: list[Entry] = []
        self._total = 0
        self.reload()

    def reload(self, total: int | None = None) -> None:
        """From the newest entry again; `total`, the number of entries, when known already."""
        self.beginResetModel()
        self._total = self.log.count() if total is None else total
        self.rows = self.log.entries(limit=PAGE)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and len(self.rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        more = self.log.entries(limit=PAGE, offset=len(self.rows))
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return f"{entry.at:%a %d %b %Y, %H:%M}" + ("" if _same_offset(entry.at) else f" ({entry.at:%z})")
        if column == 1:
            return "–" if entry.overall is None else f"{entry.overall}/10"
        if column == 2:
            return "; ".join(f"{self._label(m.region)}: {m.intensity}/10" for m in entry.marks)
        return entry.note

    def _label(self, region: str) -> str:
        return self.catalog[region].label if region in self.catalog else region


def _same_offset(moment: datetime) -> bool:
    return moment.utcoffset() == moment.astimezone().utcoffset()


class _EntryChange(QUndoCommand):
    """An edit or a delete of one entry, undoable."""

    def __init__(self, history: HistoryWindow, text: str, do, undo) -> None:  # type: ignore[no-untyped-def]
        super().__init__(text)
        self.history, self._do, self._undo = history, do, undo

    def redo(self) -> None:
        self._do()
        self.history.refresh()

    def undo(self) -> None:
        self._undo()
        self.history.refresh()


class HistoryWindow(QMainWindow):
    log_changed = Signal()

    def __init__(  # type: ignore[no-untyped-def]
        self, log: PainLog, catalog: RegionCatalog, geometry: BodyGeometry, names: dict[str, str], parent=None
    ) -> None:
        super().__init__(parent)
        self.names = names  # technique and muscle ids -> what people call them
        import pyqtgraph as pg

        self.setWindowTitle(window_title("History"))
        self.log = log
        self.catalog = catalog
        self.undo_stack = QUndoStack(self)
        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.period.addItem(CUSTOM, -1)
        self.period.setCurrentIndex(2)
        self.period.setAccessibleName("Period")
        today = QDate.currentDate()
        self.start_date = QDateEdit(today.addDays(-30))
        self.end_date = QDateEdit(today)
        for edit in (self.start_date, self.end_date):
            edit.setCalendarPopup(True)
            edit.setVisible(False)
            edit.dateChanged.connect(self.refresh)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Period:"))
        top.addWidget(self.period)
        top.addWidget(self.start_date)
        top.addWidget(self.end_date)
        top.addWidget(self.summary, 1)

        # pain over time: the chart the report prints too (ui/log/daily_chart.py)
        pg.setConfigOptions(antialias=True, background=None, foreground=self.palette().text().color())
        self.chart = DailyChart(self.palette().text().color())
        self.plot = self.chart.plot
        self.legend = self.chart.legend
        self.overall_curve = self.chart.overall_curve
        self.area_curve = self.chart.area_curve  # drawn, and in the legend, only while an area is chosen
        self.area = QComboBox()
        self.area.setAccessibleName("Area to show with the overall pain")
        chart_page = QWidget()
        chart_layout = QVBoxLayout(chart_page)
        row = QHBoxLayout()
        row.addWidget(QLabel("Also show:"))
        row.addWidget(self.area, 1)
        chart_layout.addLayout(row)
        chart_layout.addWidget(self.chart, 1)

        # heat map on the body
        self.scene = BodyScene(catalog, geometry, theme_for(self.palette()))
        self.heat = BodyMapWidget(self.scene)
        self.measure = QComboBox()
        self.measure.addItem("Average intensity", False)
        self.measure.addItem("Worst intensity", True)
        heat_page = QWidget()
        heat_layout = QVBoxLayout(heat_page)
        row = QHBoxLayout()
        row.addWidget(QLabel("Colour by:"))
        row.addWidget(self.measure)
        row.addWidget(IntensityLegend(), 1)
        heat_layout.addLayout(row)
        heat_layout.addWidget(self.heat, 1)

        # what helps
        self.by_technique = self._effect_table("Technique")
        self.by_muscle = self._effect_table("Muscle")
        helps = QSplitter(Qt.Orientation.Vertical)
        helps.addWidget(self.by_technique)
        helps.addWidget(self.by_muscle)
        self.helps_note = QLabel()
        self.helps_note.setWordWrap(True)
        helps_page = QWidget()
        helps_layout = QVBoxLayout(helps_page)
        helps_layout.addWidget(self.helps_note)
        helps_layout.addWidget(helps, 1)

        # the entries
        self.entries = EntriesModel(log, catalog)
        self.table = QTableView()
        self.table.setModel(self.entries)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        entries_page = QWidget()
        entries_layout = QVBoxLayout(entries_page)
        entries_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.undo_button, self.redo_button):
            row.addWidget(button)
        row.addStretch(1)
        entries_layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.addTab(chart_page, "Pain over time")
        self.tabs.addTab(heat_page, "On the body")
        self.tabs.addTab(helps_page, "What helps me")
        self.tabs.addTab(entries_page, "Entries")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1100, 720)

        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        )
        self.addActions([undo, redo])
        self.period.currentIndexChanged.connect(self._period_changed)
        self.area.currentIndexChanged.connect(self._draw_area)
        self.measure.currentIndexChanged.connect(self._draw_heat)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.refresh()

    def _effect_table(self, what: str) -> QTableWidget:
        table = QTableWidget(0, 4)
        table.setHorizontalHeaderLabels([what, "Sessions", "Change in pain", "Better"])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return table

    # -- the period
    def span(self) -> tuple[datetime | None, datetime | None]:
        days = self.period.currentData()
        if days == -1:
            start = cast(date, self.start_date.date().toPython())
            end = cast(date, self.end_date.date().toPython())
            since = datetime(start.year, start.month, start.day).astimezone()
            until = datetime(end.year, end.month, end.day).astimezone() + timedelta(days=1)
            return since, until
        if not days:
            return None, None
        # whole days on the person's clock, today included: "last 7 days" is today and the 6 before
        today = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        return today - timedelta(days=days - 1), None

    def _period_changed(self) -> None:
        custom = self.period.currentData() == -1
        self.start_date.setVisible(custom)
        self.end_date.setVisible(custom)
        self.refresh()

    # -- drawing (the store does the sums)
    def refresh(self) -> None:
        since, until = self.span()
        days = self.log.daily_overall(since, until)
        _set_line(self.overall_curve, days, symbol="o")
        count = self.log.count()
        self.summary.setText(
            f"{words.count(count, 'entry')} in the log"
            + (f"; {words.count(len(days), 'day')} with a rating in this period" if days else "")
        )
        current = self.area.currentData()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem("(nothing)", "")
        for area, n in self.log.marked_areas(since, until):
            label = self.catalog.areas[area].label if area in self.catalog.areas else area
            self.area.addItem(f"{label} ({n})", area)
        index = self.area.findData(current)
        self.area.setCurrentIndex(max(0, index))
        self.area.blockSignals(False)
        self._draw_area()
        self._draw_heat()
        self._draw_helps()
        self.entries.reload(count)
        self.plot.enableAutoRange(axis="x")

    def _draw_area(self) -> None:
        area = self.area.currentData()
        self.legend.removeItem(self.area_curve)
        if not area:
            self.area_curve.setData([], [])
            return
        label = self.catalog.areas[area].label if area in self.catalog.areas else area
        self.legend.addItem(self.area_curve, f"{label} (daily average, either side)")
        since, until = self.span()
        rows = self.log.daily_area(area, since, until)
        _set_line(self.area_curve, rows)

    def _draw_heat(self) -> None:
        since, until = self.span()
        values = self.log.region_intensity(since, until, worst=bool(self.measure.currentData()))
        for region in self.catalog.regions:
            value = values.get(region)
            self.scene.set_region_fill(region, None if value is None else QColor(hex_colour(value)))
        for region, value in values.items():
            if region in self.catalog:
                item = self.scene.items_by_region[region]
                item.setToolTip(f"{self.catalog[region].label}: {value:.1f}/10")

    def _draw_helps(self) -> None:
        since, _ = self.span()
        sessions, rated = self.log.session_counts(since)
        self.helps_note.setText(
            f"{words.count(sessions, 'treatment session')} in this period, {rated} rated before and after. "
            "Change in pain: the average of after minus before (below zero means it helped), ± how much "
            "it varied. Better: the sessions that ended with less pain. A muscle counts every "
            "technique used on it."
            if sessions
            else "No treatment sessions in this period yet: follow a guided routine and rate your pain "
            "before and after to see what helps you."
        )
        changes = self.log.session_changes(since)  # summed by the store, not session by session
        self._fill(self.by_technique, effects_of_counts((t, change, n) for t, _, change, n in changes))
        self._fill(self.by_muscle, effects_of_counts((m, change, n) for _, m, change, n in changes))

    def _fill(self, table: QTableWidget, found: list[Effect]) -> None:
        table.setRowCount(len(found))
        for row, effect in enumerate(found):
            cells = [
                self.names.get(effect.key, effect.key.replace("_", " ")),
                str(effect.sessions),
                f"{effect.mean_change:+.1f} ± {effect.spread:.1f}",
                f"{effect.better} of {effect.sessions}",
            ]
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))

    # -- editing, undoable
    def selected_entry(self) -> Entry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries.rows[rows[0].row()] if rows else None

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        regions = [(m.region, self.catalog[m.region].label) for m in entry.marks if m.region in self.catalog]
        details = SaveEntryDialog.ask_edit(self, entry, regions)
        if details is None:
            return
        from dataclasses import replace

        # what the dialog shows is what is kept: no rating stays none, a cleared note is cleared
        marks = tuple(replace(m, quality=details.qualities.get(m.region)) for m in entry.marks)
        edited = replace(entry, overall=details.overall, note=details.note, marks=marks)
        self.undo_stack.push(
            _EntryChange(
                self, "edit entry", lambda: self.log.replace(edited), lambda: self.log.replace(entry)
            )
        )
        self.log_changed.emit()

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        uid = entry.uid
        self.undo_stack.push(
            _EntryChange(
                self,
                "delete entry",
                lambda: self.log.set_deleted(uid),
                lambda: self.log.set_deleted(uid, False),
            )
        )
        self.log_changed.emit()
