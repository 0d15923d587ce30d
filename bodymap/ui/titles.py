"""Window titles say the app's name once, first: "bodymap — History".

Qt adds the application's display name to a title that does not begin with it (on Linux and
Windows), which made "About bodymap — bodymap"; a title made here begins with it, so Qt adds
nothing and every window reads the same way."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

APP = "bodymap"
SEPARATOR = " — "


def window_title(what: str) -> str:
    """`what` after the app's name, the name said once."""
    if what == APP or what.startswith(APP + SEPARATOR):
        return what
    return f"{APP}{SEPARATOR}{what}"


def fit_on_screen(window: QWidget, near: QWidget | None = None) -> None:
    """Size and place a top-level window inside the usable part of the screen (not under a
    panel or off an edge): no larger than that area, over `near` when there is room."""
    screen = (near or window).screen()
    if screen is None:
        return
    room: QRect = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()  # title bar and borders
    if not window.isVisible() and frame.isEmpty():
        frame = QSize(16, 40)  # not yet framed by the window manager: room for a usual frame
    width = min(window.width(), room.width() - frame.width())
    height = min(window.height(), room.height() - frame.height())
    window.resize(max(width, 1), max(height, 1))
    centre = (near.frameGeometry() if near is not None else room).center()
    outer_w, outer_h = width + frame.width(), height + frame.height()
    x = min(max(centre.x() - outer_w // 2, room.left()), room.right() + 1 - outer_w)
    y = min(max(centre.y() - outer_h // 2, room.top()), room.bottom() + 1 - outer_h)
    window.move(x, y)
