"""A long log read without holding it all: streamed entries, the store's sums of what helps,
and the JSON export written entry by entry. Small logs here; the bench measures a million."""

from __future__ import annotations

import json
import math
import statistics
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodymap.core.effects import by_muscle, by_technique, effects_of_counts
from bodymap.core.logio import export_json, read_export, write_json_array
from bodymap.core.painlog import PainLog, new_session
from tools.make_demo_log import generate

END = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture
def long_log(tmp_path: Path):  # type: ignore[no-untyped-def]
    """2,400 entries (more than one batch of the streaming reader), some deleted, with sessions."""
    entries, sessions = generate(days=400, per_day=6, seed=5, end=END)
    with PainLog(tmp_path / "log", backup_daily=False) as log:
        log.import_items(entries, sessions)
        for entry in entries[::97]:
            log.set_deleted(entry.uid)
        yield log


def test_streamed_entries_are_the_listed_entries_in_order(long_log: PainLog) -> None:
    assert list(long_log.stream_entries()) == long_log.entries()
    everything = long_log.entries(include_deleted=True)
    assert list(long_log.stream_entries(include_deleted=True, oldest_first=True)) == everything[::-1]
    since = END - timedelta(days=30)
    assert list(long_log.stream_entries(since=since)) == long_log.entries(since=since)


def test_the_stores_sums_give_the_same_figures_as_every_session(long_log: PainLog) -> None:
    sessions = long_log.sessions()
    changes = long_log.session_changes()
    assert effects_of_counts((t, c, n) for t, _, c, n in changes) == by_technique(sessions)
    assert effects_of_counts((m, c, n) for _, m, c, n in changes) == by_muscle(sessions)
    since = END - timedelta(days=90)
    recent = long_log.sessions(since)
    assert effects_of_counts((t, c, n) for t, _, c, n in long_log.session_changes(since)) == by_technique(
        recent
    )
    rated = sum(1 for s in recent if s.completed and s.pain_before is not None and s.pain_after is not None)
    assert long_log.session_counts(since) == (len(recent), rated)


def test_the_figures_match_the_statistics_module() -> None:
    changes = [-3, -1, -2, 0, -4, 1, -2, -2, 3, -1, -5]
    (effect,) = effects_of_counts(("t", c, changes.count(c)) for c in set(changes))
    assert effect.sessions == len(changes)
    assert effect.mean_change == statistics.fmean(changes)
    assert math.isclose(effect.spread, statistics.stdev(changes), rel_tol=1e-15)
    assert effect.better == sum(1 for c in changes if c < 0)


def test_what_helps_is_read_again_after_a_session_is_written_here_or_elsewhere(long_log: PainLog) -> None:
    def rated(technique: str) -> int:
        return sum(n for t, _, _, n in long_log.session_changes() if t == technique)

    before = rated("new_release")
    assert before == 0
    at = END - timedelta(hours=1)
    long_log.add_session(new_session("new_release", "scalenes", "left", at, 120.0, True, 6, 2))
    assert rated("new_release") == 1
    with PainLog(long_log.folder, backup_daily=False) as other:  # another bodymap, e.g. the command line
        other.add_session(new_session("new_release", "scalenes", "left", at, 120.0, True, 5, 3))
    assert rated("new_release") == 2


def test_the_json_export_is_one_document_an_entry_a_line_and_reads_back(
    long_log: PainLog, tmp_path: Path
) -> None:
    out = tmp_path / "log.json"
    assert export_json(long_log, out) == long_log.count(include_deleted=True)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "bodymap-log"
    lines = out.read_text(encoding="utf-8").splitlines()  # the head, entries, "sessions", sessions, the end
    assert len(lines) == len(document["entries"]) + len(document["sessions"]) + 3
    entries, sessions = read_export(out)
    assert entries == long_log.entries(include_deleted=True)[::-1]
    assert len(sessions) == len(long_log.sessions())


@pytest.mark.parametrize("items", [[], [{"a": 1}], [{"a": "é\n"}, {"b": [1, 2]}]])
def test_a_streamed_array_is_the_same_json(items: list[dict[str, object]], tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    with open(path, "w", encoding="utf-8") as out:
        assert write_json_array(iter(items), out) == len(items)
    assert json.loads(path.read_text(encoding="utf-8")) == items


def test_the_entries_sqlite_encodes_are_the_entries_python_encodes(tmp_path: Path) -> None:
    """The export's entries made by SQLite's JSON functions are, object for object, what
    logio._entry_json makes of the same entries: odd notes, offsets east and west and of
    half hours, times with and without a fraction, qualities, tags, deletions and press-tests."""
    from dataclasses import replace
    from datetime import timezone

    from bodymap.core.logio import _entry_json
    from bodymap.core.painlog import LoggedMark, PressAnswer, new_entry

    def at(*args: int, minutes: int) -> datetime:
        return datetime(*args, tzinfo=timezone(timedelta(minutes=minutes)))  # type: ignore[misc]

    with PainLog(tmp_path / "log") as log:
        marks = [LoggedMark("jaw.left", 3, ("tingling", "burning")), LoggedMark("interscapular.left", 7)]
        log.add(
            replace(
                new_entry(
                    marks, 5, 'q"uo\\te \n\t émoji 😀 \x01 =cmd', at=at(2026, 3, 10, 0, 30, minutes=-300)
                ),
                tags=("poor sleep", 'cold "wet" ünd windy'),
            )
        )
        hidden = log.add(new_entry([], None, "", at=at(2026, 3, 10, 8, 0, 0, 123456, minutes=330)))
        answers = (
            PressAnswer("scalenes", "left", "scalenes_anterior", "yes"),
            PressAnswer("rhomboids", "left", "x", "no"),
        )
        log.add(
            replace(
                new_entry([LoggedMark("neck_side.left", 0)], 0, "x", at=at(2026, 3, 11, minutes=0)),
                tests=answers,
            )
        )
        log.set_deleted(hidden.uid)
        log.import_items(generate(days=30, per_day=3, seed=5)[0], [])
        made = log.stream_entry_json()
        assert made is not None
        by_sqlite = [json.loads(text) for text in made]
        by_python = [_entry_json(e) for e in log.stream_entries(include_deleted=True, oldest_first=True)]
    assert len(by_sqlite) == 93 and by_sqlite == by_python


def test_without_sqlites_json_functions_the_export_is_the_same(
    long_log: PainLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_json(long_log, tmp_path / "fast.json")
    monkeypatch.setattr(PainLog, "stream_entry_json", lambda self: None)
    export_json(long_log, tmp_path / "slow.json")
    fast, slow = (json.loads((tmp_path / f"{n}.json").read_text(encoding="utf-8")) for n in ("fast", "slow"))
    assert fast["entries"] == slow["entries"] and fast["sessions"] == slow["sessions"]
