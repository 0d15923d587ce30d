"""Start the Qt application: the window for people, an offscreen render for tools."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
import time
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QSocketNotifier, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from bodymap.core.errors import UserError
from bodymap.core.geometry import load_geometry
from bodymap.core.marking import Mark
from bodymap.core.paths import ensure_private_dir, user_data_dir
from bodymap.core.png import write_rgb
from bodymap.core.referral import LazyReferralEngine, ReferralEngine
from bodymap.core.regions import load_catalog
from bodymap.ui.main_window import MainWindow, settings_at
from bodymap.ui.platform_failure import watching


class ShiftedClock:
    """The monotonic clock moved forward on demand: a routine shown some way in."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def shift(self, seconds: float) -> None:
        self.offset += seconds


def _quiet_platform_notices(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform (screenshots, CI) reports what it cannot do; that is not
    # the person's concern. Everything else goes to stderr as usual.
    if "propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    qInstallMessageHandler(watching(_quiet_platform_notices))  # no platform: one line, exit 1
    QGuiApplication.setApplicationName("bodymap")
    QGuiApplication.setApplicationDisplayName("bodymap")
    QGuiApplication.setDesktopFileName("bodymap")
    return QApplication(sys.argv[:1])


def build_window(data_dir: str | None = None, remember: bool = True) -> MainWindow:
    settings = settings_at(ensure_private_dir(user_data_dir(data_dir)) / "settings.ini") if remember else None
    catalog = load_catalog()
    engine = LazyReferralEngine(lambda: ReferralEngine(_knowledge(), catalog))
    folder = user_data_dir(data_dir)
    open_log = _log_opener(folder) if remember else None
    return MainWindow(catalog, load_geometry(), engine, _techniques, settings, open_log)


def _knowledge():  # type: ignore[no-untyped-def]
    from bodymap.core.knowledge import load_knowledge  # read with the first mark

    return load_knowledge()


def _techniques():  # type: ignore[no-untyped-def]
    from bodymap.core.techniques import load_techniques  # read with the first candidate

    return load_techniques()


def _log_opener(folder: Path):  # type: ignore[no-untyped-def]
    def open_log():  # type: ignore[no-untyped-def]
        from bodymap.core.painlog import PainLog  # sqlite3 and the store: when first needed

        return PainLog(folder)

    return open_log


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
    app._signal_sockets = (reader, writer)  # type: ignore[attr-defined] - keep them alive
    return notifier


def _collect_from_now_on() -> None:
    """Turn the garbage collector back on (the command line pauses it for start-up).

    One collection first, once the window is on screen, so start-up's garbage is freed;
    what remains lives as long as the window, so it is frozen out of the collector's
    walks for good rather than visited on every full collection."""
    gc.collect()
    gc.freeze()
    gc.enable()


def run_app(data_dir: str | None = None) -> int:
    app = _application()
    window = build_window(data_dir)
    _quit_on_signals(app)
    window.show()
    QTimer.singleShot(0, window.first_run)  # the safety notice, once
    # Read the knowledge base once the window is on screen, before the first click needs it.
    QTimer.singleShot(0, window.warm_up)
    QTimer.singleShot(0, _collect_from_now_on)
    print("bodymap: window open", file=sys.stderr, flush=True)
    return app.exec()


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
            app.processEvents()  # ...which is painted on the next pass
        image = window.screen().grabWindow(window.winId()).toImage()
    else:  # a real screen: grabbing it could catch other windows on top
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.show()
        app.processEvents()
        if technique or find is not None:
            _open_panel(window, technique, at, paused, find)
        image = window.grab().toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB888)  # no alpha in a window shot
    try:
        write_rgb(out, image.constBits(), image.width(), image.height(), image.bytesPerLine())
    except OSError as exc:
        raise UserError(f"could not write {out}: {exc.strerror or exc}") from exc
    window.close()


def _play_until(window: MainWindow, technique: str, at: float | None, paused: bool) -> None:
    """Open the technique's player; with `at`, that many seconds into the routine."""
    if window.urgent_unread():
        return  # the picture shows the warning, which holds back treatment (and asks nothing)
    clock = ShiftedClock()
    player = window.open_player(technique, clock)
    if player is None:
        return
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
