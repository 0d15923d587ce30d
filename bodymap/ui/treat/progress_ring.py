"""A large countdown: seconds left in big digits inside a ring that fills as the phase runs."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class ProgressRing(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._digits = ""
        self._caption = ""
        self._colour = QColor("#2f6fd6")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    def show_time(self, fraction: float, digits: str, caption: str, colour: QColor) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, digits, caption, colour) == (self._fraction, self._digits, self._caption, self._colour):
            return
        # no accessible name here: set every tick, a screen reader would read each second out;
        # the player names the ring once per phase
        self._fraction, self._digits, self._caption, self._colour = fraction, digits, caption, colour
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        thickness = max(8.0, side * 0.07)
        box = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = self.palette().color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(track, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawEllipse(box)
        if self._fraction > 0:
            painter.setPen(QPen(self._colour, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawArc(box, 90 * 16, -round(self._fraction * 360 * 16))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        digits = QFont(self.font())
        digits.setPixelSize(max(12, round(side * 0.27)))
        digits.setBold(True)
        painter.setFont(digits)
        upper = QRectF(box.left(), box.top() + box.height() * 0.18, box.width(), box.height() * 0.5)
        painter.drawText(upper, Qt.AlignmentFlag.AlignCenter, self._digits)
        caption = QFont(self.font())
        caption.setPixelSize(max(10, round(side * 0.085)))
        painter.setFont(caption)
        painter.setPen(self._colour)
        lower = QRectF(box.left(), box.top() + box.height() * 0.64, box.width(), box.height() * 0.18)
        painter.drawText(lower, Qt.AlignmentFlag.AlignCenter, self._caption)
        painter.end()
