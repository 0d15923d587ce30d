"""Undo and redo of the marks, as plain data: each step records what the changed regions
held before and after (None: unmarked)."""

from __future__ import annotations

from dataclasses import dataclass

Changes = dict[str, int | None]


@dataclass
class MarkStep:
    text: str  # what the step did, for the Edit menu: "Mark Temple, left"
    before: Changes
    after: Changes

    def continues(self, later: MarkStep) -> bool:
        """Consecutive intensity steps on one marked region (a wheel turn, a slider drag)
        undo as one change; marking or unmarking always stands on its own."""
        if len(self.after) != 1 or self.after.keys() != later.after.keys():
            return False
        (region,) = self.after
        return None not in (self.before[region], self.after[region], later.after[region])


class UndoHistory:
    def __init__(self) -> None:
        self._done: list[MarkStep] = []
        self._undone: list[MarkStep] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def push(self, step: MarkStep) -> None:
        self._undone.clear()
        if self._done and self._done[-1].continues(step):
            self._done[-1].after = dict(step.after)
            self._done[-1].text = step.text
        else:
            self._done.append(step)

    def undo(self) -> Changes | None:
        """The changes that take the marks back one step, or None with nothing to undo."""
        if not self._done:
            return None
        step = self._done.pop()
        self._undone.append(step)
        return dict(step.before)

    def redo(self) -> Changes | None:
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        return dict(step.after)
