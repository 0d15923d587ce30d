"""How it hurts, not only where (issue 17): the qualities of a mark in the visit state, undo,
the safety rules they raise, and their way through the log and its exports."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bodymap.core import marking, painlog
from bodymap.core.continuity import Draft
from bodymap.core.errors import DataError, UserError
from bodymap.core.logio import export_csv, export_json, read_export
from bodymap.core.marking import Mark, Marking, parse_mark_spec, parse_mark_specs
from bodymap.core.painlog import PainLog
from bodymap.core.regions import load_catalog
from bodymap.core.safety import load_safety, parse_safety, raised_by
from bodymap.core.session import Session
from bodymap.core.yamlio import load_yaml
from bodymap.resources import data_path
from tests.unit.test_session import make_session

KNOT = "interscapular.left"
NERVE = "arm_numbness_or_weakness"
CORD = "spinal_cord_compression"
CATALOG = load_catalog()


@pytest.fixture
def session() -> Session:
    return make_session()


def changed(session: Session) -> list[list[str]]:
    heard: list[list[str]] = []
    session.marks_changed.connect(heard.append)
    return heard


# ---------------------------------------------------------------- the state


def test_the_qualities_are_those_the_log_stores_in_the_same_order() -> None:
    assert marking.QUALITIES == painlog.QUALITIES


def test_a_marking_keeps_qualities_in_one_order_and_drops_them_with_the_mark() -> None:
    marks = Marking([Mark("a", 3, ("tingling", "aching"))])
    assert list(marks) == [Mark("a", 3, ("aching", "tingling"))]
    marks.set("a", 6)  # a new intensity keeps how it feels
    assert marks.qualities("a") == ("aching", "tingling")
    marks.set("a", None)
    marks.set("a", 4)
    assert marks.qualities("a") == ()  # unmarked, the qualities went with the mark
    with pytest.raises(UserError, match="quality 'itchy' must be one of aching, burning"):
        marks.put("a", Mark("a", 4, ("itchy",)))
    assert marks.mark("a") == Mark("a", 4)  # refused whole: nothing changed


def test_toggling_a_quality_is_an_undoable_change_told_to_listeners(session: Session) -> None:
    session.mark(KNOT, 7)
    heard = changed(session)
    assert session.toggle_quality(KNOT, "burning")
    assert session.toggle_quality(KNOT, "aching")
    assert session.qualities(KNOT) == ("aching", "burning")
    assert heard == [[KNOT], [KNOT]]
    assert session.undo_text == "Between shoulder blade and spine — left: aching"
    session.set_intensity(KNOT, 8)  # stands on its own, and keeps the qualities
    assert session.marks() == [Mark(KNOT, 8, ("aching", "burning"))]
    session.undo()
    assert session.marks() == [Mark(KNOT, 7, ("aching", "burning"))]
    session.undo()
    assert session.qualities(KNOT) == ("burning",)
    session.redo()
    assert session.qualities(KNOT) == ("aching", "burning")
    assert session.toggle_quality(KNOT, "burning")  # off again
    assert session.qualities(KNOT) == ("aching",)
    assert session.undo_text == "Between shoulder blade and spine — left: no longer burning"


def test_a_quality_on_an_unmarked_place_marks_it(session: Session) -> None:
    session.toggle_quality("palm.left", "numb")
    assert session.marks() == [Mark("palm.left", marking.DEFAULT_INTENSITY, ("numb",))]
    assert session.current == "palm.left"
    session.undo()
    assert session.marks() == []


def test_unmarking_clears_the_qualities_and_undo_brings_them_back(session: Session) -> None:
    session.set_marks([Mark(KNOT, 6, ("sharp", "throbbing"))])
    session.unmark(KNOT)
    session.toggle(KNOT)
    assert session.marks() == [Mark(KNOT, marking.DEFAULT_INTENSITY)]
    session.undo()
    session.undo()
    assert session.marks() == [Mark(KNOT, 6, ("sharp", "throbbing"))]
    session.clear()
    assert session.qualities(KNOT) == ()
    session.undo()
    assert session.qualities(KNOT) == ("sharp", "throbbing")


def test_qualities_are_locked_with_the_marks_during_find_it(session: Session) -> None:
    session.mark(KNOT)
    assert session.start_search()
    said: list[str] = []
    session.refused.connect(said.append)
    assert not session.toggle_quality(KNOT, "burning")
    assert session.qualities(KNOT) == () and said


def test_a_word_that_is_no_quality_is_refused(session: Session) -> None:
    with pytest.raises(UserError, match="quality 'stinging'"):
        session.toggle_quality(KNOT, "stinging")
    assert session.marks() == []


def test_a_mark_spec_can_say_how_it_feels() -> None:
    assert parse_mark_specs(["palm.left=3:tingling,numb", "jaw.right:burning"], CATALOG) == [
        Mark("palm.left", 3, ("tingling", "numb")),
        Mark("jaw.right", marking.DEFAULT_INTENSITY, ("burning",)),
    ]
    assert parse_mark_spec("neck_side=4:sharp", CATALOG) == [
        Mark("neck_side.left", 4, ("sharp",)),
        Mark("neck_side.right", 4, ("sharp",)),
    ]
    with pytest.raises(UserError, match="quality 'itchy' must be one of"):
        parse_mark_spec("palm.left=3:itchy", CATALOG)
    with pytest.raises(UserError, match="no quality after ':'"):
        parse_mark_spec("palm.left=3:", CATALOG)


# ---------------------------------------------------------------- the safety rules


def flags(*marks: Mark) -> list[str]:
    return [r.id for r in load_safety().flags(marks)]


def test_tingling_in_a_hand_raises_the_nerve_advice() -> None:
    assert flags(Mark("palm.left", 3, ("tingling",))) == [NERVE]
    assert flags(Mark("ring_little.right", 0, ("numb",))) == [NERVE]  # numb, yet no pain
    assert flags(Mark("upper_arm_back.left", 4, ("aching", "numb"))) == [NERVE]


def test_the_same_place_without_a_nerve_quality_raises_nothing() -> None:
    assert flags(Mark("palm.left", 6)) == []
    assert flags(Mark("palm.left", 6, ("burning", "aching"))) == []
    assert flags(Mark("neck_back.left", 6, ("tingling",))) == []  # not an arm or a hand
    assert flags(Mark("shoulder_side.left", 6, ("numb",))) == []


def test_tingling_in_both_arms_raises_the_spinal_cord_rule_alone() -> None:
    both = flags(Mark("thumb_index.left", 2, ("tingling",)), Mark("forearm_back.right", 2, ("numb",)))
    assert both == [CORD]  # urgent: the nerve advice it covers is left out
    one_numb = flags(Mark("thumb_index.left", 2, ("tingling",)), Mark("forearm_back.right", 5, ("aching",)))
    assert one_numb == [NERVE]


def test_the_session_raises_and_drops_the_nerve_advice_with_the_quality(session: Session) -> None:
    session.mark("palm.left", 3)
    assert [r.id for r in session.flags] == []
    session.toggle_quality("palm.left", "tingling")
    assert [r.id for r in session.flags] == [NERVE]
    session.toggle_quality("palm.right", "numb")
    assert [r.id for r in session.flags] == [CORD]
    assert session.urgent_unread() and not session.permissions().may_treat
    session.undo()
    session.undo()
    assert session.flags == []


def test_a_ticked_sign_the_map_also_raises_is_shown_once() -> None:
    rules = load_safety()
    found = rules.flags([Mark("palm.left", 3, ("tingling",))], ticked=[NERVE])
    assert [r.id for r in found] == [NERVE]


def test_what_raises_a_sign_from_the_map_is_said() -> None:
    said = raised_by(load_safety()[NERVE])
    assert said.startswith('ticked in the warning-signs checklist: "Numbness, tingling')
    assert "; or a mark felt as tingling or numb on any of [upper_arm_front" in said


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("qualities"), r"rule 'arm_numbness_or_weakness', field 'when': .*give both"),
        (lambda r: r.update(qualities=["itchy"]), r"field 'qualities': 'itchy' must be one of"),
        (lambda r: r.update(qualities=[]), r"field 'qualities': give at least one"),
        (lambda r: r.update(kind="guard"), r"field 'qualities': only a regions or checklist rule"),
    ],
)
def test_bad_qualities_in_a_rule_name_the_file_rule_and_field(change, message: str) -> None:  # type: ignore[no-untyped-def]
    raw = copy.deepcopy(load_yaml(data_path("safety.yaml")))
    change(next(r for r in raw["rules"] if r["id"] == NERVE))
    with pytest.raises(DataError, match=f"^safety.yaml: .*{message}"):
        parse_safety(raw, "safety.yaml", set(CATALOG.areas), set(CATALOG.regions))


# ---------------------------------------------------------------- the log and its exports


def test_qualities_set_on_the_map_round_trip_through_the_log_and_both_exports(
    session: Session, tmp_path: Path
) -> None:
    session.set_marks([Mark(KNOT, 7, ("burning", "aching")), Mark("palm.left", 2, ("tingling", "numb"))])
    session.mark("neck_side.left", 4)  # felt as nothing in particular
    with PainLog(tmp_path / "log") as log:
        session.attach_log(log)
        entry = session.save_entry(5, "desk day")
        saved = {m.region: set(m.qualities) for m in entry.marks}
        assert saved == {
            KNOT: {"aching", "burning"},
            "palm.left": {"numb", "tingling"},
            "neck_side.left": set(),
        }
        stored = log.get(entry.uid)
        assert stored is not None and {m.region: set(m.qualities) for m in stored.marks} == saved
        export_json(log, tmp_path / "log.json")
        export_csv(log, tmp_path / "log.csv")
    for name in ("log.json", "log.csv"):
        entries, sessions = read_export(tmp_path / name)
        assert [{m.region: set(m.qualities) for m in e.marks} for e in entries] == [saved], name
        with PainLog(tmp_path / f"imported-{name}") as fresh:  # `log import` into another log
            assert fresh.import_items(entries, sessions) == (1, 0)
            (back,) = fresh.entries()
            assert {m.region: set(m.qualities) for m in back.marks} == saved, name


# ---------------------------------------------------------------- unsaved marks between runs


def test_the_draft_keeps_how_each_place_feels(tmp_path: Path) -> None:
    draft = Draft(tmp_path)
    marks = [Mark(KNOT, 7, ("aching", "burning")), Mark("palm.left", 2)]
    draft.write(marks, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    assert draft.load(CATALOG)[0] == marks
    # a draft kept before qualities existed still comes back, as it was
    draft.path.write_text(json.dumps({"version": 1, "kept": None, "marks": [[KNOT, 4]]}), encoding="utf-8")
    assert draft.load(CATALOG) == ([Mark(KNOT, 4)], None)
