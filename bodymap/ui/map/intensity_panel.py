"""The side panel's "how much" controls: the current region, a 0-10 slider, the legend."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.colour_scale import intensity_colour
from bodymap.core.marking import MAX_INTENSITY, MIN_INTENSITY

BAR_TOP = 2
BAR_HEIGHT = 14


@cache
def _scale_strip() -> QImage:
    """The colour scale, a pixel per tenth of a point, stretched smoothly over the bar: the
    very colours the map gives each intensity (no gradient type needed at start-up)."""
    steps = 10 * MAX_INTENSITY + 1
    strip = QImage(steps, 1, QImage.Format.Format_RGB32)
    for x in range(steps):
        strip.setPixelColor(x, 0, QColor(*intensity_colour(x / 10)))
    return strip


class IntensityLegend(QWidget):
    """The colour scale, 0 (no pain) to 10 (worst imaginable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Colour scale: pale yellow is 0, no pain; deep red is 10, worst pain")

    def sizeHint(self) -> QSize:
        return QSize(220, self._numbers_top() + self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(6 * self.fontMetrics().horizontalAdvance("10"), self.sizeHint().height())

    def _numbers_top(self) -> int:
        return BAR_TOP + BAR_HEIGHT + 2

    def _bar(self) -> QRectF:
        # as far in from each side as half the widest number: "0" and "10" stay whole
        inset = self.fontMetrics().horizontalAdvance("10") / 2 + 2
        return QRectF(inset, BAR_TOP, self.width() - 2 * inset, BAR_HEIGHT)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()  # the numbers' height and the bar's inset follow the type
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        bar = self._bar()
        rounded = QPainterPath()
        rounded.addRoundedRect(bar, 3, 3)
        p.setClipPath(rounded)
        p.drawImage(bar, _scale_strip())
        p.setClipping(False)
        p.setPen(self.palette().windowText().color())
        p.setFont(self.font())
        for text, box in self.number_boxes():
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.end()

    def number_boxes(self) -> list[tuple[str, QRectF]]:
        """Where the numbers under the bar are drawn: 0, 2, … 10."""
        bar = self._bar()
        metrics = self.fontMetrics()
        wide = metrics.horizontalAdvance("10") + 2
        boxes = []
        for i in range(0, MAX_INTENSITY + 1, 2):
            x = bar.left() + bar.width() * i / MAX_INTENSITY
            boxes.append((str(i), QRectF(x - wide / 2, self._numbers_top(), wide, metrics.height())))
        return boxes


class IntensityPanel(QWidget):
    intensity_chosen = Signal(str, int)
    unmark_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = ""
        self.title = QLabel("Click where it hurts on the body.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(MIN_INTENSITY, MAX_INTENSITY)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName("Pain intensity, 0 to 10")
        self.value = QLabel("–")
        self.value.setMinimumWidth(44)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unmark = QPushButton("Unmark")
        self.unmark.setToolTip("Remove this region's mark (Delete)")
        self.hint = QLabel(
            "Tip: the mouse wheel over a region, or the keys 1–9 and 0 (for 10), set how much it hurts."
        )
        self.hint.setWordWrap(True)
        small = self.hint.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.hint.setFont(small)  # smaller, not greyed out: a disabled look is hard to read
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        row.addWidget(self.unmark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(IntensityLegend())
        layout.addWidget(self.hint)
        self.slider.valueChanged.connect(self._slider_moved)
        self.unmark.clicked.connect(self._unmark_clicked)
        self.show_region("", "", None)

    def _unmark_clicked(self) -> None:
        if self._region:
            self.unmark_requested.emit(self._region)

    def show_region(self, region: str, label: str, intensity: int | None) -> None:
        self._region = region
        marked = intensity is not None
        if not region:
            self.title.setText("Click where it hurts on the body.")
        elif marked:
            self.title.setText(label)
        else:
            self.title.setText(f"{label} (not marked)")
        self.slider.blockSignals(True)
        self.slider.setValue(intensity if intensity is not None else 0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(bool(region))
        self.unmark.setEnabled(marked)
        self.value.setText(f"{intensity}/10" if marked else "–")

    def _slider_moved(self, value: int) -> None:
        if self._region:
            self.intensity_chosen.emit(self._region, value)
