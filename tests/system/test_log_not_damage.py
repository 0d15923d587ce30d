"""An error is not damage: a full disk, a file the person may not read or a lock leaves every
file where it is; only damage SQLite positively identifies is repaired (real processes)."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodymap.core import painlog
from bodymap.core.painlog import LOG_FILE, LogUnavailable, PainLog
from tests.system.test_log_faults import one_plain_line, run_cli
from tests.unit.test_painlog import some_entries

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def small_disk(tmp_path: Path, size_kb: int = 700) -> Iterator[Path]:
    """A tiny filesystem of its own, so that it can really be filled (needs mount rights)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as out:
        while True:
            out.write(b"\0" * 4096)
            out.flush()
    return filler


def test_a_healthy_log_on_a_full_disk_is_never_moved_and_every_entry_is_there_after(tmp_path: Path) -> None:
    with small_disk(tmp_path) as disk:
        data = disk / "data"
        with PainLog(data) as log:
            log.import_items(some_entries(300), [])
        before = {p.name for p in data.iterdir()}
        filler = _fill(disk)
        for args in (("log", "add", "jaw.left=3"), ("log", "list"), ("log", "check")):
            result = run_cli("--data-dir", str(data), *args)
            assert result.returncode == 1, (args, result.stdout, result.stderr)
            told = one_plain_line(result.stderr)
            assert "full" in told and "damaged" not in told, told
            assert not list(data.glob(f"{LOG_FILE}.damaged-*"))
        assert {p.name for p in data.iterdir()} - before <= {f"{LOG_FILE}-wal", f"{LOG_FILE}-shm"}
        filler.unlink()  # space returns
        added = run_cli("--data-dir", str(data), "log", "add", "jaw.left=3")
        assert added.returncode == 0, added.stderr
        with PainLog(data) as log:
            assert log.count() == 301 and log.check() == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_a_log_the_person_may_not_read_is_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with PainLog(data) as log:
        log.import_items(some_entries(20), [])
    (data / LOG_FILE).chmod(0)
    try:
        result = run_cli("--data-dir", str(data), "log", "list")
        assert result.returncode == 1
        assert "may not read or write" in one_plain_line(result.stderr)
        assert not list(data.glob(f"{LOG_FILE}.damaged-*"))
    finally:
        (data / LOG_FILE).chmod(0o600)
    with PainLog(data) as log:
        assert log.count() == 20


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (sqlite3.SQLITE_FULL, "is full"),
        (sqlite3.SQLITE_CANTOPEN, "may not read or write"),
        (sqlite3.SQLITE_READONLY, "may not read or write"),
        (sqlite3.SQLITE_BUSY, "busy in another bodymap"),
        (sqlite3.SQLITE_IOERR, "the disk reported an error"),
    ],
)
def test_any_error_on_opening_that_is_not_damage_moves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    data = tmp_path / "data"
    with PainLog(data) as log:
        log.import_items(some_entries(10), [])
    listing = sorted(p.name for p in data.iterdir())
    real = painlog.PainLog._prepare

    def failing(self: PainLog, db: sqlite3.Connection, verify: bool) -> None:
        error = sqlite3.OperationalError("simulated")
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(painlog.PainLog, "_prepare", failing)
    monkeypatch.setattr(painlog, "_disk_full", lambda folder: False)
    with pytest.raises(LogUnavailable, match=words):
        PainLog(data)
    monkeypatch.setattr(painlog.PainLog, "_prepare", real)
    assert sorted(p.name for p in data.iterdir()) == listing
    with PainLog(data) as log:
        assert log.count() == 10


# ---------------------------------------------------------------- damage, repaired


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_single_byte_damage_anywhere_is_repaired_or_what_was_lost_is_named(tmp_path: Path) -> None:
    """Flip one byte at random offsets of a 300-entry log (with a backup from before the last
    50 entries): every time, each entry is either back in the log or counted as lost, with
    its save time when the file still says it."""
    source = tmp_path / "source"
    entries = some_entries(300, seed=5)
    with PainLog(source) as log:
        log.import_items(entries[:250], [])
        log.backup()
        log.import_items(entries[250:], [])
    pristine = (source / LOG_FILE).read_bytes()
    backups = source / "backups"
    rng = random.Random(11)
    size = len(pristine)
    outcomes = {"sound": 0, "repaired": 0}
    for trial in range(40):
        folder = tmp_path / f"trial{trial}"
        shutil.copytree(source, folder)
        offset = rng.randrange(size)
        _flip(folder / LOG_FILE, offset)
        with PainLog(folder) as log:  # as `bodymap log check --repair` does
            problems = log.check()
            if problems:
                log.repair("; ".join(problems[:2]))
            repair = log.report.repair
            back = {e.uid for e in log.entries(include_deleted=True)}
            assert log.check() == [], offset
        if repair is None:
            outcomes["sound"] += 1  # a byte nothing reads (free space, padding)
            assert back == {e.uid for e in entries}, offset
            continue
        outcomes["repaired"] += 1
        missing = {e.uid for e in entries} - back
        assert repair.lost.count == len(missing) or not repair.lost.known, (offset, repair, len(missing))
        if not repair.lost.known:  # nothing in the file said what it held: only later saves at risk
            assert missing <= {e.uid for e in entries[250:]}, offset
    assert backups.exists() and outcomes["repaired"] + outcomes["sound"] == 40


def test_a_damaged_byte_in_a_note_is_found_by_check_and_export_still_works(tmp_path: Path) -> None:
    data = tmp_path / "data"
    marker = "NOTE-" + uuid.uuid4().hex
    with PainLog(data) as log:
        log.import_items(some_entries(20), [])
        log.add(painlog.new_entry([], overall=3, note=marker))
    blob = (data / LOG_FILE).read_bytes()
    at = blob.index(marker.encode())
    damaged = bytearray(blob)
    damaged[at + 5] = 0xFF  # not UTF-8 any more; SQLite's own checks see nothing wrong
    (data / LOG_FILE).write_bytes(bytes(damaged))
    found = run_cli("--data-dir", str(data), "log", "check")
    assert found.returncode == 1 and "not valid text" in found.stdout, found.stdout + found.stderr
    exported = run_cli(
        "--data-dir", str(data), "log", "export", "--format", "json", "-o", str(tmp_path / "out.json")
    )
    assert exported.returncode == 0, exported.stderr
    repaired = run_cli("--data-dir", str(data), "log", "check", "--repair")
    assert repaired.returncode == 1, repaired.stdout + repaired.stderr
    again = run_cli("--data-dir", str(data), "log", "check")
    assert again.returncode == 0, again.stdout
    with PainLog(data) as log:
        assert log.count() == 21
        assert any(e.note.startswith("NOTE-") and "\ufffd" in e.note for e in log.entries())


def _crashed_copy(tmp_path: Path, entries: int) -> tuple[Path, list[str]]:
    """A log as a crash leaves it: its write-ahead file not yet folded into the main file."""
    live = tmp_path / "live"
    log = PainLog(live, backup_daily=False)
    uids = [log.add(painlog.new_entry([], overall=i % 11, note=f"n{i}")).uid for i in range(entries)]
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (LOG_FILE, f"{LOG_FILE}-wal"):
        shutil.copy2(live / name, crashed / name)
    log.close()
    return crashed, uids


def test_a_damaged_write_ahead_file_is_found_kept_and_its_lost_saves_counted(tmp_path: Path) -> None:
    crashed, uids = _crashed_copy(tmp_path, 40)
    wal = crashed / f"{LOG_FILE}-wal"
    frames = (wal.stat().st_size - 32) // (24 + 4096)
    assert frames >= 40  # every save is still only in the write-ahead file
    _flip(wal, 32 + (frames // 2) * (24 + 4096) + 24 + 100)  # inside a page half-way through
    damaged_wal = wal.read_bytes()
    result = run_cli("--data-dir", str(crashed), "log", "check")
    assert result.returncode == 1, result.stdout + result.stderr
    told = one_plain_line(result.stderr)
    assert "write-ahead file was damaged" in told
    lost = int(told.split("the last ")[1].split()[0])
    [kept] = crashed.glob(f"{LOG_FILE}.damaged-*-wal")
    assert kept.read_bytes() == damaged_wal and str(kept) in told
    with PainLog(crashed) as log:
        assert log.count() == 40 - lost  # exactly the saves the damaged file said it lost
        assert [e.uid for e in reversed(log.entries())] == uids[: 40 - lost]


def test_a_crash_with_a_sound_write_ahead_file_loses_nothing_and_says_nothing(tmp_path: Path) -> None:
    crashed, uids = _crashed_copy(tmp_path, 25)
    result = run_cli("--data-dir", str(crashed), "log", "list")
    assert result.returncode == 0 and result.stderr == ""
    with PainLog(crashed) as log:
        assert sorted(e.uid for e in log.entries()) == sorted(uids)


# ---------------------------------------------------------------- backups and restore


def _stamp(days_ago: int) -> str:
    from datetime import datetime, timedelta

    return f"{datetime.now() - timedelta(days=days_ago):%Y%m%d-%H%M%S}-000000"


def test_restore_brings_back_the_last_backup_before_damage_after_a_week_of_use(tmp_path: Path) -> None:
    data = tmp_path / "data"
    original = some_entries(300, seed=9)
    with PainLog(data) as log:
        log.import_items(original, [])
        made = log.backup()
    before_damage = made.with_name(f"painlog-{_stamp(8)}.sqlite")
    made.rename(before_damage)
    (data / LOG_FILE).write_bytes(b"SQLite format 3\x00" + b"\xee" * 5000)  # the accident, a day later
    with PainLog(data) as log:
        assert log.report.repair is not None
        kept = log.report.repair.backup
        assert kept is not None and kept.parent.name == "kept"
    # a week of daily use: each day's backup rotates the older ones out, never the kept one
    for days_ago in range(7, -1, -1):
        with PainLog(data, backup_daily=False) as log:
            log.add(painlog.new_entry([], overall=days_ago, note=f"day {days_ago}"))
            daily = log.backup()
        daily.rename(daily.with_name(f"painlog-{_stamp(days_ago)}.sqlite"))
    listed = run_cli("--data-dir", str(data), "log", "restore")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    [line] = [ln for ln in lines if kept.name in ln]
    assert "300 entries" in line and "kept: last good copy before damage" in line
    number = line.split()[0]
    restored = run_cli("--data-dir", str(data), "log", "restore", number)
    assert restored.returncode == 0, restored.stderr
    assert "restored" in restored.stdout and "300 entries" in restored.stdout
    with PainLog(data) as log:
        assert sorted(e.uid for e in log.entries()) == sorted(e.uid for e in original)
        # the log as it was before the restore is kept too, out of the rotation
        assert any("before-restore" in p.name and p.parent.name == "kept" for p in log.backups())


def test_restore_of_a_backup_that_is_not_there_is_one_line_and_status_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with PainLog(data) as log:
        log.add(painlog.new_entry([], overall=2))
    for wanted in ("99", "painlog-nothing.sqlite"):
        result = run_cli("--data-dir", str(data), "log", "restore", wanted)
        assert result.returncode == 2
        assert "no backup" in one_plain_line(result.stderr)


def test_damage_is_not_repaired_under_another_process_that_has_the_log_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with PainLog(data) as log:
        log.import_items(some_entries(5), [])
    holder = PainLog(data, backup_daily=False)  # another bodymap, its log open
    try:
        (data / LOG_FILE).write_bytes(b"SQLite format 3\x00" + b"\xee" * 3000)
        result = run_cli("--data-dir", str(data), "log", "list")
        assert result.returncode == 1
        assert "another bodymap has it open" in one_plain_line(result.stderr)
        assert not list(data.glob(f"{LOG_FILE}.damaged-*"))  # nothing moved from under it
    finally:
        holder.close()
    repaired = run_cli("--data-dir", str(data), "log", "list")  # alone now: repaired
    assert repaired.returncode == 0 and "has been repaired" in repaired.stderr
