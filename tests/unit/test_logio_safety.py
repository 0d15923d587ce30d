"""Exports that are safe to open and to lose power in, imports that never store half a row,
and the data folder's rules: in-process, so every case and every cut can be tried."""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bodymap.core import logio
from bodymap.core.errors import StorageError, UserError
from bodymap.core.logio import export_csv, export_json, read_export
from bodymap.core.painlog import LoggedMark, PainLog, PressAnswer, new_entry, new_session, parse_time
from bodymap.core.paths import ensure_private_dir, remove_stale_partials, user_data_dir

START = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
FORMULA_FIRST = frozenset("=+-@\t\r\0")


def small_log(folder: Path, notes: list[str]) -> None:
    with PainLog(folder) as log:
        for i, note in enumerate(notes):
            entry = new_entry(
                [LoggedMark("jaw.left", i % 11, ("aching",))], i % 11, note, START + timedelta(hours=i)
            )
            log.add(
                entry.__class__(
                    **{**entry.__dict__, "tests": (PressAnswer("masseter", "left", "tp1", "yes"),)}
                )
            )
        log.add_session(new_session("t1", "masseter", "left", START, 90.5, True, 6, 3))


# -- formulas


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\0", "'\0"),
        ("  =1", "'  =1"),
        ("\n@x", "'\n@x"),
        ("'quoted", "''quoted"),
        ("'", "''"),
        ("plain = text", "plain = text"),
        ("", ""),
        ("  spaces", "  spaces"),
    ],
)
def test_a_cell_gets_one_quote_exactly_when_it_could_start_a_formula_or_starts_with_a_quote(
    text: str, written: str
) -> None:
    assert logio._cell(text) == written
    assert logio._uncell(written) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_cell_text_comes_back_exactly(text: str) -> None:
    written = logio._cell(text)
    assert written[:1] not in FORMULA_FIRST and written.lstrip()[:1] not in FORMULA_FIRST
    assert logio._uncell(written) == text


def test_a_csv_export_holds_no_live_formula_and_round_trips(tmp_path: Path) -> None:
    notes = ['=HYPERLINK("http://x.example")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "'='", " \t-x"]
    small_log(tmp_path / "log", notes)
    out = tmp_path / "log.csv"
    with PainLog(tmp_path / "log") as log:
        export_csv(log, out)
        before = log.entries(include_deleted=True)
    with open(out, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            for cell in row:
                assert cell[:1] not in FORMULA_FIRST and cell.lstrip()[:1] not in FORMULA_FIRST, cell
    entries, sessions = read_export(out)
    assert sorted((e.uid, e.note, e.marks, e.tests) for e in entries) == sorted(
        (e.uid, e.note, e.marks, e.tests) for e in before
    )
    assert [s.duration_s for s in sessions] == [90.5]


# -- damaged CSV


def test_a_csv_cut_anywhere_never_yields_a_damaged_entry(tmp_path: Path) -> None:
    small_log(tmp_path / "log", ["first, with a comma", "second\nover two lines", "third"])
    whole = tmp_path / "whole.csv"
    with PainLog(tmp_path / "log") as log:
        export_csv(log, whole)
    text = whole.read_text(encoding="utf-8")
    good_entries, good_sessions = read_export(whole)
    cut = tmp_path / "cut.csv"
    refused = 0
    ends = range(len(text.splitlines(keepends=True)[0]), len(text))
    for end in ends:
        cut.write_text(text[:end], encoding="utf-8", newline="")
        try:
            entries, sessions = read_export(cut)
        except UserError as exc:
            assert str(exc).startswith("cut.csv, line "), exc
            refused += 1
            continue
        # only whole rows came through: each exactly as in the whole file
        assert entries == good_entries[: len(entries)]
        assert sessions == good_sessions[: len(sessions)]
        assert text[end - 1] in '\r\n"', repr(text[:end][-30:])
    assert refused >= len(ends) - 8  # all but the cuts right after a row's end


# -- writing files


class _FullDisk(io.StringIO):
    """A file on a disk that fills after `room` characters."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, text: str) -> int:
        self.room -= len(text)
        if self.room < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(text)


@pytest.mark.parametrize("export", [export_csv, export_json])
def test_a_full_disk_is_a_storage_error_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, export: Any
) -> None:
    small_log(tmp_path / "log", ["a", "b"])
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    real_open = open

    def open_on_a_full_disk(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode:
            real_open(path, mode, *args, **kwargs).close()
            return _FullDisk(room=100)
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(logio, "open", open_on_a_full_disk, raising=False)
    with PainLog(tmp_path / "log") as log, pytest.raises(StorageError) as caught:
        export(log, out)
    assert str(caught.value) == f"cannot write {out}: the disk is full; nothing was changed"
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log", "out.txt"]  # no .partial left


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        (errno.EACCES, UserError, "you may not write to"),
        (errno.EROFS, UserError, "is on a read-only disk"),
        (errno.ENAMETOOLONG, UserError, "the file name is too long"),
        (errno.EISDIR, UserError, "it is a folder"),
        (errno.ENOSPC, StorageError, "the disk is full"),
        (errno.EDQUOT, StorageError, "the disk is full"),
        (errno.EIO, StorageError, "Input/output error"),
    ],
)
def test_each_failure_to_write_is_one_sentence_of_the_right_kind(
    tmp_path: Path, code: int, kind: type[Exception], message: str
) -> None:
    failure = logio.write_failure(tmp_path / "x.csv", OSError(code, os.strerror(code)))
    assert type(failure) is kind
    assert message in str(failure) and "\n" not in str(failure)


def test_stale_partials_are_removed_and_others_kept(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    pattern = logio._partial_pattern(target)
    old = time.time() - 11 * 60
    names = {
        ".report.csv.abcd1234.partial": True,  # this target's, killed 11 minutes ago
        ".report.csv.abcd5678.partial": False,  # this target's, still being written
        ".report.csv.x.abcd1234.partial": False,  # another target's
        "report.csv": False,
    }
    for name, stale in names.items():
        (tmp_path / name).write_text("x")
        if stale or name == ".report.csv.x.abcd1234.partial":
            os.utime(tmp_path / name, (old, old))
    assert remove_stale_partials(tmp_path, pattern) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, stale in names.items() if not stale)


def test_a_name_too_long_for_a_partial_beside_it_still_exports(tmp_path: Path) -> None:
    small_log(tmp_path / "log", ["a"])
    out = tmp_path / ("é" * 125 + ".csv")  # 254 bytes: room for the file, not for `.NAME.XXXXXXXX.partial`
    with PainLog(tmp_path / "log") as log:
        export_csv(log, out)
    assert out.exists()


# -- times and folders


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31T23:59-05:00", "1899-12-31T23:59", "2201-01-01"])
def test_parse_time_refuses_years_it_cannot_store(text: str) -> None:
    with pytest.raises(UserError, match="not a plausible date"):
        parse_time(text)


def test_an_empty_data_dir_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="--data-dir is empty"):
        user_data_dir("")
    with pytest.raises(UserError, match="--data-dir is empty"):
        user_data_dir("  ")
    monkeypatch.setenv("BODYMAP_DATA_DIR", "")
    with pytest.raises(UserError, match="BODYMAP_DATA_DIR is set but empty"):
        user_data_dir()
    assert user_data_dir(str(tmp_path)) == tmp_path  # the option still wins


def test_ensure_private_dir_makes_new_folders_0700_and_leaves_existing_ones(tmp_path: Path) -> None:
    made = ensure_private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    existing = tmp_path / "mine"
    existing.mkdir(mode=0o750)
    existing.chmod(0o750)
    ensure_private_dir(existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o750
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        ensure_private_dir(tmp_path / "file")
