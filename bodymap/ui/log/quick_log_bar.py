"""Under Save to log: "Same as last time" and the flare button, with how long the flare has
lasted so far. It only renders; ui/log/quick_log_actions.py does what the buttons ask."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

SAME_TIP = (
    "Put the places and intensities of your last entry on the map, to change what differs "
    "(Ctrl+L; can be undone)"
)
START_TIP = (
    "A flare began: press Flare over when it ends, and its start, end and length are kept "
    "in your log (Ctrl+Shift+F)"
)
END_TIP = "The flare is over: its length is kept in your log, listed in History > Flares (Ctrl+Shift+F)"


class QuickLogBar(QWidget):
    same_requested = Signal()
    flare_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.same_button = QPushButton("Same as last time")
        self.same_button.setToolTip(SAME_TIP)
        self.flare_button = QPushButton("Flare started")
        self.flare_status = QLabel()
        self.flare_status.setWordWrap(True)
        self.flare_status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.flare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.flare_status)
        self.same_button.clicked.connect(self.same_requested)
        self.flare_button.clicked.connect(self.flare_requested)
        self.show_flare("")

    def show_flare(self, status: str) -> None:
        """`status` says how long the flare going on has lasted; empty when there is none."""
        going = bool(status)
        self.flare_button.setText("Flare over" if going else "Flare started")
        self.flare_button.setToolTip(END_TIP if going else START_TIP)
        self.flare_button.setAccessibleName("Flare over" if going else "Flare started")
        self.flare_status.setText(status)
        self.flare_status.setVisible(going)
