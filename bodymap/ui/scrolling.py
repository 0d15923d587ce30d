"""One way to let a dialog's content scroll within a small screen instead of running off it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling_down(inner: QWidget) -> QScrollArea:
    """`inner` in a frameless area that scrolls up and down, never sideways: the text wraps to
    the dialog's width and a small screen scrolls it rather than cutting it off."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll
