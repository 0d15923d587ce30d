"""What History shows, worked out without Qt: each place's value on the heat map for what the
person chose to colour by, the rows of the sessions list, and an entry moved to another time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bodymap.core.painlog import Session
from bodymap.core.routine_text import duration_words

# what the heat map can colour by: (key, the chooser's words, the legend's words)
AVERAGE, WORST, OFTEN = "average", "worst", "often"
HEAT_MODES = (
    (AVERAGE, "Average pain", "Colour: how bad each place was on average, 0 to 10."),
    (WORST, "Worst pain", "Colour: the worst each place got, 0 to 10."),
    (
        OFTEN,
        "How often",
        "Colour: how often each place was marked, as a share of the entries in this period.",
    ),
)


@dataclass(frozen=True)
class HeatValue:
    value: float  # where on the colour scale, 0-10
    words: str  # what the place's tooltip says after its name


def heat_values(sums: Iterable[tuple[str, int, int, int]], entries: int, mode: str) -> dict[str, HeatValue]:
    """Each marked place's value over a period, from its (region, entries marking it, sum of
    intensities, worst) and the number of entries in the period. "How often" is the share of
    those entries that mark the place, on the same 0-10 scale (10: every entry): a temple that
    hurt once in a month shows pale beside the knot marked every day, however bad it was."""
    found = {}
    for region, n, total, worst in sums:
        if mode == WORST:
            found[region] = HeatValue(float(worst), f"worst {worst}/10")
        elif mode == OFTEN:
            share = n / entries if entries else 0.0
            found[region] = HeatValue(10 * share, f"marked in {n} of {entries} entries ({share:.0%})")
        else:
            found[region] = HeatValue(total / n, f"average {total / n:.1f}/10, marked {_times(n)}")
    return found


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


SESSION_HEADERS = ("When", "Technique", "Muscle", "Side", "How long", "Finished", "Pain before → after")


def session_cells(session: Session, names: Mapping[str, str]) -> tuple[str, ...]:
    """One session as the list shows it: its time on the person's clock then, the technique and
    muscle as the app names them, and the pain before and after ("–" where not rated)."""

    def rated(value: int | None) -> str:
        return "–" if value is None else str(value)

    pain = (
        ""
        if session.pain_before is None and session.pain_after is None
        else f"{rated(session.pain_before)} → {rated(session.pain_after)}"
    )
    return (
        f"{session.started:%a %d %b %Y, %H:%M}",
        names.get(session.technique, session.technique.replace("_", " ")),
        names.get(session.muscle, session.muscle.replace("_", " ")),
        session.side,
        duration_words(session.duration_s),
        "yes" if session.completed else "stopped early",
        pain,
    )


def moved(at: datetime, wall: datetime) -> datetime:
    """An entry's time `at` moved to `wall`, a clock time (naive) as the person set it. Unchanged
    when the clock time is; an entry saved on this computer's clock takes the offset that clock
    has on the new date (a move across a change to summer time keeps the time read); one saved in
    another offset (while away) keeps that offset."""
    if wall == at.replace(tzinfo=None):
        return at
    if at.utcoffset() == at.astimezone().utcoffset():
        return wall.astimezone()
    return wall.replace(tzinfo=at.tzinfo)
