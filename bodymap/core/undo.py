"""Undo and redo of the marks, as plain data: each step records what the changed regions
held before and after (their whole mark, intensity and qualities; None: unmarked)."""

from __future__ import annotations

from dataclasses import dataclass

from bodymap.core.marking import Mark

Changes = dict[str, Mark | None]


@dataclass
class MarkStep:
    text: str  # what the step did, for the Edit menu: "Mark Temple, left"
    before: Changes
    after: Changes

    def continues(self, later: MarkStep) -> bool:
        """Consecutive intensity steps on one marked region (a wheel turn, a slider drag)
        undo as one change; marking, unmarking and a changed quality always stand on their own."""
        if len(self.after) != 1 or self.after.keys() != later.after.keys():
            return False
        (region,) = self.after
        marks = (self.before[region], self.after[region], later.after[region])
        return all(m is not None for m in marks) and len({m.qualities for m in marks if m}) == 1


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
