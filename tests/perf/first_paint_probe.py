"""Run a Qt program and report when its first frame was painted, from outside its code.

    python first_paint_probe.py -m MODULE [ARGS…]     (as `python -m MODULE ARGS…`)
    python first_paint_probe.py SCRIPT.py [ARGS…]     (as `python SCRIPT.py ARGS…`)

Before the program runs, QWidget.show is wrapped: when the program first shows a window,
the probe watches that window's own events (an event filter on it). At its first paint event
(a top-level window is painted first in a paint pass) a 0 ms timer is started; it fires once
that paint pass (the whole frame, children included) has returned to the event loop. The
probe then prints `first-paint MONOTONIC` (time.monotonic(), the system-wide clock the bench
also reads at spawn) and ends the process. The bench runs the app and the bare window through
this same probe.

The probe watches the window, not the application: a Python filter on the application sees
every event of every object, and PySide wraps each object it passes to Python, creating its
Python type and that type's enums on first sight. For the bare window that is a handful of
objects; for a real window, hundreds of objects of some sixty classes: the probe itself would
add a tenth of a second to the app's figure and nothing to the baseline's.
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
        if event.type() == _PAINT:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, _report)  # after this paint pass has returned
        return False


_watcher: list[_FirstPaint] = []
_show = QtWidgets.QWidget.show


def _show_and_watch(self: QtWidgets.QWidget) -> None:
    if not _watcher and self.isWindow():
        _watcher.append(_FirstPaint())
        self.installEventFilter(_watcher[0])
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
