"""The routine countdown, driven by a fake monotonic clock."""

from __future__ import annotations

import random
from typing import Any

import pytest

from bodymap.core.countdown import Countdown, PhaseKind, RoutineSession, SessionState, Tone, plan, tone_for
from bodymap.core.errors import DataError
from bodymap.core.routine_text import cue_words, moment, start_words
from tests.routines import FakeClock, technique

HOLDS = technique(
    {"text": "Get into position.", "seconds": 10, "ready": 0},
    {"text": "Press and hold.", "hold": 12, "reps": 3, "rest": 8},
    {"text": "Strokes.", "strokes": 4, "stroke_seconds": 2},
)


def test_plan_is_ready_then_work_and_rest_in_turn() -> None:
    kinds = [(p.step, p.kind.value, p.seconds) for p in plan(HOLDS)]
    assert kinds == [
        (0, "work", 10),
        (1, "ready", 5),
        (1, "work", 12),
        (1, "rest", 8),
        (1, "work", 12),
        (1, "rest", 8),
        (1, "work", 12),
        (2, "ready", 5),
        (2, "work", 8),
    ]
    assert HOLDS.total_seconds == sum(p.seconds for p in plan(HOLDS)) == 80


def test_countdown_remaining_is_deadline_minus_now_and_pause_freezes_it() -> None:
    clock = FakeClock()
    countdown = Countdown(12, clock)
    clock.tick(4.25)
    assert countdown.remaining() == pytest.approx(7.75)
    countdown.pause()
    clock.tick(100)
    assert countdown.remaining() == pytest.approx(7.75) and not countdown.done()
    countdown.resume()
    clock.tick(7.75)
    assert countdown.done() and countdown.remaining() == 0


def run_to_end(session: RoutineSession, clock: FakeClock, rng: random.Random) -> list[float]:
    """Tick like a sloppy timer: late, early, in odd steps; return when each phase ended."""
    ended_at: list[float] = []
    while not session.over:
        deadline = session.deadline()
        assert deadline is not None
        late = deadline + rng.uniform(0, 0.05)
        clock.now = late if rng.random() < 0.5 else clock.now + rng.uniform(0.01, 3)
        for ended in session.advance():
            ended_at.append(clock.now - ended.late_s)
    return ended_at


def test_thirty_minute_routine_ends_exactly_on_time() -> None:
    long = technique(
        {"text": "Get ready.", "seconds": 10, "ready": 0},
        {"text": "Hold.", "hold": 45, "reps": 20, "rest": 30, "ready": 10},
        {"text": "Strokes.", "strokes": 100, "stroke_seconds": 3, "ready": 5},
        {"text": "Last hold.", "hold": 5, "ready": 0},
    )
    assert long.total_seconds == 1800
    clock = FakeClock()
    session = RoutineSession(long, clock)
    session.start()
    started = clock.now
    ended_at = run_to_end(session, clock, random.Random(7))
    assert session.state is SessionState.FINISHED
    # every phase ended at the sum of the durations before it, to the float's precision
    expected = started
    for phase, at in zip(session.phases, ended_at, strict=True):
        expected += phase.seconds
        assert at == pytest.approx(expected, abs=1e-9)
    assert ended_at[-1] - started == pytest.approx(1800, abs=1e-9)
    summary = session.summary()
    assert summary.seconds == pytest.approx(1800, abs=1e-9)
    assert summary.holds_done == summary.holds_planned == 21
    assert summary.steps_done == summary.steps == 4


def test_pauses_move_the_end_by_exactly_their_length() -> None:
    clock = FakeClock()
    session = RoutineSession(HOLDS, clock)
    session.start()
    started = clock.now
    clock.tick(13)
    session.advance()
    assert session.phase.kind is PhaseKind.READY and session.remaining() == pytest.approx(2)
    session.toggle_pause()
    assert session.state is SessionState.PAUSED
    clock.tick(600)
    session.advance()
    assert session.remaining() == pytest.approx(2)
    session.toggle_pause()
    while not session.over:
        clock.now = session.deadline() or clock.now
        session.advance()
    assert clock.now - started == pytest.approx(80 + 600)
    assert session.summary().seconds == pytest.approx(80)


def test_one_late_advance_catches_up_several_phases_without_drift() -> None:
    clock = FakeClock()
    session = RoutineSession(HOLDS, clock)
    session.start()
    clock.tick(10 + 5 + 12 + 1)  # three phases over, one second into the rest
    ended = session.advance()
    assert [e.phase.kind for e in ended] == [PhaseKind.WORK, PhaseKind.READY, PhaseKind.WORK]
    assert [round(e.late_s, 6) for e in ended] == [18.0, 13.0, 1.0]
    assert session.phase.kind is PhaseKind.REST and session.remaining() == pytest.approx(7)


def test_skip_forward_and_back_by_step() -> None:
    clock = FakeClock()
    session = RoutineSession(HOLDS, clock)
    session.start()
    session.next_step()
    assert session.phase.step == 1 and session.phase.kind is PhaseKind.READY
    clock.tick(20)
    session.advance()
    assert session.phase.step == 1 and session.phase.kind is PhaseKind.REST
    session.previous_step()  # well into the step: back to its start
    assert session.phase.step == 1 and session.phase.kind is PhaseKind.READY
    session.previous_step()  # just begun: to the step before
    assert session.phase.step == 0
    session.next_step()
    session.next_step()
    assert session.phase.step == 2
    session.next_step()  # past the last step: the routine is over
    assert session.state is SessionState.FINISHED and session.remaining() == 0


def test_skipping_while_paused_stays_paused_with_the_full_phase_left() -> None:
    clock = FakeClock()
    session = RoutineSession(HOLDS, clock)
    session.start()
    session.pause()
    session.next_step()
    clock.tick(50)
    assert session.state is SessionState.PAUSED and session.remaining() == 5


def test_stop_ends_early_and_the_summary_says_so() -> None:
    clock = FakeClock()
    session = RoutineSession(HOLDS, clock)
    session.start()
    clock.tick(27)
    session.advance()
    session.stop()
    clock.tick(100)
    summary = session.summary()
    assert summary.state is SessionState.STOPPED
    assert summary.seconds == pytest.approx(27)
    assert summary.holds_done == 1 and summary.holds_planned == 3
    assert session.advance() == [] and session.deadline() is None


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"text": "x"}, "exactly one of seconds, hold or strokes"),
        ({"text": "x", "hold": 10, "seconds": 5}, "exactly one of"),
        ({"text": "x", "hold": 10, "reps": 3}, "needs a rest between holds"),
        ({"text": "x", "hold": 0}, "whole number from 1"),
        ({"text": "x", "hold": 12.5}, "whole number"),
        ({"text": "x", "hold": 10, "stroke_seconds": 2}, "only a step of strokes"),
        ({"text": "x", "hold": 600, "reps": 7, "rest": 1}, "longer than an hour"),
    ],
)
def test_bad_steps_are_refused_with_the_step_named(step: dict[str, Any], message: str) -> None:
    from bodymap.core.errors import DataError

    with pytest.raises(DataError, match=message) as caught:
        technique(step)
    assert "test.yaml: technique 'test_routine'" in str(caught.value)


def test_the_words_the_player_shows_and_says() -> None:
    from bodymap.core.routine_text import clock_digits, cue_words, moment, summary_words

    assert [clock_digits(s) for s in (12.0, 11.2, 0.4, 0.0, 59.5, 60.0, 90.0)] == [
        "12",
        "12",
        "1",
        "0",
        "1:00",
        "1:00",
        "1:30",
    ]
    clock = FakeClock()
    session = RoutineSession(HOLDS, clock)
    session.start()
    now = moment(session)
    # a timed step before the first hold is setting up, not "Do it"
    assert (now.step_label, now.title, now.digits, now.unit) == ("Step 1 of 3", "Set up", "10", "seconds")
    assert now.next == "Next, step 2: Press and hold."
    clock.tick(15)
    heard = [cue_words(HOLDS, e) for e in session.advance()]
    assert heard == ["Step 2.", "Press and hold, 1 of 3."]
    now = moment(session)
    assert (now.title, now.next) == ("Hold 1 of 3", "Next: rest for 8\u00a0s")
    clock.tick(12)
    assert [cue_words(HOLDS, e) for e in session.advance()] == ["Release. Rest 8 seconds."]
    assert moment(session).instruction.startswith("Release and rest.")
    clock.tick(8)
    assert [cue_words(HOLDS, e) for e in session.advance()] == ["Press again, 2 of 3."]
    session.pause()
    assert moment(session).state.startswith("Paused")
    session.resume()
    clock.tick(100)
    assert [cue_words(HOLDS, e) for e in session.advance()][-1] == "Done. Well done."
    text = summary_words(HOLDS, session.summary())
    assert "You finished “Test routine” in 1\u00a0min\u00a020\u00a0s." in text  # never wraps apart
    assert "Holds done: 3 of 3." in text


def test_the_first_hold_always_has_time_to_get_into_position() -> None:
    straight_in = technique(
        {"text": "Lean on the ball against the wall and hold.", "hold": 30, "ready": 0},
        {"text": "Roll it up and down.", "strokes": 4, "ready": 0},
    )
    phases = plan(straight_in)
    assert [(p.step, p.kind.value, p.seconds) for p in phases[:2]] == [(0, "ready", 5), (0, "work", 30)]
    assert (1, "ready") not in [(p.step, p.kind.value) for p in phases]  # only before the first
    assert straight_in.total_seconds == sum(p.seconds for p in phases) == 5 + 30 + 12
    clock = FakeClock()
    session = RoutineSession(straight_in, clock)
    session.start()
    assert moment(session).title == "Get into position"
    assert start_words(straight_in, session.phase) == "Get into position. 5 seconds."


def test_a_two_sided_hold_changes_side_at_half_time_with_its_own_tone() -> None:
    sided = technique(
        {"text": "Stretch one side, then the other.", "hold": 30, "sides": 2, "reps": 2, "rest": 5},
    )
    work = [(p.kind.value, p.seconds, p.side) for p in plan(sided)]
    assert work == [
        ("ready", 5, 0),
        ("work", 15, 1),
        ("work", 15, 2),
        ("rest", 5, 0),
        ("work", 15, 1),
        ("work", 15, 2),
    ]
    clock = FakeClock()
    session = RoutineSession(sided, clock)
    session.start()
    heard: list[tuple[Tone, str]] = []
    titles = []
    while not session.over:
        clock.tick(1)
        for ended in session.advance():
            heard.append((tone_for(ended), cue_words(sided, ended)))
            if not session.over:
                titles.append(moment(session).title)
    assert heard == [
        (Tone.PHASE, "Press and hold, 1 of 2."),
        (Tone.SIDE, "Change side."),
        (Tone.PHASE, "Release. Rest 5 seconds."),
        (Tone.PHASE, "Press again, 2 of 2."),
        (Tone.SIDE, "Change side."),
        (Tone.END, "Done. Well done."),
    ]
    assert titles[:2] == ["Hold, first side 1 of 2", "Hold, other side 1 of 2"]
    summary = session.summary()
    assert summary.completed and summary.holds_done == summary.holds_planned == 2


def test_only_a_hold_may_be_split_between_sides() -> None:
    with pytest.raises(DataError, match="sides"):
        technique({"text": "Strokes.", "strokes": 4, "sides": 2})
    with pytest.raises(DataError, match="sides"):
        technique({"text": "Hold.", "hold": 10, "sides": 3})


def test_a_step_done_again_on_the_other_side_is_announced_by_the_side_tone() -> None:
    both = technique(
        {"text": "Grasp the wrist and pull. Hold.", "hold": 15, "cue": "Release", "ready": 0},
        {"text": "Change arms and stretch the other side.", "hold": 15, "cue": "Release", "other_side": True},
    )
    clock = FakeClock()
    session = RoutineSession(both, clock)
    session.start()
    assert moment(session).title == "Get into position"
    heard = []
    while not session.over:
        clock.now = session.deadline() or clock.now
        heard += [(tone_for(e), cue_words(both, e), moment(session).title) for e in session.advance()]
    assert [(tone, words) for tone, words, _ in heard] == [
        (Tone.PHASE, "Press and hold."),
        (Tone.SIDE, "Release. Change side."),
        (Tone.PHASE, "Press and hold."),
        (Tone.END, "Done. Well done."),
    ]
    assert heard[0][2] == "Hold, first side" and heard[2][2] == "Hold, other side"


def test_the_shipped_other_side_steps_follow_a_step_to_repeat() -> None:
    from bodymap.core.techniques import load_techniques

    repeated = [
        (t.id, i)
        for t in load_techniques().techniques.values()
        for i, s in enumerate(t.steps)
        if s.other_side
    ]
    assert len(repeated) >= 4
    with pytest.raises(DataError, match="other_side"):
        technique({"text": "Other side first?", "hold": 10, "other_side": True})
