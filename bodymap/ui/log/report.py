"""A PDF report for a clinician: where it hurt (front and back heat maps), the pain over
time, the techniques tried and what they did, and every entry. Drawn with QPdfWriter and
written atomically."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QApplication

from bodymap.core import words
from bodymap.core.colour_scale import hex_colour
from bodymap.core.effects import Effect, by_technique
from bodymap.core.geometry import load_geometry
from bodymap.core.logio import atomic_target
from bodymap.core.painlog import Entry, PainLog
from bodymap.core.regions import RegionCatalog, View, load_catalog
from bodymap.core.techniques import load_techniques
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.theme import LIGHT

DPI = 96  # page units: 1 unit = 1/96 inch, like a screen pixel
MARGIN = 48
TEXT = QColor("#222222")
GREY = QColor("#777777")


class _Pages:
    """A painter on the PDF with a cursor that moves down the page and starts new ones."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        self.painter = QPainter(writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = writer.pageLayout().paintRectPixels(DPI)
        self.width, self.height = rect.width(), rect.height()
        self.y = 0.0
        self.header: tuple[list[str], list[float]] | None = None

    def font(self, size: float, bold: bool = False) -> None:
        font = QFont("DejaVu Sans")
        font.setPixelSize(round(size))
        font.setBold(bold)
        self.painter.setFont(font)

    def need(self, height: float) -> None:
        if self.y + height > self.height:
            self.writer.newPage()
            self.y = 0.0
            if self.header is not None:  # a table carried over repeats its column names
                cells, widths = self.header
                self.row(cells, widths, 10, bold=True)

    def text(
        self, text: str, size: float = 12, bold: bool = False, colour: QColor = TEXT, gap: float = 6
    ) -> None:
        self.font(size, bold)
        box = self.painter.boundingRect(
            QRectF(0, 0, self.width, 10_000), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, text
        )
        self.need(box.height())
        self.painter.setPen(colour)
        self.painter.drawText(QRectF(0, self.y, self.width, box.height()), Qt.TextFlag.TextWordWrap, text)
        self.y += box.height() + gap

    def row(self, cells: list[str], widths: list[float], size: float = 10, bold: bool = False) -> None:
        self.font(size, bold)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        heights = [
            self.painter.boundingRect(QRectF(0, 0, w - 6, 10_000), flags, c).height()
            for c, w in zip(cells, widths, strict=True)
        ]
        height = max(heights) + 4
        self.need(height)
        self.font(size, bold)  # a header repeated on a new page may have changed it
        self.painter.setPen(TEXT)
        x = 0.0
        for cell, w in zip(cells, widths, strict=True):
            self.painter.drawText(QRectF(x, self.y + 2, w - 6, height), flags, cell)
            x += w
        self.painter.setPen(QPen(QColor("#dddddd"), 0.5))
        self.painter.drawLine(QPointF(0, self.y + height), QPointF(self.width, self.y + height))
        self.y += height

    def finish(self) -> None:
        self.painter.end()


def write_report(log: PainLog, out: Path, catalog: RegionCatalog | None = None) -> int:
    """Write the report to `out` (atomically); returns how many entries it lists."""
    if QApplication.instance() is None:
        QApplication([])
    catalog = catalog or load_catalog()
    entries = log.entries()
    sessions = log.sessions()
    with atomic_target(Path(out)) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN, MARGIN, MARGIN, MARGIN),
                QPageLayout.Unit.Point,
            )
        )
        writer.setTitle("bodymap pain report")
        writer.setCreator("bodymap")
        pages = _Pages(writer)
        _front_matter(pages, entries, sessions)
        _heat_maps(pages, log, catalog)
        _chart(pages, log)
        _effects(pages, by_technique(sessions))
        _entries(pages, entries, catalog)
        pages.finish()
    return len(entries)


def _front_matter(pages: _Pages, entries: list[Entry], sessions: list) -> None:  # type: ignore[type-arg]
    pages.text("Pain report", 26, bold=True, gap=2)
    made = datetime.now().astimezone()
    if entries:
        first, last = entries[-1].at, entries[0].at
        span = f"{first:%d %b %Y} to {last:%d %b %Y}"
        rated = [e.overall for e in entries if e.overall is not None]
        mean = f"; average overall pain {sum(rated) / len(rated):.1f}/10" if rated else ""
        treated = words.count(len(sessions), "self-treatment session")
        pages.text(f"{words.count(len(entries), 'entry')} from {span}{mean}; {treated}.", 13)
    else:
        pages.text("The log has no entries yet.", 13)
    pages.text(
        f"Made with bodymap on {made:%d %b %Y, %H:%M}. Self-recorded by the person; pain is rated 0 (none) "
        "to 10 (worst imaginable). This is a self-care diary, not a diagnosis.",
        10,
        colour=GREY,
        gap=14,
    )


def _heat_maps(pages: _Pages, log: PainLog, catalog: RegionCatalog) -> None:
    pages.text("Where it hurt: average intensity per region, whole log", 16, bold=True)
    values = log.region_intensity()
    scene = BodyScene(catalog, load_geometry(), LIGHT)
    for region, value in values.items():
        if region in catalog:
            scene.set_region_fill(region, QColor(hex_colour(value)))
    height = 430.0
    pages.need(height + 40)
    half = pages.width / 2
    views: tuple[View, ...] = ("front", "back")
    for i, view in enumerate(views):
        source = scene.view_rect(view)
        target = QRectF(i * half, pages.y, half - 8, height)
        scene.render(pages.painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)  # labelled views
    pages.y += height + 8
    # the colour scale
    bar = QRectF(0, pages.y, pages.width * 0.6, 12)
    for step in range(100):
        pages.painter.fillRect(
            QRectF(bar.x() + bar.width() * step / 100, bar.y(), bar.width() / 100 + 0.5, bar.height()),
            QColor(hex_colour(step / 10)),
        )
    pages.font(9)
    pages.painter.setPen(GREY)
    pages.painter.drawText(QPointF(bar.right() + 8, bar.bottom()), "0 → 10; uncoloured: never marked")
    pages.y += 26
    top = sorted(values.items(), key=lambda item: -item[1])[:8]
    if top:
        pages.text(
            "Most painful: " + "; ".join(f"{catalog[r].label} {v:.1f}" for r, v in top if r in catalog),
            10,
            gap=16,
        )


def _chart(pages: _Pages, log: PainLog) -> None:
    days = log.daily_overall()
    pages.text("Overall pain over time (daily average)", 16, bold=True)
    if not days:
        pages.text("No overall ratings yet.", 11, gap=14)
        return
    height = 220.0
    pages.need(height + 30)
    p = pages.painter
    left, top, width = 30.0, pages.y, pages.width - 40
    times = [datetime.strptime(d, "%Y-%m-%d").replace(tzinfo=UTC).timestamp() for d, _, _ in days]
    t0, t1 = times[0], max(times[-1], times[0] + 86400)
    p.setPen(QPen(QColor("#cccccc"), 0.5))
    pages.font(8)
    for level in range(0, 11, 2):
        y = top + height - height * level / 10
        p.drawLine(QPointF(left, y), QPointF(left + width, y))
        p.setPen(GREY)
        p.drawText(QRectF(0, y - 6, left - 4, 12), Qt.AlignmentFlag.AlignRight, str(level))
        p.setPen(QPen(QColor("#cccccc"), 0.5))
    # month ticks
    month = datetime.fromtimestamp(t0, UTC).replace(day=1)
    while month.timestamp() <= t1:
        if month.timestamp() >= t0:
            x = left + width * (month.timestamp() - t0) / (t1 - t0)
            p.setPen(GREY)
            p.drawText(QPointF(x + 2, top + height + 12), f"{month:%b %y}")
            p.setPen(QPen(QColor("#e5e5e5"), 0.5))
            p.drawLine(QPointF(x, top), QPointF(x, top + height))
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
    points = [
        QPointF(left + width * (t - t0) / (t1 - t0), top + height - height * mean / 10)
        for t, (_, mean, _) in zip(times, days, strict=True)
    ]
    p.setPen(QPen(QColor("#2f6fd6"), 1.2))
    p.drawPolyline(points)
    pages.y += height + 28


def _effects(pages: _Pages, found: list[Effect]) -> None:
    pages.text("Techniques tried and their effect", 16, bold=True)
    if not found:
        pages.text("No treatment sessions with pain rated before and after.", 11, gap=14)
        return
    names = {t.id: t.name for t in load_techniques()}
    widths = [pages.width * f for f in (0.46, 0.14, 0.22, 0.18)]
    pages.row(
        ["Technique", "Sessions", "Change in pain (after − before)", "Less pain after"], widths, 10, True
    )
    for e in found:
        pages.row(
            [
                names.get(e.key, e.key),
                str(e.sessions),
                f"{e.mean_change:+.1f} ± {e.spread:.1f}",
                f"{e.better} of {e.sessions}",
            ],
            widths,
        )
    pages.y += 16


def _entries(pages: _Pages, entries: list[Entry], catalog: RegionCatalog) -> None:
    pages.text("All entries, newest first", 16, bold=True)
    widths = [pages.width * f for f in (0.2, 0.09, 0.46, 0.25)]
    header = ["When", "Overall", "Where (intensity, quality)", "Note"]
    pages.row(header, widths, 10, True)
    pages.header = (header, widths)
    for e in entries:
        where = ", ".join(
            f"{catalog[m.region].label if m.region in catalog else m.region} {m.intensity}"
            + (f" {', '.join(m.qualities)}" if m.qualities else "")
            for m in e.marks
        )
        pages.row(
            [f"{e.at:%d %b %Y %H:%M}", "–" if e.overall is None else f"{e.overall}/10", where, e.note],
            widths,
            9,
        )
