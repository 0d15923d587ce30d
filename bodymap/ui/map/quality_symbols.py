"""How pain feels, drawn: one small symbol per quality, the same on the map, on the side panel's
toggles and in the legend, and the letter key that sets each one on the map.

The symbols are drawn paths, not characters: no font on any machine lacks them, and with a pale
halo round a dark stroke they stay legible over every colour of the intensity scale."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from bodymap.core.marking import QUALITIES

# The map's letter keys, first letters where they are free (H: tHrobbing, O: shOoting, as the
# S and T of sharp and tingling come first). Letters, not Alt+letter: Alt opens the menus.
QUALITY_KEYS: dict[str, str] = {
    "aching": "A",
    "burning": "B",
    "sharp": "S",
    "tingling": "T",
    "numb": "N",
    "throbbing": "H",
    "shooting": "O",
}
# What each word means to the person, for the tooltips and the legend
QUALITY_HINTS: dict[str, str] = {
    "aching": "a dull, deep or sore ache",
    "burning": "burning or hot",
    "sharp": "sharp or stabbing",
    "tingling": "pins and needles",
    "numb": "numb, less feeling",
    "throbbing": "throbbing or pulsing",
    "shooting": "shooting, like an electric jolt",
}
# Drawn filled (a flame, a spike, dots, a bolt) or as a line (a wave, a ring, a pulse)
_FILLED = frozenset({"burning", "sharp", "tingling", "shooting"})
GLYPH = 11.0  # a symbol's side, in pixels on screen at any zoom


@cache
def _unit_path(quality: str) -> QPainterPath:
    """The symbol in a box from -5 to 5."""
    p = QPainterPath()
    if quality == "aching":  # a slow wave
        p.moveTo(-5, 1)
        p.cubicTo(-3.2, -4.5, -1.2, -4.5, 0, 0)
        p.cubicTo(1.2, 4.5, 3.2, 4.5, 5, -1)
    elif quality == "burning":  # a flame
        p.moveTo(0, -5.5)
        p.cubicTo(3.5, -2, 4.8, 1.2, 3.2, 3.8)
        p.cubicTo(2, 5.6, -2, 5.6, -3.2, 3.8)
        p.cubicTo(-4.6, 1.6, -2.6, -0.8, -1.2, -1.8)
        p.cubicTo(-1, -0.2, -0.4, 0.6, 0.3, 0.8)
        p.cubicTo(0.6, -1.6, 0.2, -3.6, 0, -5.5)
    elif quality == "sharp":  # a spike
        p.moveTo(-2.8, -5)
        p.lineTo(2.8, -5)
        p.lineTo(0, 5.5)
        p.closeSubpath()
    elif quality == "tingling":  # pins and needles: scattered dots
        for x, y in ((-3.4, 3.0), (3.4, 3.0), (0, -3.4)):
            p.addEllipse(QPointF(x, y), 1.7, 1.7)
    elif quality == "numb":  # a ring struck through: less feeling
        p.addEllipse(QPointF(0, 0), 4.4, 4.4)
        p.moveTo(-3.1, 3.1)
        p.lineTo(3.1, -3.1)
    elif quality == "throbbing":  # a pulse
        p.moveTo(-5.5, 0.5)
        p.lineTo(-2.6, 0.5)
        p.lineTo(-1.2, -4.5)
        p.lineTo(1.2, 4.5)
        p.lineTo(2.6, 0.5)
        p.lineTo(5.5, 0.5)
    elif quality == "shooting":  # a bolt
        p.moveTo(1.8, -5.6)
        p.lineTo(-3.4, 0.8)
        p.lineTo(-0.2, 0.8)
        p.lineTo(-1.8, 5.6)
        p.lineTo(3.4, -0.8)
        p.lineTo(0.2, -0.8)
        p.closeSubpath()
    else:
        raise ValueError(f"no symbol for {quality!r}")
    return p


def paint_symbol(
    painter: QPainter, quality: str, centre: QPointF, size: float, ink: QColor, halo: QColor | None
) -> None:
    """One symbol `size` pixels wide at `centre`; a halo (when given) keeps it apart from any
    colour under it."""
    scale = size / 11.0
    path = _unit_path(quality)
    painter.save()
    painter.translate(centre)
    painter.scale(scale, scale)
    filled = quality in _FILLED
    line = 1.7 if not filled else 0.9
    if halo is not None:
        pen = QPen(halo, line + 2.4 / scale)  # about 1.2 px round the stroke on screen
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(halo if filled else Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    pen = QPen(ink, line)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(ink if filled else Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


def symbol_icon(quality: str, ink: QColor, size: int = 16) -> QIcon:
    """The symbol as an icon in the palette's text colour (the side panel's toggles)."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = QPixmap(round(size * ratio), round(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_symbol(painter, quality, QPointF(size / 2, size / 2), size - 3, ink, None)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def symbols_rect(count: int) -> QRectF:
    """Where `count` symbols are drawn round (0, 0): up to three a row, rows centred."""
    columns = min(count, 3)
    rows = (count + 2) // 3
    step = GLYPH + 2
    return QRectF(-columns * step / 2, -rows * step / 2, columns * step, rows * step)


def symbol_centres(count: int) -> list[QPointF]:
    step = GLYPH + 2
    rows = (count + 2) // 3
    centres = []
    for i in range(count):
        row, column = divmod(i, 3)
        in_row = min(3, count - row * 3)
        x = (column - (in_row - 1) / 2) * step
        y = (row - (rows - 1) / 2) * step
        centres.append(QPointF(x, y))
    return centres


def describe(qualities: tuple[str, ...]) -> str:
    """The qualities as words in QUALITIES' order: "burning, tingling"."""
    return ", ".join(q for q in QUALITIES if q in qualities)
