"""Front and back figures side by side; one at a time when the window is narrow."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from bodymap.core.closeups import story_close_ups
from bodymap.core.regions import View
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.map.map_view import MapView

# Below this width per figure, show one figure at a time.
MIN_FIGURE_WIDTH = 300


class BodyMapWidget(QWidget):
    layout_changed = Signal(str)  # "both", "front" or "back": what is on screen

    def __init__(self, scene: BodyScene, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.views: dict[View, MapView] = {v: MapView(scene, v) for v in ("front", "back")}
        self._mode = "both"  # what the person chose
        # which one to show when only one fits: at first the back, where the neck, shoulder
        # blade and upper-back pain this app is for is marked
        self._single: View = "back"
        self.buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addStretch(1)
        for mode, text, tip in (
            ("both", "Front && back", "Show both figures (Ctrl+1)"),
            ("front", "Front", "Show the front only (Ctrl+2)"),
            ("back", "Back", "Show the back only (Ctrl+3)"),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setProperty("mode", mode)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.buttons.addButton(button)
            bar.addWidget(button)
        # back from a close-up to the whole body (Esc on the map does the same)
        self.whole_body = QPushButton("Whole body")
        self.whole_body.setToolTip("Back from the close-up to the whole body (Esc)")
        self.whole_body.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.whole_body.clicked.connect(self.show_whole_body)
        self.whole_body.setVisible(False)
        bar.addWidget(self.whole_body)
        bar.addStretch(1)
        for view in self.views.values():
            view.zoom_changed.connect(self._zoomed)
            view.edge_reached.connect(lambda way, v=view: self._cross(v, way))
        self.buttons.buttonClicked.connect(lambda b: self.set_mode(b.property("mode")))
        figures = QHBoxLayout()
        figures.setContentsMargins(0, 0, 0, 0)
        figures.setSpacing(0)
        for view in self.views.values():
            figures.addWidget(view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(figures, 1)
        self._shown = ""
        self._apply()

    @property
    def mode(self) -> str:
        return self._mode

    def shown(self) -> str:
        return self._shown

    def set_mode(self, mode: str) -> None:
        if mode not in ("both", "front", "back"):
            raise ValueError(mode)
        self._mode = mode
        if mode != "both":
            self._single = mode  # type: ignore[assignment]
        self._apply()

    def show_view_of(self, view: View) -> None:
        """Make sure `view` is on screen (the list selected a region on it)."""
        # remembered while both are shown too: a window narrowed later (or laid out after the
        # marks were set) shows the figure being marked
        self._single = view
        if self._shown not in ("both", view):
            if self._mode != "both":
                self._mode = view
            self._apply()

    def follow(self, regions: list[str] | tuple[str, ...], muscles: tuple[str, ...] = ()) -> None:
        """What the map shows now lies in `regions` (trigger points, a press, a step): a view
        with one of them in the head, neck or a hand brings it close; the others show the
        whole body again (core/closeups.py decides which)."""
        found = story_close_ups(self.scene.geometry, regions, muscles)
        self.close_ups({view: self.scene.scene_rect(view, rect) for view, rect in found.items()})

    def close_ups(self, rects: dict[View, QRectF]) -> None:
        """Bring each view to its close-up (scene rectangles); a view not named, and closed up
        before, glides back to the whole figure. A view the person zoomed by hand stays."""
        for name, view in self.views.items():
            if view.by_hand:
                continue
            rect = rects.get(name)
            if rect is not None:
                if view.close_up_rect != rect:
                    view.close_up(rect)
            elif view.close_up_rect is not None:
                view.close_up(None)
        # a figure not on screen (one at a time, in a narrow window) is not brought forward:
        # the person may be marking the other; Find it and the player show theirs themselves

    def _cross(self, view: MapView, way: str) -> None:
        """An arrow past the side of one figure goes on to the other (when both are shown):
        the map stays one Tab stop and every region of both figures is reachable by arrows."""
        other = self.views["back" if view.view == "front" else "front"]
        on_screen_left = view.view == "back"  # the back figure is on the right
        if self._shown != "both" or (way == "left") != on_screen_left:
            return
        _, y = self.scene.geometry.centre(view.focus_region) if view.focus_region else (0.0, 0.0)
        regions = [r.id for r in self.scene.catalog.in_view(other.view)]
        side_x = [self.scene.geometry.centre(r)[0] for r in regions]
        edge = max(side_x) if way == "left" else min(side_x)
        # the region on the near edge of the other figure, at about the same height
        centre = self.scene.geometry.centre
        target = min(regions, key=lambda r: abs(centre(r)[1] - y) + abs(centre(r)[0] - edge))
        other.setFocus(Qt.FocusReason.OtherFocusReason)
        other.move_focus_to(target)

    def settle(self) -> None:
        """Every glide to its end at once (a screenshot shows where the map ends up)."""
        for view in self.views.values():
            view.settle()

    def show_whole_body(self) -> None:
        for view in self.views.values():
            view.close_up(None)

    def _zoomed(self) -> None:
        self.whole_body.setVisible(any(v.zoom > 1.0 + 1e-6 for v in self.views.values()))

    def current_view(self) -> MapView:
        for view in self.views.values():
            if view.hasFocus():
                return view
        return self.views[self._single if self._shown != "both" else "front"]

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._apply()

    def _apply(self) -> None:
        fits_both = self.width() >= 2 * MIN_FIGURE_WIDTH
        shown = (
            "both"
            if self._mode == "both" and fits_both
            else (self._mode if self._mode != "both" else self._single)
        )
        for button in self.buttons.buttons():
            button.setChecked(
                button.property("mode") == (self._mode if shown == "both" or self._mode != "both" else shown)
            )
        self.buttons.buttons()[0].setEnabled(fits_both)
        if shown == self._shown:
            return
        self._shown = shown
        for view_name, view in self.views.items():
            view.setVisible(shown in ("both", view_name))
        self.layout_changed.emit(shown)
