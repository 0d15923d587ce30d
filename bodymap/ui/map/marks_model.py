"""The marking as a Qt object: signals for the views, undo/redo for the person."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from bodymap.core.marking import DEFAULT_INTENSITY, MAX_INTENSITY, MIN_INTENSITY, Mark, Marking
from bodymap.core.regions import RegionCatalog

_MERGE_ID = 1


class _SetMarks(QUndoCommand):
    """Set several regions at once (None unmarks); undo restores what was there."""

    def __init__(self, model: MarksModel, changes: dict[str, int | None], text: str) -> None:
        super().__init__(text)
        self._model = model
        self._after = dict(changes)
        self._before = {r: model.marking.get(r) for r in changes}

    def id(self) -> int:
        return _MERGE_ID if len(self._after) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Consecutive intensity steps on one marked region (mouse wheel, slider drag)
        # undo as one change.
        if not isinstance(other, _SetMarks) or other._after.keys() != self._after.keys():
            return False
        (region,) = self._after
        if self._after[region] is None or other._after[region] is None or self._before[region] is None:
            return False
        self._after = dict(other._after)
        return True

    def redo(self) -> None:
        self._model._apply(self._after)

    def undo(self) -> None:
        self._model._apply(self._before)


class MarksModel(QObject):
    marks_changed = Signal(list)  # region ids whose mark changed
    current_changed = Signal(str)  # the region the person is working on ("" for none)

    def __init__(self, catalog: RegionCatalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.marking = Marking()
        self.undo_stack = QUndoStack(self)
        self._current = ""

    # -- queries
    def intensity(self, region: str) -> int | None:
        return self.marking.get(region)

    def marks(self) -> list[Mark]:
        return list(self.marking)

    @property
    def current(self) -> str:
        return self._current

    # -- commands (each is one undoable step)
    def toggle(self, region: str) -> None:
        if region in self.marking:
            self._push({region: None}, f"Unmark {self.catalog[region].label}")
        else:
            self._push({region: DEFAULT_INTENSITY}, f"Mark {self.catalog[region].label}")
        self.set_current(region)

    def set_intensity(self, region: str, intensity: int) -> None:
        intensity = max(MIN_INTENSITY, min(MAX_INTENSITY, intensity))
        if self.marking.get(region) == intensity:
            return
        self._push({region: intensity}, f"Set {self.catalog[region].label} to {intensity}")
        self.set_current(region)

    def step_intensity(self, region: str, steps: int) -> None:
        """Wheel over a region: marks it if needed, then steps its intensity."""
        now = self.marking.get(region)
        self.set_intensity(region, DEFAULT_INTENSITY if now is None else now + steps)

    def set_marks(self, marks: list[Mark]) -> None:
        self._push({m.region: m.intensity for m in marks}, "Mark regions")

    def clear(self) -> None:
        if len(self.marking):
            self._push({m.region: None for m in self.marking}, "Clear all marks")

    def set_current(self, region: str) -> None:
        if region != self._current:
            self._current = region
            self.current_changed.emit(region)

    # -- internals
    def _push(self, changes: dict[str, int | None], text: str) -> None:
        self.undo_stack.push(_SetMarks(self, changes, text))

    def _apply(self, changes: dict[str, int | None]) -> None:
        for region, intensity in changes.items():
            self.marking.set(region, intensity)
        self.marks_changed.emit(list(changes))
