"""The body map scene: one region item per region, the outlines and landmarks.

The scene owns the signals; region items own only their shape and look.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSceneWheelEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from bodymap.core.colour_scale import edge_colour
from bodymap.core.geometry import BodyGeometry, Command, Shape
from bodymap.core.regions import RegionCatalog, View
from bodymap.ui.map.quality_symbols import GLYPH, describe, paint_symbol, symbol_centres, symbols_rect
from bodymap.ui.theme import MapTheme


def painter_path(shape: Shape) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    _append(path, shape.commands)
    return path


def _append(path: QPainterPath, commands: tuple[Command, ...]) -> None:
    # The cache holds floats already: each command goes straight to its method (the map
    # has ~4,000 of them, drawn before the window first shows).
    ops: dict[str, Callable[..., None]] = {
        "M": path.moveTo,
        "L": path.lineTo,
        "C": path.cubicTo,
        "Z": path.closeSubpath,
    }
    for op, *args in commands:
        ops[str(op)](*args)


class RegionItem(QGraphicsPathItem):
    """One clickable region. Knows its shape and how to look; nothing else."""

    def __init__(self, region_id: str, label: str, path: QPainterPath, theme: MapTheme) -> None:
        super().__init__(path)
        self.region_id = region_id
        self.label = label
        self._theme = theme
        self._fill: QColor | None = None  # None: unmarked
        self._hovered = False
        self._focused = False
        self.setAcceptHoverEvents(True)
        self.setToolTip(label)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, False)
        self.setZValue(1)
        # each region is drawn once into a pixmap at the current zoom and copied from it: a click
        # repaints both figures, and rasterising every outline again took most of that time
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._restyle()

    def set_theme(self, theme: MapTheme) -> None:
        self._theme = theme
        self._restyle()

    @property
    def fill(self) -> QColor | None:
        """The mark's colour (None when unmarked), before any hover tint."""
        return self._fill

    def set_fill(self, colour: QColor | None) -> None:
        self._fill = colour
        self._restyle()

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self._hovered:
            self._hovered = hovered
            self._restyle()

    def set_focused(self, focused: bool) -> None:
        if focused != self._focused:
            self._focused = focused
            self.setZValue(3 if focused else 1)
            self._restyle()

    def _restyle(self) -> None:
        t = self._theme
        base = self._fill if self._fill is not None else t.skin
        if self._hovered:
            base = base.darker(112) if t.dark is False else base.lighter(125)
        self.setBrush(base)
        # Unfocused edges are hairlines (width 0: one pixel at any zoom). A wider pen would
        # make Qt stroke the whole outline just to learn the item's bounding box; a marked
        # region (a few) gets an edge of its own colour that stands out from the skin, so a
        # pale 1/10 still shows.
        if self._focused:
            pen = QPen(t.focus, 2.2)
        elif self._fill is not None:
            pen = QPen(_edge(self._fill, t), 1.6)
        else:
            pen = QPen(t.region_edge, 0)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)


def _edge(fill: QColor, theme: MapTheme) -> QColor:
    def rgb(c: QColor) -> tuple[int, int, int]:
        return (c.red(), c.green(), c.blue())

    return QColor(*edge_colour(rgb(fill), rgb(theme.skin), theme.dark))


class TriggerPointMarker(QGraphicsEllipseItem):
    """A trigger point: a dot of constant size on screen, whatever the zoom."""

    RADIUS = 6.0

    def __init__(self, tp_id: str, tooltip: str, theme: MapTheme) -> None:
        r = self.RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.tp_id = tp_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setBrush(QBrush(theme.trigger_point))
        pen = QPen(theme.background, 2.0)
        self.setPen(pen)
        self.setZValue(6)
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class QualitySymbols(QGraphicsItem):
    """How the pain feels at a marked place: its qualities' symbols over the region, the same
    size on screen at any zoom, dark strokes in a pale halo so the intensity colour shows round
    and through them. A region too small on screen for them (a finger on the whole body) gets
    one small ring instead, until a zoom or a close-up makes room. Not hit by the mouse: a click
    goes to the region under it."""

    INK = QColor("#1a1a1a")
    HALO = QColor(255, 255, 255, 215)
    RING = 3.0  # the small ring's radius, in pixels

    def __init__(self, region_id: str, label: str, qualities: tuple[str, ...], room: float) -> None:
        super().__init__()
        self.region_id = region_id
        self.qualities = qualities
        self.room = room  # the region's smaller side, in scene units
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(4.5)  # over the outlines and a candidate's hatching, under the dots
        self.setToolTip(f"{label}: {describe(qualities)}")

    def boundingRect(self) -> QRectF:
        return symbols_rect(len(self.qualities)).adjusted(-3, -3, 3, 3)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.fits(widget):
            painter.setPen(QPen(self.HALO, 4.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), self.RING, self.RING)
            painter.setPen(QPen(self.INK, 1.6))
            painter.drawEllipse(QPointF(0, 0), self.RING, self.RING)
            return
        for quality, centre in zip(self.qualities, symbol_centres(len(self.qualities)), strict=True):
            paint_symbol(painter, quality, centre, GLYPH, self.INK, self.HALO)

    def fits(self, widget: QWidget | None) -> bool:
        """Whether the symbols fit in the region as `widget` (a view's viewport) shows it."""
        view = widget.parentWidget() if widget is not None else None
        scale = view.transform().m11() if isinstance(view, QGraphicsView) else 1.0
        needed = symbols_rect(len(self.qualities))
        return self.room * scale >= max(needed.width(), needed.height())


# The back figure is moved far to the right in the scene, so that a view fitted
# to one figure never shows a sliver of the other in its spare width.
VIEW_OFFSET: dict[str, float] = {"front": 0.0, "back": 4000.0}


class BodyScene(QGraphicsScene):
    """Both figures, front and back, in one scene, far apart."""

    region_clicked = Signal(str)
    region_hovered = Signal(str)  # "" when the pointer leaves every region
    region_wheeled = Signal(str, int)  # region, steps (+ up, - down)
    trigger_point_clicked = Signal(str)  # trigger point id

    def __init__(self, catalog: RegionCatalog, geometry: BodyGeometry, theme: MapTheme) -> None:
        super().__init__()
        self.catalog = catalog
        self.geometry = geometry
        self._theme = theme
        self.items_by_region: dict[str, RegionItem] = {}
        self._decor: list[tuple[QGraphicsPathItem, str]] = []
        self._captions: list[QGraphicsSimpleTextItem] = []
        self._hovered = ""
        self._focused = ""
        self._overlay: list[QGraphicsItem] = []
        self._symbols: dict[str, QualitySymbols] = {}  # region -> how it feels there
        self._hover_paused: set[int] = set()
        self._highlighted: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        for info in catalog:
            item = RegionItem(info.id, info.label, painter_path(geometry.regions[info.id]), theme)
            item.setPos(VIEW_OFFSET[info.view], 0)
            self.addItem(item)
            self.items_by_region[info.id] = item
        for view in ("front", "back"):
            outline = QGraphicsPathItem(painter_path(geometry.outlines[view]))
            outline.setZValue(4)
            self._add_decor(outline, view, "outline")
            # One item per kind of landmark: the lines are never hit or changed alone.
            by_kind: dict[str, QPainterPath] = {}
            for landmark in geometry.landmarks[view]:
                _append(by_kind.setdefault(landmark.kind, QPainterPath()), landmark.shape.commands)
            for kind, path in by_kind.items():
                decor = QGraphicsPathItem(path)
                decor.setZValue(2)
                self._add_decor(decor, view, kind)
        self._add_captions()
        self._style_surroundings()  # the region items styled themselves
        rect = QRectF()
        for view in ("front", "back"):
            rect = rect.united(self.view_rect(view))  # type: ignore[arg-type]
        self.setSceneRect(rect)

    def _add_decor(self, item: QGraphicsPathItem, view: str, kind: str) -> None:
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setPos(VIEW_OFFSET[view], 0)
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # as the regions are
        self.addItem(item)
        self._decor.append((item, kind))

    # -- layout
    def view_rect(self, view: View) -> QRectF:
        """The scene rectangle a view fits: the figure, its captions and a margin."""
        x, y, w, h = self.geometry.view_rect(view, margin=16)
        return QRectF(x - 40 + VIEW_OFFSET[view], y - 34, w + 80, h + 40)

    def to_scene(self, view: View, x: float, y: float) -> QPointF:
        """Map-file coordinates (core geometry) -> scene coordinates."""
        return QPointF(x + VIEW_OFFSET[view], y)

    def scene_rect(self, view: View, rect: tuple[float, float, float, float]) -> QRectF:
        """A rectangle in map-file coordinates (core geometry) -> scene coordinates."""
        x, y, w, h = rect
        return QRectF(x + VIEW_OFFSET[view], y, w, h)

    def set_captions_visible(self, visible: bool) -> None:
        """The captions drawn in the scene (for print); a view on screen draws its own."""
        for caption in self._captions:
            caption.setVisible(visible)

    @property
    def theme(self) -> MapTheme:
        return self._theme

    def _add_captions(self) -> None:
        """'FRONT'/'BACK' and which side is the person's left, above each figure."""
        font = QFont()
        font.setPointSizeF(13)
        font.setBold(True)
        small = QFont()
        small.setPointSizeF(10)
        for view in ("front", "back"):
            x, y, w, _ = self.geometry.view_rect(view)
            title = QGraphicsSimpleTextItem("FRONT" if view == "front" else "BACK")
            title.setFont(font)
            x += VIEW_OFFSET[view]
            title.setPos(x + w / 2 - title.boundingRect().width() / 2, y - 30)
            self._captions.append(title)
            # Left and right are the person's own: facing us, their right is on our left.
            left_text, right_text = ("RIGHT", "LEFT") if view == "front" else ("LEFT", "RIGHT")
            for text, at_left in ((left_text, True), (right_text, False)):
                item = QGraphicsSimpleTextItem(text)
                item.setFont(small)
                bw = item.boundingRect().width()
                item.setPos(x - 30 if at_left else x + w + 30 - bw, y - 26)
                self._captions.append(item)
        for item in self._captions:
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setZValue(5)
            self.addItem(item)

    # -- looks
    def set_theme(self, theme: MapTheme) -> None:
        self._theme = theme
        for item in self.items_by_region.values():
            item.set_theme(theme)
        self._style_surroundings()

    def _style_surroundings(self) -> None:
        """Background, outlines, landmarks and captions in the current theme."""
        theme = self._theme
        self.setBackgroundBrush(theme.background)
        for item, kind in self._decor:
            if kind == "outline":
                pen = QPen(theme.outline, 1.6)
            elif kind == "bone":
                pen = QPen(theme.landmark, 1.0)
            elif kind == "spine":
                pen = QPen(theme.landmark, 1.0, Qt.PenStyle.DashLine)
            else:
                pen = QPen(theme.landmark_soft, 0.8)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            item.setPen(pen)
            item.setBrush(Qt.BrushStyle.NoBrush)
        for caption in self._captions:
            caption.setBrush(theme.text)

    def set_region_fill(self, region_id: str, colour: QColor | None) -> None:
        self.items_by_region[region_id].set_fill(colour)

    def set_region_qualities(self, region_id: str, qualities: tuple[str, ...]) -> None:
        """Show how the pain feels at a region (its symbols at the region's middle); none: no
        symbols."""
        old = self._symbols.pop(region_id, None)
        if old is not None:
            self.removeItem(old)
        if not qualities:
            return
        _, _, width, height = self.geometry.regions[region_id].bounds
        symbols = QualitySymbols(region_id, self.catalog[region_id].label, qualities, min(width, height))
        view = self.geometry.region_views[region_id]
        symbols.setPos(self.to_scene(view, *self.geometry.centre(region_id)))
        self.addItem(symbols)
        self._symbols[region_id] = symbols

    def region_qualities(self) -> dict[str, tuple[str, ...]]:
        """What the map shows now: region -> its qualities' symbols."""
        return {region: item.qualities for region, item in self._symbols.items()}

    def set_focused_region(self, region_id: str) -> None:
        if self._focused and self._focused in self.items_by_region:
            self.items_by_region[self._focused].set_focused(False)
        self._focused = region_id
        if region_id:
            self.items_by_region[region_id].set_focused(True)

    # -- a candidate muscle on the map
    def show_highlight(
        self,
        essential: set[str] | frozenset[str],
        spillover: set[str] | frozenset[str],
        markers: list[tuple[str, str, View, tuple[float, float]]],
        muscles: tuple[str, ...] = (),
    ) -> None:
        """Essential zone hatched and outlined, spillover dotted with a dashed edge, the muscle
        outlined, trigger points as markers. Nothing is a tint: the person's own colours stay
        as they are between the lines (a tint turned a 7/10 orange brown).

        `markers` holds (trigger point id, tooltip, view, point in map-file coordinates), the
        point as core placed it (inside the muscle's shape and its region); `muscles` the
        muscle shapes to outline ("muscle_id.side").
        """
        self.clear_highlight()
        self._highlighted = (frozenset(essential), frozenset(spillover))
        t = self._theme
        for regions, brush, pen in (
            (essential, QBrush(t.highlight, Qt.BrushStyle.BDiagPattern), QPen(t.highlight, 2.0)),
            (
                spillover,
                QBrush(t.highlight, Qt.BrushStyle.Dense7Pattern),
                QPen(t.highlight, 1.4, Qt.PenStyle.DashLine),
            ),
        ):
            pen.setCosmetic(True)
            for region in regions:
                source = self.items_by_region.get(region)
                if source is None:
                    continue
                item = QGraphicsPathItem(source.path())
                item.setPos(source.pos())
                item.setBrush(brush)
                item.setPen(pen)
                item.setZValue(3.5)
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                item.setAcceptHoverEvents(False)
                self.addItem(item)
                self._overlay.append(item)
        for key in muscles:
            for view, shape in self.geometry.muscles.get(
                key, {}
            ).items():  # both parts of one that wraps round
                self._outline_muscle(key, view, shape, t)
        for tp_id, tooltip, view, (x, y) in markers:
            marker = TriggerPointMarker(tp_id, tooltip, t)
            marker.setPos(self.to_scene(view, x, y))
            self.addItem(marker)
            self._overlay.append(marker)

    def _outline_muscle(self, key: str, view: View, shape: Shape, t: MapTheme) -> None:
        item = QGraphicsPathItem(painter_path(shape))
        item.setPos(VIEW_OFFSET[view], 0)
        item.setBrush(Qt.BrushStyle.NoBrush)  # its outline alone: the marks show through
        pen = QPen(t.trigger_point, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        item.setPen(pen)
        item.setZValue(3.6)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setData(0, key)
        self.addItem(item)
        self._overlay.append(item)

    def clear_highlight(self) -> None:
        for item in self._overlay:
            self.removeItem(item)
        self._overlay = []
        self._highlighted = (frozenset(), frozenset())

    def markers(self) -> list[TriggerPointMarker]:
        return [i for i in self._overlay if isinstance(i, TriggerPointMarker)]

    def highlighted_muscles(self) -> list[str]:
        """The muscle shapes outlined now ("muscle_id.side")."""
        return list(dict.fromkeys(str(item.data(0)) for item in self._overlay if item.data(0)))

    def highlighted_regions(self) -> tuple[frozenset[str], frozenset[str]]:
        """(essential, spillover) regions shown now."""
        return self._highlighted

    # -- hit testing
    def region_at(self, pos: QPointF) -> str:
        for item in self.items(pos):
            if isinstance(item, RegionItem):
                return item.region_id
        return ""

    def _marker_at(self, event: QGraphicsSceneMouseEvent) -> TriggerPointMarker | None:
        view = event.widget().parentWidget() if event.widget() is not None else None
        transform = view.viewportTransform() if isinstance(view, QGraphicsView) else QTransform()
        for item in self.items(
            event.scenePos(),
            Qt.ItemSelectionMode.IntersectsItemShape,
            Qt.SortOrder.DescendingOrder,
            transform,
        ):
            if isinstance(item, TriggerPointMarker):
                return item
        return None

    # -- events: translate pointer events into region signals
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            marker = self._marker_at(event) if self._overlay else None
            if marker is not None:
                event.accept()
                self.trigger_point_clicked.emit(marker.tp_id)
                return
            region = self.region_at(event.scenePos())
            if region:
                event.accept()
                self.region_clicked.emit(region)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self._hover_paused:  # a close-up gliding under a still pointer is no hover
            self._set_hovered(self.region_at(event.scenePos()))
        super().mouseMoveEvent(event)

    def pause_hover(self, who: object, paused: bool) -> None:
        """While `who` (a view) glides into a close-up, the body moves under the pointer:
        that must not read as the person pointing at something new."""
        if paused:
            self._hover_paused.add(id(who))
        else:
            self._hover_paused.discard(id(who))

    def wheelEvent(self, event: QGraphicsSceneWheelEvent) -> None:
        region = self.region_at(event.scenePos())
        if region and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = 1 if event.delta() > 0 else -1
            event.accept()
            self.region_wheeled.emit(region, steps)
            return
        event.ignore()

    def leave(self) -> None:
        self._set_hovered("")

    def _set_hovered(self, region: str) -> None:
        if region == self._hovered:
            return
        if self._hovered:
            self.items_by_region[self._hovered].set_hovered(False)
        self._hovered = region
        if region:
            self.items_by_region[region].set_hovered(True)
        self.region_hovered.emit(region)

    @property
    def hovered_region(self) -> str:
        return self._hovered
