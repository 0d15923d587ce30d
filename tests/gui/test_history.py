"""History on a small known log: the heat map's average and worst, the overall line, the area
line, and how the period chosen changes each of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bodymap.core.colour_scale import hex_colour
from bodymap.core.geometry import load_geometry
from bodymap.core.painlog import LoggedMark, PainLog, new_entry
from bodymap.core.regions import RegionCatalog, load_catalog
from bodymap.core.words import count
from bodymap.ui.log.history_window import HistoryWindow

TODAY = datetime.now(UTC).date()


def noon(days_ago: int, minutes: int = 0) -> datetime:
    """Midday UTC, whole days back: each entry sits well inside its UTC day and its period."""
    return datetime.combine(TODAY - timedelta(days=days_ago), time(12, minutes), UTC)


def day(days_ago: int) -> float:
    """Where a day's point sits on the time axis: its middle, UTC."""
    return noon(days_ago).timestamp()


# (days ago, overall, marks); one more entry, deleted, must count nowhere
KNOWN = [
    (2, 3, {"interscapular.left": 2, "neck_side.left": 5}),
    (2, 8, {"interscapular.left": 8, "interscapular.right": 6}),
    (20, 5, {"interscapular.left": 4, "jaw.right": 7}),
    (60, 9, {"jaw.right": 9}),
    (200, 1, {"temple.left": 3}),
    (500, 2, {"temple.left": 1}),
]


@pytest.fixture(scope="module")
def catalog() -> RegionCatalog:
    return load_catalog()


@pytest.fixture
def history(qtbot: QtBot, tmp_path: Path, catalog: RegionCatalog) -> Iterator[HistoryWindow]:
    with PainLog(tmp_path / "data") as log:
        for minutes, (days_ago, overall, marks) in enumerate(KNOWN):
            at = noon(days_ago, minutes)
            log.add(new_entry([LoggedMark(r, i) for r, i in marks.items()], overall=overall, at=at))
        gone = log.add(new_entry([LoggedMark("interscapular.left", 10), LoggedMark("eye.left", 10)], 10))
        log.set_deleted(gone.uid)
        window = HistoryWindow(log, catalog, load_geometry(), {})
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        yield window
        window.close()


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def curve(item) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    xs, ys = item.getData()
    return [] if xs is None else [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]


def legend_names(history: HistoryWindow) -> list[str]:
    return [label.text for _, label in history.legend.items]


def fill(history: HistoryWindow, region: str) -> str | None:
    colour = history.scene.items_by_region[region].fill
    return None if colour is None else colour.name()


def test_the_heat_map_shows_each_regions_average_or_its_worst(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    choose(history.period, "Last 7 days")
    assert history.measure.currentText() == "Average intensity"
    assert fill(history, "interscapular.left") == hex_colour(5.0)  # (2 + 8) / 2, the deleted 10 left out
    assert fill(history, "interscapular.right") == hex_colour(6.0)
    assert fill(history, "jaw.right") is None and fill(history, "eye.left") is None  # not in the period
    label = catalog["interscapular.left"].label
    assert history.scene.items_by_region["interscapular.left"].toolTip() == f"{label}: 5.0/10"

    choose(history.measure, "Worst intensity")
    assert fill(history, "interscapular.left") == hex_colour(8.0)
    assert history.scene.items_by_region["interscapular.left"].toolTip() == f"{label}: 8.0/10"
    assert fill(history, "neck_side.left") == hex_colour(5.0)

    choose(history.period, "Last 30 days")  # the measure chosen stays, over the new period
    assert fill(history, "interscapular.left") == hex_colour(8.0)
    assert fill(history, "jaw.right") == hex_colour(7.0)
    choose(history.measure, "Average intensity")
    assert fill(history, "interscapular.left") == hex_colour((2 + 8 + 4) / 3)


def test_the_period_chooses_the_days_of_the_overall_line(history: HistoryWindow) -> None:
    expected = {
        "Last 7 days": [(day(2), 5.5)],  # the day's average of 3 and 8
        "Last 30 days": [(day(20), 5.0), (day(2), 5.5)],
        "Last 90 days": [(day(60), 9.0), (day(20), 5.0), (day(2), 5.5)],
        "Last year": [(day(200), 1.0), (day(60), 9.0), (day(20), 5.0), (day(2), 5.5)],
        "All": [(day(500), 2.0), (day(200), 1.0), (day(60), 9.0), (day(20), 5.0), (day(2), 5.5)],
    }
    assert history.period.currentText() == "Last 90 days"  # what History opens on
    for period, points in expected.items():
        choose(history.period, period)
        assert curve(history.overall_curve) == points, period
        assert (
            history.summary.text()
            == f"6 entries in the log; {count(len(points), 'day')} with a rating in this period"
        )
    assert not history.start_date.isVisible()


def test_the_area_line_follows_the_area_and_the_period(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    label = catalog.areas["interscapular"].label
    choose(history.period, "Last 30 days")
    areas = [history.area.itemText(i) for i in range(history.area.count())]
    # marked in the period, most often first, either side counted
    assert areas == [
        "(nothing)",
        f"{label} (4)",
        f"{catalog.areas['jaw'].label} (1)",
        f"{catalog.areas['neck_side'].label} (1)",
    ]
    assert curve(history.area_curve) == [] and legend_names(history) == ["overall (daily average)"]

    choose(history.area, f"{label} (4)")
    # the day's average over both sides: (2 + 8 + 6) / 3 two days ago, 4 twenty days ago
    assert curve(history.area_curve) == [(day(20), 4.0), (day(2), pytest.approx(16 / 3))]
    assert legend_names(history) == ["overall (daily average)", f"{label} (daily average, either side)"]

    choose(history.period, "Last 7 days")  # the area stays chosen, its line shortens
    assert history.area.currentText() == f"{label} (3)"
    assert curve(history.area_curve) == [(day(2), pytest.approx(16 / 3))]

    choose(history.area, "(nothing)")
    assert curve(history.area_curve) == [] and legend_names(history) == ["overall (daily average)"]


def test_an_area_not_marked_in_the_new_period_is_let_go(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    choose(history.period, "All")
    temple = catalog.areas["temple"].label
    choose(history.area, f"{temple} (2)")
    assert curve(history.area_curve) == [(day(500), 1.0), (day(200), 3.0)]
    choose(history.period, "Last 7 days")
    assert history.area.currentText() == "(nothing)" and curve(history.area_curve) == []


def test_an_edit_redraws_the_figures(history: HistoryWindow) -> None:
    choose(history.period, "Last 7 days")
    log = history.log
    newest = log.entries(limit=1)[0]
    assert newest.overall == 8
    log.replace(replace(newest, overall=4, marks=(LoggedMark("interscapular.left", 2),)))
    history.refresh()
    assert curve(history.overall_curve) == [(day(2), 3.5)]
    assert fill(history, "interscapular.left") == hex_colour(2.0)


def test_chosen_dates_end_the_area_line_too(history: HistoryWindow, catalog: RegionCatalog) -> None:
    from PySide6.QtCore import QDate

    choose(history.period, "Choose dates…")
    start, end = TODAY - timedelta(days=25), TODAY - timedelta(days=10)
    history.start_date.setDate(QDate(start.year, start.month, start.day))
    history.end_date.setDate(QDate(end.year, end.month, end.day))
    assert curve(history.overall_curve) == [(day(20), 5.0)]
    assert fill(history, "neck_side.left") is None  # marked two days ago only
    label = catalog.areas["interscapular"].label
    choose(history.area, f"{label} (1)")
    assert curve(history.area_curve) == [(day(20), 4.0)]
