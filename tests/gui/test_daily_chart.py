"""History's pain-over-time chart (ui/log/daily_chart.py, which the report prints too): a gap is
a gap, an empty or one-day period is said in words with a date axis that never repeats itself,
and a right-click opens no library menu."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.geometry import load_geometry
from bodymap.core.painlog import LoggedMark, PainLog, new_entry
from bodymap.core.regions import load_catalog
from bodymap.ui.log.daily_chart import EMPTY
from bodymap.ui.log.history_window import HistoryWindow

TODAY = datetime.now(UTC).date()


def noon(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(12), UTC)


Opener = Callable[[list[tuple[int, int, dict[str, int]]]], HistoryWindow]


@pytest.fixture
def open_history(qtbot: QtBot, tmp_path: Path) -> Iterator[Opener]:
    """History over a log of (days ago, overall, marks) entries, shown."""
    logs: list[PainLog] = []

    def opener(known: list[tuple[int, int, dict[str, int]]]) -> HistoryWindow:
        log = PainLog(tmp_path / f"data{len(logs)}")
        logs.append(log)
        for days_ago, overall, marks in known:
            log.add(
                new_entry([LoggedMark(r, i) for r, i in marks.items()], overall=overall, at=noon(days_ago))
            )
        window = HistoryWindow(log, load_catalog(), load_geometry(), {})
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield opener
    for log in logs:
        log.close()


def subpaths(curve) -> int:  # type: ignore[no-untyped-def]
    """How many separate pieces the line is drawn in."""
    path = curve.curve.getPath()
    return sum(path.elementAt(i).isMoveTo() for i in range(path.elementCount()))


def drawn_dates(history: HistoryWindow) -> list[str]:
    """The labels the date axis draws at its present range and size."""
    axis = history.plot.getPlotItem().getAxis("bottom")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in specs[2] if text]


def test_a_week_without_entries_breaks_both_lines(qtbot: QtBot, open_history: Opener) -> None:
    knot = {"interscapular.left": 6}
    history = open_history([(d, 5, knot) for d in (30, 29, 28, 20, 10, 9)])
    qtbot.waitUntil(lambda: len(history.overall_curve.getData()[0]) == 6)  # all in view
    assert subpaths(history.overall_curve) == 3  # days 30-28, 20 alone, 10-9: no line across the gaps
    history.area.setCurrentIndex(history.area.findData("interscapular"))
    qtbot.waitUntil(lambda: len(history.area_curve.getData()[0]) == 6)
    assert subpaths(history.area_curve) == 3
    # day 20 has no neighbour to draw a line to: each line shows its days as dots too
    assert history.overall_curve.opts["symbol"] and history.area_curve.opts["symbol"]
    assert not history.chart.caption.isVisible()


def test_an_empty_log_says_so_in_words_and_never_repeats_a_date(qtbot: QtBot, open_history: Opener) -> None:
    history = open_history([])
    assert history.chart.caption.isVisible() and history.chart.caption.text() == EMPTY
    assert drawn_dates(history) == []  # not "1 Jan" nine times, the epoch pyqtgraph shows for nothing
    history.log.add(new_entry([LoggedMark("jaw.left", 2)], overall=2, at=noon(1)))
    history.refresh()  # the first entry: its day is named, and the sentence goes
    qtbot.waitUntil(lambda: len(drawn_dates(history)) >= 3)
    dates = drawn_dates(history)
    assert len(dates) == len(set(dates)), dates
    assert history.chart.caption.text().startswith("One day logged")


def test_one_day_is_a_dot_and_a_sentence_among_distinct_dates(qtbot: QtBot, open_history: Opener) -> None:
    history = open_history([(3, 5, {"jaw.left": 4}), (3, 4, {"jaw.left": 6})])
    day = TODAY - timedelta(days=3)
    said = f"One day logged: {day.day} {day:%b}, average 4.5/10"
    assert history.chart.caption.isVisible() and history.chart.caption.text() == said
    assert history.overall_curve.opts["symbol"] == "o" and history.overall_curve.opts["symbolSize"] >= 8
    qtbot.waitUntil(lambda: len(drawn_dates(history)) >= 3)
    dates = drawn_dates(history)
    assert len(dates) == len(set(dates)), dates
    assert f"{day.day} {day:%b}" in dates
    low, high = history.plot.getPlotItem().getViewBox().viewRange()[0]
    assert high - low >= 6 * 86400  # the day among its neighbours, not stretched across the chart
    history.area.setCurrentIndex(history.area.findData("jaw"))
    assert history.area_curve.opts["symbol"] == "o"  # an area's single day is a dot as well


def test_a_year_is_labelled_by_months_each_once(qtbot: QtBot, open_history: Opener) -> None:
    history = open_history([(d, d % 11, {"jaw.left": 3}) for d in range(0, 365, 2)])
    history.resize(1280, 800)
    qtbot.waitUntil(lambda: len(drawn_dates(history)) >= 12)
    dates = drawn_dates(history)
    # thirteen months are touched; the same month's name twice is the same month a year apart
    assert all(a != b for a, b in itertools.pairwise(dates)), dates
    assert len(dates) - len(set(dates)) <= 1, dates


def test_a_right_click_opens_no_menu_and_there_is_no_auto_button(qtbot: QtBot, open_history: Opener) -> None:
    history = open_history([(d, 5, {"jaw.left": 4}) for d in (5, 4, 3)])
    history.tabs.setCurrentIndex(0)
    viewport = history.plot.viewport()
    centre = QPoint(viewport.width() // 2, viewport.height() // 2)
    qtbot.mouseMove(viewport, centre)
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=centre)
    QApplication.processEvents()
    assert QApplication.activePopupWidget() is None
    item = history.plot.getPlotItem()
    item.getViewBox().disableAutoRange()  # when the library would offer its "A" button
    item.updateButtons()
    assert not item.autoBtn.isVisible()


def test_days_are_the_persons_own(open_history: Opener) -> None:
    """An entry late in the evening far east of UTC counts on its own day (the log's day tables)."""
    history = open_history([])
    log = history.log
    # 23:30 UTC is 09:30 the next morning at UTC+10: that next day is the entry's
    east = datetime.combine(TODAY - timedelta(days=2), time(23, 30), UTC).astimezone(
        timezone(timedelta(hours=10))
    )
    log.add(new_entry([LoggedMark("jaw.left", 2)], overall=2, at=east))
    history.refresh()
    (x,) = history.overall_curve.xData
    assert datetime.fromtimestamp(float(x), UTC).date() == east.date() == TODAY - timedelta(days=1)
