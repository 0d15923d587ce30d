"""The personal pain log: one SQLite file on this machine, never losing an acknowledged entry.

One writer connection in WAL mode with synchronous=FULL: when `add` returns, the entry is
on disk. Every write is one `BEGIN IMMEDIATE` transaction. The schema is versioned by
`PRAGMA user_version`, one migration per version, each in its own transaction, with a
backup taken first; a file from a newer bodymap is refused, never rewritten. A damaged
file is moved aside with a timestamp and a fresh log started, so the app always opens;
`recovered_from` and `latest_backup()` let the window say so and offer the backup.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from bodymap.core.errors import UserError
from bodymap.core.paths import ensure_private_dir

LOG_FILE = "painlog.sqlite"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 7
SCHEMA_VERSION = 3
QUALITIES = ("aching", "burning", "sharp", "tingling", "numb", "throbbing")
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
}
ANSWERS = ("yes", "tender", "no")


class LogError(UserError):
    """The log cannot be used as asked (a newer file, a folder we may not write)."""


@dataclass(frozen=True)
class LoggedMark:
    region: str
    intensity: int
    quality: str | None = None


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


@dataclass
class OpenReport:
    """What happened when the log was opened, for the window to tell the person."""

    path: Path
    created: bool = False
    migrated_from: int | None = None
    recovered_from: Path | None = None  # the damaged file, moved aside
    backups: list[Path] = field(default_factory=list)


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
    return datetime.fromisoformat(utc_text[:-1] + "+00:00").astimezone(_zone(offset_min))


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
        if mark.quality is not None and mark.quality not in QUALITIES:
            raise UserError(f"quality {mark.quality!r} must be one of {', '.join(QUALITIES)}")
        if mark.region in seen:
            raise UserError(f"region {mark.region} is marked twice")
        seen.add(mark.region)
    if entry.at.tzinfo is None:
        raise UserError("an entry's time needs its offset from UTC")
    _check_year(entry.at)
    for test in entry.tests:
        _check_text(test.muscle, "a press-test's muscle")
        _check_text(test.trigger_point, "a press-test's trigger point")
        if test.answer not in ANSWERS or test.side not in SIDES:
            raise UserError(f"press-test answer {test.answer!r} on side {test.side!r} is not yes/tender/no")


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


class PainLog:
    """The store. Use as a context manager, or call close()."""

    def __init__(self, folder: Path, *, backup_daily: bool = True) -> None:
        try:
            self.folder = ensure_private_dir(folder)
        except OSError as exc:
            raise LogError(f"cannot use {folder} for the pain log ({exc.strerror or exc})") from None
        self.path = self.folder / LOG_FILE
        self.report = OpenReport(self.path)
        if not os.access(self.folder, os.W_OK):
            raise LogError(f"cannot write to {self.folder}: the pain log needs a folder you may write to")
        self._db = self._open()
        if backup_daily:
            self._backup_if_none_today()

    # -- opening, migrating, recovering
    def _connect(self) -> sqlite3.Connection:
        created = not self.path.exists()
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA foreign_keys = ON")
        if created:
            self.report.created = True
            _private_file(self.path)
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            db = self._connect()
            self._prepare(db)
            return db
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(Exception):
                db.close()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise LogError("the pain log is in use by another bodymap; close it and try again") from exc
            self.report.recovered_from = self._move_aside()
            db = self._connect()
            self._prepare(db)
            return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        # Reading the header and every table's root proves the file is a database we know.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version > SCHEMA_VERSION and "entries" not in tables:
            raise sqlite3.DatabaseError("not a bodymap pain log")  # someone else's database
        if version > SCHEMA_VERSION:
            db.close()
            raise LogError(
                f"{self.path} was written by a newer bodymap (log version {version}, this one reads "
                f"up to {SCHEMA_VERSION}); update bodymap to open it"
            )
        if version > 0:
            if not {"entries", "entry_marks"} <= tables:
                raise sqlite3.DatabaseError("not a bodymap pain log")
            # every page of the tables, fast: damage deep in the file is found now, not mid-list
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems[:3]))
        elif db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise sqlite3.DatabaseError("not a bodymap pain log")  # someone else's database
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")  # an acknowledged entry survives a power cut
        db.execute("PRAGMA busy_timeout = 2000")
        if version < SCHEMA_VERSION:
            if version > 0:
                self.report.migrated_from = version
                self.report.backups.append(self._backup(db, f"before-v{SCHEMA_VERSION}"))
            for target in range(version + 1, SCHEMA_VERSION + 1):
                with self._transaction(db):
                    for statement in _statements(MIGRATIONS[target]):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {target}")
        for suffix in ("", "-wal", "-shm"):
            _private_file(Path(str(self.path) + suffix))

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            extra = Path(str(self.path) + suffix)
            if extra.exists():
                os.replace(extra, Path(str(target) + suffix))
        return target

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

    def __enter__(self) -> PainLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backups
    def backup_folder(self) -> Path:
        return ensure_private_dir(self.folder / BACKUP_DIR)

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        folder = self.folder / BACKUP_DIR
        if not folder.is_dir():
            return []
        return sorted(folder.glob("painlog-*.sqlite"), reverse=True)

    def latest_backup(self) -> Path | None:
        found = self.backups()
        return found[0] if found else None

    def _backup(self, db: sqlite3.Connection, label: str = "") -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_folder() / f"painlog-{stamp}{'-' + label if label else ''}.sqlite"
        partial = target.with_suffix(".partial")
        copy = sqlite3.connect(partial)
        try:
            db.backup(copy)
        finally:
            copy.close()
        _private_file(partial)
        os.replace(partial, target)
        for old in self.backups()[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)
        return target

    def backup(self) -> Path:
        return self._backup(self._db)

    def _backup_if_none_today(self) -> None:
        today = datetime.now().strftime("%Y%m%d")
        latest = self.latest_backup()
        if self.count() and (latest is None or not latest.name.startswith(f"painlog-{today}")):
            self.report.backups.append(self.backup())

    def restore_from(self, backup: Path) -> None:
        """Replace the log with a backup (the current file is kept aside first)."""
        self._backup(self._db, "before-restore")
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            source.backup(self._db)
        finally:
            source.close()

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
        db.executemany(
            "INSERT INTO entry_marks (entry_id, region, intensity, quality) VALUES (?, ?, ?, ?)",
            [(cursor.lastrowid, m.region, m.intensity, m.quality) for m in entry.marks],
        )
        db.executemany(
            "INSERT INTO entry_tests (entry_id, step, muscle, side, trigger_point, answer)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (cursor.lastrowid, i, t.muscle, t.side, t.trigger_point, t.answer)
                for i, t in enumerate(entry.tests)
            ],
        )

    def replace(self, entry: Entry) -> Entry:
        """Store a new version of an entry (an edit); returns the version it replaced."""
        validate_entry(entry)
        with self._transaction() as db:
            old = self._get(db, entry.uid)
            if old is None:
                raise UserError(f"no entry {entry.uid} in the log")
            db.execute("DELETE FROM entries WHERE uid = ?", (entry.uid,))
            self._insert(db, entry)
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

    def import_items(self, entries: Sequence[Entry], sessions: Sequence[Session]) -> tuple[int, int]:
        """Add what is not there yet (by uid), all in one transaction: (entries, sessions) added."""
        for entry in entries:
            validate_entry(entry)
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
        return added_entries, added_sessions

    # -- reading
    def count(self, include_deleted: bool = False) -> int:
        where = "" if include_deleted else " WHERE deleted = 0"
        return int(self._db.execute(f"SELECT count(*) FROM entries{where}").fetchone()[0])

    def get(self, uid: str) -> Entry | None:
        return self._get(self._db, uid)

    def _get(self, db: sqlite3.Connection, uid: str) -> Entry | None:
        found = self._entries(db, "WHERE e.uid = ?", (uid,))
        return found[0] if found else None

    def entries(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        include_deleted: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Entry]:
        """Entries newest first."""
        where, args = _period(since, until, include_deleted)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        tail = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""
        return self._entries(self._db, clause, tuple(args), tail)

    def _entries(
        self, db: sqlite3.Connection, where: str, args: tuple[object, ...], tail: str = ""
    ) -> list[Entry]:
        rows = db.execute(
            "SELECT e.id, e.uid, e.at_utc, e.utc_offset_min, e.overall, e.note, e.deleted"
            f" FROM entries e {where} ORDER BY e.at_utc DESC, e.id DESC{tail}",
            args,
        ).fetchall()
        if not rows:
            return []
        marks: dict[int, list[LoggedMark]] = {}
        tests: dict[int, list[PressAnswer]] = {}
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 900):  # SQLite's limit on bound parameters
            chunk = ids[start : start + 900]
            marks_sql = (
                "SELECT entry_id, region, intensity, quality FROM entry_marks"
                f" WHERE entry_id IN ({','.join('?' * len(chunk))}) ORDER BY entry_id, region"
            )
            for entry_id, region, intensity, quality in db.execute(marks_sql, chunk):
                marks.setdefault(entry_id, []).append(LoggedMark(region, intensity, quality))
            tests_sql = (
                "SELECT entry_id, muscle, side, trigger_point, answer FROM entry_tests"
                f" WHERE entry_id IN ({','.join('?' * len(chunk))}) ORDER BY entry_id, step"
            )
            for entry_id, muscle, side, tp, answer in db.execute(tests_sql, chunk):
                tests.setdefault(entry_id, []).append(PressAnswer(muscle, side, tp, answer))
        return [
            Entry(
                uid=uid,
                at=_from_row(at, offset),
                overall=overall,
                note=note,
                marks=tuple(marks.get(row_id, ())),
                deleted=bool(deleted),
                tests=tuple(tests.get(row_id, ())),
            )
            for row_id, uid, at, offset, overall, note, deleted in rows
        ]

    def export_rows(self) -> Iterator[tuple[str, datetime, int | None, str, str, bool, str]]:
        """Every entry, oldest first, deleted ones too, marks as `region=I[:quality];…` and
        press-tests as `muscle:side:trigger_point=answer;…`: one streaming query, for exports
        of long logs."""
        rows = self._db.execute(
            "SELECT e.uid, e.at_utc, e.utc_offset_min, e.overall, e.note, e.deleted,"
            " group_concat(m.region || '=' || m.intensity || coalesce(':' || m.quality, ''), ';'),"
            " (SELECT group_concat(t.muscle || ':' || t.side || ':' || t.trigger_point || '=' || t.answer,"
            " ';')"
            "  FROM (SELECT * FROM entry_tests WHERE entry_id = e.id ORDER BY step) t)"
            " FROM entries e LEFT JOIN entry_marks m ON m.entry_id = e.id"
            " GROUP BY e.id ORDER BY e.at_utc, e.id"
        )
        for uid, at, offset, overall, note, deleted, marks, tests in rows:
            yield uid, _from_row(at, offset), overall, note, marks or "", bool(deleted), tests or ""

    def sessions(self, since: datetime | None = None) -> list[Session]:
        where, args = ("WHERE started_utc >= ?", (_utc_text(since),)) if since else ("", ())
        rows = self._db.execute(
            "SELECT uid, technique, muscle, side, started_utc, utc_offset_min, duration_s, completed,"
            f" pain_before, pain_after FROM sessions {where} ORDER BY started_utc DESC",
            args,
        ).fetchall()
        return [
            Session(uid, technique, muscle, side, _from_row(at, off), dur, bool(done), before, after)
            for uid, technique, muscle, side, at, off, dur, done, before, after in rows
        ]

    def daily_overall(self, since: datetime | None = None) -> list[tuple[str, float, int]]:
        """(UTC day, mean overall pain, worst) per day with a rating, oldest first: the chart's data."""
        where = "WHERE deleted = 0 AND overall IS NOT NULL" + (" AND at_utc >= ?" if since else "")
        args = (_utc_text(since),) if since else ()
        return self._db.execute(
            f"SELECT substr(at_utc, 1, 10) AS day, avg(overall), max(overall) FROM entries {where}"
            " GROUP BY day ORDER BY day",
            args,
        ).fetchall()

    def daily_area(self, area: str, since: datetime | None = None) -> list[tuple[str, float, int]]:
        """(UTC day, mean intensity, worst) per day for one area, either side: a chart line."""
        where = "e.deleted = 0 AND m.region IN (?, ?)" + (" AND e.at_utc >= ?" if since else "")
        args: tuple[str, ...] = (f"{area}.left", f"{area}.right") + ((_utc_text(since),) if since else ())
        return self._db.execute(
            "SELECT substr(e.at_utc, 1, 10) AS day, avg(m.intensity), max(m.intensity)"
            " FROM entry_marks m JOIN entries e ON e.id = m.entry_id"
            f" WHERE {where} GROUP BY day ORDER BY day",
            args,
        ).fetchall()

    def marked_areas(self, since: datetime | None = None) -> list[tuple[str, int]]:
        """Areas marked in the period (side dropped), most often first."""
        counts: dict[str, int] = {}
        where = "e.deleted = 0" + (" AND e.at_utc >= ?" if since else "")
        for region, n in self._db.execute(
            "SELECT m.region, count(*) FROM entry_marks m JOIN entries e ON e.id = m.entry_id"
            f" WHERE {where} GROUP BY m.region",
            (_utc_text(since),) if since else (),
        ):
            area = region.rsplit(".", 1)[0]
            counts[area] = counts.get(area, 0) + n
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def region_intensity(
        self, since: datetime | None = None, until: datetime | None = None, worst: bool = False
    ) -> dict[str, float]:
        """Average (or worst) marked intensity per region over the period: the heat map."""
        where, args = _period(since, until)
        how = "max" if worst else "avg"
        rows = self._db.execute(
            f"SELECT m.region, {how}(m.intensity) FROM entry_marks m JOIN entries e ON e.id = m.entry_id"
            f" WHERE {' AND '.join(where)} GROUP BY m.region",
            args,
        )
        return {region: float(value) for region, value in rows}

    def check(self) -> list[str]:
        """Problems SQLite finds in the file (empty when sound); damage that stops the check
        itself is reported too, never raised."""
        try:
            found = [row[0] for row in self._db.execute("PRAGMA integrity_check")]
            found += [f"foreign key: {row}" for row in self._db.execute("PRAGMA foreign_key_check")]
        except sqlite3.DatabaseError as exc:
            return [f"the file cannot be read through: {exc}"]
        return [] if found == ["ok"] else [f for f in found if f != "ok"]


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
    since: datetime | None, until: datetime | None, include_deleted: bool = False
) -> tuple[list[str], list[str]]:
    """SQL conditions (on entries as `e`) and their arguments for a period of the log."""
    where, args = ([] if include_deleted else ["e.deleted = 0"]), []
    if since is not None:
        where.append("e.at_utc >= ?")
        args.append(_utc_text(since))
    if until is not None:
        where.append("e.at_utc < ?")
        args.append(_utc_text(until))
    return where, args


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


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
