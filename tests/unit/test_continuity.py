"""Unsaved marks kept in a private draft until saved or cleared; the last entry as a start."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodymap.core.continuity import DRAFT_NAME, Continuity, Draft
from bodymap.core.marking import Mark
from bodymap.core.painlog import PainLog
from bodymap.core.quick_log import last_time
from bodymap.core.regions import load_catalog
from bodymap.core.session import Session
from tests.unit.test_session import make_session

CATALOG = load_catalog()


def session() -> Session:
    return make_session()


def test_unsaved_marks_are_kept_privately_and_come_back(tmp_path: Path) -> None:
    first = session()
    keeper = Continuity(first, Draft(tmp_path))
    assert not keeper.unsaved
    first.set_intensity("interscapular.left", 7)
    first.set_intensity("scapula_medial_border.left", 5)
    assert keeper.unsaved and keeper.pending
    assert not (tmp_path / DRAFT_NAME).exists()  # written on flush, not on every click
    keeper.flush()
    path = tmp_path / DRAFT_NAME
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [DRAFT_NAME]  # no temporary file left

    later = session()  # the next start
    again = Continuity(later, Draft(tmp_path))
    marks, kept = again.kept()
    assert marks == [Mark("interscapular.left", 7), Mark("scapula_medial_border.left", 5)]
    assert kept is not None and kept.tzinfo is not None
    assert again.restore() and later.intensity("interscapular.left") == 7
    assert again.unsaved


def test_the_draft_goes_when_the_marks_are_cleared_or_discarded(tmp_path: Path) -> None:
    state = session()
    keeper = Continuity(state, Draft(tmp_path))
    state.set_intensity("neck_side.left", 6)
    keeper.flush()
    state.clear()
    assert not keeper.unsaved
    keeper.flush()
    assert not (tmp_path / DRAFT_NAME).exists()
    state.undo()
    keeper.flush()
    assert (tmp_path / DRAFT_NAME).exists()
    keeper.discard()
    assert not (tmp_path / DRAFT_NAME).exists() and not keeper.unsaved


@pytest.fixture
def logging(tmp_path: Path) -> Iterator[tuple[Session, Continuity, PainLog]]:
    """A session that keeps its draft in tmp_path and saves to a log there."""
    state = session()
    keeper = Continuity(state, Draft(tmp_path))
    log = PainLog(tmp_path)
    try:
        state.attach_log(log)
        yield state, keeper, log
    finally:
        log.close()


def test_saving_the_entry_clears_the_draft(
    tmp_path: Path, logging: tuple[Session, Continuity, PainLog]
) -> None:
    state, keeper, log = logging
    state.set_intensity("interscapular.left", 7)
    keeper.flush()
    state.save_entry(7, "")
    assert not keeper.unsaved and not (tmp_path / DRAFT_NAME).exists()
    last = last_time(log)  # "Same as last time" starts from it
    assert last is not None and last.marks == (Mark("interscapular.left", 7),)


def test_after_a_save_only_what_changed_since_is_unsaved(
    logging: tuple[Session, Continuity, PainLog],
) -> None:
    """A review: one place saved, one more marked, and closing asked about "2 marked places"."""
    state, keeper, _ = logging
    state.set_intensity("interscapular.left", 7)
    state.set_intensity("neck_side.left", 4)
    assert keeper.unsaved_sentence() == "2 marked places are not in your pain log yet."
    state.save_entry(7, "")
    assert not keeper.unsaved
    state.set_intensity("temple.left", 3)
    assert keeper.unsaved and keeper.unsaved_marks() == [Mark("temple.left", 3)]
    assert (
        keeper.unsaved_sentence()
        == "Your marks have changed since you last saved them: 1 place new or changed."
    )
    state.unmark("temple.left")  # the map is as saved again: nothing to ask about
    assert not keeper.unsaved
    state.set_intensity("neck_side.left", 2)
    state.unmark("interscapular.left")
    assert keeper.unsaved_sentence() == (
        "Your marks have changed since you last saved them: 1 place new or changed and "
        "1 place no longer marked."
    )


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"version": 99, "marks": [["interscapular.left", 7]]}),
        json.dumps({"version": 1}),
        json.dumps({"version": 1, "marks": [["interscapular.left", 70], ["no_such.left", 3], 5]}),
    ],
)
def test_a_damaged_or_foreign_draft_is_nothing_to_restore(tmp_path: Path, content: str) -> None:
    (tmp_path / DRAFT_NAME).write_text(content)
    marks, _ = Continuity(session(), Draft(tmp_path)).kept()
    assert marks == []


def test_a_draft_keeps_the_regions_this_map_still_has(tmp_path: Path) -> None:
    marks = [["interscapular.left", 7], ["no_such.left", 3], ["neck_side.right", 11]]
    (tmp_path / DRAFT_NAME).write_text(
        json.dumps({"version": 1, "kept": "2026-01-02T08:00:00+00:00", "marks": marks})
    )
    kept, _ = Draft(tmp_path).load(CATALOG)
    assert kept == [Mark("interscapular.left", 7)]


def test_start_from_the_last_entry_replaces_the_map_in_one_undo_step() -> None:
    state = session()
    state.set_intensity("neck_side.left", 6)
    assert state.replace_marks([Mark("interscapular.left", 7), Mark("scapula_medial_border.left", 5)])
    assert {m.region for m in state.marks()} == {"interscapular.left", "scapula_medial_border.left"}
    state.undo()
    assert [(m.region, m.intensity) for m in state.marks()] == [("neck_side.left", 6)]
