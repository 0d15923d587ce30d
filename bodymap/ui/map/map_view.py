"""A zoomable, pannable, keyboard-navigable view of one figure of the body scene."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QNativeGestureEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QPinchGesture, QWidget

from bodymap.core.navigation import neighbour
from bodymap.core.regions import View
from bodymap.ui.map.body_scene import BodyScene

MIN_ZOOM, MAX_ZOOM = 1.0, 8.0
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): (d if d else 10) for d in range(10)}


class MapView(QGraphicsView):
    """Shows one view (front or back). Zoom: Ctrl+wheel, pinch, +/-; Ctrl+0 resets.

    Keyboard: arrows move between neighbouring regions, Tab/Shift+Tab go through
    them in body order, Space/Enter marks or unmarks, 1-9 and 0 (=10) set the
    intensity, Delete unmarks.
    """

    focus_moved = Signal(str)  # the keyboard moved to a region
    toggle_requested = Signal(str)
    intensity_requested = Signal(str, int)
    unmark_requested = Signal(str)

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
            "Arrow keys move between regions, Space marks, 1 to 9 and 0 set the pain from 1 to 10."
        )
        self._panning: QPointF | None = None

    # -- zoom
    @property
    def zoom(self) -> float:
        return self._zoom

    def fit(self) -> None:
        self.resetTransform()
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._zoom = 1.0

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
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

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def reset_zoom(self) -> None:
        self.fit()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
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

    def move_focus_to(self, region: str) -> None:
        if region not in self._order:
            return
        self._focus_region = region
        self.body_scene.set_focused_region(region)
        rect = self.body_scene.items_by_region[region].sceneBoundingRect()
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
            self.move_focus_to(start)
        elif self._focus_region:
            self.body_scene.set_focused_region(self._focus_region)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the regions in body order; past the last one it leaves the map.
        if self._focus_region in self._order:
            i = self._order.index(self._focus_region) + (1 if next else -1)
            if 0 <= i < len(self._order):
                self.move_focus_to(self._order[i])
                return True
        return super().focusNextPrevChild(next)

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
            event.accept()
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0 and mods & Qt.KeyboardModifier.ControlModifier:
            self.reset_zoom()
        elif not region:
            super().keyPressEvent(event)
            return
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle_requested.emit(region)
        elif key in _DIGIT_KEYS and not mods & Qt.KeyboardModifier.ControlModifier:
            self.intensity_requested.emit(region, _DIGIT_KEYS[key])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.unmark_requested.emit(region)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()
