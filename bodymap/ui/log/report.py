"""The PDF report for a clinician, for a period the person chooses: page one a summary that
reads in a minute (the period, days and entries, overall pain, the body at the start, at the
end and on average with each place's change, how often each place was marked, the places
ranked by how often × how much, the techniques tried, the press-tests, warning signs and the
"about you" answers that matter), then the daily chart History shows, then every entry.

Laid out as a Qt rich-text document (QTextDocument: tables whose header rows repeat on each
page) and printed page by page onto QPdfWriter, which lets each page carry the period and
"page n of N". The numbers come from core/report_summary.py; the chart from daily_chart.py.
Written atomically.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSettings, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextFrameFormat,
    QTextTable,
)

from bodymap.core import words
from bodymap.core.colour_scale import hex_colour
from bodymap.core.geometry import load_geometry
from bodymap.core.logio import atomic_target
from bodymap.core.painlog import Entry, LoggedMark, PainLog
from bodymap.core.profile import PersonalStore, load_about_you
from bodymap.core.quick_log import tag_label
from bodymap.core.regions import RegionCatalog, View, load_catalog
from bodymap.core.report_summary import (
    Period,
    Summary,
    answers_that_matter,
    change_word,
    day_text,
    entries_in,
    period_for,
    summarise,
)
from bodymap.core.safety import load_safety
from bodymap.ui.log.daily_chart import caption, chart_image, score
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.platform_failure import application
from bodymap.ui.theme import LIGHT

DPI = 96  # page units: 1 unit = 1/96 inch, like a screen pixel
MARGIN_PT = 40
BAND = 26  # the header's and the footer's height
SECTIONS = {"chart": "The daily chart", "entries": "Every entry"}
TOP = 6  # rows of each table on page one
BETTER, WORSE, SAME = "#2e7d32", "#c62828", "#9e9e9e"
GREY = "#666666"
RULE = "#cccccc"  # the line under each table row
ENTRY_HEADERS = ["When", "Overall", "Where (intensity, how it felt)", "Note (and what the day was like)"]
ENTRY_WIDTHS = (18, 9, 45, 28)
# pixels kept free at a page's foot: a row measured without pages may be a little taller on one
PAGE_SLACK = 6.0
LABEL_PX = 8  # the body pictures' FRONT, BACK, LEFT and RIGHT, in pixels of the page
CAPTION_BAND = 34  # scene units above a figure that hold the map's captions (BodyScene.view_rect)
FOOTER = "Self-recorded with bodymap; pain 0 (none) to 10 (worst imaginable). Not a diagnosis."
VIEWS: tuple[View, ...] = ("front", "back")


@dataclass(frozen=True)
class Person:
    """What the person has told bodymap about themselves, as stored: the warning signs ticked
    (None when the checklist was never filled in) and the "about you" answers."""

    ticked: frozenset[str] | None
    answers: dict[str, str]
    asked: bool


def stored_person(folder: Path) -> Person:
    """The checklist as the window keeps it (settings.ini) and the answers (personal.json) in
    the data folder: nothing is invented when they are not there."""
    ticked: frozenset[str] | None = None
    settings_file = folder / "settings.ini"
    if settings_file.is_file():
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        if bool(settings.value("safety/checklist_seen", False, bool)):
            value = settings.value("safety/ticked", [])
            listed = value if isinstance(value, list) else [] if value is None else [value]
            ticked = frozenset(str(v) for v in listed)
    personal = PersonalStore(folder).load()
    return Person(ticked, dict(personal.profile.answers), personal.profile.asked)


def write_report(
    log: PainLog,
    out: Path,
    catalog: RegionCatalog | None = None,
    first: date | None = None,
    last: date | None = None,
    sections: Collection[str] = tuple(SECTIONS),
    person: Person | None = None,
) -> int:
    """Write the report of `first`..`last` (local days; a missing end is the log's own) to
    `out`, atomically. Returns how many entries the period holds."""
    application()  # a QApplication for the painter, quiet about what the offscreen platform cannot do
    catalog = catalog or load_catalog()
    period = period_for(log, first, last) or Period(date.today(), date.today())
    entries = entries_in(log, period)
    summary = summarise(log, period, entries)
    person = person or stored_person(log.folder)
    with atomic_target(Path(out)) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_PT, MARGIN_PT, MARGIN_PT, MARGIN_PT),
                QPageLayout.Unit.Point,
            )
        )
        writer.setTitle(f"Pain report, {period.text()}")
        writer.setCreator("bodymap")
        page = writer.pageLayout().paintRectPixels(DPI)
        report = _Report(catalog, summary, person, page.width())
        document = report.build(sections, entries)
        report.paginate(page.height() - 2 * BAND)
        _print(document, writer, period)
    return summary.entries


def _print(document: QTextDocument, writer: QPdfWriter, period: Period) -> None:
    """Page by page: the document's own pagination (entries already one table per page, see
    _Report.paginate; other tables' headers repeated), with the period and "page n of N" around
    each page."""
    page = writer.pageLayout().paintRectPixels(DPI)
    width, height = float(page.width()), float(page.height())
    body = height - 2 * BAND
    document.setPageSize(QSizeF(width, body))
    pages = document.pageCount()
    made = datetime.now().astimezone()
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = QFont("DejaVu Sans")
    small.setPixelSize(11)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            # the header first: read back, each page's text starts with its period
            painter.setFont(small)
            painter.setPen(QColor(GREY))
            top = QRectF(0, 0, width, BAND - 8)
            left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
            painter.drawText(top, left | Qt.AlignmentFlag.AlignTop, f"Pain report · {period.text()}")
            painter.drawText(top, right | Qt.AlignmentFlag.AlignTop, f"made {day_text(made.date())}")
            painter.drawLine(QPointF(0, BAND - 6), QPointF(width, BAND - 6))
            painter.save()
            painter.translate(0, BAND)
            painter.setClipRect(QRectF(0, 0, width, body))
            painter.translate(0, -number * body)
            document.drawContents(painter, QRectF(0, number * body, width, body))
            painter.restore()
            bottom = QRectF(0, height - BAND + 8, width, BAND - 8)
            painter.drawText(bottom, left | Qt.AlignmentFlag.AlignBottom, FOOTER)
            painter.drawText(bottom, right | Qt.AlignmentFlag.AlignBottom, f"page {number + 1} of {pages}")
    finally:
        painter.end()


def row_span(table: QTextTable, row: int) -> tuple[float, float]:
    """Where a table row's text begins and ends, in the paged document's coordinates."""
    layout = table.document().documentLayout()
    cells = [table.cellAt(row, column) for column in range(table.columns())]
    top = min(layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells)
    bottom = max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells)
    return top, bottom


def _rule_rows(table: QTextTable) -> None:
    """A thin grey line under each row, so where one entry ends and the next begins is plain on
    paper (a row's tags read as the first line of the next one)."""
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            cell_format = cell.format().toTableCellFormat()
            cell_format.setBottomBorder(0.5)
            cell_format.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            cell_format.setBottomBorderBrush(QColor(RULE))
            cell.setFormat(cell_format)


def qualities_of(mark: LoggedMark) -> tuple[str, ...]:
    """How a place felt, as the log keeps it (one place may have several)."""
    return mark.qualities


class _Report:
    """The report as a rich-text document, section by section."""

    def __init__(self, catalog: RegionCatalog, summary: Summary, person: Person, width: float) -> None:
        self.catalog = catalog
        self.summary = summary
        self.person = person
        self.width = width
        self.document = QTextDocument()
        font = QFont("DejaVu Sans")
        font.setPixelSize(12)
        self.document.setDefaultFont(font)
        self.document.setDocumentMargin(0)
        self.document.setDefaultStyleSheet(
            "h1 { font-size: 22px; margin: 0; } h2 { font-size: 15px; margin-top: 14px; margin-bottom: 4px; }"
            f" .note {{ color: {GREY}; font-size: 11px; }} th {{ text-align: left; background: #eeeeee; }}"
            " td, th { padding: 2px 4px; }"
        )
        self._images = 0

    def build(self, sections: Collection[str], entries: list[Entry]) -> QTextDocument:
        self._before = [self._summary()]
        if "chart" in sections:
            self._before.append(self._chart())
        self._entry_rows: list[list[str]] = []
        if "entries" in sections:
            self._before.append(self._entries(entries, new_page="chart" not in sections))
        self._set_html([self._entry_rows] if self._entry_rows else [])
        return self.document

    def _set_html(self, pages: list[list[list[str]]]) -> None:
        """The document: what comes before the entries, then the entries' rows in one table per
        page after the first (each a page of its own), with their column names."""
        tables = [
            _table(ENTRY_HEADERS, rows, widths=ENTRY_WIDTHS, new_page=i > 0) for i, rows in enumerate(pages)
        ]
        self.document.setHtml("".join(self._before) + "".join(tables))
        found = list(_tables(self.document.rootFrame()))
        edit = QTextCursor(self.document)
        edit.beginEditBlock()  # laid out once for all these formats, not once per cell
        for frame in found:  # a long table's column names on every page
            table_format = frame.format().toTableFormat()
            table_format.setHeaderRowCount(1)
            frame.setFormat(table_format)
        for frame in found[len(found) - len(pages) :]:
            _rule_rows(frame)  # the entries: rows of several lines, one entry each
        edit.endEditBlock()

    def paginate(self, page_height: float) -> None:
        """Keep each entry whole on one page. Qt breaks a table row between its lines, and the rest
        of an entry (its second place, its tags) then stood at the top of the next page under the
        repeated column names, like an undated entry of its own. So the entries are cut into one
        table per page, each row's height measured once in the document without pages."""
        if not self._entry_rows:
            return
        width = self.width
        table = list(_tables(self.document.rootFrame()))[-1]
        self.document.setTextWidth(width)  # no pages (height -1): heights without breaks
        spans = [row_span(table, r) for r in range(table.rows())]
        gap = spans[1][0] - spans[0][1]  # from one row's text to the next's: padding and rule
        # each row's height with its share of that gap; row 0 is the column names
        heights = [bottom - top + gap for top, bottom in spans]
        self.document.setPageSize(QSizeF(width, page_height))
        first_top, _ = row_span(table, 1)  # where the entries begin, with the pages
        pages: list[list[list[str]]] = [[]]
        room = (first_top // page_height + 1) * page_height - first_top - PAGE_SLACK
        for row, cells in enumerate(self._entry_rows, start=1):
            if heights[row] > room and pages[-1]:
                pages.append([])
                room = page_height - heights[0] - PAGE_SLACK
            pages[-1].append(cells)
            room -= heights[row]
        if len(pages) > 1:
            self._set_html(pages)
            self.document.setPageSize(QSizeF(width, page_height))

    # -- helpers
    def label(self, region: str) -> str:
        return self.catalog[region].label if region in self.catalog else region

    def image(self, picture: QImage, width: float, height: float) -> str:
        self._images += 1
        name = QUrl(f"bodymap-report:image{self._images}")
        self.document.addResource(QTextDocument.ResourceType.ImageResource, name, picture)
        return f'<img src="{name.toString()}" width="{round(width)}" height="{round(height)}">'

    # -- page one
    def _summary(self) -> str:
        s = self.summary
        mean = "–" if s.mean_overall is None else f"{score(s.mean_overall)}/10"
        worst = "–" if s.worst_overall is None else f"{s.worst_overall}/10"
        if s.worst_day is not None:
            worst += f" (on {day_text(date.fromisoformat(s.worst_day))})"
        parts = [
            "<h1>Pain report</h1>",
            f"<p style='font-size: 14px; margin-top: 2px;'><b>{html.escape(s.period.text())}</b>"
            f" ({words.count(s.period.days, 'day')})</p>",
            "<table width='100%' cellspacing='0' style='margin-top: 6px;'><thead><tr>"
            "<th>Days logged</th><th>Entries</th><th>Average overall pain</th><th>Worst</th></tr></thead>"
            f"<tr><td>{s.days_logged} of {s.period.days}</td><td>{s.entries}</td>"
            f"<td>{mean} ({s.rated} rated)</td><td>{worst}</td></tr></table>",
        ]
        parts.append(self._bodies())
        parts.append(self._places())
        parts.append(self._techniques())
        parts.append(self._findings())
        parts.append(self._person())
        return "".join(parts)

    def _bodies(self) -> str:
        s = self.summary
        if not s.average:
            return "<h2>The body</h2><p>No places were marked in this period.</p>"
        maps: list[tuple[str, dict[str, str]]] = []
        if s.edge_days:
            first, last = s.start, s.end
            edge = words.count(s.edge_days, "day")
            maps.append((f"Start (first {edge})", {r: hex_colour(v) for r, v in first.items()}))
            maps.append((f"End (last {edge})", {r: hex_colour(v) for r, v in last.items()}))
            maps.append(("Change, end against start", {c.region: _change_colour(c.delta) for c in s.changes}))
        maps.append(("Average over the period", {r: hex_colour(v) for r, v in s.average.items()}))
        maps.append(("How often (share of entries)", {r: hex_colour(v * 10) for r, v in s.often().items()}))
        views: list[View] = [
            v for v in VIEWS if any(self.catalog[r].view == v for r in s.average if r in self.catalog)
        ]
        per_row = 5 if len(views) == 1 and len(maps) == 5 else 3 if len(maps) > 3 else len(maps)
        cell = self.width / per_row
        drawn = _BodyPictures(self.catalog, views, set(s.average))
        cells = []
        for title, colours in maps:
            w = cell - 8
            picture, aspect = drawn.picture(colours, w)
            cells.append(
                f"<td align='center' width='{round(cell)}'>{self.image(picture, w, w / aspect)}"
                f"<br><span class='note'>{html.escape(title)}</span></td>"
            )
        rows = "".join(
            "<tr>" + "".join(cells[i : i + per_row]) + "</tr>" for i in range(0, len(cells), per_row)
        )
        key = (
            "Colour: average intensity 0 (pale) to 10 (dark red); how often: none (pale) to every entry "
            "(dark red); "
            f"change: <span style='color: {BETTER};'>green better</span>, "
            f"<span style='color: {WORSE};'>red worse</span>, grey the same (less than half a point apart)."
        )
        if not s.edge_days:
            key += " " + html.escape(
                "All on one day: there is no start and end to compare."
                if s.days_logged == 1
                else "Too short a period to compare its start and its end."
            )
        return f"<h2>The body</h2><table width='100%' cellspacing='0'>{rows}</table><p class='note'>{key}</p>"

    def _places(self) -> str:
        s = self.summary
        if not s.places:
            return ""
        changes = {c.region: c for c in s.changes}
        rows = []
        for place in s.places[:TOP]:
            change = changes.get(place.region)
            moved = "–"
            if change is not None and s.edge_days:
                word = change_word(change.delta)
                colour = {"better": BETTER, "worse": WORSE}.get(word, SAME)
                coloured = f"<span style='color: {colour};'>{word}</span>"
                moved = f"{_level(change.start)} → {_level(change.end)} {coloured}"
            rows.append(
                [
                    html.escape(self.label(place.region)),
                    f"{place.marked} of {s.entries} entries ({place.share:.0%})",
                    f"{score(place.mean)}/10",
                    moved,
                ]
            )
        return (
            "<h2>Where it hurts most: how often × how much</h2>"
            + _table(["Place", "Marked in", "Average when marked", "Start → end"], rows)
            + _more(len(s.places), "place")
        )

    def _techniques(self) -> str:
        s = self.summary
        if not s.tried:
            return "<h2>Techniques tried</h2><p>No self-treatment sessions in this period.</p>"
        names = _technique_names()
        rows = []
        for t in s.tried[:TOP]:
            effect = t.effect
            rows.append(
                [
                    html.escape(names.get(t.technique, t.technique)),
                    str(t.sessions),
                    "no session done to the end and rated before and after"
                    if effect is None
                    else f"{effect.mean_change:+.1f} ± {effect.spread:.1f}",
                    "–" if effect is None else f"{effect.better} of {effect.sessions}",
                ]
            )
        # only sessions done to the end and rated before and after count: one stopped early says
        # nothing about whether the technique helps (the rule of "What helps me", core/effects.py)
        headers = ["Technique", "Sessions", "Change in pain, sessions done to the end", "Less pain after"]
        return "<h2>Techniques tried</h2>" + _table(headers, rows) + _more(len(s.tried), "technique")

    def _findings(self) -> str:
        s = self.summary
        if not s.findings:
            return "<h2>Press-tests</h2><p>No press-tests (Find it) in this period.</p>"
        muscles, points = _muscle_names()
        rows = []
        for f in s.findings[:TOP]:
            where = f"{muscles.get(f.muscle, f.muscle)}, {points.get(f.trigger_point, f.trigger_point)}"
            rows.append([f"{html.escape(where)} ({f.side})", str(f.yes), str(f.tender), str(f.no)])
        headers = ["Trigger point pressed", "Brought on the familiar pain", "Only tender", "Nothing"]
        return "<h2>Press-tests</h2>" + _table(headers, rows) + _more(len(s.findings), "trigger point")

    def _person(self) -> str:
        person = self.person
        if person.ticked is None:
            signs = "not recorded (the warning-signs checklist has not been filled in)."
        elif not person.ticked:
            signs = "none ticked."
        else:
            rules = load_safety()
            titles = [rules[r].title if r in rules else r for r in sorted(person.ticked)]
            signs = "ticked: " + "; ".join(titles) + "."
        about = load_about_you()
        matter = answers_that_matter(person.answers, ((q.id, q.text, q.choices) for q in about.questions))
        if matter:
            answers = "; ".join(html.escape(f"{question} {answer}") for question, answer in matter)
            answers_text = f"{answers}."
        elif person.asked:
            answers_text = "no answer is a yes or a “not sure”."
        else:
            answers_text = "not answered."
        return (
            "<h2>Warning signs and about you</h2>"
            f"<p>Warning signs (as the checklist stands now): {html.escape(signs)}<br>"
            f"About you: {answers_text}</p>"
        )

    # -- then the chart and the entries
    def _chart(self) -> str:
        s = self.summary
        heading = "<h2 style='page-break-before: always;'>Overall pain, day by day</h2>"
        # read after the fact: not the window's "No pain ratings in this period yet."
        said = caption(s.daily) if s.daily else "No pain ratings in this period."
        words_below = f"<p style='font-size: 14px;'>{html.escape(said)}</p>" if said else ""
        if s.flares:  # how the pain went over time: beside its chart (page one is full)
            words_below += f"<p><b>Flares:</b> {html.escape(s.flares)}</p>"
        if not s.daily:  # nothing to draw: said in words, not shown as an empty chart of other days
            return heading + words_below
        size = QSize(round(self.width), 300)
        drawn = chart_image(s.daily, size, period=(s.period.first, s.period.last))
        picture = self.image(drawn, size.width(), size.height())
        gaps = (
            "<p class='note'>One point per day with an overall rating (its average); "
            "days without one are gaps in the line.</p>"
            if len(s.daily) > 1
            else ""
        )
        return heading + picture + words_below + gaps

    def _entries(self, entries: list[Entry], new_page: bool) -> str:
        """The heading of the entries; their rows are kept for _set_html, which lays them out."""
        style = " style='page-break-before: always;'" if new_page else ""
        if not entries:
            return f"<h2{style}>Entries</h2><p>No entries in this period.</p>"
        for e in entries:
            where = "; ".join(_place(self.label(m.region), m) for m in e.marks)
            overall = "–" if e.overall is None else f"{e.overall}/10"
            # the day's tags under the note, or in its place: never below an empty line, where
            # they read as the first line of the next entry
            tags = (
                f"<span class='note'>{html.escape(', '.join(map(tag_label, e.tags)))}</span>"
                if e.tags
                else ""
            )
            note = "<br>".join(part for part in (html.escape(e.note), tags) if part)
            self._entry_rows.append([f"{e.at:%d %b %Y %H:%M}", overall, where, note])
        return f"<h2{style}>Entries, newest first ({words.count(len(entries), 'entry')})</h2>"


class _BodyPictures:
    """The body map drawn small, once per set of colours: only the views with marked places,
    and of each only down to a little below the lowest mark (the head-to-waist of a back pain,
    not the legs)."""

    def __init__(self, catalog: RegionCatalog, views: Iterable[View], marked: set[str]) -> None:
        self.scene = BodyScene(catalog, load_geometry(), LIGHT)
        self.catalog = catalog
        self.views = list(views)
        self.sources: list[QRectF] = []
        for view in self.views:
            whole = self.scene.view_rect(view)
            lowest = max(
                (
                    self.scene.items_by_region[r].sceneBoundingRect().bottom()
                    for r in marked
                    if r in self.scene.items_by_region and catalog[r].view == view
                ),
                default=whole.bottom(),
            )
            bottom = min(whole.bottom(), max(lowest + 60, whole.top() + whole.height() * 0.45))
            # without the map's own caption band (CAPTION_BAND): the captions are drawn again,
            # larger, above the picture, in about the same height
            top = whole.top() + CAPTION_BAND
            self.sources.append(QRectF(whole.left(), top, whole.width(), bottom - top))

    def picture(
        self, colours: dict[str, str], shown_width: float, scale: float = 2.5
    ) -> tuple[QImage, float]:
        """The views side by side with these fills, under their own captions; and the picture's
        width ÷ height. The map's captions would shrink with the figures to about 3 pt on paper,
        too small to tell left from right, so they are drawn again at LABEL_PX of the page."""
        for region in self.catalog.regions:
            fill = colours.get(region)
            self.scene.set_region_fill(region, None if fill is None else QColor(fill))
        width = sum(s.width() for s in self.sources)
        height = max(s.height() for s in self.sources)
        pixels = round(width / 4 * scale)
        label = QFont("DejaVu Sans")
        label.setBold(True)
        label.setPixelSize(max(1, round(LABEL_PX * pixels / shown_width)))
        band = round(label.pixelSize() * 1.3)
        image = QImage(pixels, round(height / 4 * scale) + band, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = 0.0
        factor = image.width() / width
        self.scene.set_captions_visible(False)
        try:
            for view, source in zip(self.views, self.sources, strict=True):
                target = QRectF(x, band, source.width() * factor, source.height() * factor)
                self.scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
                inset = target.width() * 0.05  # the two figures' side words kept apart
                top = QRectF(target.left() + inset, 0, target.width() - 2 * inset, band)
                painter.setFont(label)
                painter.setPen(QColor(GREY))
                left, right = ("RIGHT", "LEFT") if view == "front" else ("LEFT", "RIGHT")  # the person's own
                centre = Qt.AlignmentFlag.AlignVCenter
                painter.drawText(top, Qt.AlignmentFlag.AlignLeft | centre, left)
                painter.drawText(top, Qt.AlignmentFlag.AlignRight | centre, right)
                painter.setPen(QColor("black"))
                painter.drawText(top, Qt.AlignmentFlag.AlignHCenter | centre, view.upper())
                x += target.width()
        finally:
            self.scene.set_captions_visible(True)
            painter.end()
        return image, image.width() / image.height()


def _place(label: str, mark: LoggedMark) -> str:
    """ "Temple — left 9 (throbbing)", escaped, its last word, intensity and qualities kept on
    one line (a lone "3" at the start of a line reads as nothing)."""
    head, _, last = label.rpartition(" ")
    felt = f" ({', '.join(qualities_of(mark))})" if qualities_of(mark) else ""
    tail = f"{last} {mark.intensity}{felt}".replace(" ", "\u00a0")
    return html.escape(f"{head} {tail}" if head else tail)


def _level(value: float | None) -> str:
    """An average intensity, or "none" for a place not marked at all then."""
    return "none" if value is None else score(value)


def _change_colour(delta: float) -> str:
    word = change_word(delta)
    return {"better": BETTER, "worse": WORSE}.get(word, SAME)


def _table(
    headers: list[str], rows: list[list[str]], widths: tuple[int, ...] = (), new_page: bool = False
) -> str:
    """A table of cells already escaped, its header row marked as one (repeated on each page);
    `new_page`: it begins a page."""
    sized = [f" width='{w}%'" for w in widths] or [""] * len(headers)
    head = "".join(f"<th{w}>{html.escape(h)}</th>" for h, w in zip(headers, sized, strict=True))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    style = " style='page-break-before: always;'" if new_page else ""
    return f"<table width='100%' cellspacing='0'{style}><thead><tr>{head}</tr></thead>{body}</table>"


def _more(total: int, what: str) -> str:
    return f"<p class='note'>and {words.count(total - TOP, what)} more.</p>" if total > TOP else ""


def _tables(frame: QTextFrame) -> Iterable[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def _technique_names() -> dict[str, str]:
    from bodymap.core.techniques import load_techniques

    return {t.id: t.name for t in load_techniques()}


def _muscle_names() -> tuple[dict[str, str], dict[str, str]]:
    from bodymap.core.knowledge import load_knowledge

    muscles = list(load_knowledge())
    return {m.id: m.name for m in muscles}, {tp.id: tp.label for m in muscles for tp in m.trigger_points}
