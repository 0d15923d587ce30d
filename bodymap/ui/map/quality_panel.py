"""The side panel's "how does it feel" toggles for the current place, and what each symbol on
the map means. It renders the session's qualities and asks for changes; the rules are core's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from bodymap.core.marking import QUALITIES
from bodymap.ui.map.quality_symbols import QUALITY_HINTS, QUALITY_KEYS, symbol_icon


class QualityPanel(QWidget):
    quality_toggled = Signal(str, str)  # region, quality: on or off

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = ""
        self.heading = QLabel("How does it feel there?")
        self.heading.setWordWrap(True)
        keys = ", ".join(f"{key} {quality}" for quality, key in QUALITY_KEYS.items())
        self.heading.setToolTip(f"Several at once. On the map, a letter turns one on or off: {keys}.")
        self.buttons: dict[str, QToolButton] = {}
        for quality in QUALITIES:
            button = QToolButton()
            button.setText(quality.capitalize())
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches them, Space toggles
            key = QUALITY_KEYS[quality]
            button.setToolTip(f"{quality.capitalize()}: {QUALITY_HINTS[quality]} (key {key} on the map)")
            button.setAccessibleName(f"{quality.capitalize()} ({QUALITY_HINTS[quality]})")
            button.clicked.connect(lambda _checked=False, q=quality: self._clicked(q))
            self.buttons[quality] = button
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self._columns = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self._grid)
        self._arrange(4)
        self._paint_icons()
        self.show_region("", (), marked=False)

    def show_region(self, region: str, qualities: tuple[str, ...], marked: bool) -> None:
        """The place being worked on and how it feels there; a place not yet marked can be given
        a quality (which marks it)."""
        self._region = region
        for quality, button in self.buttons.items():
            button.setEnabled(bool(region))
            button.setChecked(quality in qualities)
            font = button.font()
            if font.bold() != (quality in qualities):  # a click repaints the panel: only what changed
                font.setBold(quality in qualities)  # a pressed look alone is faint in some styles
                button.setFont(font)
        if not region:
            self.heading.setText("How does it feel? Pick a place first.")
        elif marked:
            self.heading.setText("How does it feel there?")
        else:
            self.heading.setText("How does it feel there? (marks it)")

    def checked(self) -> tuple[str, ...]:
        return tuple(q for q, b in self.buttons.items() if b.isChecked())

    def _clicked(self, quality: str) -> None:
        if self._region:
            self.quality_toggled.emit(self._region, quality)

    # -- layout and looks
    def _arrange(self, columns: int) -> None:
        """Buttons in as many columns as fit (four at most): two rows on a wide panel."""
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self._grid.removeWidget(button)
        for i, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, i // columns, i % columns)
        for column in range(4):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def _widest(self) -> int:
        return max(b.sizeHint().width() for b in self.buttons.values())

    def resizeEvent(self, event: QResizeEvent) -> None:
        spacing = self._grid.spacing()
        fit = max(2, min(4, (event.size().width() + spacing) // (self._widest() + spacing)))
        self._arrange(fit)
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(2 * self._widest() + self._grid.spacing(), hint.height())

    def _paint_icons(self) -> None:
        ink = self.palette().color(QPalette.ColorRole.ButtonText)
        for quality, button in self.buttons.items():
            button.setIcon(symbol_icon(quality, ink))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()  # the symbols in the text colour of a dark or light palette
        super().changeEvent(event)
