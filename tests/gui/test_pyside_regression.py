"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void C++ call
and aborts after a few thousand (docs/architecture.md). Our pin keeps it out; this proves it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF


def test_void_calls_do_not_leak_none_references() -> None:
    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(10_000):
        rect.setWidth(1.0)
    after = sys.getrefcount(None)
    assert after == before
