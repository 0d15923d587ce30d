"""One window per data folder: a second launch brings the running window forward and ends.

Two windows on one log would each hold the person's unsaved marks and race each other's
saves. The first window holds an exclusive lock on `window.lock` in the data folder for its
whole life and listens on a local socket named after the folder; a later launch finds the
lock taken, asks the first to come forward over the socket, and exits. The lock, not the
socket, decides: two launches at the same moment cannot both become the first.

Python's own sockets are used (already loaded for signal handling) rather than QtNetwork,
whose import alone would add 15 ms before the first paint.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier

LOCK_NAME = "window.lock"
RAISE = b"raise\n"


def _address(folder: Path) -> str:
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
    if sys.platform.startswith("linux"):
        return f"\0bodymap-{os.getuid()}-{digest}"  # abstract: no file to leave behind
    return str(Path(tempfile.gettempdir()) / f"bodymap-{os.getuid()}-{digest}.sock")


class FirstWindow(QObject):
    """Held by the first window: the lock, and the socket later launches knock on."""

    def __init__(self, lock_fd: int, server: socket.socket, bring_forward: Callable[[], None]) -> None:
        super().__init__()
        self._lock_fd = lock_fd
        self._server = server
        self._bring_forward = bring_forward
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._knocked)

    def set_window(self, bring_forward: Callable[[], None]) -> None:
        self._bring_forward = bring_forward

    def _knocked(self) -> None:
        with contextlib.suppress(OSError):
            connection, _ = self._server.accept()
            with connection:
                connection.settimeout(0.5)
                if connection.recv(16) == RAISE:
                    self._bring_forward()

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self._server.close()
        os.close(self._lock_fd)  # releases the lock


class AlreadyOpen(Exception):
    """Another window has this data folder open; it has been asked to come forward."""


def claim(folder: Path) -> FirstWindow | None:
    """The first window's claim on `folder`; raises AlreadyOpen when another window holds it.
    None where there is no flock or AF_UNIX (Windows): no guard there."""
    if sys.platform == "win32" or not hasattr(socket, "AF_UNIX"):
        return None
    import fcntl

    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        _knock(_address(folder))
        raise AlreadyOpen from None
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    address = _address(folder)
    if not address.startswith("\0"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(address)  # left by a window that crashed (we hold the lock: it is gone)
    server.bind(address)
    server.listen(4)
    server.setblocking(False)
    return FirstWindow(fd, server, lambda: None)


def _knock(address: str, wait_s: float = 3.0) -> None:
    """Ask the first window to come forward; it may still be starting, so try for a moment."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as knock:
                knock.settimeout(1.0)
                knock.connect(address)
                knock.sendall(RAISE)
                return
        except OSError:
            if time.monotonic() > deadline:
                return  # it is closing: nothing to bring forward
            time.sleep(0.05)
