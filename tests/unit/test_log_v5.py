"""Log version 5: several qualities per place, context tags, flares; kept by the log, both
exports, imports of older exports, the upgrade from version 4, and repair."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bodymap.core import painlog
from bodymap.core.errors import UserError
from bodymap.core.logio import export_csv, export_json, read_export_items
from bodymap.core.painlog import LOG_FILE, Entry, LoggedMark, PainLog, new_entry

ZONE = timezone(timedelta(hours=2))
FELT = LoggedMark("interscapular.left", 7, ("shooting", "burning", "aching"))
TINGLING_HAND = LoggedMark("ring_little.left", 3, ("tingling", "numb"))


def tagged(at: datetime, *tags: str, marks: tuple[LoggedMark, ...] = (FELT, TINGLING_HAND)) -> Entry:
    return replace(new_entry(marks, overall=5, note="desk day", at=at), tags=tags)


def test_a_place_keeps_several_qualities_in_one_order(tmp_path: Path) -> None:
    with PainLog(tmp_path / "log") as log:
        saved = log.add(tagged(datetime(2026, 3, 1, 9, tzinfo=ZONE), "poor sleep", "long sitting"))
        (back,) = log.entries()
    assert back == saved
    assert back.marks[0].qualities == ("aching", "burning", "shooting")  # sorted, as exported
    assert back.tags == ("long sitting", "poor sleep")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"marks": (LoggedMark("jaw.left", 4, ("stabbing",)),)}, "quality 'stabbing' must be one of"),
        ({"marks": (LoggedMark("jaw.left", 4, ("numb", "numb")),)}, "given twice"),
        ({"tags": ("",)}, "1 to 40 characters"),
        ({"tags": (" padded",)}, "1 to 40 characters"),
        ({"tags": ("x" * 41,)}, "1 to 40 characters"),
        ({"tags": ("rain;wind",)}, "without ';'"),
        ({"tags": ("two\nlines",)}, "on one line"),
        ({"tags": tuple(f"tag {i}" for i in range(13))}, "at most 12 tags"),
    ],
)
def test_bad_qualities_and_tags_are_refused_with_a_sentence(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    with PainLog(tmp_path / "log") as log:
        with pytest.raises(UserError, match=message):
            log.add(replace(new_entry([FELT], overall=4), **change))  # type: ignore[arg-type]
        assert log.count() == 0


def test_one_word_is_not_taken_for_its_letters() -> None:
    with pytest.raises(TypeError):
        LoggedMark("jaw.left", 4, "burning")  # type: ignore[arg-type]


def test_a_flare_starts_and_ends_with_one_call_each_and_outlives_a_restart(tmp_path: Path) -> None:
    start = datetime(2026, 3, 2, 7, 30, tzinfo=ZONE)
    with PainLog(tmp_path / "log") as log:
        assert log.open_flare() is None
        with pytest.raises(UserError, match="no flare is going on"):
            log.end_flare()
        flare = log.start_flare(start)
        with pytest.raises(UserError, match="already going on"):
            log.start_flare(start + timedelta(hours=1))
    with PainLog(tmp_path / "log") as log:
        assert log.open_flare() == flare
        assert flare.duration(start + timedelta(hours=5)) == timedelta(hours=5)
        with pytest.raises(UserError, match="cannot end before it started"):
            log.end_flare(start - timedelta(minutes=1))
        ended = log.end_flare(start + timedelta(days=1, hours=2))
        assert ended.duration() == timedelta(days=1, hours=2) and log.open_flare() is None
        again = log.start_flare(start + timedelta(days=3))
        assert log.flares() == [again, ended]  # newest first
        assert log.flares(since=start + timedelta(days=2)) == [again]  # the one still going on
        assert log.delete_flare(again.uid) == again and log.open_flare() is None
        with pytest.raises(UserError, match="no longer in the log"):
            log.delete_flare(again.uid)
        log.import_items([], [], [again])  # what undo does: back as it was
        assert log.flares() == [again, ended]


def _full_log(folder: Path) -> PainLog:
    log = PainLog(folder)
    log.add(tagged(datetime(2026, 3, 1, 9, tzinfo=ZONE), "poor sleep", 'cold "wet" ünd windy'))
    log.add(tagged(datetime(2026, 3, 2, 9, tzinfo=UTC), marks=(LoggedMark("jaw.left", 2),)))
    log.start_flare(datetime(2026, 3, 1, 8, tzinfo=ZONE))
    log.end_flare(datetime(2026, 3, 1, 20, tzinfo=ZONE))
    log.start_flare(datetime(2026, 3, 2, 8, tzinfo=ZONE))
    return log


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_qualities_tags_and_flares_go_out_and_come_back_through_both_exports(
    tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"log{suffix}"
    with _full_log(tmp_path / "a") as log:
        (export_json if suffix == ".json" else export_csv)(log, out)
        entries, flares = log.entries(include_deleted=True), log.flares()
    items = read_export_items(out)
    assert sorted(items.entries, key=lambda e: e.uid) == sorted(entries, key=lambda e: e.uid)
    assert sorted(items.flares, key=lambda f: f.uid) == sorted(flares, key=lambda f: f.uid)
    with PainLog(tmp_path / "b") as other:
        other.import_items(*items)
        assert sorted(other.entries(), key=lambda e: e.uid) == sorted(entries, key=lambda e: e.uid)
        assert other.flares() == flares
        assert other.open_flare() == flares[0]


def test_an_open_flare_is_not_imported_over_one_already_going_on(tmp_path: Path) -> None:
    out = tmp_path / "log.json"
    with _full_log(tmp_path / "a") as log:
        export_json(log, out)
    with PainLog(tmp_path / "b") as other:
        mine = other.start_flare(datetime(2026, 4, 1, tzinfo=UTC))
        other.import_items(*read_export_items(out))
        assert other.open_flare() == mine and len(other.flares()) == 2  # the ended one came in


def test_exports_of_earlier_versions_still_import(tmp_path: Path) -> None:
    """One `quality` per mark in JSON, `region=I:quality` in CSV, no tags, no flares."""
    old_json = tmp_path / "old.json"
    old_json.write_text(
        json.dumps(
            {
                "format": "bodymap-log",
                "version": 1,
                "entries": [
                    {
                        "uid": "a" * 32,
                        "time": "2026-03-01T09:00:00+02:00",
                        "overall": 4,
                        "note": "",
                        "marks": [{"region": "jaw.left", "intensity": 4, "quality": "burning"}],
                    }
                ],
                "sessions": [],
            }
        ),
        encoding="utf-8",
    )
    header = "kind,uid,time,overall,note,marks,deleted,technique,muscle,side,duration_s,completed,"
    old_csv = tmp_path / "old.csv"
    old_csv.write_text(
        header + 'pain_before,pain_after,tests\n"entry","' + "b" * 32 + '","2026-03-01T09:00:00+02:00",'
        '"4","","jaw.left=4:burning","0","","","","","","","",""\n',
        encoding="utf-8",
    )
    for path in (old_json, old_csv):
        (entry,) = read_export_items(path).entries
        assert entry.marks == (LoggedMark("jaw.left", 4, ("burning",)),) and entry.tags == ()


def test_the_upgrade_from_version_4_carries_each_quality_over_after_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    folder.mkdir()
    with closing(sqlite3.connect(folder / LOG_FILE)) as db:
        for version in range(1, 5):
            for statement in painlog._statements(painlog.MIGRATIONS[version]):
                db.execute(statement)
        db.execute("INSERT INTO entries VALUES (1, 'u1', '2026-03-01T07:00:00.000000Z', 120, 5, '', 0)")
        db.execute("INSERT INTO entry_marks VALUES (1, 'jaw.left', 4, 'throbbing')")
        db.execute("INSERT INTO entry_marks VALUES (1, 'temple.left', 2, NULL)")
        db.execute("PRAGMA user_version = 4")
        db.commit()
    with PainLog(folder) as log:
        assert log.report.migrated_from == 4
        assert any("before-v5" in b.name for b in log.report.backups)
        (entry,) = log.entries()
        assert entry.marks == (LoggedMark("jaw.left", 4, ("throbbing",)), LoggedMark("temple.left", 2))
        assert log.check() == []


def test_a_repair_keeps_qualities_tags_and_flares(tmp_path: Path) -> None:
    with _full_log(tmp_path / "log") as log:
        entries, flares = log.entries(), log.flares()
        log.repair("asked for in a test")
        assert log.entries() == entries and log.flares() == flares


def test_an_edit_replaces_qualities_and_tags(tmp_path: Path) -> None:
    with PainLog(tmp_path / "log") as log:
        saved = log.add(tagged(datetime(2026, 3, 1, 9, tzinfo=ZONE), "stress"))
        edited = replace(saved, marks=(LoggedMark("jaw.left", 6, ("sharp",)),), tags=("exercise",))
        log.replace(edited)
        assert log.get(saved.uid) == edited
        assert log.check() == []
