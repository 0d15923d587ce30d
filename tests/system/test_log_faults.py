"""The pain log under faults, in real processes: SIGKILL mid-write, bad input, damaged files."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bodymap.core.painlog import LOG_FILE, PainLog, new_entry
from tests.system.test_bad_input import run_cli

pytestmark = pytest.mark.slow

ROUNDS = 40

# Adds entries as fast as it can; a uid is printed only once add() has returned: that line is
# the acknowledgement. Every entry has the same two marks, so a half-written one would show.
WRITER = """
import sys
from pathlib import Path
from bodymap.core.painlog import LoggedMark, PainLog, new_entry

folder, round_no = Path(sys.argv[1]), int(sys.argv[2])
log = PainLog(folder)
n = 0
while True:
    n += 1
    marks = [
        LoggedMark("interscapular.left", n % 11, ("aching",)),
        LoggedMark("neck_side.right", round_no % 11),
    ]
    entry = log.add(new_entry(marks, overall=n % 11, note=f"round {round_no} entry {n} 😀 שלום"))
    print(entry.uid, flush=True)
"""


def one_plain_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("bodymap: ")
    return lines[0]


def kill_while_writing(folder: Path, round_no: int, acknowledge: int) -> list[str]:
    """Start a writer, read `acknowledge` acknowledged uids, SIGKILL it right then."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), str(round_no)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    acknowledged: list[str] = []
    try:
        while len(acknowledged) < acknowledge:
            line = proc.stdout.readline()
            assert line, f"the writer died early: {proc.stderr.read()}"
            acknowledged.append(line.strip())
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return acknowledged


def test_sigkill_never_loses_an_acknowledged_entry(tmp_path: Path) -> None:
    rng = random.Random(20260329)
    folder = tmp_path / "data"  # one log, killed again and again: each round opens a killed file
    acknowledged: list[str] = []
    for round_no in range(ROUNDS):
        acknowledged += kill_while_writing(folder, round_no, rng.randint(1, 40))
        if round_no == ROUNDS - 1:
            break  # the last killed file goes to `log check` untouched, below
        with PainLog(folder) as log:
            found = {e.uid: e for e in log.entries(include_deleted=True)}
            assert not set(acknowledged) - found.keys(), f"round {round_no}: acknowledged entries lost"
            assert log.check() == []
            for e in found.values():  # every entry is whole: both marks and its note
                assert len(e.marks) == 2 and e.note.startswith("round "), e
    assert len(acknowledged) >= ROUNDS

    result = run_cli("--data-dir", str(folder), "log", "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing moved aside: the killed file is sound as it is
    assert ": sound (" in result.stdout
    with PainLog(folder) as log:
        assert not set(acknowledged) - {e.uid for e in log.entries()}
        assert f"sound ({log.count(include_deleted=True)} entries" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["interscapular.left=11"], "intensity 11 is outside 0-10"),
        (["interscapula.left=3"], "unknown region 'interscapula.left'; did you mean interscapular.left"),
        (["neck_side.left=3", "--overall", "11"], "11 is outside 0-10"),
        (["neck_side.left=3", "--at", "yesterday"], "time 'yesterday' is not ISO 8601"),
    ],
)
def test_log_add_mistakes_get_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    data = tmp_path / "data"
    result = run_cli("--data-dir", str(data), "log", "add", *args)
    assert result.returncode == 2
    assert message in one_plain_line(result.stderr)
    assert result.stdout == ""
    assert not (data / LOG_FILE).exists()  # refused before the log was touched


def test_log_add_at_a_time_of_the_spring_forward_night(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    london = dict(os.environ, TZ="Europe/London")
    # 01:30 does not exist on a London clock that night (01:00 GMT jumps to 02:00 BST)
    naive = run_cli(
        "--data-dir", data, "log", "add", "interscapular.left=4", "--at", "2026-03-29T01:30", env=london
    )
    assert naive.returncode == 0, naive.stderr
    explicit = run_cli(
        "--data-dir", data, "log", "add", "neck_side.left=6", "--at", "2026-03-29T01:30+01:00", env=london
    )
    assert explicit.returncode == 0, explicit.stderr
    listed = run_cli("--data-dir", data, "log", "list", "--json", env=london)
    assert listed.returncode == 0, listed.stderr
    times = {row["uid"]: row["time"] for row in json.loads(listed.stdout)}
    assert times[explicit.stdout.strip()] == "2026-03-29T01:30:00+01:00"  # kept as typed
    # local time in a gap: either reading of it, as long as it has a real offset of that night
    naive_time = datetime.fromisoformat(times[naive.stdout.strip()])
    assert naive_time.utcoffset() is not None
    assert naive_time.astimezone(UTC) in {
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
    }


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def export_text(entries: list[object] | None = None, sessions: list[object] | None = None) -> str:
    return json.dumps(
        {"format": "bodymap-log", "version": 1, "entries": entries or [], "sessions": sessions or []}
    )


AT = "2026-03-01T08:00:00+01:00"
CSV_HEADER = "kind,uid,time,overall,note,marks,deleted\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", export_text()[:-20], "broken.json is not valid JSON"),
        (
            "loud.csv",
            CSV_HEADER + f"entry,a1,{AT},3,,interscapular.left=12,0\n",
            "loud.csv, line 2: intensity of interscapular.left 12 is outside 0-10",
        ),
        (
            "loud.json",
            export_text([{"uid": "a", "time": AT, "marks": [{"region": "jaw.left", "intensity": 12}]}]),
            "loud.json, entry #1: intensity of jaw.left 12 is outside 0-10",
        ),
        (
            "region.json",
            export_text([{"uid": "a", "time": AT, "marks": [{"region": "elbow", "intensity": 3}]}]),
            "unknown region 'elbow'",
        ),
        pytest.param(
            "shape.json",
            export_text([{"uid": "a", "time": AT, "marks": ["interscapular.left=3"]}]),
            "entry #1",
        ),
        pytest.param(
            "session.json",
            export_text(
                sessions=[
                    {
                        "uid": "s",
                        "technique": "t",
                        "muscle": "m",
                        "side": "left",
                        "started": AT,
                        "duration_s": -5,
                    }
                ]
            ),
            "duration",
        ),
    ],
)
def test_log_import_of_a_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    data = str(tmp_path / "data")
    source = _write(tmp_path / name, content)
    result = run_cli("--data-dir", data, "log", "import", str(source))
    assert result.returncode == 2, result.stderr
    assert message in one_plain_line(result.stderr)
    listed = run_cli("--data-dir", data, "log", "list", "--json")
    assert json.loads(listed.stdout) == []  # nothing half-imported


def test_log_check_finds_damage_and_repair_brings_the_entries_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = [run_cli("--data-dir", str(data), "log", "add", spec) for spec in ("jaw.left=5", "jaw.right=2")]
    assert [r.returncode for r in added] == [0, 0]
    garbage = random.Random(3).randbytes(20_000)
    (data / LOG_FILE).write_bytes(garbage)

    found = run_cli("--data-dir", str(data), "log", "check")
    assert found.returncode == 1, found.stderr  # damage: said, and nothing touched
    assert "the pain log is damaged" in found.stdout and "--repair" in found.stdout
    assert (data / LOG_FILE).read_bytes() == garbage
    assert not list(data.glob(f"{LOG_FILE}.damaged-*"))

    result = run_cli("--data-dir", str(data), "log", "check", "--repair")
    assert result.returncode == 1, result.stderr  # damage was found (and repaired)
    told = one_plain_line(result.stderr)
    assert "the pain log was damaged" in told and "has been repaired" in told
    # the first add made the day's backup (one entry); the second entry was lost with the file
    assert "0 entries came back from the damaged file; 1 more from the backup" in told
    assert "anything saved after the backup" in told and "may be lost" in told
    [moved] = data.glob(f"{LOG_FILE}.damaged-*")
    assert str(moved) in told and moved.read_bytes() == garbage
    assert "damage was found and repaired; now sound (1 entry)" in result.stdout

    again = run_cli("--data-dir", str(data), "log", "check")  # the repaired log is sound
    assert again.returncode == 0 and again.stderr == ""
    assert ": sound (1 entry" in again.stdout
    with PainLog(data) as log:
        assert [e.uid for e in log.entries()] == [added[0].stdout.strip()]


def test_log_check_exits_1_and_names_the_damage_when_the_file_still_opens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    at = datetime(2026, 1, 3, 5, 0, tzinfo=UTC)
    with PainLog(data) as log:
        log.import_items([new_entry([], 3, "x", at)], [])
    # one index entry no longer matches its row: the file opens, the integrity check sees it
    path = data / LOG_FILE
    with closing(sqlite3.connect(path)) as db:
        try:
            index_pages = {
                r[0] for r in db.execute("SELECT pageno FROM dbstat WHERE name = 'entries_by_time'")
            }
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    data_bytes = bytearray(path.read_bytes())
    needle = b"2026-01-03T05:00:00.000000Z"
    [where] = [
        i
        for i in range(len(data_bytes))
        if data_bytes.startswith(needle, i) and i // page_size + 1 in index_pages
    ]
    data_bytes[where : where + len(needle)] = b"2026-01-03T05:30:00.000000Z"
    path.write_bytes(bytes(data_bytes))

    result = run_cli("--data-dir", str(data), "log", "check")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "the pain log is damaged:" in result.stdout
    assert "missing from index entries_by_time" in result.stdout


def test_a_data_dir_under_a_regular_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run_cli("--data-dir", str(blocker / "data"), "log", "check")
    assert result.returncode == 2
    assert "not-a-folder" in one_plain_line(result.stderr)
