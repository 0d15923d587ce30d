"""Run a Qt program and report when its first frame was painted, from outside its code.

    python first_paint_probe.py -m MODULE [ARGS…]     (as `python -m MODULE ARGS…`)
    python first_paint_probe.py SCRIPT.py [ARGS…]     (as `python SCRIPT.py ARGS…`)

Before the program runs, QApplication is replaced by a subclass that watches every event
the application delivers. When the first paint event of a top-level window has been
delivered and the event that started that paint pass (the window's expose or update
request) has returned, the whole frame has been painted and handed to the platform:
the probe prints `first-paint MONOTONIC` (time.monotonic(), the system-wide clock the
bench also reads at spawn) and ends the process. The bench runs the app and the bare
window through this same probe, so both pay its cost alike.
"""

from __future__ import annotations

import os
import runpy
import sys
import time

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject

_PAINT = QEvent.Type.Paint


class _FirstPaintApplication(QtWidgets.QApplication):
    _depth = 0
    _painted = False

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        cls = _FirstPaintApplication
        cls._depth += 1
        try:
            return super().notify(receiver, event)
        finally:
            cls._depth -= 1
            if (
                not cls._painted
                and event.type() == _PAINT
                and isinstance(receiver, QtWidgets.QWidget)
                and receiver.isWindow()
            ):
                cls._painted = True
            if cls._painted and cls._depth == 0:
                print(f"first-paint {time.monotonic():.6f}", flush=True)
                os._exit(0)


QtWidgets.QApplication = _FirstPaintApplication  # type: ignore[misc]


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
