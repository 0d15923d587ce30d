"""The application state without Qt: marks and undo, the shown candidate, Find it, the
urgent-flag gate at every command, routines and what they record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import Mark
from bodymap.core.painlog import PainLog
from bodymap.core.regions import load_catalog
from bodymap.core.safety import load_safety
from bodymap.core.session import NOT_WHILE_SEARCHING, READ_THE_WARNING, Session, candidate_key
from bodymap.core.techniques import TechniqueLibrary, load_techniques
from tests.routines import FakeClock, technique

KNOT = "interscapular.left"
CHEST_AND_ARM = ("upper_chest.left", "upper_arm_inner.left")  # an urgent pattern (heart)
START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


class WallClock:
    """Wall time that moves with the monotonic fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = clock.now

    def __call__(self) -> datetime:
        return START + timedelta(seconds=self.clock.now - self.origin)


def make_session(library: TechniqueLibrary | None = None, ticked: tuple[str, ...] = ()) -> Session:
    clock = FakeClock()
    techniques = library or load_techniques()
    return Session(
        load_catalog(),
        load_knowledge,
        load_safety,
        lambda: techniques,
        ticked=ticked,
        checklist_seen=True,
        clock=clock,
        wall=WallClock(clock),
    )


@pytest.fixture
def session() -> Session:
    return make_session()


def heard(session: Session) -> list[str]:
    said: list[str] = []
    session.refused.connect(said.append)
    return said


# -- marks and undo


def test_marks_rank_the_candidates_and_undo_redo_them(session: Session) -> None:
    changed: list[list[str]] = []
    session.marks_changed.connect(changed.append)
    session.toggle(KNOT)
    assert session.intensity(KNOT) == 5 and changed == [[KNOT]]
    assert session.candidates and session.shown == candidate_key(session.candidates[0])
    session.set_intensity(KNOT, 7)
    session.set_intensity(KNOT, 8)  # consecutive steps on one mark undo as one
    assert session.undo() and session.intensity(KNOT) == 5
    assert session.undo() and session.intensity(KNOT) is None and session.candidates == []
    assert not session.undo()
    assert session.redo() and session.intensity(KNOT) == 5
    assert session.redo() and session.intensity(KNOT) == 8
    assert session.undo_text == f"Set {session.catalog[KNOT].label} to 8"


def test_intensities_are_kept_within_0_to_10(session: Session) -> None:
    session.step_intensity(KNOT, 1)
    assert session.intensity(KNOT) == 5
    session.set_intensity(KNOT, 14)
    assert session.intensity(KNOT) == 10
    session.step_intensity(KNOT, -20)
    assert session.intensity(KNOT) == 0


def test_a_chosen_candidate_stays_shown_while_it_is_listed(session: Session) -> None:
    session.toggle(KNOT)
    second = candidate_key(session.candidates[1])
    session.choose(second)
    session.set_intensity(KNOT, 8)
    assert session.shown == second and session.chosen
    session.clear()
    assert session.shown == "" and not session.chosen


# -- Find it


def test_find_it_answers_survive_an_intensity_change_and_go_with_the_next_entry(
    session: Session, tmp_path: Path
) -> None:
    session.toggle(KNOT)
    assert session.start_search()
    session.answer("no")
    session.answer("yes")
    session.end_search()
    assert len(session.answers) == 2
    session.set_intensity(KNOT, 8)  # the same places, more pain: the answers still belong
    assert len(session.answers) == 2
    with PainLog(tmp_path) as log:
        session.attach_log(log)
        entry = session.save_entry(6, "after desk work")
        assert [t.answer for t in entry.tests] == ["no", "yes"]
        assert log.get(entry.uid) == entry
        assert session.answers == ()  # saved once, not again with the next entry


def test_find_it_answers_go_when_the_pattern_changes(session: Session) -> None:
    session.toggle(KNOT)
    session.start_search()
    session.answer("no")
    session.end_search()
    session.toggle("neck_side.left")
    assert session.answers == ()


def test_marks_are_locked_while_find_it_runs(session: Session) -> None:
    session.toggle(KNOT)
    before = session.candidates
    session.start_search()
    said = heard(session)
    for command in (
        lambda: session.toggle("neck_side.left"),
        lambda: session.set_intensity(KNOT, 9),
        lambda: session.step_intensity(KNOT, 1),
        lambda: session.unmark(KNOT),
        session.clear,
        session.undo,
        lambda: session.set_marks([Mark("jaw.left", 3)]),
    ):
        assert command() is False
    assert said == [NOT_WHILE_SEARCHING] * 7
    assert session.marks() == [Mark(KNOT, 5)] and session.candidates == before
    assert not session.can_undo
    session.end_search()
    assert session.can_undo and session.toggle("neck_side.left")


def test_answering_every_press_no_never_claims_the_first_guess_was_found(session: Session) -> None:
    session.toggle(KNOT)
    session.start_search()
    while session.search_test is not None:
        session.answer("no")
    assert session.search is not None and not session.search.found
    assert session.search.none_of_these  # says so, rather than "rhomboids 64%"
    assert session.search.ranking()[0][0] == "other"


# -- the urgent-flag gate, at every command


def urgent(session: Session) -> None:
    for region in CHEST_AND_ARM:
        session.set_intensity(region, 7)
    assert session.urgent_unread()


def test_an_unread_urgent_flag_refuses_find_it_and_treatment(session: Session) -> None:
    session.toggle(KNOT)
    urgent(session)
    said = heard(session)
    allowed = session.permissions()
    assert not allowed.may_treat and not allowed.may_search
    assert allowed.why_not_treat == allowed.why_not_search == READ_THE_WARNING
    assert session.start_search() is False
    assert session.open_routine("scalenes_finger_release") is None
    assert said == [READ_THE_WARNING, READ_THE_WARNING]
    session.acknowledge()
    assert session.permissions().may_treat and session.start_search()


def test_an_urgent_flag_that_appears_ends_a_search_and_an_unstarted_routine(session: Session) -> None:
    session.toggle(KNOT)
    routine = session.open_routine("scalenes_finger_release")
    assert routine is not None
    session.acknowledge()  # nothing to read yet: does not pre-acknowledge a later flag
    session.set_intensity(CHEST_AND_ARM[0], 6)
    session.set_intensity(CHEST_AND_ARM[1], 6)
    assert session.routine is None
    assert session.start_routine() is False


def test_a_routine_opened_before_the_flag_cannot_start_after_it(session: Session) -> None:
    session.toggle(KNOT)
    routine = session.open_routine("scalenes_finger_release")
    assert routine is not None
    # the flag raised through the checklist this time
    session.set_ticked(["stroke_signs"])
    assert session.routine is None and routine.run.started_at is None


def test_a_search_is_ended_by_an_urgent_sign_ticked_on_the_checklist(session: Session) -> None:
    session.toggle(KNOT)
    session.start_search()
    session.set_ticked(["stroke_signs"])
    assert session.search is None and not session.permissions().may_search


def test_a_flag_that_goes_and_comes_back_must_be_read_again(session: Session) -> None:
    urgent(session)
    session.acknowledge()
    assert session.permissions().may_treat
    session.unmark(CHEST_AND_ARM[1])  # the flag goes
    assert not session.urgent_unread()
    session.toggle(CHEST_AND_ARM[1])  # and comes back
    assert session.urgent_unread() and not session.permissions().may_treat


def test_a_ticked_urgent_sign_stands_from_the_start_before_any_mark() -> None:
    session = make_session(ticked=("stroke_signs",))
    assert [r.id for r in session.urgent_unread()] == ["stroke_signs"]
    assert not session.permissions().may_treat


def test_find_it_needs_candidates_and_no_running_routine(session: Session) -> None:
    assert not session.permissions().may_search
    session.toggle(KNOT)
    assert session.permissions().may_search
    session.open_routine("scalenes_finger_release")
    session.start_routine()
    assert not session.permissions().may_search
    session.close_routine()
    assert session.permissions().may_search


def test_permissions_are_told_when_they_change(session: Session) -> None:
    told: list[object] = []
    session.permissions_changed.connect(told.append)
    session.toggle(KNOT)
    urgent(session)
    session.acknowledge()
    assert [(p.may_treat, p.may_search) for p in told] == [(True, True), (False, False), (True, True)]  # type: ignore[attr-defined]


# -- routines and what they record

ROUTINE = technique(
    {"text": "Find the spot.", "seconds": 10, "ready": 0},
    {"text": "Press and hold.", "hold": 10, "reps": 4, "rest": 5, "cue": "Release"},
    technique_id="test_scalenes",
)


@pytest.fixture
def treating(tmp_path: Path) -> Session:
    session = make_session(TechniqueLibrary([ROUTINE]))
    session.toggle(KNOT)
    session.choose("scalenes:left")
    session.attach_log(PainLog(tmp_path))
    return session


def test_a_routine_skipped_through_is_saved_as_not_completed_and_never_helps(treating: Session) -> None:
    routine = treating.open_routine("test_scalenes")
    assert routine is not None and treating.start_routine()
    clock = routine.run.clock
    for _ in range(6):  # straight to the end, holding nothing
        clock.tick(2)  # type: ignore[attr-defined]
        routine.run.next_step()
    assert routine.run.over
    record = treating.finish_routine(7, 2)
    assert record is not None and not record.completed
    assert (record.muscle, record.side) == ("scalenes", "left")
    _, offers = treating.treatments()
    assert [o.note for o in offers] == [""]  # no "worked for you 1 of 1 times"


def test_a_routine_run_to_its_end_is_completed_and_counts(treating: Session) -> None:
    for before, after in ((7, 3), (6, 2)):
        routine = treating.open_routine("test_scalenes")
        assert routine is not None and treating.start_routine()
        clock = routine.run.clock
        while not routine.run.over:
            clock.tick(1)  # type: ignore[attr-defined]
            routine.run.advance()
        record = treating.finish_routine(before, after)
        assert record is not None and record.completed
    _, offers = treating.treatments()
    assert offers[0].note.startswith("★ worked for you 2 of 2 times")


def test_a_routine_starts_when_start_was_pressed_whatever_pauses_follow(treating: Session) -> None:
    routine = treating.open_routine("test_scalenes")
    assert routine is not None
    clock = routine.run.clock
    clock.tick(30)  # reading the cautions  # type: ignore[attr-defined]
    pressed = treating._wall()
    treating.start_routine()
    clock.tick(8)  # type: ignore[attr-defined]
    routine.run.advance()
    routine.run.pause()
    clock.tick(300)  # a long pause  # type: ignore[attr-defined]
    routine.run.resume()
    clock.tick(3)  # type: ignore[attr-defined]
    routine.run.stop()
    clock.tick(120)  # on the summary page  # type: ignore[attr-defined]
    record = treating.finish_routine(None, None)
    assert record is not None
    assert record.started == pressed
    assert record.duration_s == pytest.approx(11)


def test_a_routine_left_while_running_is_recorded_once(treating: Session) -> None:
    routine = treating.open_routine("test_scalenes")
    assert routine is not None and treating.start_routine()
    routine.run.clock.tick(12)  # type: ignore[attr-defined]
    treating.close_routine()
    assert treating.log is not None
    (record,) = treating.log.sessions()
    assert not record.completed and record.duration_s == pytest.approx(12)
    assert treating.finish_routine(5, 3) is None  # nothing left to record


def test_a_routine_never_started_records_nothing(treating: Session) -> None:
    treating.open_routine("test_scalenes")
    treating.close_routine()
    assert treating.log is not None and treating.log.sessions() == []
