"""A zoomable, pannable, keyboard-navigable view of one figure of the body scene."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QPointF, QRect, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QPinchGesture, QWidget

from bodymap.core.closeups import close_up, needs_close_up
from bodymap.core.navigation import neighbour
from bodymap.core.regions import View
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.map.quality_symbols import QUALITY_KEYS

MIN_ZOOM, MAX_ZOOM = 1.0, 8.0
CLOSE_UP_MS = 250  # a close-up glides in over this long, so the person sees where it went
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): (d if d else 10) for d in range(10)}
_QUALITY_KEYS = {getattr(Qt.Key, f"Key_{letter}"): quality for quality, letter in QUALITY_KEYS.items()}
_COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


class MapView(QGraphicsView):
    """Shows one view (front or back). Zoom: Ctrl+wheel, pinch, +/-; Ctrl+0 or Esc: the whole
    figure. A click on a region too small to hit brings its body part into a close-up.

    Keyboard: the map is one Tab stop; inside it arrows move between neighbouring regions,
    Space/Enter marks or unmarks, 1-9 and 0 (=10) set the intensity, Delete unmarks, a
    quality's letter (A, B, S, T, N, H, O) turns how it feels there on or off.
    """

    focus_moved = Signal(str)  # the keyboard moved to a region
    zoom_changed = Signal(float)  # 1.0: the whole figure
    edge_reached = Signal(str)  # an arrow found no region that way: "left" or "right"
    toggle_requested = Signal(str)
    intensity_requested = Signal(str, int)
    unmark_requested = Signal(str)
    quality_requested = Signal(str, str)  # region, quality: on or off

    def __init__(self, scene: BodyScene, view: View, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        # A viewport of our own: asking Qt for the one it made would have PySide look up
        # the widget's exact class among every widget class it knows (~9 ms at start-up).
        self.setViewport(QWidget())
        self.body_scene = scene
        self.view = view
        self._zoom = 1.0
        self._focus_region = ""
        self._order = [r.id for r in scene.catalog.in_view(view)]
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setSceneRect(scene.view_rect(view))
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.setAccessibleName(f"Body map, {view}")
        self.setAccessibleDescription(
            "Arrow keys move between regions, Space marks, 1 to 9 and 0 set the pain from 1 to 10, "
            "letters say how it feels: "
            + ", ".join(f"{key} {quality}" for quality, key in QUALITY_KEYS.items())
            + "."
        )
        self._panning: QPointF | None = None
        # A close-up (scene rectangle) the view keeps fitted as it resizes; None: free zoom.
        self._close_up: QRectF | None = None
        self._by_hand = False  # the person zoomed or closed up here: the story leaves it be
        self._glide = QVariantAnimation(self)
        self._glide.setDuration(CLOSE_UP_MS)
        self._glide.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._glide.valueChanged.connect(self._show_rect)
        self._glide.stateChanged.connect(
            lambda state, _old: scene.pause_hover(self, state == QVariantAnimation.State.Running)
        )
        # the captions are drawn in the viewport's own coordinates (see drawForeground), so
        # they stay on screen at any zoom; the scene's own are for printing
        scene.set_captions_visible(False)

    # -- zoom
    @property
    def zoom(self) -> float:
        return self._zoom

    def fit(self) -> None:
        self._show_rect(self.sceneRect())

    def _fit_scale(self, rect: QRectF) -> float:
        """Screen pixels per scene unit that fit `rect` in the viewport (as fitInView does)."""
        vp = self.viewport().rect().adjusted(2, 2, -2, -2)
        if rect.width() <= 0 or rect.height() <= 0 or vp.width() <= 0 or vp.height() <= 0:
            return 1.0
        return min(vp.width() / rect.width(), vp.height() / rect.height())

    def _show_rect(self, rect: QRectF) -> None:
        """Fit `rect` in the viewport, no nearer than MAX_ZOOM, no farther than the figure."""
        base = self._fit_scale(self.sceneRect())
        scale = max(base * MIN_ZOOM, min(base * MAX_ZOOM, self._fit_scale(rect)))
        here = self.visible_scene_rect().center()
        if abs(scale - self.transform().m11()) > 1e-9 or (here - rect.center()).manhattanLength() > 0.5:
            # (a glide's first frame is where the view already is: no repaint of it all)
            self.setTransform(QTransform.fromScale(scale, scale))
            self.centerOn(rect.center())
        zoom = scale / base
        if abs(zoom - self._zoom) > 1e-9:
            self._zoom = zoom
            self.zoom_changed.emit(zoom)

    @property
    def close_up_rect(self) -> QRectF | None:
        """The close-up the view shows or is gliding to (scene coordinates); None: none."""
        return self._close_up

    @property
    def by_hand(self) -> bool:
        """Whether the person brought this view close themselves (a click, a key, a zoom)."""
        return self._by_hand

    def close_up(self, rect: QRectF | None, animate: bool = True, by_hand: bool = False) -> None:
        """Glide to `rect` (scene coordinates), or back to the whole figure (None)."""
        self._glide.stop()
        self._close_up = rect
        self._by_hand = by_hand and rect is not None
        target = self.sceneRect() if rect is None else rect
        if not animate or not self.isVisible():
            self._show_rect(target)
            return
        self._glide.setStartValue(self.visible_scene_rect())
        self._glide.setEndValue(target)
        self._glide.start()

    def close_up_on(self, region: str, animate: bool = True) -> None:
        """The close-up of the body part `region` lies in (nothing if it has none), as the
        person asked for it."""
        found = close_up(self.body_scene.geometry, region)
        if found is not None and found.view == self.view:
            self.close_up(self.body_scene.scene_rect(self.view, found.rect), animate, by_hand=True)

    def settle(self) -> None:
        """A glide in progress jumps to its end."""
        if self.gliding():
            self._glide.stop()
            self._show_rect(self.sceneRect() if self._close_up is None else self._close_up)

    def gliding(self) -> bool:
        return self._glide.state() == QVariantAnimation.State.Running

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        self._glide.stop()
        self._close_up = None  # the person zooms by hand: the view follows them
        self._by_hand = zoom > MIN_ZOOM
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        factor = zoom / self._zoom
        if abs(factor - 1.0) < 1e-6:
            return
        old = self.transformationAnchor()
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(old)
        self._zoom = zoom
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def reset_zoom(self, animate: bool = False) -> None:
        self.close_up(None, animate)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self.gliding():
            return  # the next frame fits the new size
        if self._close_up is not None:
            self._show_rect(self._close_up)
            return
        zoom = self._zoom
        centre = self.mapToScene(self.viewport().rect().center())
        self.fit()
        if zoom > 1.0:
            self.set_zoom(zoom)
            self.centerOn(centre)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self._zoom * (1.25**steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)  # the scene steps a region's intensity, or we scroll

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if isinstance(pinch, QPinchGesture):
                self.set_zoom(self._zoom * pinch.scaleFactor(), pinch.centerPoint())
                event.accept()
                return True
        if (
            isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.set_zoom(self._zoom * (1.0 + event.value()), event.position())
            return True
        if event.type() == QEvent.Type.Leave:
            self.body_scene.leave()
        return super().viewportEvent(event)

    # -- panning: drag with the middle button, or with the left button on empty space
    def mousePressEvent(self, event: QMouseEvent) -> None:
        over_region = self.body_scene.region_at(self.mapToScene(event.position().toPoint()))
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and not over_region and self._zoom > 1.0
        ):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and over_region:
            self._close_up_if_small(over_region)

    def _close_up_if_small(self, region: str) -> None:
        """A region too small to hit at this zoom: bring its body part close."""
        if needs_close_up(self.body_scene.geometry, region, self.transform().m11()):
            self.close_up_on(region)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            self._panning = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- keyboard
    @property
    def focus_region(self) -> str:
        return self._focus_region

    def forget_focus(self) -> None:
        """The person went on in the other view: no region of this one is being worked on."""
        self._focus_region = ""

    def move_focus_to(self, region: str, follow: bool = True) -> None:
        if region not in self._order:
            return
        self._focus_region = region
        self.body_scene.set_focused_region(region)
        if follow and self.hasFocus():
            self._close_up_if_small(region)  # the keyboard reached a small place: show it close
        rect = self.body_scene.items_by_region[region].sceneBoundingRect()
        if not self.gliding():
            self.ensureVisible(rect, 24, 24)
        label = self.body_scene.catalog[region].label
        self.setAccessibleName(f"Body map, {self.view}: {label}")
        self.focus_moved.emit(region)

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().focusInEvent(event)
        reason = event.reason()
        tabbed = reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if not self._focus_region and self._order and tabbed:
            # only a Tab into the map picks a region; focus that merely lands here must not
            # change what the person is working on
            start = self._order[-1] if reason == Qt.FocusReason.BacktabFocusReason else self._order[0]
            self.move_focus_to(start, follow=False)  # Tab arrives: no sudden close-up
        elif self._focus_region:
            self.body_scene.set_focused_region(self._focus_region)

    def focusNextPrevChild(self, next: bool) -> bool:
        # The map is one Tab stop: Tab leaves it, past the other figure too (arrows cross to
        # it), without that figure taking the focus on the way (which would pick a region).
        others = [
            view
            for view in self.window().findChildren(MapView)
            if view is not self and view.body_scene is self.body_scene
        ]
        policies = [view.focusPolicy() for view in others]
        for view in others:
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        try:
            return super().focusNextPrevChild(next)
        finally:
            for view, policy in zip(others, policies, strict=True):
                view.setFocusPolicy(policy)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers()
        region = self._focus_region
        directions = {
            Qt.Key.Key_Left: (-1.0, 0.0),
            Qt.Key.Key_Right: (1.0, 0.0),
            Qt.Key.Key_Up: (0.0, -1.0),
            Qt.Key.Key_Down: (0.0, 1.0),
        }
        if key in directions and not mods & Qt.KeyboardModifier.ControlModifier:
            target = (
                neighbour(self.body_scene.geometry, self._order, region, directions[key])
                if region
                else (self._order[0] if self._order else "")
            )
            if target:
                self.move_focus_to(target)
            elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.edge_reached.emit("left" if key == Qt.Key.Key_Left else "right")
            event.accept()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0 and mods & Qt.KeyboardModifier.ControlModifier:
            self.reset_zoom()
        elif key == Qt.Key.Key_Escape and (self._zoom > 1.0 + 1e-6 or self._close_up is not None):
            self.reset_zoom(animate=True)  # out of a close-up: the whole figure again
        elif not region:
            super().keyPressEvent(event)
            return
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle_requested.emit(region)
        elif key in _DIGIT_KEYS and not mods & Qt.KeyboardModifier.ControlModifier:
            self.intensity_requested.emit(region, _DIGIT_KEYS[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.unmark_requested.emit(region)
        elif key in _QUALITY_KEYS and not mods & _COMMAND_KEYS:
            self.quality_requested.emit(region, _QUALITY_KEYS[key])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # -- captions: FRONT/BACK and the person's left and right, on screen at any zoom
    def caption_rects(self) -> list[tuple[str, QRect, bool]]:
        """Each caption: its text, where it is drawn in the viewport, whether it is the title."""
        title, small = _caption_fonts()
        width = self.viewport().width()
        heading = "FRONT" if self.view == "front" else "BACK"
        # the person's own sides: facing us (front), their right is on our left
        left, right = ("RIGHT", "LEFT") if self.view == "front" else ("LEFT", "RIGHT")
        big = QFontMetrics(title)
        little = QFontMetrics(small)
        pad = 6
        tw, th = big.horizontalAdvance(heading) + 2 * pad, big.height() + 2
        sw, sh = little.horizontalAdvance("RIGHT") + 2 * pad, little.height() + 2
        top = 4
        return [
            (heading, QRect((width - tw) // 2, top, tw, th), True),
            (left, QRect(pad, top + th - sh, sw, sh), False),
            (right, QRect(width - pad - sw, top + th - sh, sw, sh), False),
        ]

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        theme = self.body_scene.theme
        title, small = _caption_fonts()
        painter.save()
        painter.resetTransform()  # viewport pixels: the captions do not move or scale
        backing = QColor(theme.background)
        backing.setAlpha(200 if self._zoom > 1.0 + 1e-6 else 0)
        for text, box, is_title in self.caption_rects():
            if backing.alpha():
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(backing)
                painter.drawRoundedRect(QRectF(box), 4, 4)
            painter.setFont(title if is_title else small)
            painter.setPen(theme.text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # the scroll moved the captions' pixels with the body: draw them again where they
        # belong and where the scroll carried them
        for _, box, _ in self.caption_rects():
            self.viewport().update(box.adjusted(-2, -2, 2, 2))
            self.viewport().update(box.translated(dx, dy).adjusted(-2, -2, 2, 2))


_FONTS: list[QFont] = []


def _caption_fonts() -> tuple[QFont, QFont]:
    if not _FONTS:
        title = QFont()
        title.setPointSizeF(13)
        title.setBold(True)
        small = QFont()
        small.setPointSizeF(10)
        small.setBold(True)
        _FONTS.extend((title, small))
    return _FONTS[0], _FONTS[1]
