"""The personal pain log: one SQLite file on this machine, never losing an acknowledged entry.

One writer connection in WAL mode with synchronous=FULL: when `add` returns, the entry is
on disk. Every write is one `BEGIN IMMEDIATE` transaction; a lock held by another process is
waited for (busy_timeout). The schema is versioned by `PRAGMA user_version`, one migration per
version, each in its own transaction, with a backup kept first; a file from a newer bodymap is
refused, never rewritten. Opening, creating, upgrading and repairing happen under a lock
between processes (core/filelocks.py), and a new log is made whole before it is put in place.

Only damage SQLite positively identifies (corruption, not a database, a failed integrity
check, an empty file, a write-ahead file that lost saves) counts as damage. A full disk, a
permission or a lock is an error: it is said plainly and every file stays where it is. Damage
is repaired, not just set aside: the bytes are kept, every readable row and what the last good
backup adds go into a fresh log, and `report.repair` says what came back and what did not
(core/logrepair.py). The full page check runs on opening after a crash, and weekly in a
thread of the window (page_check), never on every open.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import math
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from bodymap.core.errors import StorageError, UserError
from bodymap.core.filelocks import Presence, exclusive
from bodymap.core.logbackups import (
    BACKUP_DIR,
    KEPT_DIR,
    backup_files,
    keep_for_good,
    make_backup,
    remove_partials,
)
from bodymap.core.logrepair import LostEntries, copy_missing, lost_entries, read_wal, salvage, valid_time
from bodymap.core.paths import ensure_private_dir

_T = TypeVar("_T")
_P = ParamSpec("_P")
LOG_FILE = "painlog.sqlite"
LOCK_FILE = "painlog.lock"  # held while a process opens, creates, upgrades or repairs the log
PRESENCE_FILE = "painlog.users"  # held shared by every process that has the log open
CHECKED_FILE = "painlog.checked"  # its time: the last full page check that passed
CHECK_EVERY_S = 7 * 24 * 3600
SCHEMA_VERSION = 5
# how a marked place feels; "sharp" stands for sharp or stabbing
QUALITIES = ("aching", "burning", "sharp", "tingling", "numb", "throbbing", "shooting")
TAG_MAX = 40  # characters in one context tag ("poor sleep", "cold and wet")
TAGS_MAX = 12  # tags on one entry
SIDES = ("left", "right", "both")

# One migration per version: MIGRATIONS[n] takes a version n-1 file to version n.
MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            at_utc TEXT NOT NULL,               -- ISO 8601, UTC, microseconds
            utc_offset_min INTEGER NOT NULL,    -- the person's local offset then
            overall INTEGER CHECK (overall BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
        );
        CREATE INDEX entries_by_time ON entries (deleted, at_utc);
        CREATE TABLE entry_marks (
            entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
            region TEXT NOT NULL,
            intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
            PRIMARY KEY (entry_id, region)
        ) WITHOUT ROWID;
    """,
    2: """
        ALTER TABLE entry_marks ADD COLUMN quality TEXT
            CHECK (quality IS NULL OR quality IN
                   ('aching', 'burning', 'sharp', 'tingling', 'numb', 'throbbing'));
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            technique TEXT NOT NULL,
            muscle TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            started_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            duration_s REAL NOT NULL CHECK (duration_s >= 0),
            completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
            pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)
        );
        CREATE INDEX sessions_by_time ON sessions (started_utc);
    """,
    3: """
        CREATE TABLE entry_tests (
            entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
            step INTEGER NOT NULL,
            muscle TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
            trigger_point TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('yes', 'tender', 'no')),
            PRIMARY KEY (entry_id, step)
        ) WITHOUT ROWID;
    """,
    4: """
        -- Per local day (the day on the person's own clock when they saved), the sums History and
        -- the report read: kept up to date by triggers, so a long log is read in days, not rows.
        CREATE INDEX entries_by_day ON entries (date(at_utc, utc_offset_min || ' minutes'));
        CREATE TABLE day_overall (
            day TEXT PRIMARY KEY,
            entries INTEGER NOT NULL,   -- entries not deleted
            rated INTEGER NOT NULL,     -- of which with an overall rating
            total INTEGER NOT NULL,     -- sum of those ratings
            worst INTEGER               -- the highest, NULL when none is rated
        ) WITHOUT ROWID;
        CREATE TABLE day_marks (
            day TEXT NOT NULL,
            region TEXT NOT NULL,
            n INTEGER NOT NULL,
            total INTEGER NOT NULL,
            worst INTEGER NOT NULL,
            PRIMARY KEY (day, region)
        ) WITHOUT ROWID;
        INSERT INTO day_overall
            SELECT date(at_utc, utc_offset_min || ' minutes') AS d, count(*), count(overall),
                   coalesce(sum(overall), 0), max(overall)
            FROM entries WHERE deleted = 0 GROUP BY d;
        INSERT INTO day_marks
            SELECT date(e.at_utc, e.utc_offset_min || ' minutes') AS d, m.region, count(*),
                   sum(m.intensity), max(m.intensity)
            FROM entry_marks m JOIN entries e ON e.id = m.entry_id WHERE e.deleted = 0
            GROUP BY d, m.region;
        CREATE TRIGGER day_entry_added AFTER INSERT ON entries WHEN NEW.deleted = 0 BEGIN
            INSERT INTO day_overall VALUES (
                date(NEW.at_utc, NEW.utc_offset_min || ' minutes'), 1, NEW.overall IS NOT NULL,
                coalesce(NEW.overall, 0), NEW.overall)
            ON CONFLICT (day) DO UPDATE SET entries = entries + 1, rated = rated + excluded.rated,
                total = total + excluded.total,
                worst = CASE WHEN excluded.worst IS NULL THEN worst WHEN worst IS NULL THEN excluded.worst
                             ELSE max(worst, excluded.worst) END;
        END;
        CREATE TRIGGER day_mark_added AFTER INSERT ON entry_marks BEGIN
            INSERT INTO day_marks
                SELECT date(e.at_utc, e.utc_offset_min || ' minutes'), NEW.region, 1, NEW.intensity,
                       NEW.intensity
                FROM entries e WHERE e.id = NEW.entry_id AND e.deleted = 0
            ON CONFLICT (day, region) DO UPDATE SET n = n + 1, total = total + excluded.total,
                worst = max(worst, excluded.worst);
        END;
        CREATE TRIGGER day_mark_removed AFTER DELETE ON entry_marks BEGIN
            DELETE FROM day_marks WHERE region = OLD.region AND day = (
                SELECT date(at_utc, utc_offset_min || ' minutes') FROM entries WHERE id = OLD.entry_id);
            INSERT INTO day_marks
                SELECT date(e.at_utc, e.utc_offset_min || ' minutes') AS d, m.region, count(*),
                       sum(m.intensity), max(m.intensity)
                FROM entries e JOIN entry_marks m ON m.entry_id = e.id
                WHERE e.deleted = 0 AND m.region = OLD.region
                  AND date(e.at_utc, e.utc_offset_min || ' minutes') = (
                      SELECT date(at_utc, utc_offset_min || ' minutes') FROM entries WHERE id = OLD.entry_id)
                GROUP BY d, m.region;
        END;
        CREATE TRIGGER day_entry_changed
        AFTER UPDATE OF deleted, at_utc, utc_offset_min, overall ON entries BEGIN
            DELETE FROM day_overall WHERE day IN (
                date(OLD.at_utc, OLD.utc_offset_min || ' minutes'),
                date(NEW.at_utc, NEW.utc_offset_min || ' minutes'));
            INSERT INTO day_overall
                SELECT date(at_utc, utc_offset_min || ' minutes') AS d, count(*), count(overall),
                       coalesce(sum(overall), 0), max(overall)
                FROM entries WHERE deleted = 0 AND date(at_utc, utc_offset_min || ' minutes') IN (
                    date(OLD.at_utc, OLD.utc_offset_min || ' minutes'),
                    date(NEW.at_utc, NEW.utc_offset_min || ' minutes'))
                GROUP BY d;
            DELETE FROM day_marks WHERE region IN (SELECT region FROM entry_marks WHERE entry_id = NEW.id)
                AND day IN (date(OLD.at_utc, OLD.utc_offset_min || ' minutes'),
                            date(NEW.at_utc, NEW.utc_offset_min || ' minutes'));
            INSERT INTO day_marks
                SELECT date(e.at_utc, e.utc_offset_min || ' minutes') AS d, m.region, count(*),
                       sum(m.intensity), max(m.intensity)
                FROM entries e JOIN entry_marks m ON m.entry_id = e.id
                WHERE e.deleted = 0
                  AND m.region IN (SELECT region FROM entry_marks WHERE entry_id = NEW.id)
                  AND date(e.at_utc, e.utc_offset_min || ' minutes') IN (
                      date(OLD.at_utc, OLD.utc_offset_min || ' minutes'),
                      date(NEW.at_utc, NEW.utc_offset_min || ' minutes'))
                GROUP BY d, m.region;
        END;
        -- Each region over the whole log (the heat map and the area list on "All"), kept from the
        -- day table: a handful of rows where the day table has days times regions.
        CREATE INDEX day_marks_by_region ON day_marks (region, worst);
        CREATE TABLE region_totals (
            region TEXT PRIMARY KEY,
            n INTEGER NOT NULL,
            total INTEGER NOT NULL,
            worst INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO region_totals
            SELECT region, sum(n), sum(total), max(worst) FROM day_marks GROUP BY region;
        CREATE TRIGGER region_day_added AFTER INSERT ON day_marks BEGIN
            INSERT INTO region_totals VALUES (NEW.region, NEW.n, NEW.total, NEW.worst)
            ON CONFLICT (region) DO UPDATE SET n = n + excluded.n, total = total + excluded.total,
                worst = max(worst, excluded.worst);
        END;
        CREATE TRIGGER region_day_changed AFTER UPDATE ON day_marks BEGIN
            UPDATE region_totals SET n = n - OLD.n + NEW.n, total = total - OLD.total + NEW.total,
                worst = (SELECT max(worst) FROM day_marks WHERE region = NEW.region)
            WHERE region = NEW.region;
        END;
        CREATE TRIGGER region_day_removed AFTER DELETE ON day_marks BEGIN
            UPDATE region_totals SET n = n - OLD.n, total = total - OLD.total,
                worst = coalesce((SELECT max(worst) FROM day_marks WHERE region = OLD.region), 0)
            WHERE region = OLD.region;
            DELETE FROM region_totals WHERE region = OLD.region AND n = 0;
        END;
        -- counting sessions rated before and after, for any period, without reading each row
        CREATE INDEX sessions_rated ON sessions (started_utc)
            WHERE pain_before IS NOT NULL AND pain_after IS NOT NULL;
        -- "What helps me" over the whole log: the sessions' changes in pain, counted as they
        -- are written (sessions are never edited), so "All" reads a few hundred rows.
        CREATE TABLE session_totals (
            technique TEXT NOT NULL,
            muscle TEXT NOT NULL,
            change INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (technique, muscle, change)
        ) WITHOUT ROWID;
        INSERT INTO session_totals
            SELECT technique, muscle, pain_after - pain_before AS change, count(*) FROM sessions
            WHERE completed = 1 AND pain_before IS NOT NULL AND pain_after IS NOT NULL
            GROUP BY technique, muscle, change;
        CREATE TRIGGER session_added AFTER INSERT ON sessions
        WHEN NEW.completed = 1 AND NEW.pain_before IS NOT NULL AND NEW.pain_after IS NOT NULL BEGIN
            INSERT INTO session_totals VALUES (NEW.technique, NEW.muscle, NEW.pain_after - NEW.pain_before, 1)
            ON CONFLICT (technique, muscle, change) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER session_removed AFTER DELETE ON sessions
        WHEN OLD.completed = 1 AND OLD.pain_before IS NOT NULL AND OLD.pain_after IS NOT NULL BEGIN
            UPDATE session_totals SET n = n - 1 WHERE technique = OLD.technique AND muscle = OLD.muscle
                AND change = OLD.pain_after - OLD.pain_before;
            DELETE FROM session_totals WHERE n = 0;
        END;
        CREATE TRIGGER day_entry_removed AFTER DELETE ON entries BEGIN
            DELETE FROM day_overall WHERE day = date(OLD.at_utc, OLD.utc_offset_min || ' minutes');
            INSERT INTO day_overall
                SELECT date(at_utc, utc_offset_min || ' minutes') AS d, count(*), count(overall),
                       coalesce(sum(overall), 0), max(overall)
                FROM entries WHERE deleted = 0 AND date(at_utc, utc_offset_min || ' minutes')
                    = date(OLD.at_utc, OLD.utc_offset_min || ' minutes')
                GROUP BY d;
        END;
    """,
    5: """
        -- How each marked place feels, several qualities per place ("shooting" is new); the
        -- single quality of versions 2-4 is carried over and its column dropped.
        CREATE TABLE mark_qualities (
            entry_id INTEGER NOT NULL,
            region TEXT NOT NULL,
            quality TEXT NOT NULL CHECK (quality IN
                ('aching', 'burning', 'sharp', 'tingling', 'numb', 'throbbing', 'shooting')),
            PRIMARY KEY (entry_id, region, quality),
            FOREIGN KEY (entry_id, region) REFERENCES entry_marks (entry_id, region) ON DELETE CASCADE
        ) WITHOUT ROWID;
        INSERT INTO mark_qualities
            SELECT entry_id, region, quality FROM entry_marks WHERE quality IS NOT NULL AND quality <> '';
        ALTER TABLE entry_marks DROP COLUMN quality;
        -- What the day was like, as the person puts it ("long sitting", "poor sleep", "cold and wet")
        CREATE TABLE entry_tags (
            entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
            tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
            PRIMARY KEY (entry_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX entry_tags_by_tag ON entry_tags (tag, entry_id);
        -- A flare: started and ended with one button each; at most one is open at a time
        CREATE TABLE flares (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            started_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            ended_utc TEXT CHECK (ended_utc IS NULL OR ended_utc >= started_utc),
            ended_offset_min INTEGER
        );
        CREATE UNIQUE INDEX flares_one_open ON flares ((ended_utc IS NULL)) WHERE ended_utc IS NULL;
        CREATE INDEX flares_by_time ON flares (started_utc);
    """,
}
ANSWERS = ("yes", "tender", "no")


class LogError(UserError):
    """The log cannot be used as asked (a newer file, a folder we may not write, a full disk,
    a lock held too long): said plainly, and nothing is moved."""


class LogDamaged(LogError):
    """Damage found when asked not to repair (`bodymap log check`)."""


class LogUnavailable(StorageError):
    """The log cannot be reached right now (busy, a full disk, no permission, a disk error):
    not damage, and not the person's typo. Nothing was moved or changed."""


class Damage(Exception):
    """Damage identified by bodymap itself (an integrity check failed, an empty file)."""


# SQLite's primary result codes that mean the file itself is damaged; every other failure
# (busy, locked, full, cannot open, read-only, I/O) is a problem of the moment, not damage.
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def is_damage(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE_CODES


# Text columns a person's data lives in, and what says which row it is.
_TEXT_COLUMNS = (
    ("entries", "note", "at_utc"),
    ("entries", "uid", "at_utc"),
    ("entry_marks", "region", "entry_id"),
    ("entry_tags", "tag", "entry_id"),
    ("sessions", "technique", "started_utc"),
    ("sessions", "muscle", "started_utc"),
)


# An entry as the JSON export writes it. The time is the person's local time with its offset,
# as datetime.isoformat() gives it (no fraction when there is none); marks by region, answers
# by step; "deleted" and "tests" only when there are any, in that order.
_ENTRY_JSON = """
SELECT CASE WHEN tests IS NULL THEN obj ELSE json_insert(obj, '$.tests', json(tests)) END
FROM (
    SELECT at_utc, id, tests,
           CASE WHEN deleted THEN json_insert(tagged, '$.deleted', json('true')) ELSE tagged END AS obj
    FROM (
    SELECT at_utc, id, deleted, tests,
           CASE WHEN tags IS NULL THEN base ELSE json_insert(base, '$.tags', json(tags)) END AS tagged
    FROM (
        SELECT e.at_utc, e.id, e.deleted,
            json_object(
                'uid', e.uid,
                'time', replace(datetime(substr(e.at_utc, 1, 19), e.utc_offset_min || ' minutes'), ' ', 'T')
                    || CASE WHEN substr(e.at_utc, 21, 6) = '000000' THEN '' ELSE substr(e.at_utc, 20, 7) END
                    || printf('%s%02d:%02d', CASE WHEN e.utc_offset_min < 0 THEN '-' ELSE '+' END,
                              abs(e.utc_offset_min) / 60, abs(e.utc_offset_min) % 60),
                'overall', e.overall,
                'note', e.note,
                'marks', json((
                    SELECT json_group_array(CASE WHEN qualities IS NULL
                        THEN json_object('region', region, 'intensity', intensity)
                        ELSE json_object('region', region, 'intensity', intensity,
                                         'qualities', json(qualities)) END)
                    FROM (SELECT m.region, m.intensity, (
                              SELECT json_group_array(quality) FROM (
                                  SELECT quality FROM mark_qualities q
                                  WHERE q.entry_id = m.entry_id AND q.region = m.region
                                  ORDER BY quality)
                              HAVING count(*) > 0) AS qualities
                          FROM entry_marks m WHERE m.entry_id = e.id ORDER BY m.region)))
            ) AS base,
            (SELECT json_group_array(tag) FROM (
                 SELECT tag FROM entry_tags WHERE entry_id = e.id ORDER BY tag)
             HAVING count(*) > 0) AS tags,
            CASE WHEN EXISTS (SELECT 1 FROM entry_tests WHERE entry_id = e.id) THEN (
                SELECT json_group_array(json_object(
                    'muscle', muscle, 'side', side, 'trigger_point', trigger_point, 'answer', answer))
                FROM (SELECT * FROM entry_tests WHERE entry_id = e.id ORDER BY step)) END AS tests
        FROM entries e
    )
    )
)
ORDER BY at_utc, id
"""


def _undecodable(exc: sqlite3.OperationalError) -> bool:
    return "Could not decode to UTF-8" in str(exc)


def _lenient_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _disk_full(folder: Path) -> bool:
    """SQLite reports a write that found no room for its shared-memory file as an I/O error."""
    try:
        return shutil.disk_usage(folder).free < 1 << 20
    except OSError:
        return False


def explain(exc: sqlite3.Error, path: Path) -> str:
    """One plain sentence for a failure that is not damage."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return "the pain log is busy in another bodymap; try again in a moment (nothing was changed)"
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _disk_full(path.parent)):
        return f"the disk holding {path.parent} is full; free some space and try again (nothing was changed)"
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_AUTH):
        return f"cannot open {path}: you may not read or write it (check who owns it and its permissions)"
    if code == sqlite3.SQLITE_IOERR:
        return f"the disk reported an error reading or writing {path} ({exc}); nothing was changed"
    return f"cannot use the pain log {path} ({exc})"


@dataclass(frozen=True)
class LoggedMark:
    region: str
    intensity: int
    qualities: tuple[str, ...] = ()  # how it felt there, sorted (as stored and exported)

    def __post_init__(self) -> None:
        if isinstance(self.qualities, str):  # one word would read as its letters
            raise TypeError("LoggedMark.qualities is a tuple of qualities, not one string")
        if list(self.qualities) != sorted(self.qualities):
            object.__setattr__(self, "qualities", tuple(sorted(self.qualities)))


@dataclass(frozen=True)
class PressAnswer:
    """One press-test of the guided search, saved with the entry it led to."""

    muscle: str
    side: str
    trigger_point: str
    answer: str  # yes, tender or no


@dataclass(frozen=True)
class Entry:
    uid: str
    at: datetime  # aware, in the person's offset at the time
    overall: int | None
    note: str = ""
    marks: tuple[LoggedMark, ...] = ()
    deleted: bool = False
    tests: tuple[PressAnswer, ...] = ()  # the guided search's answers, in order
    tags: tuple[str, ...] = ()  # what the day was like ("poor sleep"), sorted

    def __post_init__(self) -> None:
        if list(self.tags) != sorted(self.tags):
            object.__setattr__(self, "tags", tuple(sorted(self.tags)))


@dataclass(frozen=True)
class Flare:
    """A flare-up, started and ended by the person with one button each."""

    uid: str
    started: datetime  # aware, in the person's offset then
    ended: datetime | None = None  # None while it lasts

    def duration(self, now: datetime | None = None) -> timedelta:
        """How long it lasted, or has lasted so far."""
        return (self.ended or now or now_local()) - self.started


@dataclass(frozen=True)
class Session:
    uid: str
    technique: str
    muscle: str
    side: str
    started: datetime  # aware
    duration_s: float
    completed: bool
    pain_before: int | None = None
    pain_after: int | None = None


@dataclass(frozen=True)
class Repair:
    """What a repair of a damaged log brought back."""

    reason: str  # what the damage was
    recovered: int  # entries read back from the damaged file
    from_backup: int  # entries only the backup still had
    backup: Path | None  # the last backup before the damage, kept for good
    lost: LostEntries  # what neither gave back

    def summary(self) -> str:
        noun = "entry" if self.recovered == 1 else "entries"
        parts = [f"{self.recovered} {noun} came back from the damaged file"]
        if self.from_backup and self.backup is not None:
            parts.append(f"{self.from_backup} more from the backup {self.backup.name}")
        if not self.lost.known:
            since = f"after the backup {self.backup.name}" if self.backup else "since the log began"
            parts.append(f"the damaged file does not say what it held: anything saved {since} may be lost")
        elif self.lost.count:
            when = ""
            if self.lost.saved_at:
                first, last = self.lost.saved_at[0][:16], self.lost.saved_at[-1][:16]
                when = f", saved {first} UTC" if first == last else f", saved between {first} and {last} UTC"
            parts.append(f"{self.lost.count} could not be read back{when}")
        else:
            parts.append("nothing was lost")
        return "; ".join(parts)


@dataclass(frozen=True)
class WalDamage:
    """Saves a damaged write-ahead file held past its damage: SQLite cannot read them."""

    lost_saves: int
    kept: Path  # a copy of the damaged file


@dataclass
class OpenReport:
    """What happened when the log was opened, for the window to tell the person."""

    path: Path
    created: bool = False
    migrated_from: int | None = None
    recovered_from: Path | None = None  # the damaged file, moved aside
    repair: Repair | None = None
    wal_damaged: WalDamage | None = None
    backups: list[Path] = field(default_factory=list)
    backup_failed: str | None = None  # why today's backup could not be made


def now_local() -> datetime:
    return datetime.now().astimezone()


def parse_time(text: str) -> datetime:
    """ISO 8601; without an offset it is the local time then (daylight saving included)."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        example = "e.g. 2026-11-21T08:30 or 2026-11-21T08:30+01:00"
        raise UserError(f"time {text!r} is not ISO 8601, {example}") from None
    _check_year(value)  # before any arithmetic: year 1 or 9999 overflows on conversion
    return value if value.tzinfo else value.astimezone()


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _offset_min(moment: datetime) -> int:
    offset = moment.utcoffset() or timedelta(0)
    return round(offset.total_seconds() / 60)


def _from_row(utc_text: str, offset_min: int) -> datetime:
    # fromisoformat is C and ten times faster than strptime: it matters on a long log
    try:
        return datetime.fromisoformat(utc_text[:-1] + "+00:00").astimezone(_zone(offset_min))
    except (ValueError, TypeError, OverflowError):
        raise _corrupt(f"a stored time is unreadable ({utc_text!r})") from None


def _corrupt(message: str) -> sqlite3.DatabaseError:
    """Damage bodymap finds in what SQLite reads back fine: reported as SQLite's corruption."""
    error = sqlite3.DatabaseError(message)
    error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
    return error


@functools.cache
def _zone(offset_min: int) -> timezone:
    return timezone(timedelta(minutes=offset_min))


def _check_intensity(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise UserError(f"{what} {value!r} is outside 0-10")


def validate_entry(entry: Entry) -> None:
    _check_intensity(entry.overall, "overall pain")
    _check_text(entry.uid, "the uid")
    _check_text(entry.note, "the note")
    seen: set[str] = set()
    for mark in entry.marks:
        _check_text(mark.region, "a region")
        _check_intensity(mark.intensity, f"intensity of {mark.region}")
        for quality in mark.qualities:
            if quality not in QUALITIES:
                raise UserError(f"quality {quality!r} must be one of {', '.join(QUALITIES)}")
        if len(set(mark.qualities)) != len(mark.qualities):
            raise UserError(f"a quality of {mark.region} is given twice")
        if mark.region in seen:
            raise UserError(f"region {mark.region} is marked twice")
        seen.add(mark.region)
    if len(entry.tags) > TAGS_MAX:
        raise UserError(f"an entry can carry at most {TAGS_MAX} tags")
    for tag in entry.tags:
        check_tag(tag)
    if len(set(entry.tags)) != len(entry.tags):
        raise UserError("a tag is given twice")
    if entry.at.tzinfo is None:
        raise UserError("an entry's time needs its offset from UTC")
    _check_year(entry.at)
    for test in entry.tests:
        _check_text(test.muscle, "a press-test's muscle")
        _check_text(test.trigger_point, "a press-test's trigger point")
        if test.answer not in ANSWERS or test.side not in SIDES:
            raise UserError(f"press-test answer {test.answer!r} on side {test.side!r} is not yes/tender/no")


def check_tag(tag: str) -> str:
    """A context tag as stored: trimmed, 1-40 characters, no line breaks or control characters."""
    _check_text(tag, "a tag")
    if tag != tag.strip() or not 1 <= len(tag) <= TAG_MAX or any(ord(c) < 32 or c == ";" for c in tag):
        raise UserError(f"tag {tag!r} must be 1 to {TAG_MAX} characters on one line, without ';'")
    return tag


def validate_session(session: Session) -> None:
    _check_text(session.uid, "the uid")
    _check_text(session.technique, "the technique")
    _check_text(session.muscle, "the muscle")
    _check_session(session)


def _check_text(text: object, what: str) -> None:
    if not isinstance(text, str):
        raise UserError(f"{what} must be text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} is not valid Unicode text (it holds a lone surrogate)") from None


def _check_year(moment: datetime) -> None:
    if not 1900 <= moment.year <= 2200:
        raise UserError(f"time {moment.isoformat()} is not a plausible date (years 1900 to 2200)")


def _private_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def _decoding(read: Callable[Concatenate[PainLog, _P], _T]) -> Callable[Concatenate[PainLog, _P], _T]:
    """A reader of the person's own text: SQLite's fast decoding, and the lenient one only
    when a damaged byte stops it (the read is done again)."""

    def decoded(log: PainLog, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return read(log, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if not _undecodable(exc):
                raise
        with log._lenient():
            return read(log, *args, **kwargs)

    decoded.__doc__ = read.__doc__
    return decoded


def _decoding_stream(
    read: Callable[Concatenate[PainLog, _P], Iterator[_T]],
) -> Callable[Concatenate[PainLog, _P], Iterator[_T]]:
    """As _decoding, for a streaming reader: it resumes after what it has already given."""

    def decoded(log: PainLog, /, *args: _P.args, **kwargs: _P.kwargs) -> Iterator[_T]:
        given = 0
        try:
            for item in read(log, *args, **kwargs):
                yield item
                given += 1
            return
        except sqlite3.OperationalError as exc:
            if not _undecodable(exc):
                raise
        with log._lenient():
            yield from itertools.islice(read(log, *args, **kwargs), given, None)

    decoded.__doc__ = read.__doc__
    return decoded


class PainLog:
    """The store. Use as a context manager, or call close()."""

    def __init__(self, folder: Path, *, backup_daily: bool = True, repair: bool = True) -> None:
        try:
            self.folder = ensure_private_dir(folder)
        except OSError as exc:
            raise LogError(f"cannot use {folder} for the pain log ({exc.strerror or exc})") from None
        self.path = self.folder / LOG_FILE
        self.report = OpenReport(self.path)
        if not os.access(self.folder, os.W_OK):
            raise LogError(f"cannot write to {self.folder}: the pain log needs a folder you may write to")
        self._presence: Presence | None = None
        # One process at a time creates, upgrades, checks or repairs the file: another never
        # reads a half-made log and takes it for damage.
        with exclusive(self.folder / LOCK_FILE, "the pain log"):
            self._presence = Presence(self.folder / PRESENCE_FILE)
            try:
                self._db = self._open(repair)
            except BaseException:
                self._presence.leave()
                raise
        if backup_daily:
            self._backup_if_none_today()

    # -- opening, checking, repairing
    def _connect(self, path: Path | None = None) -> sqlite3.Connection:
        db = sqlite3.connect(path or self.path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 5000")  # first: a lock held by another process is waited for
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def _open(self, repair: bool) -> sqlite3.Connection:
        alone = self._presence is not None and self._presence.alone
        if not self.path.exists():
            self._create()
            self.report.created = True
            return self._connect()
        wal = Path(f"{self.path}-wal")
        # Only with no other process in the log is a write-ahead file left from a crash.
        unclean = alone and wal.exists() and wal.stat().st_size > 0
        if unclean:
            self._check_wal(wal)
        db: sqlite3.Connection | None = None
        try:
            if self.path.stat().st_size == 0:
                raise Damage("the file is empty (0 bytes)")  # created whole, so never legitimately empty
            db = self._connect()
            try:
                # the full page check only after a crash here: on a schedule it runs apart
                # (check_in_background), as it reads every page (14 s for a million entries)
                self._prepare(db, verify=unclean)
            except UnicodeDecodeError:  # SQLite's own message quotes bytes damage garbled
                raise Damage("the log's structure is unreadable") from None
            except sqlite3.OperationalError as exc:
                if not _undecodable(exc):
                    raise
                raise Damage("a damaged byte in the log's definitions") from None
            return db
        except (sqlite3.Error, Damage) as exc:
            if db is not None:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            if isinstance(exc, sqlite3.Error) and not is_damage(exc):
                raise LogUnavailable(explain(exc, self.path)) from None
            if not repair:
                raise LogDamaged(f"{self.path}: {exc}") from None
            self._refuse_repair_while_in_use(str(exc))
            self._repair(str(exc))
            return self._connect()

    def _refuse_repair_while_in_use(self, reason: str) -> None:
        """Another process with the log open would go on writing into the file set aside."""
        if self._presence is not None and self._presence.others():
            raise LogUnavailable(
                f"the pain log is damaged ({reason}) but another bodymap has it open; close it and "
                "run `bodymap log check --repair`"
            )

    def _create(self) -> None:
        """A new log, made whole beside its place and renamed into it."""
        partial = self.path.with_name(f".{LOG_FILE}.new")
        partial.unlink(missing_ok=True)
        db = self._connect(partial)
        try:
            _build_schema(db)
        finally:
            db.close()
        _private_file(partial)
        os.replace(partial, self.path)

    def _prepare(self, db: sqlite3.Connection, verify: bool) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version > SCHEMA_VERSION and "entries" not in tables:
            raise Damage("not a bodymap pain log")  # someone else's database
        if version > SCHEMA_VERSION:
            db.close()
            raise LogError(
                f"{self.path} was written by a newer bodymap (log version {version}, this one reads "
                f"up to {SCHEMA_VERSION}); update bodymap to open it"
            )
        if version == 0 or not {"entries", "entry_marks"} <= tables:
            raise Damage("not a bodymap pain log")  # created whole, so never without its tables
        altered = schema_differences(db, version)
        if altered:  # a damaged byte in a table's definition: queries would fail or mislead
            raise Damage(f"the log's structure is damaged ({', '.join(altered[:3])})")
        if verify:
            # after a crash, or once a week: every page, so damage is found now, not mid-list
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise Damage("; ".join(problems[:3]))
            (self.folder / CHECKED_FILE).touch()
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")  # an acknowledged entry survives a power cut
        if version < SCHEMA_VERSION:
            self.report.migrated_from = version
            before = make_backup(db, self.folder / BACKUP_DIR, f"before-v{SCHEMA_VERSION}", kept=True)
            if before is not None:
                self.report.backups.append(before)
            for target in range(version + 1, SCHEMA_VERSION + 1):
                with self._transaction(db):
                    for statement in _statements(MIGRATIONS[target]):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {target}")
        for suffix in ("", "-wal", "-shm"):
            _private_file(Path(str(self.path) + suffix))

    def page_check(self) -> list[str]:
        """SQLite's check of every page, on a connection of its own so that it can run in a
        thread while the log is used; when sound, the weekly check is done. Problems found:
        none when the check could not run now (the file moved aside by a restore in another
        bodymap, busy past the wait, a disk error), which is not damage: it is due again at
        the next start."""
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            return []  # cannot be opened this moment: nothing was read, so nothing is known
        try:
            db.execute("PRAGMA busy_timeout = 5000")
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            return [f"the file cannot be read through: {exc}"] if is_damage(exc) else []
        finally:
            db.close()
        if problems == ["ok"]:
            with contextlib.suppress(OSError):  # a full disk: the date is not kept, the log is sound
                (self.folder / CHECKED_FILE).touch()
            return []
        return problems

    def check_due(self) -> bool:
        """Whether the weekly page check is due (the window runs it at idle, in a thread)."""
        try:
            checked = (self.folder / CHECKED_FILE).stat().st_mtime
        except FileNotFoundError:
            return True
        return datetime.now().timestamp() - checked > CHECK_EVERY_S

    def _check_wal(self, wal: Path) -> None:
        """A damaged write-ahead file makes SQLite drop every save after the damage, silently:
        find it first, keep a copy of its bytes, and say how many saves were lost."""
        found = read_wal(wal)
        if found is None or not found.damaged:
            return
        kept = self._aside_name()
        for suffix in ("", "-wal"):
            shutil.copy2(f"{self.path}{suffix}", f"{kept}{suffix}")
        self.report.wal_damaged = WalDamage(found.lost_commits, Path(f"{kept}-wal"))

    def _aside_name(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        return target

    def _move_aside(self) -> Path:
        target = self._aside_name()
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            extra = Path(str(self.path) + suffix)
            if extra.exists():
                os.replace(extra, Path(str(target) + suffix))
        return target

    def _repair(self, reason: str) -> None:
        """Damage: keep the bytes aside, copy every readable row into a fresh log, add what the
        last good backup has that the damaged file lost, and say what could not come back."""
        backups = self.folder / BACKUP_DIR
        latest = next((p for p in backup_files(backups) if p.parent.name != KEPT_DIR), None)
        kept_backup = keep_for_good(latest) if latest is not None else None
        if kept_backup is None:
            kept_backup = next(iter(backup_files(backups)), None)
        damaged = self._move_aside()
        partial = self.path.with_name(f".{LOG_FILE}.repair")
        partial.unlink(missing_ok=True)
        fresh = self._connect(partial)
        try:
            _build_schema(fresh)
            with self._transaction(fresh):
                found = salvage(damaged, fresh, schema_rows)
                from_backup = 0
                if kept_backup is not None:
                    source = sqlite3.connect(f"file:{kept_backup}?mode=ro", uri=True)
                    try:
                        from_backup = copy_missing(source, fresh)
                    except sqlite3.Error:
                        from_backup = 0  # a backup that cannot be read adds nothing
                    finally:
                        source.close()
                lost = lost_entries(fresh, found)
                recovered = found.copied.get("entries", 0)
        finally:
            fresh.close()
        _private_file(partial)
        os.replace(partial, self.path)
        self.report.recovered_from = damaged
        self.report.repair = Repair(reason, recovered, from_backup, kept_backup, lost)

    @contextlib.contextmanager
    def _transaction(self, db: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        db = db or self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA optimize")
        self._db.close()
        if self._presence is not None:
            self._presence.leave()

    def __enter__(self) -> PainLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backups
    def backup_folder(self) -> Path:
        return ensure_private_dir(self.folder / BACKUP_DIR)

    def backups(self) -> list[Path]:
        """Backups, newest first (rotated and kept ones)."""
        return backup_files(self.folder / BACKUP_DIR)

    def latest_backup(self) -> Path | None:
        found = self.backups()
        return found[0] if found else None

    def _has_entries(self) -> bool:
        """Whether there is anything to back up: one row read, where count() reads them all."""
        found = self._db.execute("SELECT EXISTS (SELECT 1 FROM entries WHERE deleted = 0)").fetchone()
        return bool(found[0])

    def backup(self) -> Path:
        made = make_backup(self._db, self.backup_folder())
        if made is None:
            raise LogError("the backup copy failed its check: run `bodymap log check`")
        return made

    def _backup_if_none_today(self) -> None:
        today = datetime.now().strftime("%Y%m%d")
        latest = self.latest_backup()
        remove_partials(self.folder / BACKUP_DIR)
        if (latest is None or not latest.name.startswith(f"painlog-{today}")) and self._has_entries():
            try:
                made = make_backup(self._db, self.backup_folder())
            except (sqlite3.Error, OSError) as exc:  # a full disk: the log itself is still usable
                self.report.backup_failed = str(exc)
                return
            if made is not None:
                self.report.backups.append(made)

    def restore_from(self, backup: Path) -> Path | None:
        """Replace the log with a backup; the log as it was is kept first (returned)."""
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            if [row[0] for row in source.execute("PRAGMA quick_check")] != ["ok"]:
                raise LogError(f"{backup.name} is damaged; choose another backup")
            before = make_backup(self._db, self.backup_folder(), "before-restore", kept=True)
            source.backup(self._db)
            self._prepare(self._db, verify=False)  # a backup from an older bodymap is upgraded
        except sqlite3.DatabaseError as exc:
            raise LogError(f"{backup.name} cannot be read as a pain log ({exc})") from None
        finally:
            source.close()
        return before

    # -- writing
    def add(self, entry: Entry) -> Entry:
        validate_entry(entry)
        with self._transaction() as db:
            self._insert(db, entry)
        return entry

    def _insert(self, db: sqlite3.Connection, entry: Entry) -> None:
        cursor = db.execute(
            "INSERT INTO entries (uid, at_utc, utc_offset_min, overall, note, deleted)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (entry.uid, _utc_text(entry.at), _offset_min(entry.at), entry.overall, entry.note, entry.deleted),
        )
        assert cursor.lastrowid is not None
        self._insert_details(db, cursor.lastrowid, entry)

    def _insert_details(self, db: sqlite3.Connection, row_id: int, entry: Entry) -> None:
        db.executemany(
            "INSERT INTO entry_marks (entry_id, region, intensity) VALUES (?, ?, ?)",
            [(row_id, m.region, m.intensity) for m in entry.marks],
        )
        db.executemany(
            "INSERT INTO mark_qualities (entry_id, region, quality) VALUES (?, ?, ?)",
            [(row_id, m.region, q) for m in entry.marks for q in m.qualities],
        )
        db.executemany(
            "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)", [(row_id, t) for t in entry.tags]
        )
        db.executemany(
            "INSERT INTO entry_tests (entry_id, step, muscle, side, trigger_point, answer)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(row_id, i, t.muscle, t.side, t.trigger_point, t.answer) for i, t in enumerate(entry.tests)],
        )

    def replace(self, entry: Entry) -> Entry:
        """Store a new version of an entry (an edit); returns the version it replaced."""
        validate_entry(entry)
        with self._transaction() as db:
            old = self._get(db, entry.uid)
            if old is None:
                raise UserError(f"no entry {entry.uid} in the log")
            # in place: an entry keeps its id for life, so a repair can tell what was lost
            (row_id,) = db.execute("SELECT id FROM entries WHERE uid = ?", (entry.uid,)).fetchone()
            at, offset = _utc_text(entry.at), _offset_min(entry.at)
            db.execute(
                "UPDATE entries SET at_utc = ?, utc_offset_min = ?, overall = ?, note = ?,"
                " deleted = ? WHERE id = ?",
                (at, offset, entry.overall, entry.note, entry.deleted, row_id),
            )
            for table in ("mark_qualities", "entry_marks", "entry_tests", "entry_tags"):
                db.execute(f"DELETE FROM {table} WHERE entry_id = ?", (row_id,))
            self._insert_details(db, row_id, entry)
        return old

    def set_deleted(self, uid: str, deleted: bool = True) -> None:
        """Delete (or bring back) an entry. Deleted entries stay in the file until purged, so
        undo can always bring them back."""
        with self._transaction() as db:
            changed = db.execute("UPDATE entries SET deleted = ? WHERE uid = ?", (int(deleted), uid)).rowcount
        if not changed:
            raise UserError(f"no entry {uid} in the log")

    def add_session(self, session: Session) -> Session:
        _check_session(session)
        with self._transaction() as db:
            _insert_session(db, session)
        return session

    def import_items(
        self, entries: Sequence[Entry], sessions: Sequence[Session], flares: Sequence[Flare] = ()
    ) -> tuple[int, int]:
        """Add what is not there yet (by uid), all in one transaction: (entries, sessions) added.
        Flares are added too (an open one only when no flare is open here)."""
        for entry in entries:
            validate_entry(entry)
        for flare in flares:
            check_flare(flare)
        added_entries = added_sessions = 0
        with self._transaction() as db:
            known = {row[0] for row in db.execute("SELECT uid FROM entries")}
            for entry in entries:
                if entry.uid not in known:
                    self._insert(db, entry)
                    known.add(entry.uid)
                    added_entries += 1
            known = {row[0] for row in db.execute("SELECT uid FROM sessions")}
            for s in sessions:
                if s.uid not in known:
                    _check_session(s)
                    _insert_session(db, s)
                    known.add(s.uid)
                    added_sessions += 1
            known = {row[0] for row in db.execute("SELECT uid FROM flares")}
            open_here = db.execute("SELECT 1 FROM flares WHERE ended_utc IS NULL").fetchone() is not None
            for flare in flares:
                if flare.uid not in known and (flare.ended is not None or not open_here):
                    _insert_flare(db, flare)
                    known.add(flare.uid)
                    open_here = open_here or flare.ended is None
        return added_entries, added_sessions

    # -- flares
    def start_flare(self, at: datetime | None = None) -> Flare:
        """A flare begins now (or at `at`); UserError while one is already open."""
        flare = Flare(uuid.uuid4().hex, at or now_local())
        check_flare(flare)
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM flares WHERE ended_utc IS NULL").fetchone():
                raise UserError("a flare is already going on; end it first")
            _insert_flare(db, flare)
        return flare

    def end_flare(self, at: datetime | None = None) -> Flare:
        """The open flare ends now (or at `at`); UserError when none is open."""
        with self._transaction() as db:
            found = self._flares(db, "WHERE ended_utc IS NULL")
            if not found:
                raise UserError("no flare is going on")
            ended = at or now_local()
            flare = Flare(found[0].uid, found[0].started, ended)
            check_flare(flare)
            db.execute(
                "UPDATE flares SET ended_utc = ?, ended_offset_min = ? WHERE uid = ?",
                (_utc_text(ended), _offset_min(ended), flare.uid),
            )
        return flare

    def delete_flare(self, uid: str) -> Flare:
        """Remove a flare recorded by mistake and return it (import_items puts it back)."""
        with self._transaction() as db:
            found = self._flares(db, "WHERE uid = ?", (uid,))
            if not found:
                raise UserError("that flare is no longer in the log")
            db.execute("DELETE FROM flares WHERE uid = ?", (uid,))
        return found[0]

    def open_flare(self) -> Flare | None:
        found = self._flares(self._db, "WHERE ended_utc IS NULL")
        return found[0] if found else None

    def flares(self, since: datetime | None = None) -> list[Flare]:
        """Flares newest first; with `since`, those still going on then or started after."""
        if since is None:
            return self._flares(self._db, "")
        return self._flares(self._db, "WHERE ended_utc IS NULL OR ended_utc >= ?", (_utc_text(since),))

    @staticmethod
    def _flares(db: sqlite3.Connection, where: str, args: tuple[str, ...] = ()) -> list[Flare]:
        rows = db.execute(
            "SELECT uid, started_utc, utc_offset_min, ended_utc, ended_offset_min FROM flares"
            f" {where} ORDER BY started_utc DESC, id DESC",
            args,
        ).fetchall()
        return [
            Flare(uid, _from_row(at, off), None if end is None else _from_row(end, end_off))
            for uid, at, off, end, end_off in rows
        ]

    # -- reading
    def count(
        self, include_deleted: bool = False, since: datetime | None = None, until: datetime | None = None
    ) -> int:
        if since is not None or until is not None:  # the entries of a period's local days
            where, args = _days(since, until)
            query = f"SELECT coalesce(sum(entries), 0) FROM day_overall WHERE {where}"
            return int(self._db.execute(query, args).fetchone()[0])
        if not include_deleted:  # summed over days: a long log is not read row by row
            return int(self._db.execute("SELECT coalesce(sum(entries), 0) FROM day_overall").fetchone()[0])
        return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])

    @_decoding
    def get(self, uid: str) -> Entry | None:
        return self._get(self._db, uid)

    def _get(self, db: sqlite3.Connection, uid: str) -> Entry | None:
        found = self._entries(db, "WHERE e.uid = ?", (uid,))
        return found[0] if found else None

    @_decoding
    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        include_deleted: bool = False,
        limit: int | None = None,
        offset: int = 0,
        by_day: bool = False,
    ) -> list[Entry]:
        """Entries newest first; `by_day`: those saved on the local days of the period (each on
        its own clock), as the day tables count them, rather than between two instants."""
        where, args = _period(since, until, include_deleted, by_day)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        tail = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""
        return self._entries(self._db, clause, tuple(args), tail)

    @_decoding_stream
    def stream_entries(
        self, since: datetime | None = None, include_deleted: bool = False, oldest_first: bool = False
    ) -> Iterator[Entry]:
        """Entries newest (or oldest) first, read a batch at a time: for lists and exports of
        long logs, whose memory must not grow with the log."""
        where, args = _period(since, None, include_deleted)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        order = "ASC" if oldest_first else "DESC"
        cursor = self._db.execute(
            "SELECT e.id, e.uid, e.at_utc, e.utc_offset_min, e.overall, e.note, e.deleted"
            f" FROM entries e {clause} ORDER BY e.at_utc {order}, e.id {order}",
            tuple(args),
        )
        while rows := cursor.fetchmany(_PARAMETERS):
            yield from self._with_details(self._db, rows)

    def _entries(
        self, db: sqlite3.Connection, where: str, args: tuple[object, ...], tail: str = ""
    ) -> list[Entry]:
        rows = db.execute(
            "SELECT e.id, e.uid, e.at_utc, e.utc_offset_min, e.overall, e.note, e.deleted"
            f" FROM entries e {where} ORDER BY e.at_utc DESC, e.id DESC{tail}",
            args,
        ).fetchall()
        found: list[Entry] = []
        for start in range(0, len(rows), _PARAMETERS):
            found.extend(self._with_details(db, rows[start : start + _PARAMETERS]))
        return found

    def _with_details(self, db: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Entry]:
        """Entries of (at most _PARAMETERS) rows of `entries`, with their marks and tests."""
        marks: dict[int, list[LoggedMark]] = {}
        tests: dict[int, list[PressAnswer]] = {}
        tags: dict[int, list[str]] = {}
        if rows:
            chunk = [r[0] for r in rows]
            slots = ",".join("?" * len(chunk))
            felt: dict[tuple[int, str], list[str]] = {}
            for entry_id, region, quality in db.execute(
                f"SELECT entry_id, region, quality FROM mark_qualities WHERE entry_id IN ({slots})", chunk
            ):
                felt.setdefault((entry_id, region), []).append(quality)
            marks_sql = (
                "SELECT entry_id, region, intensity FROM entry_marks"
                f" WHERE entry_id IN ({slots}) ORDER BY entry_id, region"
            )
            for entry_id, region, intensity in db.execute(marks_sql, chunk):
                qualities = tuple(sorted(felt.get((entry_id, region), ())))
                marks.setdefault(entry_id, []).append(_logged_mark(region, intensity, qualities))
            for entry_id, tag in db.execute(
                f"SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ({slots}) ORDER BY entry_id, tag",
                chunk,
            ):
                tags.setdefault(entry_id, []).append(tag)
            tests_sql = (
                "SELECT entry_id, muscle, side, trigger_point, answer FROM entry_tests"
                f" WHERE entry_id IN ({','.join('?' * len(chunk))}) ORDER BY entry_id, step"
            )
            for entry_id, muscle, side, tp, answer in db.execute(tests_sql, chunk):
                tests.setdefault(entry_id, []).append(PressAnswer(muscle, side, tp, answer))
        return [
            Entry(  # uid, at, overall, note, marks, deleted, tests, tags
                uid,
                _from_row(at, offset),
                overall,
                note,
                tuple(marks.get(row_id, ())),
                bool(deleted),
                tuple(tests.get(row_id, ())),
                tuple(tags.get(row_id, ())),
            )
            for row_id, uid, at, offset, overall, note, deleted in rows
        ]

    @_decoding_stream
    def export_rows(self) -> Iterator[tuple[str, datetime, int | None, str, str, bool, str, str]]:
        """Every entry, oldest first, deleted ones too, marks as `region=I[:quality…];…`,
        press-tests as `muscle:side:trigger_point=answer;…` and tags as `tag;…`: one streaming
        query, for exports of long logs."""
        rows = self._db.execute(
            "SELECT e.uid, e.at_utc, e.utc_offset_min, e.overall, e.note, e.deleted,"
            " group_concat(m.region || '=' || m.intensity || coalesce(("
            "   SELECT ':' || group_concat(quality, ':') FROM (SELECT quality FROM mark_qualities q"
            "   WHERE q.entry_id = m.entry_id AND q.region = m.region ORDER BY quality)), ''), ';'),"
            " (SELECT group_concat(t.muscle || ':' || t.side || ':' || t.trigger_point || '=' || t.answer,"
            " ';')"
            "  FROM (SELECT * FROM entry_tests WHERE entry_id = e.id ORDER BY step) t),"
            " (SELECT group_concat(tag, ';') FROM ("
            "   SELECT tag FROM entry_tags WHERE entry_id = e.id ORDER BY tag))"
            " FROM entries e LEFT JOIN entry_marks m ON m.entry_id = e.id"
            " GROUP BY e.id ORDER BY e.at_utc, e.id"
        )
        for uid, at, offset, overall, note, deleted, marks, tests, tags in rows:
            yield (
                uid,
                _from_row(at, offset),
                overall,
                note,
                marks or "",
                bool(deleted),
                tests or "",
                tags or "",
            )

    @_decoding
    def sessions(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
        by_day: bool = False,
    ) -> list[Session]:
        """Sessions newest first; a page of them with `limit` and `offset`; `by_day`: those of
        the local days of the period (each on its own clock), as entries are counted."""
        where, args = _started(since, until, by_day)
        tail = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""
        rows = self._db.execute(
            "SELECT uid, technique, muscle, side, started_utc, utc_offset_min, duration_s, completed,"
            f" pain_before, pain_after FROM sessions WHERE {where} ORDER BY started_utc DESC, id DESC{tail}",
            args,
        ).fetchall()
        return [
            Session(uid, technique, muscle, side, _from_row(at, off), dur, bool(done), before, after)
            for uid, technique, muscle, side, at, off, dur, done, before, after in rows
        ]

    # the last session_changes() of the whole log, and the state of the file it was read from
    _all_changes: tuple[tuple[int, int], list[tuple[str, str, int, int]]] | None = None

    def session_changes(
        self, since: datetime | None = None, until: datetime | None = None, by_day: bool = False
    ) -> list[tuple[str, str, int, int]]:
        """(technique, muscle, change in pain, sessions) over the completed sessions rated before
        and after: what "what helps me" is worked out from, summed by SQLite. The whole log's
        figures come from totals kept as sessions are written, read again only after a write
        here or by another process, so the window can show them on every mark change."""
        if since is not None or until is not None:
            where, args = _started(since, until, by_day)
            return self._session_changes(f"AND {where}", args)
        # data_version moves when another connection commits; total_changes when this one does
        state = (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes)
        if self._all_changes is None or self._all_changes[0] != state:
            # the whole log's totals, kept by a trigger as sessions are written (migration 4)
            totals = self._db.execute("SELECT technique, muscle, change, n FROM session_totals").fetchall()
            self._all_changes = (state, totals)
        return self._all_changes[1]

    def _session_changes(self, where: str, args: tuple[str, ...]) -> list[tuple[str, str, int, int]]:
        return self._db.execute(
            "SELECT technique, muscle, pain_after - pain_before AS change, count(*) FROM sessions"
            f" WHERE completed = 1 AND pain_before IS NOT NULL AND pain_after IS NOT NULL {where}"
            " GROUP BY technique, muscle, change",
            args,
        ).fetchall()

    def session_counts(
        self, since: datetime | None = None, until: datetime | None = None, by_day: bool = False
    ) -> tuple[int, int]:
        """(sessions, those that count for what helps) in a period, or in the whole log: done to
        the end and rated before and after, as "What helps me" counts them (effects.effects)."""
        where, args = _started(since, until, by_day)
        (found,) = self._db.execute(f"SELECT count(*) FROM sessions WHERE {where}", args).fetchone()
        (rated,) = self._db.execute(  # read from the partial index of rated sessions
            f"SELECT count(*) FROM sessions WHERE {where}"
            " AND pain_before IS NOT NULL AND pain_after IS NOT NULL AND completed = 1",
            args,
        ).fetchone()
        return int(found), int(rated)

    @_decoding_stream
    def stream_sessions(self) -> Iterator[Session]:
        """Every session, oldest first, read as it is used: for exports of long logs."""
        rows = self._db.execute(
            "SELECT uid, technique, muscle, side, started_utc, utc_offset_min, duration_s, completed,"
            " pain_before, pain_after FROM sessions ORDER BY started_utc, id"
        )
        for uid, technique, muscle, side, at, off, dur, done, before, after in rows:
            yield Session(uid, technique, muscle, side, _from_row(at, off), dur, bool(done), before, after)

    def stream_entry_json(self) -> Iterator[str] | None:
        """Every entry, oldest first, deleted ones too, as the JSON object the export writes
        (logio._entry_json's keys and values), made by SQLite's JSON functions: a million
        entries without a million Python objects. None where SQLite has no JSON functions."""
        try:
            self._db.execute("SELECT json_object('a', 1)").fetchone()
        except sqlite3.OperationalError:
            return None
        return self._json_rows()

    @_decoding_stream
    def _json_rows(self) -> Iterator[str]:
        for (text,) in self._db.execute(_ENTRY_JSON):
            yield text

    @contextlib.contextmanager
    def _lenient(self) -> Iterator[None]:
        """Text read with a damaged byte replaced by U+FFFD, for the read that met one: a note
        that is no longer UTF-8 must not make the whole log unreadable (check() reports it,
        repair() rewrites it). Only then, since decoding in Python is far slower than SQLite's."""
        self._db.text_factory = _lenient_text
        try:
            yield
        finally:
            self._db.text_factory = str

    # -- per local day: read from the day tables the triggers keep (migration 4), so the
    # cost follows the number of days in the period, not the number of entries
    def daily_overall(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, float, int]]:
        """(local day, mean overall pain, worst) per day with a rating, oldest first."""
        where, args = _days(since, until, "rated > 0")
        return self._db.execute(
            f"SELECT day, CAST(total AS REAL) / rated, worst FROM day_overall WHERE {where} ORDER BY day",
            args,
        ).fetchall()

    def daily_area(
        self, area: str, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, float, int]]:
        """(local day, mean intensity, worst) per day for one area, either side: a chart line."""
        where, args = _days(since, until, "region IN (?, ?)")
        return self._db.execute(
            "SELECT day, CAST(sum(total) AS REAL) / sum(n), max(worst) FROM day_marks"
            f" WHERE {where} GROUP BY day ORDER BY day",
            (f"{area}.left", f"{area}.right", *args),
        ).fetchall()

    def marked_areas(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, int]]:
        """Areas marked in the period (side dropped), with how many times, most often first."""
        counts: dict[str, int] = {}
        for region, n, _, _ in self._region_sums(since, until):
            area = region.rsplit(".", 1)[0]
            counts[area] = counts.get(area, 0) + n
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def region_marks(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[tuple[str, int, int, int]]:
        """(region, entries marking it, sum of intensities, worst) over the period's local days."""
        return self._region_sums(since, until)

    def region_intensity(
        self, since: datetime | None = None, until: datetime | None = None, worst: bool = False
    ) -> dict[str, float]:
        """Average (or worst) marked intensity per region over the period: the heat map."""
        rows = self._region_sums(since, until)
        return {region: float(top if worst else total / n) for region, n, total, top in rows}

    def _region_sums(self, since: datetime | None, until: datetime | None) -> list[tuple[str, int, int, int]]:
        """(region, marks, sum of intensities, worst) over the period: the whole log's from the
        totals the triggers keep, a period's from its days."""
        if since is None and until is None:
            return self._db.execute(
                "SELECT region, n, total, worst FROM region_totals WHERE n > 0"
            ).fetchall()
        where, args = _days(since, until)
        return self._db.execute(
            # "+region": read the period's days by the key, not every day by the region index
            f"SELECT region, sum(n), sum(total), max(worst) FROM day_marks WHERE {where} GROUP BY +region",
            args,
        ).fetchall()

    def check(self) -> list[str]:
        """Problems found in the file (empty when sound): SQLite's own integrity check, and
        text a damaged byte made unreadable (which SQLite does not look at). Damage that stops
        the check itself is reported too, never raised."""
        try:
            found = [row[0] for row in self._db.execute("PRAGMA integrity_check")]
            found += [f"foreign key: {row}" for row in self._db.execute("PRAGMA foreign_key_check")]
            found += self._unreadable_text()
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            found += [
                f"the log's structure is damaged: {name}" for name in schema_differences(self._db, version)
            ]
        except sqlite3.DatabaseError as exc:
            return [f"the file cannot be read through: {exc}"]
        return [] if found == ["ok"] else [f for f in found if f != "ok"]

    def _unreadable_text(self) -> list[str]:
        found = [
            f"entry {row_id}: its save time is unreadable ({at!r}, a damaged byte)"
            for row_id, at in self._db.execute("SELECT id, at_utc FROM entries")
            if not valid_time(at)
        ]
        found += [
            f"session {row_id}: its start time is unreadable ({at!r}, a damaged byte)"
            for row_id, at in self._db.execute("SELECT id, started_utc FROM sessions")
            if not valid_time(at)
        ]
        for table, column, when in _TEXT_COLUMNS:
            rows = self._db.execute(f"SELECT {when}, CAST({column} AS BLOB) FROM {table}")
            for at, raw in rows:
                try:
                    bytes(raw or b"").decode("utf-8")
                except UnicodeDecodeError:
                    found.append(f"{table} saved {at}: its {column} is not valid text (a damaged byte)")
        return found

    def repair(self, reason: str) -> Repair:
        """Repair on request (`log check --repair` after check() found problems): the same as
        for damage found on opening."""
        with exclusive(self.folder / LOCK_FILE, "the pain log"):
            self._refuse_repair_while_in_use(reason)
            self._db.close()
            self._repair(reason)
            self._db = self._connect()
        assert self.report.repair is not None
        return self.report.repair


_PARAMETERS = 900  # entries read at a time: SQLite's limit on bound parameters

# A mark is a value (a region, an intensity, a quality) and a log holds few distinct ones:
# a long log is read with one object per value, not millions of equal ones.
_logged_mark = functools.cache(LoggedMark)


def new_entry(
    marks: Sequence[LoggedMark], overall: int | None = None, note: str = "", at: datetime | None = None
) -> Entry:
    return Entry(uid=uuid.uuid4().hex, at=at or now_local(), overall=overall, note=note, marks=tuple(marks))


def new_session(
    technique: str,
    muscle: str,
    side: str,
    started: datetime,
    duration_s: float,
    completed: bool,
    pain_before: int | None = None,
    pain_after: int | None = None,
) -> Session:
    return Session(
        uuid.uuid4().hex, technique, muscle, side, started, duration_s, completed, pain_before, pain_after
    )


def _period(
    since: datetime | None, until: datetime | None, include_deleted: bool = False, by_day: bool = False
) -> tuple[list[str], list[str]]:
    """SQL conditions (on entries as `e`) and their arguments for a period of the log: between
    two instants, or `by_day` on the local days of the period (each entry on its own clock)."""
    if by_day:
        # first the instants two days either side (offsets differ by 28 hours at most): the time
        # index narrows a long log before each row's own day is worked out
        margin = timedelta(days=2)
        where, args = _period(since and since - margin, until and until + margin, include_deleted)
        day, days = _between(
            "date(e.at_utc, e.utc_offset_min || ' minutes')", *_bounds(since, until, local_day)
        )
        return where + day, args + days
    where, args = _between("e.at_utc", *_bounds(since, until, _utc_text))
    return ([] if include_deleted else ["e.deleted = 0"]) + where, args


def _between(column: str, low: str | None, high: str | None) -> tuple[list[str], list[str]]:
    """`column >= low` and `column < high`, for the bounds given: a period, its end excluded."""
    where, args = [], []
    if low is not None:
        where.append(f"{column} >= ?")
        args.append(low)
    if high is not None:
        where.append(f"{column} < ?")
        args.append(high)
    return where, args


def _bounds(
    since: datetime | None, until: datetime | None, text: Callable[[datetime], str]
) -> tuple[str | None, str | None]:
    """A period's ends as stored text (UTC times, or local days); None where it is open."""
    return (None if since is None else text(since)), (None if until is None else text(until))


def local_day(moment: datetime) -> str:
    """The day on the person's clock at `moment` (its own offset): how entries are grouped."""
    return moment.date().isoformat() if moment.tzinfo is not None else moment.astimezone().date().isoformat()


def _days(since: datetime | None, until: datetime | None, *extra: str) -> tuple[str, list[str]]:
    """SQL conditions on a day table's `day` for a period: whole local days, `until` excluded."""
    where, args = _between("day", *_bounds(since, until, local_day))
    return " AND ".join([*extra, *where]) or "1", args


def _started(
    since: datetime | None, until: datetime | None, by_day: bool = False
) -> tuple[str, tuple[str, ...]]:
    """SQL conditions on sessions' start for a period, `until` excluded; `by_day` as _period's."""
    if by_day:
        margin = timedelta(days=2)  # the start index first, as for entries
        near, near_values = _started(since and since - margin, until and until + margin)
        day, values = _between(
            "date(started_utc, utc_offset_min || ' minutes')", *_bounds(since, until, local_day)
        )
        return " AND ".join([near, *day]), (*near_values, *values)
    where, args = _between("started_utc", *_bounds(since, until, _utc_text))
    return " AND ".join(["1", *where]), tuple(args)


def _check_session(session: Session) -> None:
    _check_intensity(session.pain_before, "pain before")
    _check_intensity(session.pain_after, "pain after")
    if session.side not in SIDES:
        raise UserError(f"side {session.side!r} must be left, right or both")
    if session.started.tzinfo is None:
        raise UserError("a session's start needs its offset from UTC")
    _check_year(session.started)
    if not (math.isfinite(session.duration_s) and 0 <= session.duration_s <= 24 * 3600):
        raise UserError(f"session duration {session.duration_s!r} must be 0 to 86400 seconds")


def check_flare(flare: Flare) -> None:
    _check_text(flare.uid, "the uid")
    for moment in (flare.started, flare.ended):
        if moment is not None:
            if moment.tzinfo is None:
                raise UserError("a flare's start and end need their offset from UTC")
            _check_year(moment)
    if flare.ended is not None and flare.ended < flare.started:
        raise UserError("a flare cannot end before it started")


def _insert_flare(db: sqlite3.Connection, flare: Flare) -> None:
    ended = flare.ended
    db.execute(
        "INSERT INTO flares (uid, started_utc, utc_offset_min, ended_utc, ended_offset_min)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            flare.uid,
            _utc_text(flare.started),
            _offset_min(flare.started),
            None if ended is None else _utc_text(ended),
            None if ended is None else _offset_min(ended),
        ),
    )


def _insert_session(db: sqlite3.Connection, s: Session) -> None:
    db.execute(
        "INSERT INTO sessions (uid, technique, muscle, side, started_utc, utc_offset_min, duration_s,"
        " completed, pain_before, pain_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            s.uid,
            s.technique,
            s.muscle,
            s.side,
            _utc_text(s.started),
            _offset_min(s.started),
            s.duration_s,
            int(s.completed),
            s.pain_before,
            s.pain_after,
        ),
    )


# the log's own tables, indexes and triggers (SQLite's statistics tables come and go)
_OWN_SCHEMA = "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"


def expected_schema(version: int) -> dict[str, str]:
    """Every table, index and trigger a log of `version` has, with its SQL, as the migrations
    make it (a log is only ever built by them)."""
    return {name: sql for _, name, _, sql in schema_rows(version) if sql is not None}


@functools.cache
def schema_rows(version: int) -> list[tuple[str, str, str, str | None]]:
    """sqlite_master's rows in a log of `version` (any unknown version: the current one), in
    the order the migrations create them, automatic indexes included."""
    if not 1 <= version <= SCHEMA_VERSION:
        version = SCHEMA_VERSION
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for target in range(1, version + 1):
            for statement in _statements(MIGRATIONS[target]):
                db.execute(statement)
        return list(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"))
    finally:
        db.close()


def schema_differences(db: sqlite3.Connection, version: int) -> list[str]:
    """Names of the tables, indexes and triggers that are missing or not as the migrations made them."""
    found = {name: sql for name, sql in db.execute(_OWN_SCHEMA)}
    expected = expected_schema(min(version, SCHEMA_VERSION))
    return sorted(name for name in expected.keys() | found.keys() if found.get(name) != expected.get(name))


def _build_schema(db: sqlite3.Connection) -> None:
    """Every migration in turn on an empty database, as one transaction, in WAL mode."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN IMMEDIATE")
    try:
        for target in range(1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[target]):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """The script's statements; a trigger's body (BEGIN … END) has semicolons of its own."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    if current.strip():
        found.append(current.strip())
    return [s for s in found if s.strip(" \n;")]
