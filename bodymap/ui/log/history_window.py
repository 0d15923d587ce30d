"""History: pain over time, a heat map on the body, what helps, and the entries themselves.

pyqtgraph is imported here only, when the history is first opened (or warmed up at idle):
it costs a quarter of a second that start-up should not pay.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, Protocol, cast

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QUndoCommand, QUndoStack
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
from bodymap.core.errors import StorageError, UserError
from bodymap.core.geometry import BodyGeometry
from bodymap.core.history_view import HEAT_MODES, OFTEN, heat_values
from bodymap.core.painlog import Entry, Flare, LoggedMark, PainLog
from bodymap.core.quick_log import tag_label
from bodymap.core.regions import RegionCatalog
from bodymap.ui.log.daily_chart import DailyChart, set_line
from bodymap.ui.log.edit_entry_dialog import EditEntryDialog
from bodymap.ui.log.flares_view import FlaresView
from bodymap.ui.log.paged_model import PAGE, PagedModel
from bodymap.ui.log.sessions_table import SessionsModel
from bodymap.ui.log.tag_days_view import TagDaysView
from bodymap.ui.map.body_map_widget import BodyMapWidget
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.map.intensity_panel import IntensityLegend
from bodymap.ui.notices import Notice
from bodymap.ui.theme import theme_for
from bodymap.ui.titles import window_title

PERIODS = (("Last 7 days", 7), ("Last 30 days", 30), ("Last 90 days", 90), ("Last year", 365), ("All", 0))
CUSTOM = "Choose dates…"


class FileActions(Protocol):
    """The window's File commands (ui/log/log_actions.py): History offers the same ones."""

    def export_log(self) -> object: ...
    def import_log(self) -> object: ...
    def back_up_now(self) -> object: ...
    def restore_backup(self) -> object: ...


class ShareLegend(IntensityLegend):
    """The colour scale read as a share of the period's entries: 0% to 100%."""

    def number_boxes(self) -> list[tuple[str, QRectF]]:
        boxes = super().number_boxes()
        wide = self.fontMetrics().horizontalAdvance("100%") + 2
        found = []
        ends = (boxes[0], boxes[len(boxes) // 2], boxes[-1])
        for text, (_, box) in zip(("0%", "50%", "100%"), ends, strict=True):
            # as wide as its words, and inside the widget: centred on the bar's end "100%" is cut
            left = min(max(box.center().x() - wide / 2, 0), self.width() - wide)
            found.append((text, QRectF(left, box.top(), wide, box.height())))
        return found


def _set_line(curve: Any, days: list[tuple[str, float, int]], symbol: str | None = None) -> None:
    """The chart's own drawing (ui/log/daily_chart.py, shared with the report): gaps as gaps."""
    set_line(curve, days, symbol)


class EntriesModel(PagedModel[Entry]):
    """The period's entries, newest first, fetched a page at a time as the list scrolls."""

    HEADERS = ("When", "Overall", "Where", "Note and the day")

    def __init__(self, log: PainLog, catalog: RegionCatalog) -> None:
        super().__init__()
        self.log = log
        self.catalog = catalog

    def _read(self, since: datetime | None, until: datetime | None, offset: int) -> list[Entry]:
        # days as the figures count them: each entry on its own clock
        return self.log.entries(since, until, limit=PAGE, offset=offset, by_day=True)

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
            return "; ".join(self._place(m) for m in entry.marks)
        # what the day was like, as saved with the entry, after the note (as the report has it)
        day = ", ".join(map(tag_label, entry.tags))
        return " — ".join(part for part in (entry.note, day) if part)

    def _place(self, mark: LoggedMark) -> str:
        felt = f" ({', '.join(mark.qualities)})" if mark.qualities else ""
        return f"{self._label(mark.region)}: {mark.intensity}/10{felt}"

    def _label(self, region: str) -> str:
        return self.catalog[region].label if region in self.catalog else region


def _same_offset(moment: datetime) -> bool:
    return moment.utcoffset() == moment.astimezone().utcoffset()


class _EntryChange(QUndoCommand):
    """An edit or a delete of one entry, undoable. One the log cannot take (a full disk, the
    entry gone from the file) is said in a sentence and leaves the stack, having changed nothing."""

    def __init__(self, history: HistoryWindow, text: str, do, undo) -> None:  # type: ignore[no-untyped-def]
        super().__init__(text)
        self.history, self._do, self._undo = history, do, undo

    def redo(self) -> None:
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Callable[[], object]) -> None:
        try:
            step()  # one transaction: it is all written or none of it
        except (UserError, StorageError, sqlite3.Error) as exc:
            self.setObsolete(True)  # the stack drops it rather than offer to undo what never was
            Notice.warn(self.history, "Not changed", f"Your log was not changed: {exc}.")
        self.history.refresh()
        self.history.log_changed.emit()  # a do, an undo or a redo: the main window follows it


class HistoryWindow(QMainWindow):
    log_changed = Signal()  # an entry or a flare edited, deleted or put back here

    def __init__(  # type: ignore[no-untyped-def]
        self,
        log: PainLog,
        catalog: RegionCatalog,
        geometry: BodyGeometry,
        names: dict[str, str],
        parent=None,
        actions: FileActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.names = names  # technique and muscle ids -> what people call them
        import pyqtgraph as pg

        self.setWindowTitle(window_title("History"))
        self.log = log
        self.catalog = catalog
        self.undo_stack = QUndoStack(self)
        self._in_period = 0  # entries in the period, counted by refresh()
        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.period.addItem(CUSTOM, -1)
        self.period.setCurrentIndex(2)
        self.period.setAccessibleName("Period")
        today = QDate.currentDate()
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start_date = QDateEdit(today.addDays(-30))
        self.end_date = QDateEdit(today)
        for edit, name in ((self.start_date, "First day"), (self.end_date, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")  # "2 Nov 2026": no day and month to tell apart
            edit.setAccessibleName(name)
            edit.setVisible(False)
            edit.dateChanged.connect(self.refresh)
        # the last day is never before the first
        self.start_date.dateChanged.connect(self.end_date.setMinimumDate)
        self.end_date.setMinimumDate(self.start_date.date())
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # two lines rather than a window wider than 800 px
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
        for mode, label, _ in HEAT_MODES:
            self.measure.addItem(label, mode)
        self.measure.setAccessibleName("Colour the body by")
        # the scale's numbers say what a colour means: pain 0-10, or a share of the entries
        self.pain_legend = IntensityLegend()
        self.share_legend = ShareLegend()
        self.share_legend.setAccessibleName(
            "Colour scale: pale yellow is marked in none of the entries, deep red in every one"
        )
        self.heat_caption = QLabel()
        self.heat_caption.setWordWrap(True)
        heat_page = QWidget()
        heat_layout = QVBoxLayout(heat_page)
        row = QHBoxLayout()
        colour_by = QLabel("&Colour by:")
        colour_by.setBuddy(self.measure)
        row.addWidget(colour_by)
        row.addWidget(self.measure)
        row.addWidget(self.pain_legend, 1)
        row.addWidget(self.share_legend, 1)
        heat_layout.addLayout(row)
        heat_layout.addWidget(self.heat_caption)
        heat_layout.addWidget(self.heat, 1)

        # what helps
        self.by_technique = self._effect_table("Technique")
        self.by_muscle = self._effect_table("Muscle")
        helps = QSplitter(Qt.Orientation.Vertical)
        helps.addWidget(self.by_technique)
        helps.addWidget(self.by_muscle)
        self.tag_days = TagDaysView()  # pain on days with a context tag against days without
        helps.addWidget(self.tag_days)
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
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        entries_page = QWidget()
        entries_layout = QVBoxLayout(entries_page)
        # an empty period says so in words, as the other tabs do, not as a blank table
        self.entries_note = QLabel("No entries in this period: entries you save to your log are listed here.")
        self.entries_note.setWordWrap(True)
        entries_layout.addWidget(self.entries_note)
        entries_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.undo_button, self.redo_button):
            row.addWidget(button)
        row.addStretch(1)
        entries_layout.addLayout(row)

        # the treatment sessions themselves, with the pain before and after each
        self.sessions = SessionsModel(log, names)
        self.sessions_table = QTableView()
        self.sessions_table.setModel(self.sessions)
        self.sessions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_table.verticalHeader().setVisible(False)
        header = self.sessions_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(30)  # widths from the first rows: not every cell of each page
        self.sessions_note = QLabel()
        self.sessions_note.setWordWrap(True)
        sessions_page = QWidget()
        sessions_layout = QVBoxLayout(sessions_page)
        sessions_layout.addWidget(self.sessions_note)
        sessions_layout.addWidget(self.sessions_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(chart_page, "Pain over time")
        self.tabs.addTab(heat_page, "On the body")
        self.tabs.addTab(helps_page, "What helps me")
        self.tabs.addTab(sessions_page, "Sessions")
        self.tabs.addTab(entries_page, "Entries")
        self.flares_view = FlaresView()  # each flare's start, end and length
        self.flares_view.delete_requested.connect(self.delete_flare)
        self.tabs.addTab(self.flares_view, "Flares")
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
        if actions is not None:
            self._file_menu(actions)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.area.currentIndexChanged.connect(self._draw_area)
        self.measure.currentIndexChanged.connect(self._draw_heat)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        # Edit and Delete act on the entry chosen: greyed while there is none
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.entries.modelReset.connect(self._chosen)
        # from the keyboard too: Enter edits the entry chosen in the list, Delete deletes it
        for keys, command in ((("Return", "Enter"), self.edit_selected), (("Delete",), self.delete_selected)):
            for key in keys:
                QShortcut(QKeySequence(key), self.table, command, context=Qt.ShortcutContext.WidgetShortcut)
        self.refresh()

    def _file_menu(self, actions: FileActions) -> None:
        """The main window's File commands, the very same code: what they say in the window's
        status bar is said here too, where the person is looking."""
        menu = self.menuBar().addMenu("&File")
        commands = (
            ("&Export…", actions.export_log, "Ctrl+E"),
            ("I&mport…", actions.import_log, ""),
            ("&Back up now", actions.back_up_now, ""),
            ("&Restore from a backup…", actions.restore_backup, ""),
        )
        for text, command, keys in commands:
            action = menu.addAction(text)
            action.triggered.connect(self._echoing(command))
            if keys:
                action.setShortcut(QKeySequence(keys))
        menu.addSeparator()
        close = menu.addAction("&Close History", self.close)
        close.setShortcuts(QKeySequence.StandardKey.Close)

    def _echoing(self, command: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            parent = self.parentWidget()
            bar = parent.statusBar() if isinstance(parent, QMainWindow) else None
            if bar is None:
                command()
                return

            def echo(message: str) -> None:
                if message:
                    self.statusBar().showMessage(message, 15000)

            bar.messageChanged.connect(echo)
            try:
                command()
            finally:
                bar.messageChanged.disconnect(echo)

        return run

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
        # whole days on the person's clock, today included: "last 7 days" is today and the 6 before;
        # its first midnight in the offset of that day (a change to summer time in between moves it)
        first = date.today() - timedelta(days=days - 1)
        return datetime(first.year, first.month, first.day).astimezone(), None

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
        in_period = count if since is None and until is None else self.log.count(since=since, until=until)
        self.summary.setText(
            f"{words.count(in_period, 'entry')} in this period"
            + (f", {words.count(len(days), 'day')} with a rating" if days else "")
            + ("" if in_period == count else f"; {count} in the log")
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
        self._in_period = in_period  # the heat map's "how often" is a share of these
        self._draw_heat()
        self._draw_helps()
        # every tab over the same period: the lists too
        self.entries.reload(since, until)
        self.sessions.reload(since, until)
        self.flares_view.show_period(self.log, since, until)
        self.tag_days.show_period(self.log, since, until)
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
        # a dot per day, as the overall line has: a day with no marked day either side has no
        # line to draw, and without its dot it was not shown at all (screen review)
        _set_line(self.area_curve, rows, symbol="s")

    def _draw_heat(self) -> None:
        since, until = self.span()
        mode = self.measure.currentData()
        values = heat_values(self.log.region_marks(since, until), self._in_period, mode)
        self.pain_legend.setVisible(mode != OFTEN)
        self.share_legend.setVisible(mode == OFTEN)
        self.heat_caption.setText(next(caption for key, _, caption in HEAT_MODES if key == mode))
        for region, item in self.scene.items_by_region.items():
            value = values.get(region)
            self.scene.set_region_fill(region, None if value is None else QColor(hex_colour(value.value)))
            # every place's tooltip says this period's figure, or that it was not marked in it
            label = self.catalog[region].label
            item.setToolTip(f"{label}: {'not marked in this period' if value is None else value.words}")

    def _draw_helps(self) -> None:
        since, until = self.span()
        sessions, rated = self.log.session_counts(since, until, by_day=True)  # local days, as entries
        self.sessions_note.setText(
            f"{words.count(sessions, 'treatment session')} in this period, newest first. "
            "Pain before → after: your rating (0 to 10) before you started and when you finished."
            if sessions
            else "No treatment sessions in this period: sessions you follow in Treat it are listed here."
        )
        self.helps_note.setText(
            f"{words.count(sessions, 'treatment session')} in this period; {rated} done to the end and "
            "rated before and after count here (one stopped early or skipped through says nothing about "
            "whether a technique helps). "
            "Change in pain: the average of after minus before (below zero means it helped), ± how much "
            "it varied. Better: the sessions that ended with less pain. A muscle counts every "
            "technique used on it."
            if sessions
            else "No treatment sessions in this period yet: follow a guided routine and rate your pain "
            "before and after to see what helps you."
        )
        # summed by the store, not session by session
        changes = self.log.session_changes(since, until, by_day=True)
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

    def _chosen(self) -> None:
        self.entries_note.setVisible(not self.entries.rows)
        chosen = self.selected_entry() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        # what the dialog shows is what is kept: its time, places, ratings, qualities and note
        edited = EditEntryDialog.ask(self, entry, self.catalog)
        if edited is None or edited == entry:
            return
        self.undo_stack.push(
            _EntryChange(
                self, "edit entry", lambda: self.log.replace(edited), lambda: self.log.replace(entry)
            )
        )

    def delete_flare(self, flare: Flare) -> None:
        """A flare recorded by mistake, removed; undo puts it back as it was (same uid)."""
        self.undo_stack.push(
            _EntryChange(
                self,
                "delete flare",
                lambda: self.log.delete_flare(flare.uid),
                lambda: self.log.import_items([], [], [flare]),
            )
        )

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
