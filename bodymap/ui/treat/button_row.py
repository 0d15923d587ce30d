"""A row of buttons that says less when the panel is too narrow for all its words.

The player's four buttons, labelled with their keys, need about 500 px side by side; beside the
map that made the window wider than an 800×600 screen, and folding them into two rows made it
too tall. On a narrow panel each button shows its short label (the keys stay in the tooltip
and in Help > Keyboard shortcuts), so the window fits and the row keeps one line."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class ButtonRow(QWidget):
    def __init__(self, buttons: list[tuple[QPushButton, str, str]]) -> None:
        """`buttons`: each button with its full label and its short one."""
        super().__init__()
        self._texts = {button: (full, short) for button, full, short in buttons}
        self._short = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button, full, _ in buttons:
            button.setText(full)
            button.setToolTip(full)
            row.addWidget(button)

    def set_texts(self, button: QPushButton, full: str, short: str) -> None:
        self._texts[button] = (full, short)
        button.setText(short if self._short else full)
        button.setToolTip(full)

    def _width(self, short: bool) -> int:
        layout = self.layout()
        spacing = max(layout.spacing(), 0) if layout is not None else 0
        total = spacing * (len(self._texts) - 1)
        for button, (full, brief) in self._texts.items():
            text = brief if short else full
            total += button.fontMetrics().horizontalAdvance(text) + 32  # the button's own margins
        return total

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(short=True), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        short = event.size().width() < self._width(short=False)
        if short != self._short:
            self._short = short
            for button, (full, brief) in self._texts.items():
                button.setText(brief if short else full)
