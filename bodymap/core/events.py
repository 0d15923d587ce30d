"""Qt-style signals without Qt, for the core session's events: declared on the class,
connected per instance, emitted synchronously in the order of connection.

psygnal does this and more, but importing it costs about 38 ms before the window's first
frame (its package reads its own metadata through importlib.metadata and loads its whole
toolkit: evented models, throttling, async, queues), a sixth of the time a person waits for
the window. The session needs ten plain notifications; these thirty lines give them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

Slot = Callable[..., object]


class SignalInstance:
    """One object's signal: its connected callables, called in order on emit."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._slots: list[Slot] = []

    def connect(self, slot: Slot) -> Slot:
        self._slots.append(slot)
        return slot

    def disconnect(self, slot: Slot) -> None:
        """Forget `slot` (ValueError when it was never connected)."""
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in tuple(self._slots):  # a slot may connect or disconnect others
            slot(*args)

    def __len__(self) -> int:
        return len(self._slots)


class Signal:
    """Declares a signal on a class; each instance gets its own SignalInstance on first use."""

    def __init__(self, *types: object) -> None:
        self.types = types  # what emit passes, for the reader
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Signal: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> SignalInstance: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Signal | SignalInstance:
        if obj is None:
            return self
        instance = SignalInstance(self.name)
        obj.__dict__[self.name] = instance  # found first from now on: one per object
        return instance
