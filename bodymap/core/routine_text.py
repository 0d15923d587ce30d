"""What the player says: the words and numbers for the current moment of a routine.

Kept out of the widgets so they only show text, and so the wording is tested without Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from bodymap.core.countdown import Phase, PhaseEnded, PhaseKind, RoutineSession, SessionState, Summary
from bodymap.core.techniques import Technique

EQUIPMENT_WORDS = {
    "fingers": "your fingers",
    "tennis_ball": "a tennis ball",
    "golf_ball": "a golf ball",
    "massage_ball": "a massage ball",
    "foam_roller": "a foam roller",
    "doorway": "a doorway",
    "stick": "a broomstick or dowel",
    "wall": "a wall",
    "floor": "the floor",
    "chair": "a chair",
    "towel": "a towel",
    "heat_pack": "a heat pack",
    "ice_pack": "an ice pack",
    "none": "nothing",
}
POSITION_WORDS = {
    "sitting": "sitting",
    "standing": "standing",
    "kneeling": "kneeling",
    "lying_on_back": "lying on your back",
    "lying_on_front": "lying face down",
    "lying_on_side": "lying on your side",
    "against_wall": "leaning against a wall",
}


def clock_digits(seconds: float) -> str:
    """Whole seconds left, rounded up: a hold shows 12 at its start and 1 just before it ends."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def duration_words(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{whole}\u00a0s"  # no-break spaces: "6 min 36 s" never wraps apart
    minutes, rest = divmod(whole, 60)
    return f"{minutes}\u00a0min\u00a0{rest}\u00a0s" if rest else f"{minutes}\u00a0min"


def listing(items: tuple[str, ...], words: dict[str, str], join: str = "or") -> str:
    names = [words.get(item, item.replace("_", " ")) for item in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {join} " + names[-1]


def technique_facts(technique: Technique) -> str:
    """One line for a list: how long, with what, in which position."""
    # what you need is a list (a ball and a wall); where you do it is a choice
    parts = [duration_words(technique.total_seconds), listing(technique.equipment, EQUIPMENT_WORDS, "and")]
    parts.append(listing(technique.position, POSITION_WORDS))
    if technique.pressure is not None:
        parts.append(f"pressure {technique.pressure.start}–{technique.pressure.max} of 10")
    return " · ".join(parts)


def _phase_title(technique: Technique, phase: Phase) -> str:
    step = technique.steps[phase.step]
    if phase.kind is PhaseKind.READY:
        return "Get into position" if phase.step == technique.first_pressing_step() else "Get ready"
    if phase.kind is PhaseKind.REST:
        return "Rest"
    if technique.is_setup(phase.step):
        return "Set up"  # not "Do it": nothing is pressed yet
    name = {"hold": "Hold", "strokes": f"{step.strokes} strokes", "seconds": "Do it"}[step.timing]
    if phase.side:
        name += ", first side" if phase.side == 1 else ", other side"
    return f"{name} {phase.rep} of {phase.reps}" if phase.reps > 1 else name


def _next_words(technique: Technique, phase: Phase | None, current: Phase) -> str:
    if phase is None:
        return "Next: you are done."
    step = technique.steps[phase.step]
    if phase.step != current.step:
        return f"Next, step {phase.step + 1}: {step.text}"
    return f"Next: {_phase_title(technique, phase).lower()} for {duration_words(phase.seconds)}"


@dataclass(frozen=True)
class Moment:
    """Everything the player shows at one instant."""

    step_label: str  # "Step 2 of 4"
    title: str  # "Hold 2 of 3", "Rest", "Get ready"
    instruction: str  # the step in plain words
    digits: str  # "12" or "1:30"
    unit: str  # "seconds" or "minutes", under the digits
    fraction: float  # of the phase done, 0-1
    next: str  # what comes next
    state: str  # "", "Paused"
    kind: PhaseKind


def moment(session: RoutineSession) -> Moment:
    technique, phase = session.technique, session.phase
    step = technique.steps[phase.step]
    instruction = step.text
    if phase.kind is PhaseKind.REST:
        instruction = f"Release and rest. Then: {step.text}"
    return Moment(
        step_label=f"Step {phase.step + 1} of {len(technique.steps)}",
        title=_phase_title(technique, phase),
        instruction=instruction,
        digits=clock_digits(session.remaining()),
        unit="minutes" if session.remaining() > 59 else "seconds",
        fraction=session.progress(),
        next=_next_words(technique, session.next_phase, phase),
        state={SessionState.PAUSED: "Paused — press Space or Resume to go on"}.get(session.state, ""),
        kind=phase.kind,
    )


def cue_words(technique: Technique, event: PhaseEnded) -> str:
    """Spoken at the end of a phase: what to do now, in a few words."""
    ended, following = event.phase, event.next
    if following is None:
        return "Done. Well done."
    step = technique.steps[ended.step]
    if ended.side == 1 and following.side == 2:
        return f"{step.cue}. Change side." if ended.kind is PhaseKind.WORK and step.cue else "Change side."
    if ended.kind is PhaseKind.WORK and following.kind is PhaseKind.REST:
        unit = "second" if following.seconds == 1 else "seconds"
        return f"{step.cue or 'Release'}. Rest {following.seconds} {unit}."
    if following.step != ended.step:
        lead = f"{step.cue}. " if ended.kind is PhaseKind.WORK and step.cue else ""
        return f"{lead}Step {following.step + 1}."
    count = f", {following.rep} of {following.reps}" if following.reps > 1 else ""
    if ended.kind is PhaseKind.READY:
        start = {"hold": "Press and hold", "strokes": "Start the strokes", "seconds": "Go"}[step.timing]
        return f"{start}{count}."
    return f"{'Press again' if step.timing == 'hold' else 'Go again'}{count}."


def start_words(technique: Technique, first: Phase) -> str:
    """Said as Start is pressed: what the first seconds are for."""
    if first.kind is PhaseKind.READY:
        return f"Get into position. {first.seconds} seconds."
    return "Step 1." if technique.is_setup(first.step) else "Go."


def next_treatment(technique: Technique, now: datetime) -> str:
    """When to treat next, from the technique's frequency."""
    freq = technique.frequency
    if freq.min_days_between:
        earliest = now + timedelta(days=freq.min_days_between)
        return f"Next time: {earliest:%A %d %B} or later ({freq.text})"
    if freq.max_per_day:
        return f"Again later today if it still hurts, up to {freq.max_per_day} times a day."
    return f"When to repeat: {freq.text}"


def summary_words(technique: Technique, summary: Summary, now: datetime | None = None) -> str:
    if summary.completed:
        lines = [f"You finished “{technique.name}” in {duration_words(summary.seconds)}."]
    elif summary.state is SessionState.FINISHED:
        lines = [
            f"You reached the end of “{technique.name}” after {duration_words(summary.seconds)}, "
            "skipping part of it: it is saved as not completed."
        ]
    else:
        lines = [f"You stopped “{technique.name}” after {duration_words(summary.seconds)}."]
    if summary.holds_planned:
        lines.append(f"Holds done: {summary.holds_done} of {summary.holds_planned}.")
    lines.append(f"Steps reached: {summary.steps_done} of {summary.steps}.")
    lines.append(next_treatment(technique, now or datetime.now().astimezone()))
    return "\n".join(lines)
