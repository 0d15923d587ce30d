"""Countdown maths for a guided routine, on an injected monotonic clock.

Remaining time is always `deadline - now`, never a decremented counter, so a late
or skipped tick cannot make the count drift. When a phase ends on time its successor's
deadline is chained from the old deadline, not from the moment the timer fired: a
30-minute routine ends exactly 30 minutes (plus pauses) after it started.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bodymap.core.techniques import Technique

Clock = Callable[[], float]  # seconds, monotonic


class PhaseKind(Enum):
    READY = "ready"  # read the step and get into position
    WORK = "work"  # a timed task, a hold or a set of strokes
    REST = "rest"  # between repetitions


@dataclass(frozen=True)
class Phase:
    step: int  # index into the technique's steps
    kind: PhaseKind
    seconds: int
    rep: int  # 1-based repetition this phase belongs to
    reps: int
    side: int = 0  # 1 then 2: the sides of a two-sided hold, or a step and its other-side step


class Tone(Enum):
    """Which sound marks a moment: heard, not read, by someone holding a ball against a wall."""

    PHASE = "phase"  # a new phase begins (get ready, press, rest, next step)
    SIDE = "side"  # half time of a two-sided hold: change side
    END = "end"  # the routine is over


def plan(technique: Technique) -> tuple[Phase, ...]:
    """The routine as a flat list of timed phases: ready, then work and rest in turn.

    The first hold or strokes has at least POSITION_S to get into position; a two-sided
    hold is two work phases, one per side, half the time each; a step done again on the other
    side (`other_side`) is side 2 and the step before it side 1."""
    phases: list[Phase] = []
    steps = technique.steps
    for index, step in enumerate(steps):
        side = 2 if step.other_side else 1 if index + 1 < len(steps) and steps[index + 1].other_side else 0
        ready = technique.ready_seconds(index)
        if ready:
            phases.append(Phase(index, PhaseKind.READY, ready, 1, step.reps, side))
        for rep in range(1, step.reps + 1):
            if step.sides == 2:
                first = (step.seconds + 1) // 2
                phases.append(Phase(index, PhaseKind.WORK, first, rep, step.reps, side=1))
                phases.append(Phase(index, PhaseKind.WORK, step.seconds - first, rep, step.reps, side=2))
            else:
                phases.append(Phase(index, PhaseKind.WORK, step.seconds, rep, step.reps, side))
            if rep < step.reps and step.rest:
                phases.append(Phase(index, PhaseKind.REST, step.rest, rep, step.reps, side))
    return tuple(phases)


def tone_for(event: PhaseEnded) -> Tone:
    """The sound for a phase end: the end chime, the change of side, or the phase tone."""
    if event.next is None:
        return Tone.END
    if event.next.side == 2 and event.phase.side == 1:
        return Tone.SIDE
    return Tone.PHASE


class Countdown:
    """One span of time that can be paused: remaining = deadline - now."""

    def __init__(self, seconds: float, clock: Clock, start_at: float | None = None) -> None:
        self.seconds = seconds
        self._clock = clock
        self._deadline = (clock() if start_at is None else start_at) + seconds
        self._frozen: float | None = None  # remaining time while paused

    @property
    def deadline(self) -> float:
        return self._deadline

    @property
    def paused(self) -> bool:
        return self._frozen is not None

    def remaining(self) -> float:
        if self._frozen is not None:
            return self._frozen
        return max(0.0, self._deadline - self._clock())

    def pause(self) -> None:
        if self._frozen is None:
            self._frozen = max(0.0, self._deadline - self._clock())

    def resume(self) -> None:
        if self._frozen is not None:
            self._deadline = self._clock() + self._frozen
            self._frozen = None

    def done(self) -> bool:
        return self._frozen is None and self._clock() >= self._deadline


class SessionState(Enum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"  # ran to the end
    STOPPED = "stopped"  # ended early by the person


@dataclass(frozen=True)
class PhaseEnded:
    """What just ended, so the caller can cue it (a hold ending matters most)."""

    phase: Phase
    next: Phase | None
    late_s: float  # how long after its deadline this was noticed


@dataclass(frozen=True)
class Summary:
    technique: str
    state: SessionState
    seconds: float  # time spent, pauses excluded
    holds_done: int
    holds_planned: int
    steps_done: int
    steps: int
    work_done: int = 0  # timed work phases (holds, sets) that ran out their time
    work_planned: int = 0

    @property
    def completed(self) -> bool:
        """Ran to the end with every timed part really done: a routine skipped through to
        its end is not completed (and never counts as having helped)."""
        return self.state is SessionState.FINISHED and self.work_done >= self.work_planned


class RoutineSession:
    """A technique being followed: which phase, how long left, pause, skip and stop."""

    def __init__(self, technique: Technique, clock: Clock = time.monotonic) -> None:
        self.technique = technique
        self.phases = plan(technique)
        self._clock = clock
        self.index = 0
        self.state = SessionState.NOT_STARTED
        self._countdown: Countdown | None = None
        self._done_phases: set[int] = set()  # work phases that ran out their time (a redo counts once)
        self._started_at: float | None = None  # None until Start (a stop before it stays None)
        self._paused_total = 0.0
        self._paused_at = 0.0
        self._ended_at: float | None = None

    # -- what is happening
    @property
    def phase(self) -> Phase:
        return self.phases[min(self.index, len(self.phases) - 1)]

    @property
    def next_phase(self) -> Phase | None:
        return self.phases[self.index + 1] if self.index + 1 < len(self.phases) else None

    @property
    def running(self) -> bool:
        return self.state is SessionState.RUNNING

    @property
    def over(self) -> bool:
        return self.state in (SessionState.FINISHED, SessionState.STOPPED)

    def remaining(self) -> float:
        """Seconds left in the current phase."""
        if self._countdown is None:
            return float(self.phase.seconds) if not self.over else 0.0
        return 0.0 if self.over else self._countdown.remaining()

    def deadline(self) -> float | None:
        """When the current phase ends on the clock, while running."""
        return self._countdown.deadline if self._countdown and self.running else None

    def progress(self) -> float:
        """Share of the current phase done, 0-1."""
        seconds = self.phase.seconds
        return 1.0 if self.over or not seconds else 1.0 - self.remaining() / seconds

    def total_remaining(self) -> float:
        later = sum(p.seconds for p in self.phases[self.index + 1 :])
        return 0.0 if self.over else self.remaining() + later

    # -- control
    def start(self) -> None:
        if self.state is not SessionState.NOT_STARTED:
            return
        started = self._started_at = self._clock()
        self.state = SessionState.RUNNING
        self._countdown = Countdown(self.phase.seconds, self._clock, started)

    def pause(self) -> None:
        if self.running and self._countdown:
            self._countdown.pause()
            self._paused_at = self._clock()
            self.state = SessionState.PAUSED

    def resume(self) -> None:
        if self.state is SessionState.PAUSED and self._countdown:
            self._countdown.resume()
            self._paused_total += self._clock() - self._paused_at
            self.state = SessionState.RUNNING

    def toggle_pause(self) -> None:
        if self.state is SessionState.NOT_STARTED:
            self.start()
        elif self.running:
            self.pause()
        else:
            self.resume()

    def stop(self) -> None:
        if self.state is SessionState.PAUSED:
            self.resume()
        if not self.over:
            self._ended_at = self._clock()
            self.state = SessionState.STOPPED

    def next_step(self) -> None:
        """Skip to the start of the next step (the end, if this is the last)."""
        step = self.phase.step
        target = next((i for i, p in enumerate(self.phases) if p.step > step), None)
        if target is None:
            self._finish(self._clock())
        else:
            self._jump(target)

    def previous_step(self) -> None:
        """Back to the start of this step, or of the one before when just begun."""
        step = self.phase.step
        first = next(i for i, p in enumerate(self.phases) if p.step == step)
        into = self.phase.seconds - self.remaining()
        if self.index == first and into < 2 and step > 0:
            first = next(i for i, p in enumerate(self.phases) if p.step == step - 1)
        self._jump(first)

    def advance(self) -> list[PhaseEnded]:
        """Move past every phase whose deadline has gone by; return what ended."""
        ended: list[PhaseEnded] = []
        now = self._clock()
        while self.running and self._countdown and now >= self._countdown.deadline:
            deadline = self._countdown.deadline
            phase = self.phase
            if phase.kind is PhaseKind.WORK:
                self._done_phases.add(self.index)
            if self.index + 1 >= len(self.phases):
                ended.append(PhaseEnded(phase, None, now - deadline))
                self._finish(deadline)
                break
            self.index += 1
            ended.append(PhaseEnded(phase, self.phase, now - deadline))
            # chained from the old deadline: lateness of this call does not add up
            self._countdown = Countdown(self.phase.seconds, self._clock, deadline)
        return ended

    def summary(self) -> Summary:
        end = self._ended_at if self._ended_at is not None else self._clock()
        paused = self._paused_total + (end - self._paused_at if self.state is SessionState.PAUSED else 0.0)
        spent = 0.0 if self._started_at is None else end - self._started_at - paused
        # a two-sided hold counts once, done when its second side ran out
        holds = [i for i, p in enumerate(self.phases) if self._is_hold(p) and p.side != 1]
        work = [i for i, p in enumerate(self.phases) if p.kind is PhaseKind.WORK]
        last_step = self.phase.step + (1 if self.state is SessionState.FINISHED else 0)
        return Summary(
            technique=self.technique.id,
            state=self.state,
            seconds=max(0.0, spent),
            holds_done=len(self._done_phases.intersection(holds)),
            holds_planned=len(holds),
            steps_done=last_step,
            steps=len(self.technique.steps),
            work_done=len(self._done_phases),
            work_planned=len(work),
        )

    @property
    def clock(self) -> Clock:
        return self._clock

    def since_start(self) -> float:
        """Seconds on the clock since Start, pauses included (0 before Start)."""
        return 0.0 if self._started_at is None else self._clock() - self._started_at

    @property
    def started_at(self) -> float | None:
        """When it started on the clock, or None before Start."""
        return self._started_at

    # -- internals
    def _is_hold(self, phase: Phase) -> bool:
        return phase.kind is PhaseKind.WORK and self.technique.steps[phase.step].timing == "hold"

    def _jump(self, index: int) -> None:
        if self.over:
            return
        if self.state is SessionState.NOT_STARTED:
            self.start()
        was_paused = self.state is SessionState.PAUSED
        self.index = index
        self._countdown = Countdown(self.phase.seconds, self._clock)
        if was_paused:
            self._countdown.pause()

    def _finish(self, at: float) -> None:
        if self.state is SessionState.PAUSED:
            self._paused_total += at - self._paused_at
        self.index = len(self.phases) - 1
        self._ended_at = at
        self.state = SessionState.FINISHED
