"""The session's signals: one per object, called in order, safe to change while emitting."""

from __future__ import annotations

import pytest

from bodymap.core.events import Signal, SignalInstance


class Thing:
    changed = Signal(str)
    moved = Signal()


def test_each_object_has_its_own_signal_and_slots_run_in_order() -> None:
    a, b = Thing(), Thing()
    heard: list[tuple[str, str]] = []
    a.changed.connect(lambda v: heard.append(("first", v)))
    a.changed.connect(lambda v: heard.append(("second", v)))
    b.changed.connect(lambda v: heard.append(("other", v)))
    a.changed.emit("x")
    assert heard == [("first", "x"), ("second", "x")]
    assert isinstance(Thing.changed, Signal) and isinstance(a.changed, SignalInstance)
    assert a.changed is a.changed and a.changed is not b.changed
    assert a.moved is not a.changed


def test_disconnect_and_changes_during_emit() -> None:
    thing = Thing()
    heard: list[str] = []

    def once(value: str) -> None:
        heard.append(f"once {value}")
        thing.changed.disconnect(once)
        thing.changed.connect(later)

    def later(value: str) -> None:
        heard.append(f"later {value}")

    thing.changed.connect(once)
    thing.changed.emit("1")  # a slot connected during the emit is called from the next one
    thing.changed.emit("2")
    assert heard == ["once 1", "later 2"]
    with pytest.raises(ValueError):
        thing.changed.disconnect(once)
