"""Run a Qt program and report when its first frame was painted, from outside its code.

    python first_paint_probe.py -m MODULE [ARGS…]     (as `python -m MODULE ARGS…`)
    python first_paint_probe.py SCRIPT.py [ARGS…]     (as `python SCRIPT.py ARGS…`)

Before the program runs, QWidget.show is wrapped: when the program first shows a window,
the probe starts watching the application's events (an event filter). At the first paint
event of a top-level window, a 0 ms timer is started; it fires once that paint pass (the
whole frame, children included) has returned to the event loop. The probe then prints
`first-paint MONOTONIC` (time.monotonic(), the system-wide clock the bench also reads at
spawn) and ends the process. The bench runs the app and the bare window through this same
probe.

Nothing is watched before the first show(): a hook on every event (QApplication.notify in
Python) would cost each of the ~1,300 events the real window's construction sends some
20 µs, doubling that construction time for the probe alone, and the bare window sends
fifty. What the probe adds is then about the same for both programs.
"""

from __future__ import annotations

import os
import runpy
import sys
import time

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer

_PAINT = QEvent.Type.Paint


def _report() -> None:
    print(f"first-paint {time.monotonic():.6f}", flush=True)
    os._exit(0)


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == _PAINT and isinstance(watched, QtWidgets.QWidget) and watched.isWindow():
            app = QtWidgets.QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(0, _report)  # after this paint pass has returned
        return False


_watcher: list[_FirstPaint] = []
_show = QtWidgets.QWidget.show


def _show_and_watch(self: QtWidgets.QWidget) -> None:
    app = QtWidgets.QApplication.instance()
    if not _watcher and app is not None and self.isWindow():
        _watcher.append(_FirstPaint())
        app.installEventFilter(_watcher[0])
    _show(self)


QtWidgets.QWidget.show = _show_and_watch  # type: ignore[method-assign]


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["-m"]:
        sys.argv = [args[1], *args[2:]]
        sys.path[0] = os.getcwd()  # as `python -m` has it
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = args
        sys.path[0] = os.path.dirname(os.path.abspath(args[0]))  # as `python SCRIPT` has it
        runpy.run_path(args[0], run_name="__main__")


if __name__ == "__main__":
    main()
