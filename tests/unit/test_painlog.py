"""The pain log store: a model-checked history of edits, migrations, damaged files and round trips.

Every log lives in pytest's tmp_path; nothing here touches the person's data folder.
Times are compared with their offsets (`isoformat()`), because aware datetimes compare
equal across offsets and `==` alone would miss a lost offset.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from bodymap.core import painlog
from bodymap.core.errors import UserError
from bodymap.core.logio import export_csv, export_json, read_export
from bodymap.core.painlog import (
    LOG_FILE,
    QUALITIES,
    SCHEMA_VERSION,
    Entry,
    LogError,
    LoggedMark,
    PainLog,
    Session,
    new_entry,
    new_session,
)

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    LONDON: Any = ZoneInfo("Europe/London")
    NEW_YORK: Any = ZoneInfo("America/New_York")
except (ImportError, ZoneInfoNotFoundError):  # no time zone database on this machine
    LONDON = NEW_YORK = None

REGIONS = ("interscapular.left", "interscapular.right", "neck_side.left", "neck_side.right", "jaw.left")
SPECIAL_NOTES = (
    "",
    "😀 👩‍👩‍👧‍👦 🇬🇧 knot ✊",
    "שלום, כאב בין השכמות",
    "ألم في الرقبة\nمنذ الصباح",
    "mixed עברית and English 123 (שמאל)",
    "\u200f\u202eright-to-left override\u202c",
    "line one\nline two\n\nline four",
    "nul\x00inside",
)


def tz(hours: int, minutes: int = 0) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes))


def key(entry: Entry) -> tuple[object, ...]:
    """Everything an entry holds, its time with the offset it was made in."""
    return (entry.uid, entry.at.isoformat(), entry.overall, entry.note, entry.marks, entry.deleted)


def session_key(s: Session) -> tuple[object, ...]:
    return (
        s.uid,
        s.technique,
        s.muscle,
        s.side,
        s.started.isoformat(),
        s.duration_s,
        s.completed,
        s.pain_before,
        s.pain_after,
    )


def stored(entry: Entry) -> Entry:
    """The entry as the store gives it back: marks ordered by region."""
    return replace(entry, marks=tuple(sorted(entry.marks, key=lambda m: m.region)))


def user_version(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def assert_day_tables_agree(log: PainLog) -> None:
    """The per-day and whole-log tables the triggers keep equal the same sums worked out
    afresh from the entries, marks and sessions."""
    db = log._db
    day = "date(e.at_utc, e.utc_offset_min || ' minutes')"
    fresh_overall = db.execute(
        f"SELECT {day} AS d, count(*), count(overall), coalesce(sum(overall), 0), max(overall)"
        " FROM entries e WHERE deleted = 0 GROUP BY d ORDER BY d"
    ).fetchall()
    assert db.execute("SELECT * FROM day_overall ORDER BY day").fetchall() == fresh_overall
    fresh_marks = db.execute(
        f"SELECT {day} AS d, m.region, count(*), sum(m.intensity), max(m.intensity)"
        " FROM entry_marks m JOIN entries e ON e.id = m.entry_id WHERE e.deleted = 0"
        " GROUP BY d, m.region ORDER BY d, m.region"
    ).fetchall()
    assert db.execute("SELECT * FROM day_marks ORDER BY day, region").fetchall() == fresh_marks
    fresh_regions = db.execute(
        "SELECT m.region, count(*), sum(m.intensity), max(m.intensity) FROM entry_marks m"
        " JOIN entries e ON e.id = m.entry_id WHERE e.deleted = 0 GROUP BY m.region ORDER BY m.region"
    ).fetchall()
    assert db.execute("SELECT * FROM region_totals WHERE n > 0 ORDER BY region").fetchall() == fresh_regions
    fresh_sessions = db.execute(
        "SELECT technique, muscle, pain_after - pain_before AS c, count(*) FROM sessions"
        " WHERE completed = 1 AND pain_before IS NOT NULL AND pain_after IS NOT NULL"
        " GROUP BY technique, muscle, c ORDER BY 1, 2, 3"
    ).fetchall()
    assert db.execute("SELECT * FROM session_totals ORDER BY 1, 2, 3").fetchall() == fresh_sessions


def some_entries(n: int, seed: int = 1) -> list[Entry]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, 7, 0, tzinfo=tz(1))
    return [
        new_entry(
            [
                LoggedMark("interscapular.left", rng.randint(0, 10), (rng.choice(QUALITIES),)),
                LoggedMark("neck_side.right", rng.randint(0, 10)),
            ],
            overall=rng.randint(0, 10),
            note=f"entry {i} 😀 שלום",
            at=start + timedelta(hours=7 * i, microseconds=i),
        )
        for i in range(n)
    ]


# ---------------------------------------------------------------- the model-checked history

zones = [UTC, tz(9), tz(-5), tz(5, 30), tz(-3, -30)] + [z for z in (LONDON, NEW_YORK) if z is not None]
# One instant written with three offsets: ties in UTC time, where only the write order decides.
SAME_INSTANT = [
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 30, tzinfo=tz(1)),
    datetime(2026, 3, 29, 9, 30, tzinfo=tz(9)),
]
times = st.one_of(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.sampled_from(zones)
    ),
    st.sampled_from(SAME_INSTANT),
)
marks = st.lists(
    st.tuples(
        st.sampled_from(REGIONS),
        st.integers(0, 10),
        st.lists(st.sampled_from(QUALITIES), unique=True, max_size=3).map(tuple),
    ),
    unique_by=lambda t: t[0],
    max_size=len(REGIONS),
).map(lambda found: tuple(LoggedMark(*t) for t in found))
notes = st.one_of(st.sampled_from(SPECIAL_NOTES), st.text(max_size=40))
contents = st.fixed_dictionaries(
    {"at": times, "overall": st.none() | st.integers(0, 10), "note": notes, "marks": marks}
)


class PainLogMachine(RuleBasedStateMachine):
    """PainLog against a dict. Order: newest first by the UTC instant; for the same instant the
    most recently written first (the store's `ORDER BY at_utc DESC, id DESC`, an edit being a
    new write)."""

    uids = Bundle("uids")
    new_folder: Callable[[], Path]

    def __init__(self) -> None:
        super().__init__()
        self.folder = self.new_folder()
        self.log = PainLog(self.folder)
        self.model: dict[str, Entry] = {}
        self.written: dict[str, int] = {}
        self.clock = itertools.count()
        self.undo_stack: list[Entry | tuple[str, bool]] = []

    def _write(self, entry: Entry) -> None:
        self.model[entry.uid] = entry
        # an edit rewrites the entry in place: among entries saved at the same moment it
        # keeps the place it was first given
        self.written.setdefault(entry.uid, next(self.clock))

    @rule(target=uids, content=contents)
    def add(self, content: dict[str, Any]) -> str:
        entry = new_entry(**content)
        assert self.log.add(entry) is entry
        self._write(entry)
        return entry.uid

    @rule(uid=uids, content=contents)
    def edit(self, uid: str, content: dict[str, Any]) -> None:
        old = self.model[uid]
        replaced = self.log.replace(Entry(uid=uid, deleted=old.deleted, **content))
        assert key(replaced) == key(stored(old))
        self.undo_stack.append(old)
        self._write(Entry(uid=uid, deleted=old.deleted, **content))

    @rule(uid=uids)
    def delete(self, uid: str) -> None:
        self.undo_stack.append((uid, self.model[uid].deleted))
        self.log.set_deleted(uid, True)
        self.model[uid] = replace(self.model[uid], deleted=True)

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self) -> None:
        last = self.undo_stack.pop()
        if isinstance(last, Entry):  # an edit: put the old version back
            self.log.replace(last)
            self._write(last)
        else:  # a delete: the flag it had before
            uid, was_deleted = last
            self.log.set_deleted(uid, was_deleted)
            self.model[uid] = replace(self.model[uid], deleted=was_deleted)

    @rule()
    def reopen(self) -> None:
        self.log.close()
        self.log = PainLog(self.folder)
        assert self.log.report.recovered_from is None and self.log.report.migrated_from is None

    @rule(content=contents, bad=st.sampled_from([-1, 11, 100]))
    def out_of_range_is_refused(self, content: dict[str, Any], bad: int) -> None:
        with pytest.raises(UserError, match="outside 0-10"):
            self.log.add(new_entry(**dict(content, overall=bad)))
        with pytest.raises(UserError, match="outside 0-10"):
            self.log.add(new_entry(**dict(content, marks=(LoggedMark("jaw.right", bad),))))

    @rule(content=contents)
    def unknown_uid_is_refused(self, content: dict[str, Any]) -> None:
        with pytest.raises(UserError, match="no entry"):
            self.log.replace(Entry(uid="not-in-the-log", **content))
        with pytest.raises(UserError, match="no entry"):
            self.log.set_deleted("not-in-the-log")

    @invariant()
    def day_tables_agree_with_the_entries(self) -> None:
        assert_day_tables_agree(self.log)

    @invariant()
    def matches_the_model(self) -> None:
        expected = sorted(
            self.model.values(), key=lambda e: (e.at.astimezone(UTC), self.written[e.uid]), reverse=True
        )
        every = [key(stored(e)) for e in expected]
        assert [key(e) for e in self.log.entries(include_deleted=True)] == every
        visible = [key(stored(e)) for e in expected if not e.deleted]
        assert [key(e) for e in self.log.entries()] == visible
        assert self.log.count() == len(visible)
        assert self.log.count(include_deleted=True) == len(every)

    def teardown(self) -> None:
        self.log.close()


def test_the_log_behaves_like_its_model(tmp_path: Path) -> None:
    runs = itertools.count()

    class Machine(PainLogMachine):
        def new_folder(self) -> Path:
            return tmp_path / f"run-{next(runs)}"

    run_state_machine_as_test(
        Machine, settings=settings(max_examples=30, stateful_step_count=25, deadline=None)
    )
    assert next(runs) >= 30  # it really ran


def test_after_the_history_every_entry_is_also_found_by_get(tmp_path: Path) -> None:
    entries = some_entries(5)
    with PainLog(tmp_path / "log") as log:
        for e in entries:
            log.add(e)
        log.set_deleted(entries[2].uid)
        for e in entries:
            found = log.get(e.uid)
            assert found is not None
            assert key(found) == key(replace(stored(e), deleted=e is entries[2]))
        assert log.get("no-such-uid") is None


# ---------------------------------------------------------------- schema versions


def test_a_version_1_file_is_migrated_after_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    folder.mkdir()
    path = folder / LOG_FILE
    with closing(sqlite3.connect(path)) as db:
        db.executescript(painlog.MIGRATIONS[1])
        db.executemany(
            "INSERT INTO entries (id, uid, at_utc, utc_offset_min, overall, note, deleted)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (1, "v1-a", "2025-11-30T23:00:00.000000Z", 540, 6, "from Tokyo 😀", 0),
                (2, "v1-b", "2025-12-01T07:15:30.250000Z", -300, None, "שלום\nעולם", 0),
                (3, "v1-c", "2025-12-02T12:00:00.000000Z", 0, 2, "", 1),
            ],
        )
        db.executemany(
            "INSERT INTO entry_marks (entry_id, region, intensity) VALUES (?, ?, ?)",
            [(1, "neck_side.right", 4), (1, "interscapular.left", 7), (3, "jaw.left", 0)],
        )
        db.execute("PRAGMA user_version = 1")
        db.commit()
    expected = [
        Entry("v1-c", datetime(2025, 12, 2, 12, 0, tzinfo=UTC), 2, "", (LoggedMark("jaw.left", 0),), True),
        Entry("v1-b", datetime(2025, 12, 1, 2, 15, 30, 250000, tzinfo=tz(-5)), None, "שלום\nעולם"),
        Entry(
            "v1-a",
            datetime(2025, 12, 1, 8, 0, tzinfo=tz(9)),
            6,
            "from Tokyo 😀",
            (LoggedMark("interscapular.left", 7), LoggedMark("neck_side.right", 4)),
        ),
    ]

    with PainLog(folder) as log:
        assert log.report.migrated_from == 1
        assert log.report.recovered_from is None
        assert [key(e) for e in log.entries(include_deleted=True)] == [key(e) for e in expected]
        # the new version's columns and tables work
        log.add(new_entry([LoggedMark("jaw.right", 3, ("burning",))], at=datetime(2026, 1, 1, tzinfo=UTC)))
        started = datetime(2026, 1, 1, 9, tzinfo=tz(1))
        log.add_session(new_session("scalenes_finger_release", "scalenes", "left", started, 90.0, True, 6, 3))
        assert len(log.sessions()) == 1
        [backup] = [b for b in log.report.backups if b.name.endswith(f"-before-v{SCHEMA_VERSION}.sqlite")]
        assert backup in log.backups()
    assert user_version(path) == SCHEMA_VERSION

    # the backup was taken before the migration: still version 1, with the three entries
    assert user_version(backup) == 1
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"entries", "entry_marks"}
        assert db.execute("SELECT uid FROM entries ORDER BY id").fetchall() == [
            ("v1-a",),
            ("v1-b",),
            ("v1-c",),
        ]

    with PainLog(folder) as log:  # once migrated, opening again changes nothing
        assert log.report.migrated_from is None
        assert log.count(include_deleted=True) == 4


def test_a_file_from_a_newer_bodymap_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    folder.mkdir(mode=0o700)
    path = folder / LOG_FILE
    with closing(sqlite3.connect(path)) as db:
        db.executescript(painlog.MIGRATIONS[1])
        db.executescript(painlog.MIGRATIONS[2])
        db.execute("CREATE TABLE from_the_future (x)")
        db.execute(
            "INSERT INTO entries (uid, at_utc, utc_offset_min) VALUES ('u', '2030-01-01T00:00:00.000000Z', 0)"
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        db.commit()
    before = path.read_bytes()
    listing = sorted(os.listdir(folder))

    with pytest.raises(LogError, match="newer") as raised:
        PainLog(folder)
    assert f"log version {SCHEMA_VERSION + 1}" in str(raised.value)
    assert path.read_bytes() == before
    # nothing moved aside, no -wal, no backup (only the locks between processes appear)
    locks = (painlog.LOCK_FILE, painlog.PRESENCE_FILE)
    assert [n for n in sorted(os.listdir(folder)) if n not in locks] == listing


# ---------------------------------------------------------------- damaged files


def test_a_zero_byte_file_is_damage_kept_aside_and_a_log_started_from_the_backup(tmp_path: Path) -> None:
    # A new log is made whole beside its place and renamed in, so an empty file is never one
    # bodymap is making: it is damage (a truncation), and the last backup brings entries back.
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        kept = log.add(new_entry([LoggedMark("neck_side.left", 4)]))
        log.backup()
    (folder / LOG_FILE).write_bytes(b"")
    with PainLog(folder) as log:
        assert log.report.recovered_from is not None and log.report.recovered_from.read_bytes() == b""
        repair = log.report.repair
        assert repair is not None and "empty" in repair.reason
        assert (repair.recovered, repair.from_backup, repair.lost.count) == (0, 1, 0)
        assert [e.uid for e in log.entries()] == [kept.uid]
        assert log.check() == []
    assert user_version(folder / LOG_FILE) == SCHEMA_VERSION


def _damage(kind: str, path: Path) -> None:
    if kind == "garbage":
        path.write_bytes(random.Random(7).randbytes(40_000))
    elif kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "foreign":  # someone else's database under our name
        path.unlink()
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
            db.execute("INSERT INTO recipes VALUES ('soup', 40)")
            db.commit()
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["garbage", "truncated", "foreign"])
def test_a_damaged_file_is_moved_aside_and_the_backup_offered(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "log"
    original = some_entries(200)
    with PainLog(folder) as log:
        assert log.import_items(original, []) == (200, 0)
        backup = log.backup()
    path = folder / LOG_FILE
    assert not Path(f"{path}-wal").exists()  # all of it is in the main file
    _damage(kind, path)
    damaged = path.read_bytes()

    with PainLog(folder) as log:  # opens, never raises
        moved = log.report.recovered_from
        assert moved is not None and moved.parent == folder
        assert moved.name.startswith(f"{LOG_FILE}.damaged-")
        assert moved.read_bytes() == damaged  # kept exactly as it was
        repair = log.report.repair
        assert repair is not None
        # what the damaged file still had, and the rest from the backup: nothing lost
        assert repair.recovered + repair.from_backup == 200 and repair.lost.count == 0
        assert [key(e) for e in log.entries()] == [key(stored(e)) for e in reversed(original)]
        assert log.check() == []
        # the backup is kept for good, out of the rotation, and can still be restored
        assert repair.backup is not None and repair.backup.name == backup.name
        assert repair.backup.parent.name == "kept" and repair.backup in log.backups()
        log.restore_from(repair.backup)
        assert [key(e) for e in log.entries()] == [key(stored(e)) for e in reversed(original)]
        assert log.check() == []
    assert user_version(path) == SCHEMA_VERSION


def test_a_damaged_file_without_backups_still_opens(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        log.add(new_entry([LoggedMark("jaw.left", 1)]))
    with PainLog(folder, backup_daily=False) as log:
        assert log.backups() == []
    (folder / LOG_FILE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with PainLog(folder) as log:
        assert log.report.recovered_from is not None
        assert log.latest_backup() is None
        assert log.count() == 0 and log.check() == []


def test_damage_inside_the_file_is_reported_by_check_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        log.import_items(some_entries(200), [])
    path = folder / LOG_FILE
    with closing(sqlite3.connect(path)) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entry_marks'").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = bytes(page_size)
    path.write_bytes(bytes(data))
    with PainLog(folder) as log:
        assert log.report.recovered_from is not None or log.check() != []


def test_a_weekly_page_check_that_cannot_run_now_reports_no_damage(tmp_path: Path) -> None:
    """The file moved aside for a moment (a restore in another bodymap swaps it in whole) is
    not damage: no repair of a sound log is offered, and the check stays due."""
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        log.add(new_entry([LoggedMark("jaw.left", 2)]))
        path = folder / LOG_FILE
        aside = path.rename(folder / "swapping")
        try:
            assert log.page_check() == []
        finally:
            aside.rename(path)
        assert not (folder / painlog.CHECKED_FILE).exists()
        assert log.check_due()
        assert log.page_check() == [] and (folder / painlog.CHECKED_FILE).exists()


def test_a_sound_log_stays_sound_when_the_date_of_its_check_cannot_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        log.add(new_entry([LoggedMark("jaw.left", 2)]))

        def full_disk(self: Path, *args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "touch", full_disk)
        assert log.page_check() == []  # sound; the check is simply due again next time


# ---------------------------------------------------------------- folders


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_data_folder_never_gives_a_raw_os_error(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        first = log.add(new_entry([LoggedMark("jaw.left", 2)]))
    folder.chmod(0o500)
    try:
        try:
            log = PainLog(folder)
        except LogError as exc:  # a clear refusal is fine …
            assert "cannot write" in str(exc)
            return
        # … and so is what the store does today: the folder is its own, it makes it 0700 again
        with log:
            second = log.add(new_entry([LoggedMark("jaw.left", 3)]))
            assert {e.uid for e in log.entries()} == {first.uid, second.uid}
        assert folder.stat().st_mode & 0o777 == 0o700
    finally:
        folder.chmod(0o700)


def test_a_folder_under_a_regular_file_is_a_clear_error(tmp_path: Path) -> None:
    # Works as root too: no permission bits involved.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    with pytest.raises(LogError, match="not-a-folder"):
        PainLog(blocker / "data")


# ---------------------------------------------------------------- round trips


def long_note(size: int) -> str:
    """At least `size` bytes of UTF-8: Hebrew, emoji, Arabic and newlines."""
    piece = "כאב 😀 ألم pain\n"
    return piece * (size // len(piece.encode()) + 1)


MEGABYTE = 1_000_000


def rich_log(folder: Path, note: str) -> tuple[list[Entry], list[Session]]:
    entries = [
        new_entry(
            [LoggedMark("interscapular.left", 7, ("aching",))],
            6,
            note,
            datetime(2026, 3, 1, 8, 0, tzinfo=tz(9)),
        ),
        new_entry(
            [], None, "😀👩‍👩‍👧‍👦 שלום مرحبا\n\u200fRTL", datetime(2026, 3, 1, 0, 30, 0, 123456, tzinfo=UTC)
        ),
        new_entry(
            [LoggedMark("neck_side.right", 0), LoggedMark("jaw.left", 10, ("tingling",))],
            0,
            'quotes " , ; = : and\nnewlines',
            datetime(2026, 7, 4, 23, 59, 59, 999999, tzinfo=tz(-4)),
        ),
        new_entry(
            [LoggedMark("neck_side.left", 3, ("numb",))],
            3,
            "deleted one",
            datetime(2026, 3, 2, tzinfo=tz(5, 30)),
        ),
    ]
    sessions = [
        new_session(
            "scalenes_finger_release",
            "scalenes",
            "left",
            datetime(2026, 3, 1, 9, tzinfo=tz(9)),
            92.125,
            True,
            6,
            2,
        ),
        new_session(
            "rhomboid_ball", "rhomboids", "both", datetime(2026, 3, 2, 18, 5, tzinfo=tz(-3, -30)), 0.0, False
        ),
    ]
    with PainLog(folder) as log:
        for e in entries:
            log.add(e)
        log.set_deleted(entries[3].uid)
        for s in sessions:
            log.add_session(s)
    entries[3] = replace(entries[3], deleted=True)
    return [stored(e) for e in entries], sessions


def test_big_notes_emoji_and_right_to_left_text_come_back_exactly(tmp_path: Path) -> None:
    note = long_note(MEGABYTE)
    assert len(note.encode()) >= MEGABYTE
    entries, sessions = rich_log(tmp_path / "log", note)
    with PainLog(tmp_path / "log") as log:
        assert log.get(entries[0].uid).note == note  # type: ignore[union-attr]
        for e in entries:
            found = log.get(e.uid)
            assert found is not None and key(found) == key(e)
        assert sorted(map(session_key, log.sessions())) == sorted(map(session_key, sessions))


@pytest.mark.parametrize(
    ("suffix", "note_size"),
    [
        ("json", MEGABYTE),
        pytest.param(
            "csv",
            MEGABYTE,
        ),
        ("csv", 100_000),  # under the csv module's field limit
    ],
)
def test_exports_read_back_losslessly(tmp_path: Path, suffix: str, note_size: int) -> None:
    entries, sessions = rich_log(tmp_path / "log", long_note(note_size))
    out = tmp_path / f"export.{suffix}"
    export = {"json": export_json, "csv": export_csv}[suffix]
    with PainLog(tmp_path / "log") as log:
        export(log, out)
        original = [key(e) for e in log.entries(include_deleted=True)]
    assert out.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".export.*.partial"))

    read_entries, read_sessions = read_export(out)
    assert sorted(key(stored(e)) for e in read_entries) == sorted(map(key, entries))
    assert sorted(map(session_key, read_sessions)) == sorted(map(session_key, sessions))

    with PainLog(tmp_path / "copy") as copy:  # and into another log, identical
        assert copy.import_items(read_entries, read_sessions) == (4, 2)
        assert [key(e) for e in copy.entries(include_deleted=True)] == original
        assert copy.import_items(read_entries, read_sessions) == (0, 0)


def test_carriage_returns_in_notes_survive_csv(tmp_path: Path) -> None:
    entry = new_entry([], 2, "pasted from Windows\r\nsecond line\rold Mac", datetime(2026, 1, 1, tzinfo=UTC))
    with PainLog(tmp_path / "log") as log:
        log.add(entry)
        export_csv(log, tmp_path / "out.csv")
    [back], _ = read_export(tmp_path / "out.csv")
    assert back.note == entry.note


def test_a_failed_import_adds_nothing(tmp_path: Path) -> None:
    good = some_entries(3)
    bad = replace(good[-1], uid="bad", overall=11)
    with PainLog(tmp_path / "log") as log:
        with pytest.raises(UserError, match="outside 0-10"):
            log.import_items([*good, bad], [])
        assert log.count(include_deleted=True) == 0


# ---------------------------------------------------------------- validation and time


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"overall": 11}, "overall pain 11 is outside 0-10"),
        ({"overall": -1}, "overall pain -1 is outside 0-10"),
        ({"overall": True}, "outside 0-10"),
        ({"marks": (LoggedMark("jaw.left", 11),)}, "intensity of jaw.left 11 is outside 0-10"),
        ({"marks": (LoggedMark("jaw.left", -1),)}, "intensity of jaw.left -1 is outside 0-10"),
        ({"marks": (LoggedMark("jaw.left", 5.5),)}, "outside 0-10"),  # type: ignore[arg-type]
        ({"marks": (LoggedMark("jaw.left", 5, ("stabbing",)),)}, "quality 'stabbing' must be one of"),
        ({"marks": (LoggedMark("jaw.left", 5), LoggedMark("jaw.left", 6))}, "marked twice"),
        ({"at": datetime(2026, 1, 1, 8, 0)}, "offset from UTC"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_written(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    good = new_entry([LoggedMark("jaw.left", 4)], 4, "fine", datetime(2026, 1, 1, tzinfo=UTC))
    with PainLog(tmp_path / "log") as log:
        with pytest.raises(UserError, match=message):
            log.add(replace(good, **change))
        assert log.count(include_deleted=True) == 0
        log.add(good)
        with pytest.raises(UserError, match=message):
            log.replace(replace(good, **change))
        assert [key(e) for e in log.entries()] == [key(good)]


def test_offsets_are_kept_and_entries_sort_by_utc(tmp_path: Path) -> None:
    tokyo = new_entry([], 5, "tokyo", datetime(2026, 3, 10, 8, 0, tzinfo=tz(9)))  # 2026-03-09 23:00 UTC
    london = new_entry([], 5, "london", datetime(2026, 3, 10, 0, 30, tzinfo=UTC))  # 90 minutes later
    with PainLog(tmp_path / "log") as log:
        log.add(london)
        log.add(tokyo)
        assert [e.note for e in log.entries()] == ["london", "tokyo"]  # 00:30 UTC is newer than 08:00+09
        back = {e.note: e for e in log.entries()}
        assert back["tokyo"].at.isoformat() == "2026-03-10T08:00:00+09:00"
        assert back["london"].at.isoformat() == "2026-03-10T00:30:00+00:00"
        assert back["london"].at - back["tokyo"].at == timedelta(minutes=90)
        assert [e.note for e in log.entries(since=datetime(2026, 3, 10, tzinfo=UTC))] == ["london"]
        assert [e.note for e in log.entries(until=datetime(2026, 3, 10, tzinfo=UTC))] == ["tokyo"]


def test_the_spring_forward_night(tmp_path: Path) -> None:
    # Europe/London springs forward at 01:00 UTC on 2026-03-29: 00:30+00:00 (GMT) and
    # 01:30+01:00 are the same instant; 02:30 BST is one real hour after 00:30 GMT.
    gmt = new_entry([], 3, "00:30 GMT", datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
    same = new_entry([], 4, "01:30+01", datetime(2026, 3, 29, 1, 30, tzinfo=tz(1)))
    with PainLog(tmp_path / "log") as log:
        log.add(gmt)
        log.add(same)
        if LONDON is not None:
            bst = new_entry([], 5, "02:30 BST", datetime(2026, 3, 29, 2, 30, tzinfo=LONDON))
            log.add(bst)
        found = log.entries()
    by_note = {e.note: e for e in found}
    assert by_note["01:30+01"].at - by_note["00:30 GMT"].at == timedelta(0)
    assert by_note["00:30 GMT"].at.utcoffset() == timedelta(0)
    assert by_note["01:30+01"].at.utcoffset() == timedelta(hours=1)
    assert by_note["01:30+01"].at.isoformat() == "2026-03-29T01:30:00+01:00"
    # newest first; the tie in UTC goes to the later write
    expected = ["01:30+01", "00:30 GMT"]
    if LONDON is not None:
        assert by_note["02:30 BST"].at.isoformat() == "2026-03-29T02:30:00+01:00"
        assert by_note["02:30 BST"].at - by_note["00:30 GMT"].at == timedelta(hours=1)
        expected.insert(0, "02:30 BST")
    assert [e.note for e in found] == expected


def test_an_entry_before_year_1000_never_makes_the_log_unreadable(tmp_path: Path) -> None:
    with PainLog(tmp_path / "log") as log:
        log.add(new_entry([LoggedMark("jaw.left", 2)], at=datetime(2026, 3, 1, tzinfo=UTC)))
        with contextlib.suppress(UserError):  # refusing the typo is fine; failing every read is not
            log.add(new_entry([LoggedMark("jaw.left", 2)], at=datetime(226, 3, 1, tzinfo=UTC)))
        assert len(log.entries()) >= 1


def test_a_negative_session_duration_is_a_user_error(tmp_path: Path) -> None:
    started = datetime(2026, 3, 1, 9, tzinfo=UTC)
    with PainLog(tmp_path / "log") as log, pytest.raises(UserError):
        log.add_session(new_session("scalenes_finger_release", "scalenes", "left", started, -1.0, True))


# ---------------------------------------------------------------- files on disk


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="posix permissions")
def test_files_are_the_owners_alone(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    with umask(0), PainLog(folder) as log:  # even when new files would be world-writable
        log.add(new_entry([LoggedMark("jaw.left", 2)]))
        for name in (LOG_FILE, f"{LOG_FILE}-wal", f"{LOG_FILE}-shm"):
            assert (folder / name).stat().st_mode & 0o777 == 0o600, name
        backup = log.backup()
        assert backup.stat().st_mode & 0o777 == 0o600
        assert backup.parent.stat().st_mode & 0o777 == 0o700
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / LOG_FILE).stat().st_mode & 0o777 == 0o600


def test_backups_are_kept_in_generations_reaching_back_six_months(tmp_path: Path) -> None:
    from datetime import timedelta

    from bodymap.core.logbackups import to_keep

    start = datetime(2026, 1, 1, 9, 0)
    # a backup every day for 200 days, two on some days
    names = []
    for day in range(200):
        for hour in (9, 18) if day % 3 == 0 else (9,):
            when = start + timedelta(days=day, hours=hour - 9)
            names.append(tmp_path / f"painlog-{when:%Y%m%d-%H%M%S}-000000.sqlite")
    kept = sorted(to_keep(names), reverse=True)
    newest = start + timedelta(days=199)
    days = sorted({p.name[8:16] for p in kept}, reverse=True)
    # the last 7 days, the newest of each of 4 weeks and of each of 6 months
    assert days[:7] == [f"{newest - timedelta(days=i):%Y%m%d}" for i in range(7)]
    assert 7 < len(kept) <= 7 + 4 + 6
    # the newest of each of the last six months: back to February
    assert {d[:6] for d in days} >= {f"2026{m:02d}" for m in range(2, 8)}
    assert len(kept) == len(days)  # one per day kept, the newest of that day
    late = {p.name[8:16] for p in names if p.name[17:19] == "18"}
    assert all(p.name[17:19] == "18" for p in kept if p.name[8:16] in late)


def test_a_backup_is_made_whole_and_checked_and_old_ones_rotate_out(tmp_path: Path) -> None:
    with PainLog(tmp_path / "log") as log:
        log.add(new_entry([LoggedMark("jaw.left", 2)]))
        made = [log.backup() for _ in range(3)]
        assert len(set(made)) == 3
        assert log.backups() == [made[-1]]  # one a day: the newest of today
        assert not any(p.exists() for p in made[:2])
        assert not list(log.backup_folder().glob("*.partial"))


def test_the_guided_search_answers_are_kept_with_their_entry(tmp_path: Path) -> None:
    from bodymap.core.painlog import PressAnswer

    tests = (
        PressAnswer("rhomboids", "left", "rhomboids_main", "no"),
        PressAnswer("scalenes", "left", "scalenes_anterior", "yes"),
    )
    entry = replace(new_entry([LoggedMark("interscapular.left", 7)], overall=6), tests=tests)
    with PainLog(tmp_path / "log") as log:
        log.add(entry)
        assert log.get(entry.uid) == entry
        for name, export in (("x.json", export_json), ("x.csv", export_csv)):
            export(log, tmp_path / name)
            (back,), _ = read_export(tmp_path / name)
            assert back == entry, name
        with pytest.raises(UserError, match="press-test answer 'maybe'"):
            log.add(replace(entry, uid="other", tests=(PressAnswer("scalenes", "left", "x", "maybe"),)))


# ---------------------------------------------------------------- durability settings

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class Traced:
    """A connection bodymap opened, with every statement it ran (sqlite3's trace callback)."""

    def __init__(self, database: str, db: sqlite3.Connection) -> None:
        self.database = database
        self.db = db
        self.statements: list[str] = []
        self.on_statement: Callable[[str], None] | None = None
        db.set_trace_callback(self._seen)

    def _seen(self, statement: str) -> None:
        self.statements.append(" ".join(statement.split()))
        if self.on_statement is not None:
            self.on_statement(statement)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[Traced]:
    """Every connection the store opens, traced."""
    opened: list[Traced] = []
    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = real_connect(database, *args, **kwargs)
        opened.append(Traced(str(database), db))
        return db

    monkeypatch.setattr(painlog.sqlite3, "connect", connect)
    return opened


def writer(connections: list[Traced], log: PainLog) -> Traced:
    (found,) = [c for c in connections if c.database == str(log.path)]  # one writer connection
    return found


def is_write(statement: str) -> bool:
    upper = statement.upper()
    return upper.startswith(_WRITES) or upper.startswith("PRAGMA USER_VERSION =")


def transactions(statements: list[str]) -> list[list[str]]:
    """The writes grouped by transaction; fails on a write outside one or a deferred BEGIN."""
    found: list[list[str]] = []
    current: list[str] | None = None
    for statement in statements:
        upper = statement.upper()
        if upper.startswith("BEGIN"):
            assert upper == "BEGIN IMMEDIATE", statement  # the write lock from the first statement
            assert current is None, "nested BEGIN"
            current = []
        elif upper in ("COMMIT", "ROLLBACK"):
            assert current is not None, f"{statement} outside a transaction"
            found.append(current)
            current = None
        elif is_write(statement):
            assert current is not None, f"a write outside a transaction: {statement}"
            current.append(statement)
    assert current is None, "a transaction left open"
    return found


def test_the_writer_is_in_wal_mode_with_synchronous_full(tmp_path: Path, connections: list[Traced]) -> None:
    with PainLog(tmp_path / "log") as log:
        db = writer(connections, log).db
        # FULL (2) syncs the WAL at every commit: an entry acknowledged survives a power cut
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        log.add(new_entry([LoggedMark("jaw.left", 2)]))
        assert (log.path.parent / f"{LOG_FILE}-wal").exists()
    with closing(sqlite3.connect(tmp_path / "log" / LOG_FILE)) as other:  # WAL is kept in the file
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_write_is_one_begin_immediate_transaction(tmp_path: Path, connections: list[Traced]) -> None:
    with PainLog(tmp_path / "log") as log:
        traced = writer(connections, log)
        entry = new_entry([LoggedMark("jaw.left", 2), LoggedMark("temple.left", 4)], overall=3)
        started = datetime(2026, 1, 1, 9, tzinfo=tz(1))
        writes: list[Callable[[], object]] = [
            lambda: log.add(entry),
            lambda: log.replace(replace(entry, note="edited")),
            lambda: log.set_deleted(entry.uid),
            lambda: log.add_session(new_session("x", "scalenes", "left", started, 60.0, True)),
            lambda: log.import_items(some_entries(3), []),
        ]
        for write in writes:
            before = len(traced.statements)
            write()
            made = transactions(traced.statements[before:])
            assert len(made) == 1 and made[0], traced.statements[before:]  # one transaction, not one per row
        transactions(traced.statements)  # and nothing written outside one, opening included


def test_a_write_holds_the_write_lock_from_its_first_statement(
    tmp_path: Path, connections: list[Traced]
) -> None:
    """BEGIN IMMEDIATE: an edit that reads before it writes already excludes other writers while
    it reads, so no other process can change the entry between the read and the write."""
    with PainLog(tmp_path / "log") as log:
        entry = log.add(new_entry([LoggedMark("jaw.left", 2)]))
        traced = writer(connections, log)
        other = sqlite3.connect(log.path, timeout=0, isolation_level=None)
        refused: list[bool] = []

        def second_writer(statement: str) -> None:
            if statement.lstrip().upper().startswith("SELECT") and not refused:
                try:
                    other.execute("BEGIN IMMEDIATE")
                    other.execute("ROLLBACK")
                    refused.append(False)
                except sqlite3.OperationalError as exc:
                    assert "locked" in str(exc)
                    refused.append(True)

        traced.on_statement = second_writer
        log.replace(replace(entry, note="edited"))  # reads the old version first
        traced.on_statement = None
        other.close()
        assert refused == [True]


def test_the_schema_version_is_set_in_each_migrations_transaction(
    tmp_path: Path, connections: list[Traced]
) -> None:
    folder = tmp_path / "log"
    folder.mkdir()
    first = sqlite3.connect(folder / LOG_FILE)  # a log of the first version
    first.executescript(painlog.MIGRATIONS[1])
    first.execute("PRAGMA user_version = 1")
    first.close()
    connections.clear()
    with PainLog(folder) as log:
        migrations = transactions(writer(connections, log).statements)
    assert user_version(log.path) == SCHEMA_VERSION
    # one transaction per version, each ending by recording the version it reached
    assert [m[-1] for m in migrations] == [f"PRAGMA user_version = {v}" for v in range(2, SCHEMA_VERSION + 1)]


def test_the_upgrade_to_day_tables_sums_an_existing_log(tmp_path: Path) -> None:
    """A log of version 3 opened by this bodymap gets its day tables, worked out from what it
    holds, and they stay right as entries are added, edited and deleted."""
    folder = tmp_path / "log"
    folder.mkdir()
    old = [  # as version 3 kept them: at most one quality a place, "shooting" not yet known
        replace(e, marks=tuple(replace(m, qualities=tuple(set(m.qualities) - {"shooting"})) for m in e.marks))
        for e in some_entries(120, seed=4)
    ]
    with closing(sqlite3.connect(folder / LOG_FILE)) as db:
        for version in (1, 2, 3):
            for statement in painlog._statements(painlog.MIGRATIONS[version]):
                db.execute(statement)
        for entry in old:
            cursor = db.execute(
                "INSERT INTO entries (uid, at_utc, utc_offset_min, overall, note) VALUES (?, ?, ?, ?, ?)",
                (
                    entry.uid,
                    painlog._utc_text(entry.at),
                    painlog._offset_min(entry.at),
                    entry.overall,
                    entry.note,
                ),
            )
            db.executemany(
                "INSERT INTO entry_marks (entry_id, region, intensity, quality) VALUES (?, ?, ?, ?)",
                [(cursor.lastrowid, m.region, m.intensity, (m.qualities or (None,))[0]) for m in entry.marks],
            )
        db.execute("PRAGMA user_version = 3")
        db.commit()
    with PainLog(folder) as log:
        assert log.report.migrated_from == 3
        assert_day_tables_agree(log)
        assert log.count() == 120
        # version 5 carried each mark's one quality over into its qualities
        assert {e.uid: set(e.marks) for e in log.entries()} == {e.uid: set(e.marks) for e in old}
        assert any(m.qualities for e in old for m in e.marks)
        log.set_deleted(old[0].uid)
        log.replace(replace(old[1], overall=None, marks=(LoggedMark("jaw.left", 9),)))
        log.add(new_entry([LoggedMark("jaw.left", 1)], overall=2, at=old[2].at))
        assert_day_tables_agree(log)
        assert log.count() == 120


def test_a_backup_from_before_the_day_tables_is_upgraded_when_restored(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    with PainLog(folder) as log:
        log.import_items(some_entries(30, seed=8), [])
        backup = log.backup()
    with closing(sqlite3.connect(backup)) as db:  # as a version 3 bodymap made it
        kinds = (
            "SELECT name, type FROM sqlite_master WHERE type IN ('trigger', 'table', 'index') AND sql <> ''"
        )
        for name, kind in db.execute(kinds).fetchall():
            if name not in painlog.expected_schema(3):
                db.execute(f"DROP {kind} IF EXISTS {name}")
        # version 2's single quality column, added back as version 2 added it
        db.execute(painlog._statements(painlog.MIGRATIONS[2])[0])
        db.execute("PRAGMA user_version = 3")
        db.commit()
    with PainLog(folder) as log:
        log.add(new_entry([LoggedMark("jaw.left", 4)], overall=4))
        log.restore_from(backup)
        assert log.count() == 30 and log.check() == []
        assert_day_tables_agree(log)


def test_days_are_the_persons_own_days_not_utc(tmp_path: Path) -> None:
    """Two entries made on 10 March on the person's clock (at 00:30 and 23:30, an hour ahead
    of UTC) are one day, not 9 and 10 March as UTC days would have it."""
    plus_one = tz(1)
    with PainLog(tmp_path / "log") as log:
        log.add(
            new_entry(
                [LoggedMark("jaw.left", 2)], overall=2, at=datetime(2026, 3, 10, 0, 30, tzinfo=plus_one)
            )
        )
        log.add(
            new_entry(
                [LoggedMark("jaw.left", 6)], overall=6, at=datetime(2026, 3, 10, 23, 30, tzinfo=plus_one)
            )
        )
        assert log.daily_overall() == [("2026-03-10", 4.0, 6)]
        assert log.daily_area("jaw") == [("2026-03-10", 4.0, 6)]
        since = datetime(2026, 3, 10, 12, 0, tzinfo=plus_one)  # any time that day: the whole day
        assert log.daily_overall(since) == [("2026-03-10", 4.0, 6)]
        assert log.daily_overall(until=since) == []
