"""Pain over time, by the person's own days: the one chart History shows and the clinician
report prints (rendered offscreen into the PDF), so both read the same.

pyqtgraph is kept, not replaced by a hand-drawn chart: History needs its zoom and pan over
years of days, and the report gets the same drawing by rendering the widget into an image.
What pyqtgraph does not do for us is done here: days without entries break the line, an axis
never repeats a date (it has no ticks finer than a day), a short or empty period is said in
words with a dot you can see, and its technical context menu and "A" button are gone.

pyqtgraph is imported when a chart is made, never when this module is imported: start-up
does not pay for it.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

DAY_S = 86400
# Past this many days a wide anti-aliased line is drawn as separate segments: Qt strokes one long
# zigzag path of decades of days in seconds, the segments in a tenth of one.
LONG_LINE = 1000
OVERALL = "#2f6fd6"
AREA = "#d84315"
EMPTY = "No pain ratings in this period yet."


def day_centre(day: str) -> float:
    """Where a local day sits on the time axis: its middle, on a UTC clock that only numbers
    the days (the axis labels them on the same clock, so a day is never shifted)."""
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()


def caption(days: list[tuple[str, float, int]]) -> str:
    """The chart in words when a line cannot say it: nothing, or a single day."""
    if not days:
        return EMPTY
    if len(days) == 1:
        ((day, mean, _),) = days
        return f"One day logged: {day_label(day)}, average {score(mean)}/10"
    return ""


def day_label(day: str) -> str:
    when = date.fromisoformat(day)
    return f"{when.day} {when:%b}"


def score(value: float) -> str:
    """5, 4.5: a tenth shown only when there is one."""
    return f"{round(value, 1):g}"


def set_line(curve: Any, days: list[tuple[str, float, int]], symbol: str | None = None) -> None:
    """Put (local day, mean, worst) rows on a curve, broken where days are missing."""
    import numpy as np  # pyqtgraph's own dependency: decades of days converted in C

    long = len(days) > LONG_LINE
    curve.curve.setSegmentedLineMode("on" if long else "auto")
    # a dot per day helps on weeks and months; on decades they merge into a smear that costs a
    # tenth of a second to place. A single day is a line of no length: a dot large enough to see.
    alone = len(days) == 1
    curve.setSymbol("o" if alone else None if long else symbol)
    curve.setSymbolSize(10 if alone else 5)
    when = np.array([d for d, _, _ in days], dtype="datetime64[D]").astype("datetime64[s]").astype(float)
    # each day joined to the next only when that is the next calendar day: a week without
    # entries is a gap, not a straight line across it
    joined = np.append(np.diff(when) == DAY_S, False)
    curve.setData(when + DAY_S / 2, np.array([mean for _, mean, _ in days], dtype=float), connect=joined)


def date_axis(pg: Any) -> Any:
    """pyqtgraph's date axis on the days' own clock, labelled "4 Sep" at day ticks, "Sep" at
    month ticks and "Jan 2026" at year ticks, with no tick finer than a day: its hour ticks labelled by day
    read "2 Dec" nine times across one day (and "1 Jan" across an empty chart)."""

    class DateAxis(pg.DateAxisItem):  # type: ignore[misc]
        def tickValues(self, minVal, maxVal, size):  # type: ignore[no-untyped-def]
            levels = [(s, v) for s, v in super().tickValues(minVal, maxVal, size) if s >= DAY_S * 0.99]
            days = [v for s, values in levels if s < 20 * DAY_S for v in values]
            if not levels or days:
                # days only, every one (or every few) on one grid, each under its middle where its
                # point is; no month among them (it took the place of its first day's label)
                step = min((b - a for a, b in itertools.pairwise(days)), default=DAY_S)
                first = (days[0] if days else minVal // DAY_S * DAY_S) + DAY_S / 2
                first -= (first - minVal) // step * step
                return [(step, [first + k * step for k in range(int((maxVal - first) // step) + 1)])]
            return levels

        def tickStrings(self, values, scale, spacing):  # type: ignore[no-untyped-def]
            # a month's name alone, short enough to fit every month of a year on a report's page;
            # the year where it begins
            pattern = "%d %b" if spacing < 20 * DAY_S else "%b" if spacing < 300 * DAY_S else "%b %Y"
            shown: list[str] = []
            seen: set[str] = set()
            for value in values:
                moment = datetime.fromtimestamp(value, UTC)
                same = moment.strftime("%Y-%m-%d" if spacing < 20 * DAY_S else "%Y-%m")
                shown.append("" if same in seen else moment.strftime(pattern).lstrip("0"))  # a date once
                seen.add(same)
            return shown

    return DateAxis(orientation="bottom", utcOffset=0)


class DailyChart(QWidget):
    """The overall pain per day (and, while one is chosen, an area's), with the period said in
    words below the plot when there is no line to draw."""

    def __init__(self, foreground: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self.plot = pg.PlotWidget(axisItems={"bottom": date_axis(pg)}, background=None)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)  # its menu is the library's (export, transforms), not the person's
        item.hideButtons()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(foreground)
            axis.setTextPen(foreground)
        self.plot.setLabel("left", "pain 0–10")
        self.plot.setYRange(0, 10.5)
        self.plot.showGrid(y=True, alpha=0.2)
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextColor=foreground)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        item.setMouseEnabled(x=True, y=False)
        # a week at least: one day's point is shown among its neighbours, not across one day
        item.getViewBox().setLimits(minXRange=7 * DAY_S)
        self.overall_curve = self.plot.plot(
            name="overall (daily average)",
            pen=pg.mkPen(OVERALL, width=2),
            symbol="o",
            symbolSize=5,
            symbolPen=OVERALL,
            symbolBrush=OVERALL,
        )
        # drawn, and named in the legend, only while an area is chosen
        self.area_curve = self.plot.plot(pen=pg.mkPen(AREA, width=2), symbolPen=AREA, symbolBrush=AREA)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.caption.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        self.overall_curve.sigPlotChanged.connect(self._say)
        self._say()

    def show_days(self, days: list[tuple[str, float, int]]) -> None:
        set_line(self.overall_curve, days, symbol="o")
        self.plot.enableAutoRange(axis="x")

    def _say(self, *_: object) -> None:
        """The caption, from the line as drawn; an empty chart shows no dates, not 1970's."""
        xs, ys = self.overall_curve.xData, self.overall_curve.yData  # all of it, not what is in view
        n = 0 if xs is None else len(xs)
        text = (
            caption([(_day_of(x), float(y), 0) for x, y in zip(xs[:2], ys[:2], strict=True)]) if n else EMPTY
        )
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        # nothing to show: no dates either (the period's are not known here, and a week of
        # other days would mislead); the axis keeps a week so that it never reads "1 Jan"
        self.plot.getPlotItem().getAxis("bottom").setStyle(showValues=bool(n))
        if not n:
            today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
            self.plot.setXRange(today - 6 * DAY_S, today + DAY_S, padding=0)
            # and still following the data: the next line is neither clipped to this week nor
            # left outside the view
            self.plot.enableAutoRange(axis="x")


def _day_of(x: float) -> str:
    return datetime.fromtimestamp(x, UTC).date().isoformat()


def period_range(first: date, last: date) -> tuple[float, float]:
    """The chart's x range for a report period, on the days' own clock: the period itself, or
    for a short one the week that ends with it (a week at least, as on screen), never a day
    after it: the report's chart of a one-day log ran three days past the date it was made."""
    end = (last - date(1970, 1, 1)).days * DAY_S + DAY_S
    start = (first - date(1970, 1, 1)).days * DAY_S
    return min(start, end - 7 * DAY_S), end


def chart_image(
    days: list[tuple[str, float, int]],
    size: QSize,
    scale: float = 2.0,
    period: tuple[date, date] | None = None,
) -> QImage:
    """The chart as History draws it (every point, not thinned for the screen), on white,
    `scale` times `size` in pixels: for the report, over its `period` when given."""
    chart = DailyChart(QColor("#333333"))
    chart.caption.setVisible(False)  # the report says it in its own text, where it can be read back
    chart.plot.setDownsampling(False)  # on paper, every day's point
    chart.plot.setBackground("w")
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # laid out and sized, never seen
    chart.resize(size)
    chart.show()
    chart.show_days(days)
    QApplication.processEvents()  # its range follows the data when it is next drawn
    chart.plot.getPlotItem().getViewBox().updateAutoRange()
    if period is not None:
        chart.plot.setXRange(*period_range(*period), padding=0)
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # the view's scene, drawn scaled into the whole image (text and lines stay sharp)
    chart.plot.render(painter, QRectF(image.rect()), chart.plot.viewport().rect())
    painter.end()
    chart.close()
    chart.deleteLater()
    return image
