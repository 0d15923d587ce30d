"""Start the Qt application: the window for people, an offscreen render for tools."""

from __future__ import annotations

import contextlib
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSettings,
    QSocketNotifier,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter
from PySide6.QtWidgets import QApplication, QWidget

from bodymap.core.errors import UserError
from bodymap.core.geometry import load_geometry
from bodymap.core.marking import Mark
from bodymap.core.paths import ensure_private_dir, user_data_dir
from bodymap.core.regions import load_catalog
from bodymap.core.session import Session
from bodymap.ui.main_window import MainWindow, settings_at

if TYPE_CHECKING:
    from bodymap.core.knowledge import KnowledgeBase
    from bodymap.core.painlog import PainLog
    from bodymap.core.profile import AboutYou
    from bodymap.core.safety import SafetyRules
    from bodymap.core.techniques import TechniqueLibrary
from bodymap.ui.platform_failure import application as _application


class ShiftedClock:
    """The monotonic clock moved forward on demand: a routine shown some way in."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def shift(self, seconds: float) -> None:
        self.offset += seconds


def build_window(data_dir: str | None = None, remember: bool = True) -> MainWindow:
    """The window and the session it renders; `remember` keeps settings and the log in the
    data folder (screenshots keep neither)."""
    settings = settings_at(ensure_private_dir(user_data_dir(data_dir)) / "settings.ini") if remember else None
    from bodymap.core.profile import PersonalStore  # only for a window that remembers

    session = Session(
        load_catalog(),
        _knowledge,
        _safety,
        _techniques,
        ticked=_setting_list(settings, "safety/ticked"),
        checklist_seen=settings is not None and bool(settings.value("safety/checklist_seen", False, bool)),
        about_you=_about_you if remember else None,
        personal=PersonalStore(user_data_dir(data_dir)) if remember else None,
    )
    open_log = _log_opener(user_data_dir(data_dir)) if remember else None
    from bodymap.core.continuity import Draft

    draft = Draft(user_data_dir(data_dir)) if remember else None  # unsaved marks, for next time
    return MainWindow(session, load_geometry(), settings, open_log, draft)


def _setting_list(settings: QSettings | None, key: str) -> list[str]:
    if settings is None:
        return []
    value = settings.value(key, [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


# the data files are read when first needed, not before the window is on screen
def _knowledge() -> KnowledgeBase:
    from bodymap.core.knowledge import load_knowledge

    return load_knowledge()


def _techniques() -> TechniqueLibrary:
    from bodymap.core.techniques import load_techniques

    return load_techniques()


def _about_you() -> AboutYou:
    from bodymap.core.profile import load_about_you

    return load_about_you()


def _safety() -> SafetyRules:
    from bodymap.core.safety import load_safety

    return load_safety()


def _log_opener(folder: Path) -> Callable[[], PainLog]:
    def open_log() -> PainLog:
        from bodymap.core.painlog import PainLog  # sqlite3 and the store: when first needed

        return PainLog(folder)

    return open_log


_KEPT_ALIVE: list[object] = []


def _quit_on_signals(app: QApplication) -> QSocketNotifier | None:
    """Close the window cleanly on SIGINT/SIGTERM (Ctrl+C in a terminal, a session logout).

    Python handles signals only when it runs; a wake-up fd lets Qt's event loop notice.
    """
    if sys.platform == "win32":
        return None
    import socket

    reader, writer = socket.socketpair()
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        app.closeAllWindows()
        app.quit()

    notifier.activated.connect(wake)
    _KEPT_ALIVE.extend((reader, writer))  # the sockets live as long as the app
    return notifier


def _bring_forward(window: QWidget) -> None:
    """A second launch: the running window, restored if minimised, on top and focused."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class _AfterFirstPaint(QObject):
    """Starts work once the window has painted its first frame.

    It watches the window's own events (not the application's: a Python filter on every
    event of every object would wrap each object Qt passes it, creating Python types and
    enums by the hundred before the first frame) until its first paint; a top-level window
    is painted first in a paint pass, and a 0 ms timer started there runs once that pass is
    over and the frame has gone to the screen. A 0 ms timer started before show() could
    run before the first paint."""

    def __init__(self, window: MainWindow, *work: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._work = work
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            for job in self._work:
                QTimer.singleShot(0, job)
        return False


def run_app(data_dir: str | None = None) -> int:
    from bodymap.ui.single_instance import AlreadyOpen, claim

    app = _application()
    try:
        first = claim(ensure_private_dir(user_data_dir(data_dir)))
    except AlreadyOpen:
        print("bodymap: already open for this data folder; brought that window forward", file=sys.stderr)
        return 0
    window = build_window(data_dir)
    if first is not None:
        first.set_window(lambda: _bring_forward(window))
    _quit_on_signals(app)
    # The safety notice (once), the marks left unsaved last time, then what the first click
    # will need (the knowledge base, the log): after the window is on screen, not before.
    _AfterFirstPaint(window, window.first_run, window.offer_draft, window.warm_up)
    window.show()
    print("bodymap: window open", file=sys.stderr, flush=True)
    try:
        return app.exec()
    finally:
        if first is not None:
            first.close()  # the next launch may open its own window


def render_screenshot(
    out: Path,
    marks: list[Mark],
    view: str = "both",
    size: tuple[int, int] = (1280, 800),
    data_dir: str | None = None,
    technique: str = "",
    at: float | None = None,
    paused: bool = False,
    find: list[str] | None = None,
) -> None:
    """Render the real main window (not a mock) at `size` and save it as PNG; with a
    technique, its player: the cautions, or `at` seconds into the routine."""
    app = _application()
    window = build_window(data_dir, remember=False)
    window.map.set_mode(view)
    window.resize(*size)
    window.apply_marks(marks)
    if QGuiApplication.platformName() == "offscreen":
        # The offscreen platform keeps what it painted on show; reading that back
        # costs 3 ms where grab() would paint the whole window a second time.
        window.show()
        app.processEvents()
        if technique or find is not None:
            _open_panel(window, technique, at, paused, find)
            app.processEvents()  # the panel's text asks for a new layout...
        window.map.settle()  # a close-up shown where it ends, not a frame of its glide
        app.processEvents()  # ...which is painted on the next pass
        # Wrapped labels settle their height for the panel's width one pass later still; a
        # frame read before that pass showed the colour scale's numbers cut off at 800×600,
        # which the window on a real screen never shows.
        app.processEvents()
        image = window.screen().grabWindow(window.winId()).toImage()
    else:  # a real screen: grabbing it could catch other windows on top
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.show()
        app.processEvents()
        if technique or find is not None:
            _open_panel(window, technique, at, paused, find)
        window.map.settle()
        image = window.grab().toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB888)  # no alpha in a window shot
    from bodymap.core.logio import atomic_target  # not on the window's start-up path

    # like an export: atomically, and readable by its owner alone (it shows where it hurts)
    with atomic_target(out) as temporary:
        writer = QImageWriter(str(temporary), b"png")
        if not writer.write(image):
            raise UserError(f"could not write {out}: {writer.errorString()}")
    window.close()


def _play_until(window: MainWindow, technique: str, at: float | None, paused: bool) -> None:
    """Open the technique's player; with `at`, that many seconds into the routine."""
    if window.urgent_unread():
        return  # the picture shows the warning, which holds back treatment (and asks nothing)
    clock = ShiftedClock()
    player = window.open_player(technique, clock)
    if player is None:
        return
    player.cues.muted = True  # a picture: no tone, alert or voice for the phases it skips over
    if at is not None:
        player.start()
        clock.shift(at)
        player.runner.catch_up()
        if paused:
            player.runner.toggle_pause()
        player.settle()


def _open_panel(
    window: MainWindow, technique: str, at: float | None, paused: bool, find: list[str] | None
) -> None:
    if technique:
        _play_until(window, technique, at, paused)
        return
    if window.urgent_unread():
        return
    panel = window.open_search()
    for answer in find or []:
        if panel is not None and panel.test is not None:
            panel.answer(answer)  # type: ignore[arg-type]
