"""Locks between bodymap processes on one data folder (advisory file locks, flock(2)).

Two are used by the pain log: an exclusive lock held only while the log is opened, created,
upgraded or repaired, so that a process never reads another's half-made file; and a shared
"in use" lock held for as long as a process has the log open, so that an opener can tell
whether it is the only one (only then is a left-over write-ahead file a sign of a crash).

On a system without flock (Windows) the open lock is taken with msvcrt's byte-range lock and
no process counts as alone: the crash checks that depend on it are skipped there.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bodymap.core.errors import UserError

WAIT_S = 20.0  # an open, upgrade or repair by another process: long for a million entries


class Busy(UserError):
    """Another process held the lock for longer than we wait."""


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    SHARED_LOCKS = False

    def _try(fd: int, shared: bool) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _share(fd: int) -> bool:
        return False

else:
    import fcntl

    SHARED_LOCKS = True

    def _try(fd: int, shared: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _share(fd: int) -> bool:
        fcntl.flock(fd, fcntl.LOCK_SH)  # held by us alone until now: no one slips in between
        return True


def _wait(fd: int, shared: bool, what: str, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    pause = 0.002
    while not _try(fd, shared):
        if time.monotonic() > deadline:
            raise Busy(f"{what} is kept busy by another bodymap; try again in a moment")
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


@contextlib.contextmanager
def exclusive(path: Path, what: str, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if need be) for the `with` block."""
    fd = _open(path)
    try:
        _wait(fd, False, what, wait_s)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


class Presence:
    """A shared lock held while this process uses the log. `alone` says whether no other
    process held one when it was taken (take it under the open lock, so that is still true)."""

    def __init__(self, path: Path) -> None:
        self._fd: int | None = None
        self.alone = False
        if not SHARED_LOCKS:
            return  # no shared locks here: never sure to be alone
        self._fd = _open(path)
        self.alone = _try(self._fd, False) and _share(self._fd)
        if not self.alone:
            _wait(self._fd, True, "the pain log", WAIT_S)

    def others(self) -> bool:
        """Whether another process has the log open now (call under the open lock)."""
        if self._fd is None:
            return SHARED_LOCKS is False  # without shared locks, assume others may be there
        if not _try(self._fd, False):
            return True
        _share(self._fd)
        return False

    def leave(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _release(self._fd)
            os.close(self._fd)
            self._fd = None
