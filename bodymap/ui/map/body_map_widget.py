"""Front and back figures side by side; one at a time when the window is narrow."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

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
        self._single: View = "front"  # which one to show when only one fits
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
        bar.addStretch(1)
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
        if self._shown not in ("both", view):
            self._single = view
            if self._mode != "both":
                self._mode = view
            self._apply()

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
