"""Many bodymap processes on one pain log at the same moment, in real processes: none takes
another's half-made or half-upgraded file for damage, and every acknowledged entry is kept."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC
from pathlib import Path

import pytest

from bodymap.core import painlog
from bodymap.core.painlog import LOG_FILE, PainLog
from tests.unit.test_painlog import some_entries

pytestmark = pytest.mark.slow

# Each process waits at a barrier (a file appearing) so that all of them start opening the log
# within a millisecond or two of each other, then adds one entry and prints its uid.
ADD = """
import os, sys, time
from datetime import UTC
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.0005)
from bodymap.app import main
sys.exit(main(["--data-dir", sys.argv[1], "log", "add", "interscapular.left=6", "--note", sys.argv[3]]))
"""


def _together(folder: Path, go: Path, count: int) -> list[subprocess.CompletedProcess[str]]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", ADD, str(folder), str(go), f"process {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    go.touch()
    done = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def _nothing_set_aside(folder: Path) -> None:
    assert not list(folder.glob(f"{LOG_FILE}.damaged-*")), sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("round_no", range(4))
def test_eight_adds_started_together_on_an_empty_folder_keep_every_entry(
    tmp_path: Path, round_no: int
) -> None:
    folder = tmp_path / "data"
    results = _together(folder, tmp_path / "go", 8)
    acknowledged = [r.stdout.strip() for r in results if r.returncode == 0]
    assert len(acknowledged) == 8, [r.stderr for r in results]
    assert all(r.stderr == "" for r in results), [r.stderr for r in results]
    _nothing_set_aside(folder)
    with PainLog(folder, backup_daily=False) as log:
        assert sorted(e.uid for e in log.entries()) == sorted(acknowledged)


def test_processes_upgrading_an_old_log_together_keep_its_history(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    old = some_entries(3000)
    with closing(sqlite3.connect(folder / LOG_FILE)) as db:  # a log of the first version
        db.executescript(painlog.MIGRATIONS[1])
        db.executemany(
            "INSERT INTO entries (uid, at_utc, utc_offset_min, overall, note) VALUES (?, ?, 0, ?, ?)",
            [(e.uid, e.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), e.overall, e.note) for e in old],
        )
        db.execute("PRAGMA user_version = 1")
        db.commit()
    results = _together(folder, tmp_path / "go", 4)
    assert [r.returncode for r in results] == [0, 0, 0, 0], [r.stderr for r in results]
    _nothing_set_aside(folder)
    with PainLog(folder, backup_daily=False) as log:
        assert log.count() == 3000 + 4
        assert log.report.migrated_from is None  # upgraded once, by whichever came first


def test_a_lock_held_by_another_process_is_waited_for_not_taken_for_damage(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with PainLog(folder) as log:
        log.import_items(some_entries(50), [])
    holder = sqlite3.connect(folder / LOG_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file for a moment
    waiting = subprocess.Popen(
        [sys.executable, "-m", "bodymap", "--data-dir", str(folder), "log", "add", "jaw.left=3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.communicate(timeout=1.0)  # it waits rather than failing or moving the file
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    _nothing_set_aside(folder)
    with PainLog(folder, backup_daily=False) as log:
        assert log.count() == 51
