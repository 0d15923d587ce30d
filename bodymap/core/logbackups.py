"""Backups of the pain log: generations that reach back, and copies kept for good.

A backup is a consistent copy made with SQLite's online backup, checked before it counts.
Which to keep: the newest of each of the last 7 days that have one, of each of the last 4
weeks and of each of the last 6 months; so a week of normal use after an accident still
leaves copies from before it. Copies in `kept/` (the last good one before damage was found,
the log as it was before a restore) are never rotated out: the person removes them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BACKUP_DIR = "backups"
KEPT_DIR = "kept"
GENERATIONS = {"day": 7, "week": 4, "month": 6}
_NAME = re.compile(r"^painlog-(\d{8}-\d{6})(?:-(\d{6}))?(?:-([a-z0-9-]+))?\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    label: str
    kept: bool  # in kept/: never rotated out
    entries: int | None  # None when the copy cannot be read


def made_at(path: Path) -> datetime | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    stamp = match.group(1) + (match.group(2) or "000000")
    return datetime.strptime(stamp, "%Y%m%d-%H%M%S%f")


def backup_files(folder: Path) -> list[Path]:
    """Every backup, rotated and kept, newest first."""
    found = [p for p in (*folder.glob("painlog-*.sqlite"), *(folder / KEPT_DIR).glob("painlog-*.sqlite"))]
    dated = [(made_at(p), p) for p in found]
    return [p for when, p in sorted(((w, p) for w, p in dated if w is not None), reverse=True)]


def to_keep(paths: list[Path]) -> set[Path]:
    """The rotated backups the generations keep (newest per day, week and month)."""
    dated = sorted(((made_at(p), p) for p in paths), key=lambda wp: wp[0] or datetime.min, reverse=True)
    keep: set[Path] = set()
    for unit, count in GENERATIONS.items():
        seen: list[object] = []
        for when, path in dated:
            if when is None:
                continue
            bucket: object = (
                when.date()
                if unit == "day"
                else when.isocalendar()[:2]
                if unit == "week"
                else (when.year, when.month)
            )
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.append(bucket)
            keep.add(path)
    return keep


def make_backup(db: sqlite3.Connection, folder: Path, label: str = "", kept: bool = False) -> Path | None:
    """Copy the open log `db` into the backups folder; the copy is checked before it counts.
    None when the copy fails its check (the log itself is then suspect: no rotation happens,
    so the older copies stay)."""
    target_dir = folder / KEPT_DIR if kept else folder
    target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"painlog-{stamp}{'-' + label if label else ''}.sqlite"
    partial = target.with_suffix(".partial")
    copy = sqlite3.connect(partial)
    try:
        db.backup(copy)
        sound = [row[0] for row in copy.execute("PRAGMA quick_check")] == ["ok"]
    finally:
        copy.close()
    if os.name == "posix":
        os.chmod(partial, 0o600)
    if not sound:
        partial.unlink(missing_ok=True)
        return None
    os.replace(partial, target)
    if not kept:
        rotated = [p for p in folder.glob("painlog-*.sqlite")]
        keep = to_keep(rotated)
        for old in rotated:
            if old not in keep:
                old.unlink(missing_ok=True)
    return target


def keep_for_good(path: Path) -> Path:
    """Move a rotated backup into kept/, out of the rotation."""
    if path.parent.name == KEPT_DIR:
        return path
    kept = path.parent / KEPT_DIR
    kept.mkdir(exist_ok=True, mode=0o700)
    target = kept / path.name
    os.replace(path, target)
    return target


def describe(path: Path) -> BackupInfo:
    entries: int | None = None
    with contextlib.suppress(sqlite3.Error):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            entries = int(db.execute("SELECT count(*) FROM entries WHERE deleted = 0").fetchone()[0])
        finally:
            db.close()
    match = _NAME.match(path.name)
    return BackupInfo(
        path,
        made_at(path) or datetime.min,
        (match.group(3) or "") if match else "",
        path.parent.name == KEPT_DIR,
        entries,
    )


STALE_PARTIAL_S = 600  # far longer than any backup takes: older ones were left by a kill


def remove_partials(folder: Path) -> None:
    """Copies a killed backup left half-written (not one another process is writing now)."""
    now = datetime.now().timestamp()
    # the copy, and the journal SQLite keeps beside it while writing it
    for leftover in (*folder.glob("*.partial*"), *(folder / KEPT_DIR).glob("*.partial*")):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_PARTIAL_S:
                leftover.unlink()
