"""Continuity between days: unsaved marks kept in a draft, and the last entry as a start.

The draft is `draft.json` in the data folder, written atomically and readable by its owner
alone (0600), like every file of the log. It holds the marks that are on the map and not yet in
the log; it is removed when they are saved, cleared, or discarded. Nothing else is in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bodymap.core import words
from bodymap.core.marking import MAX_INTENSITY, MIN_INTENSITY, QUALITIES, Mark
from bodymap.core.regions import RegionCatalog

if TYPE_CHECKING:
    from bodymap.core.painlog import Entry
    from bodymap.core.session import Session

DRAFT_NAME = "draft.json"
DRAFT_VERSION = 1


class Draft:
    """The draft file: read, written whole and atomically, removed."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / DRAFT_NAME

    def load(self, catalog: RegionCatalog) -> tuple[list[Mark], datetime | None]:
        """The marks kept (regions this map no longer has are left out) and when they were
        kept; nothing when there is no draft or it cannot be read (a draft is never worth an
        error: the person can mark again)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict) or raw.get("version") != DRAFT_VERSION:
                return [], None
            marks = [
                Mark(region, intensity, _qualities(felt))
                for region, intensity, *felt in raw["marks"]  # how it feels: since log version 5
                if isinstance(region, str)
                and region in catalog
                and isinstance(intensity, int)
                and MIN_INTENSITY <= intensity <= MAX_INTENSITY
            ]
            kept = datetime.fromisoformat(raw["kept"]) if isinstance(raw.get("kept"), str) else None
        except (OSError, ValueError, KeyError, TypeError):
            return [], None
        return marks, kept

    def write(self, marks: Iterable[Mark], kept: datetime) -> None:
        from bodymap.core.logio import write_atomically  # 0600, flushed, renamed into place

        content = {
            "version": DRAFT_VERSION,
            "kept": kept.isoformat(timespec="seconds"),
            "marks": [[m.region, m.intensity, list(m.qualities)] for m in marks],
        }

        def write(out: TextIO) -> None:
            json.dump(content, out)

        write_atomically(self.path, write)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def _qualities(felt: list[object]) -> tuple[str, ...]:
    """A draft's qualities for a mark, those this app knows (none in an older draft)."""
    given = felt[0] if felt and isinstance(felt[0], list) else []
    return tuple(q for q in QUALITIES if q in given)


class Continuity:
    """Keeps the session's unsaved marks in the draft and knows whether there are any.

    Marks are unsaved from a change until the entry is saved; a map cleared to nothing has
    nothing unsaved. `flush()` writes what changed (the window calls it a moment after the
    last change, and on closing), so a run of clicks costs one write."""

    def __init__(self, session: Session, draft: Draft, now: type[datetime] = datetime) -> None:
        self.session = session
        self.draft = draft
        self._now = now
        self.unsaved = False
        self.pending = False  # the draft is behind the map
        self.saved: set[Mark] = set()  # the map as it was last saved, this visit
        session.marks_changed.connect(self._changed)
        session.entry_saved.connect(self._saved)

    def _changed(self, _regions: list[str]) -> None:
        marks = set(self.session.marks())
        self.unsaved = bool(marks) and marks != self.saved
        self.pending = True

    def _saved(self, _entry: Entry) -> None:
        self.saved = set(self.session.marks())
        self.unsaved = False
        self.pending = False
        self.draft.clear()

    def unsaved_marks(self) -> list[Mark]:
        """The marks on the map that are not in the log as they stand: all of them before a first
        save, and after it only those added or changed since (a place saved a minute ago and
        left as it was is in the log)."""
        return [m for m in self.session.marks() if m not in self.saved]

    def removed_since_saved(self) -> int:
        """Places in the last saved entry that are no longer marked."""
        now = {m.region for m in self.session.marks()}
        return sum(1 for m in self.saved if m.region not in now)

    def unsaved_sentence(self) -> str:
        """What is not in the log, for the question asked on closing: the count of marks before a
        first save; after it, what changed since (a review met "2 marked places are not in your
        pain log yet" a minute after saving one of them)."""
        changed = len(self.unsaved_marks())
        if not self.saved:
            verb = "is" if changed == 1 else "are"
            return f"{words.count(changed, 'marked place')} {verb} not in your pain log yet."
        what = [f"{words.count(changed, 'place')} new or changed"] if changed else []
        removed = self.removed_since_saved()
        if removed:
            what.append(f"{words.count(removed, 'place')} no longer marked")
        return f"Your marks have changed since you last saved them: {' and '.join(what)}."

    def flush(self) -> None:
        if not self.pending:
            return
        self.pending = False
        if self.unsaved:
            self.draft.write(self.session.marks(), self._now.now().astimezone())
        else:
            self.draft.clear()

    def kept(self) -> tuple[list[Mark], datetime | None]:
        """What the draft holds (at start-up: the marks left unsaved last time)."""
        return self.draft.load(self.session.catalog)

    def restore(self) -> bool:
        """Put the draft's marks back on the map ("Continue where you left off")."""
        marks, _ = self.kept()
        return bool(marks) and self.session.set_marks(marks)

    def discard(self) -> None:
        """The person chose not to keep them: the draft goes (the map is left as it is)."""
        self.unsaved = False
        self.pending = False
        self.draft.clear()
