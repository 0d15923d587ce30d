"""What is left of a damaged pain log: reading a damaged write-ahead file, and copying every
readable row of a damaged database into a fresh one.

SQLite itself never repairs: a bad page stops any query that reaches it, and a bad frame in
the write-ahead file (WAL) silently ends the log there. So a damaged log is read here table by
table, in key order, stepping over what cannot be read; and a WAL is read frame by frame, as
its format (sqlite.org/fileformat.html, "The WAL file format") describes, to see whether saves
that were acknowledged lie past the point where SQLite would stop.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import struct
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- / big-endian words
WAL_HEADER = 32
FRAME_HEADER = 24
_MASK = 0xFFFFFFFF


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


@dataclass(frozen=True)
class WalReport:
    """What a write-ahead file holds: commits SQLite will read back, and commits written
    after a damaged frame, which it will not (zero in a healthy file)."""

    readable_commits: int
    lost_commits: int

    @property
    def damaged(self) -> bool:
        return self.lost_commits > 0


def read_wal(path: Path) -> WalReport | None:
    """The state of the WAL at `path`; None when there is none to read (absent, empty, or a
    header SQLite itself would ignore, which loses nothing that was acknowledged)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) < WAL_HEADER:
        return None
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:WAL_HEADER])
    if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
        return None
    big_endian = magic & 1 == 1
    if _checksum(data[:24], big_endian, 0, 0) != (c1, c2):
        return None  # SQLite ignores the whole file; nothing in it was ever read back
    s0, s1 = c1, c2
    frame = FRAME_HEADER + page_size
    readable = lost = 0
    broken = False
    for start in range(WAL_HEADER, len(data) - frame + 1, frame):
        page, commit_size, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(
            ">6I", data[start : start + FRAME_HEADER]
        )
        if (f_salt1, f_salt2) != (salt1, salt2):
            break  # frames of an earlier generation of the file: not part of this log
        if not broken:
            s0, s1 = _checksum(
                data[start : start + 8] + data[start + FRAME_HEADER : start + frame], big_endian, s0, s1
            )
            if (s0, s1) != (f_c1, f_c2) or page == 0:
                broken = True
        if commit_size:
            if broken:
                lost += 1
            else:
                readable += 1
    return WalReport(readable, lost)


# -- salvage


@dataclass
class Salvage:
    """Rows copied out of a damaged log, per table, and the entry ids that could not be read."""

    copied: dict[str, int] = field(default_factory=dict)
    # every entry the damaged file's time index still lists: id -> (saved at, UTC; deleted)
    indexed: dict[int, tuple[str, bool]] = field(default_factory=dict)
    highest_entry_id: int | None = None


# Each table of the log, its columns and its key, in the order rows must be copied.
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "entries": (("id", "uid", "at_utc", "utc_offset_min", "overall", "note", "deleted"), ("id",)),
    "entry_marks": (("entry_id", "region", "intensity"), ("entry_id", "region")),
    "mark_qualities": (("entry_id", "region", "quality"), ("entry_id", "region", "quality")),
    "entry_tests": (("entry_id", "step", "muscle", "side", "trigger_point", "answer"), ("entry_id", "step")),
    "entry_tags": (("entry_id", "tag"), ("entry_id", "tag")),
    "sessions": (
        (
            "id",
            "uid",
            "technique",
            "muscle",
            "side",
            "started_utc",
            "utc_offset_min",
            "duration_s",
            "completed",
            "pain_before",
            "pain_after",
        ),
        ("id",),
    ),
    "flares": (("id", "uid", "started_utc", "utc_offset_min", "ended_utc", "ended_offset_min"), ("id",)),
}
# tables whose rows belong to an entry (entry_id), copied and dropped with it
ENTRY_DETAILS = ("entry_marks", "mark_qualities", "entry_tests", "entry_tags")
# versions 2-4 kept one quality per mark in entry_marks itself
_LEGACY_QUALITY = (
    "SELECT entry_id, region, quality FROM entry_marks WHERE quality IS NOT NULL AND quality <> ''"
)
_PROBE_LIMIT = 1 << 40
_UID = re.compile(r"[0-9a-f]{32}")  # past any id a person's log will reach


SchemaRow = tuple[str, str, str, "str | None"]  # type, name, table, SQL, as in sqlite_master


def salvage(damaged: Path, fresh: sqlite3.Connection, schema: Callable[[int], list[SchemaRow]]) -> Salvage:
    """Copy every readable row of the log at `damaged` into `fresh` (an empty log with the
    current schema, in a transaction the caller commits). `schema(version)` gives the rows
    sqlite_master has in a log of that version, in order: a damaged definition is put back
    from it first (in a copy), since SQLite reads nothing from a file whose schema it cannot parse."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / damaged.name
        shutil.copyfile(damaged, copy)
        wal = Path(f"{damaged}-wal")
        if wal.exists():
            shutil.copyfile(wal, f"{copy}-wal")
        _put_schema_back(copy, schema)
        return _salvage(copy, fresh)


def _put_schema_back(path: Path, schema: Callable[[int], list[SchemaRow]]) -> None:
    """Rewrite sqlite_master's definitions as the migrations made them, matching rows by their
    order (a damaged name is put back too). Best effort: a header too damaged to read is left."""
    with contextlib.suppress(sqlite3.DatabaseError, UnicodeDecodeError):
        db = sqlite3.connect(path, isolation_level=None)
        db.text_factory = bytes
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            expected = schema(version)
            db.execute("PRAGMA writable_schema = ON")
            rows = [
                rowid
                for rowid, name in db.execute("SELECT rowid, name FROM sqlite_master ORDER BY rowid")
                if not bytes(name or b"").startswith(b"sqlite_stat")
            ]
            if len(rows) == len(expected):
                for rowid, (kind, name, table, sql) in zip(rows, expected, strict=True):
                    db.execute(
                        "UPDATE sqlite_master SET type = ?, name = ?, tbl_name = ?, sql = ? WHERE rowid = ?",
                        (kind, name, table, sql, rowid),
                    )
            db.execute("PRAGMA writable_schema = OFF")
        finally:
            db.close()


def _salvage(damaged: Path, fresh: sqlite3.Connection) -> Salvage:
    found = Salvage()
    uids: dict[int, str] = {}
    source = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    source.text_factory = bytes  # a damaged byte in a note must not stop the copy
    try:
        try:
            tables = {
                _text(row[0]) for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            return found  # even put back, the schema cannot be read: nothing to copy
        found.highest_entry_id = _max_id(source)
        found.indexed = _indexed_entries(source)
        uids = _indexed_uids(source)
        for table, (columns, key) in TABLES.items():
            if table not in tables:
                continue
            readable = [c for c in columns if _has_column(source, table, c)]
            slots = ", ".join("?" * len(readable))
            insert = f"INSERT OR IGNORE INTO {table} ({', '.join(readable)}) VALUES ({slots})"
            mend = _time_mender(readable, found.indexed) if table == "entries" else None
            count = 0
            for row in _readable_rows(source, table, readable, key):
                values = [_text(v) for v in row]
                if mend is not None:
                    mend(values)
                with contextlib.suppress(sqlite3.IntegrityError):  # a row damage made invalid
                    fresh.execute(insert, values)
                    count += 1
            found.copied[table] = count
        if "entry_marks" in tables and _has_column(source, "entry_marks", "quality"):
            for row in _readable_rows(
                source, "entry_marks", ["entry_id", "region", "quality"], ("entry_id", "region")
            ):
                if row[2]:
                    with contextlib.suppress(sqlite3.IntegrityError):
                        fresh.execute(
                            "INSERT OR IGNORE INTO mark_qualities VALUES (?, ?, ?)", [_text(v) for v in row]
                        )
    finally:
        source.close()
    _mend_times(fresh, found.indexed)
    _mend_uids(fresh, uids)
    # marks or answers whose entry was lost cannot be shown: drop them
    for table in ENTRY_DETAILS:
        fresh.execute(f"DELETE FROM {table} WHERE entry_id NOT IN (SELECT id FROM entries)")
    fresh.execute(
        "DELETE FROM mark_qualities WHERE NOT EXISTS (SELECT 1 FROM entry_marks m"
        " WHERE m.entry_id = mark_qualities.entry_id AND m.region = mark_qualities.region)"
    )
    return found


def _time_mender(columns: list[str], indexed: dict[int, tuple[str, bool]]) -> Callable[[list[object]], None]:
    """An entry row whose save time a damaged byte garbled takes the time its index entry
    still holds (a row with no readable time cannot be placed on any day)."""
    at, key = columns.index("at_utc"), columns.index("id")

    def mend(values: list[object]) -> None:
        row_id = values[key]
        known = indexed.get(row_id) if isinstance(row_id, int) else None
        if not valid_time(values[at]) and known is not None and valid_time(known[0]):
            values[at] = known[0]

    return mend


def valid_time(text: object) -> bool:
    """A stored UTC time the log can read back (damage can turn a digit into another byte)."""
    if not isinstance(text, str) or not text.endswith("Z"):
        return False
    try:
        datetime.fromisoformat(text[:-1])
    except ValueError:
        return False
    return True


def _mend_times(fresh: sqlite3.Connection, indexed: dict[int, tuple[str, bool]]) -> None:
    """An entry whose save time a damaged byte made unreadable takes the time its index
    entry still holds; with none, it cannot be placed in time and is dropped (and counted lost)."""
    for row_id, at in fresh.execute("SELECT id, at_utc FROM entries").fetchall():
        if valid_time(at):
            continue
        known = indexed.get(row_id)
        if known is not None and valid_time(known[0]):
            fresh.execute("UPDATE entries SET at_utc = ? WHERE id = ?", (known[0], row_id))
        else:
            fresh.execute("DELETE FROM entries WHERE id = ?", (row_id,))
    for row_id, at in fresh.execute("SELECT id, started_utc FROM sessions").fetchall():
        if not valid_time(at):
            fresh.execute("DELETE FROM sessions WHERE id = ?", (row_id,))


def _has_column(db: sqlite3.Connection, table: str, column: str) -> bool:
    try:
        return any(row[1] in (column, column.encode()) for row in db.execute(f"PRAGMA table_info({table})"))
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        return False


def _text(value: object) -> object:
    """Text read as bytes goes back as text; bytes that damage made invalid become U+FFFD."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _readable_rows(
    db: sqlite3.Connection, table: str, columns: list[str], key: tuple[str, ...]
) -> Iterator[tuple[object, ...]]:
    """Rows in key order; on a page that cannot be read, step over it by seeking past it with
    ever larger strides on the first key column until reading works again."""
    select = f"SELECT {', '.join(columns)} FROM {table}"
    first = key[0]
    order = f" ORDER BY {', '.join(key)}"
    position: int | None = None  # last first-key value read (rows after it are still to read)
    stride = 1
    while True:
        where, args = ("", ()) if position is None else (f" WHERE {first} > ?", (position,))
        try:
            for row in db.execute(select + where + order, args):
                yield row
                position = (
                    int(row[columns.index(first)]) if row[columns.index(first)] is not None else position
                )
                stride = 1
            return
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            position = (position or 0) + stride
            stride *= 2
            if position > _PROBE_LIMIT:
                return


def _indexed_entries(db: sqlite3.Connection) -> dict[int, tuple[str, bool]]:
    """What the time index (deleted, at_utc -> id) lists, read on its own: it names the
    entries whose rows were lost, and when they were saved. Empty if the index is damaged."""
    found: dict[int, tuple[str, bool]] = {}
    with contextlib.suppress(sqlite3.DatabaseError, UnicodeDecodeError):
        for row_id, at, deleted in db.execute(
            "SELECT id, at_utc, deleted FROM entries INDEXED BY entries_by_time ORDER BY deleted, at_utc"
        ):
            if isinstance(row_id, int):  # a damaged schema can make the index name nothing
                found[row_id] = (str(_text(at)), bool(deleted))
    return found


def _indexed_uids(db: sqlite3.Connection) -> dict[int, str]:
    """The uid index (uid -> id), read on its own: it still holds a uid damage garbled in a row."""
    found: dict[int, str] = {}
    with contextlib.suppress(sqlite3.DatabaseError, UnicodeDecodeError):
        for row_id, uid in db.execute("SELECT id, uid FROM entries INDEXED BY sqlite_autoindex_entries_1"):
            if isinstance(row_id, int):
                found[row_id] = str(_text(uid))
    return found


def _mend_uids(fresh: sqlite3.Connection, indexed: dict[int, str]) -> None:
    """Where a row's uid and its index entry disagree, one of them was damaged: the one that
    looks like the uids bodymap makes (32 hex digits) is taken."""
    for row_id, uid in fresh.execute("SELECT id, uid FROM entries").fetchall():
        other = indexed.get(row_id)
        if other is not None and other != uid and _UID.fullmatch(other) and not _UID.fullmatch(uid):
            with contextlib.suppress(sqlite3.IntegrityError):
                fresh.execute("UPDATE entries SET uid = ? WHERE id = ?", (other, row_id))


def _max_id(db: sqlite3.Connection) -> int | None:
    with contextlib.suppress(sqlite3.DatabaseError, UnicodeDecodeError):
        value = db.execute("SELECT max(id) FROM entries").fetchone()[0]
        return int(value) if value is not None else None
    return None


def _gaps(ids: list[int], highest: int | None) -> list[tuple[int, int]]:
    """Ranges of entry ids between 1 and the highest known one that were not read back.
    Ids are given in order from 1, so a gap is an entry (or a deleted one) that was there."""
    gaps = []
    expected = 1
    for i in sorted(ids):
        if i > expected:
            gaps.append((expected, i - 1))
        expected = i + 1
    if highest is not None and highest >= expected:
        gaps.append((expected, highest))
    return gaps


def copy_missing(source: sqlite3.Connection, target: sqlite3.Connection) -> int:
    """Entries (with their marks and answers) and sessions of `source` (a backup) that
    `target` (a salvaged log) lacks, by uid; an entry keeps its id, which is free when the
    entry was lost (a backup is a copy of the same file). Returns the entries added."""
    added = 0
    known = {r[0] for r in target.execute("SELECT uid FROM entries")}
    for row in source.execute(f"SELECT {', '.join(TABLES['entries'][0])} FROM entries ORDER BY id"):
        old_id, uid = row[0], row[1]
        if uid in known:
            continue
        taken = target.execute("SELECT 1 FROM entries WHERE id = ?", (old_id,)).fetchone()
        cursor = target.execute(
            "INSERT INTO entries (id, uid, at_utc, utc_offset_min, overall, note, deleted)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (None if taken else old_id, *row[1:]),
        )
        tables = _tables(source)
        for table in ENTRY_DETAILS:
            columns = TABLES[table][0]
            if (
                table == "mark_qualities"
                and table not in tables
                and _has_column(source, "entry_marks", "quality")
            ):
                rows = source.execute(_LEGACY_QUALITY + " AND entry_id = ?", (old_id,))  # an older backup
            elif table in tables:
                rows = source.execute(
                    f"SELECT {', '.join(columns)} FROM {table} WHERE entry_id = ?", (old_id,)
                )
            else:
                continue
            for sub in rows:
                target.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    (cursor.lastrowid, *sub[1:]),
                )
        added += 1
    for table in ("sessions", "flares"):
        if table not in _tables(source):
            continue
        columns = TABLES[table][0][1:]
        known = {r[0] for r in target.execute(f"SELECT uid FROM {table}")}
        for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            if row[0] not in known:
                slots = ", ".join("?" * len(columns))
                with contextlib.suppress(sqlite3.IntegrityError):  # a second open flare
                    target.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({slots})", row)
    return added


def _tables(db: sqlite3.Connection) -> set[str]:
    return {str(_text(r[0])) for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@dataclass(frozen=True)
class LostEntries:
    """Entries of a damaged log that neither the file nor a backup gave back."""

    saved_at: tuple[str, ...]  # UTC times of those the time index still names
    unknown: int  # ids missing with no time known (the index was damaged too)
    known: bool = True  # False when nothing in the file said what it held

    @property
    def count(self) -> int:
        return len(self.saved_at) + self.unknown


def lost_entries(db: sqlite3.Connection, found: Salvage) -> LostEntries:
    """What a repair could not bring back. With the time index readable, exactly the entries
    it lists that are missing (deleted ones are not counted: the person had removed them);
    without it, the ids missing below the highest known id (an entry keeps its id for life,
    as an edit rewrites it in place, so a missing id is an entry that could not be read)."""
    ids = {r[0] for r in db.execute("SELECT id FROM entries")}
    if found.indexed:
        # An index entry counts as lost when its id is missing and its save time is not that of
        # an entry the log has: a damaged id in the index itself names no lost entry.
        present = Counter(r[0] for r in db.execute("SELECT at_utc FROM entries WHERE deleted = 0"))
        listed = Counter(at for (at, deleted) in found.indexed.values() if not deleted)
        unmatched = listed - present
        times = sorted(
            at
            for i, (at, deleted) in found.indexed.items()
            if i not in ids and not deleted and unmatched[at] > 0
        )
        return LostEntries(tuple(times), 0)
    if found.highest_entry_id is None:
        return LostEntries((), 0, known=False)
    missing = sum(last - first + 1 for first, last in _gaps(sorted(ids), found.highest_entry_id))
    return LostEntries((), missing)
