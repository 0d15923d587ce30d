"""The red-flag banner at the top of the side panel: what stands, most urgent first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the rules are read on the first mark, not at start-up
    from bodymap.core.safety import SafetyRule

LEVEL_STYLE = {
    "urgent": ("#b71c1c", "#fdecea", "Get help now"),
    "soon": ("#8a5a00", "#fff4e0", "See a doctor soon"),
    "caution": ("#1f4e79", "#eaf2fb", "Good to know"),
}
# on a dark palette: a lighter edge and title, and a dark tint of the level's colour behind
DARK_COLOUR = {"urgent": "#ff8a80", "soon": "#ffcc66", "caution": "#90caf9"}


def banner_colours(level: str, palette: QPalette) -> tuple[str, str, str]:
    """Edge and title colour, background, text colour: from the palette, so a dark theme
    gets a dark banner with light text rather than a light box in a dark window."""
    colour, background, _ = LEVEL_STYLE[level]
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    if window.lightness() >= text.lightness():
        return colour, background, "#1a1a1a"
    bright = QColor(DARK_COLOUR[level])
    tint = QColor(
        (window.red() * 5 + bright.red()) // 6,
        (window.green() * 5 + bright.green()) // 6,
        (window.blue() * 5 + bright.blue()) // 6,
    )
    return bright.name(), tint.name(), text.name()


class SafetyBanner(QFrame):
    """The flags that stand, most urgent first. An urgent flag must be acknowledged before
    any treatment can start; the others inform."""

    acknowledged = Signal()
    checklist_requested = Signal()
    doctor_confirmed = Signal()  # "a doctor has checked this pain"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Safety warning")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 8, 10, 8)
        self.labels: list[QLabel] = []
        self.ack_button = QPushButton("I have read this")
        self.ack_button.clicked.connect(self.acknowledged)
        # read, an urgent warning from the map still locks treatment where it points
        self.doctor_label = self._wrapped(
            "Treatment where this warning points stays locked until a doctor has checked this pain. "
            "Techniques elsewhere on the body are open."
        )
        self.doctor_button = QPushButton("A doctor has checked this pain…")
        self.doctor_button.clicked.connect(self.doctor_confirmed)
        self.rules: list[SafetyRule] = []
        self.setVisible(False)

    def show_flags(self, rules: list[SafetyRule], needs_ack: bool, needs_doctor: bool = False) -> None:
        if [r.id for r in rules] == [r.id for r in self.rules] and self.labels:
            self._show_buttons(needs_ack, needs_doctor)  # same warning: no new layout on every click
            return
        self.rules = rules
        for label in self.labels:
            self._layout.removeWidget(label)
            label.hide()  # gone now, not only when the event loop gets to the deletion
            label.deleteLater()
        self.labels = []
        for widget in (self.ack_button, self.doctor_label, self.doctor_button):
            self._layout.removeWidget(widget)
        if not rules:
            self.setVisible(False)
            return
        heading = LEVEL_STYLE[rules[0].level][2]
        title = QLabel(f"{heading}: {rules[0].title}")
        title.setWordWrap(True)
        title.setObjectName("bannerTitle")
        self._colour_for(rules[0].level)
        self._add(title)
        self._add(self._wrapped(rules[0].message))
        for rule in rules[1:]:
            self._add(self._wrapped(f"{LEVEL_STYLE[rule.level][2]}: {rule.title}. {rule.message}"))
        for widget in (self.ack_button, self.doctor_label, self.doctor_button):
            self._layout.addWidget(widget)
        self._show_buttons(needs_ack, needs_doctor)
        self.setAccessibleDescription(" ".join(label.text() for label in self.labels))
        self.setVisible(True)

    def _colour_for(self, level: str) -> None:
        # the theme's palette: this frame's own is changed by the style sheet set here
        colour, background, text = banner_colours(level, QApplication.palette())
        sheet = (
            f"#safetyBanner {{ background: {background}; border: 2px solid {colour}; border-radius: 4px; }}"
            f"#safetyBanner QLabel {{ color: {text}; }}"
            f"#safetyBanner QLabel#bannerTitle {{ color: {colour}; font-weight: bold; font-size: 15px; }}"
        )
        if sheet != self.styleSheet():  # a style sheet sends a palette change of its own
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.rules:
            self._colour_for(self.rules[0].level)  # the theme changed while a warning shows

    def _show_buttons(self, needs_ack: bool, needs_doctor: bool) -> None:
        self.ack_button.setVisible(needs_ack)
        self.doctor_label.setVisible(needs_doctor and not needs_ack)
        self.doctor_button.setVisible(needs_doctor and not needs_ack)

    def _wrapped(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _add(self, label: QLabel) -> None:
        self.labels.append(label)
        self._layout.addWidget(label)
