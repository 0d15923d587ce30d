"""What helps me: the change in pain around each treatment, per technique and per muscle; and
pain on days with a context tag (poor sleep, stress…) against days without it."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from bodymap.core import words
from bodymap.core.painlog import Entry, Session, local_day

T = TypeVar("T")


@dataclass(frozen=True)
class Effect:
    key: str  # a technique or muscle id
    sessions: int  # with pain rated before and after
    mean_change: float  # after - before: negative means less pain
    spread: float  # standard deviation of the change (0 with one session)
    better: int  # sessions that ended with less pain

    @property
    def summary(self) -> str:
        direction = "less" if self.mean_change < 0 else "more" if self.mean_change > 0 else "no change in"
        amount = f"{abs(self.mean_change):.1f} points " if self.mean_change else ""
        return f"{amount}{direction} pain on average; better {self.better} of {self.sessions} times"


def effects(sessions: Iterable[Session], key: Callable[[Session], str]) -> list[Effect]:
    """Per key, completed sessions rated before and after, the best helper first. A session
    stopped early or skipped through to its end says nothing about whether the technique helps."""
    counts: Counter[tuple[str, int]] = Counter()
    for s in sessions:
        if s.completed and s.pain_before is not None and s.pain_after is not None:
            counts[key(s), s.pain_after - s.pain_before] += 1
    return effects_of_counts((k, change, n) for (k, change), n in counts.items())


def effects_of_counts(counts: Iterable[tuple[str, int, int]]) -> list[Effect]:
    """The same figures from (key, change in pain, how many sessions) counts, such as the store
    sums up for a long log (PainLog.session_changes): a change is a whole number from -10 to
    10, so a few counts say all that every session would."""
    by_key: dict[str, list[tuple[int, int]]] = {}
    for k, change, n in counts:
        if n:
            by_key.setdefault(k, []).append((change, n))
    found = []
    for k, pairs in by_key.items():
        total = sum(n for _, n in pairs)
        mean = Fraction(sum(change * n for change, n in pairs), total)
        squares = sum(n * (change - mean) ** 2 for change, n in pairs)  # exact, as statistics does
        found.append(
            Effect(
                key=k,
                sessions=total,
                mean_change=float(mean),
                spread=math.sqrt(squares / (total - 1)) if total > 1 else 0.0,
                better=sum(n for change, n in pairs if change < 0),
            )
        )
    return sorted(found, key=lambda e: (e.mean_change, -e.sessions, e.key))


def by_technique(sessions: Iterable[Session]) -> list[Effect]:
    return effects(sessions, lambda s: s.technique)


def by_muscle(sessions: Iterable[Session]) -> list[Effect]:
    return effects(sessions, lambda s: s.muscle)


def personal_order(
    techniques: Iterable[T], effects: Iterable[Effect], key: Callable[[T], str]
) -> list[tuple[T, str]]:
    """Techniques with what they did for this person: those that helped (at least two rated
    sessions, half a point less pain on average, better more often than not) first, best first
    and starred; the others after, in their order."""
    known = {e.key: e for e in effects}
    helped: list[tuple[T, str]] = []
    rest: list[tuple[T, str]] = []
    for item in techniques:
        effect = known.get(key(item))
        if effect is None:
            rest.append((item, ""))
            continue
        note = f"worked for you {effect.better} of {effect.sessions} times"
        note += f" ({effect.mean_change:+.1f} on average)"
        # helped: more than once, by half a point or more, and more often than not
        if effect.sessions >= 2 and effect.mean_change <= -0.5 and 2 * effect.better >= effect.sessions:
            helped.append((item, f"★ {note}"))
        else:
            rest.append((item, note))
    helped.sort(key=lambda pair: known[key(pair[0])].mean_change)
    return helped + rest


# -- context tags: days with a tag against days without
MIN_DAYS_EACH = 3  # days with a tag and days without it before the two are compared


@dataclass(frozen=True)
class Day:
    """One local day of the log: its mean overall pain (None when nothing was rated) and every
    tag an entry of that day was saved with."""

    day: str
    pain: float | None
    tags: frozenset[str]


@dataclass(frozen=True)
class TagComparison:
    tag: str
    days_with: int  # rated days with the tag
    days_without: int  # rated days without it, since tags were first used
    mean_with: float | None
    mean_without: float | None

    @property
    def enough(self) -> bool:
        return self.days_with >= MIN_DAYS_EACH and self.days_without >= MIN_DAYS_EACH

    def summary(self, label: str) -> str:
        """One plain sentence: what went together, how many days it rests on, or what is missing."""
        if not self.enough or self.mean_with is None or self.mean_without is None:
            return (
                f"{label.capitalize()}: {words.count(self.days_with, 'day')} with it and "
                f"{self.days_without} without so far; a comparison needs at least "
                f"{MIN_DAYS_EACH} of each."
            )
        difference = self.mean_with - self.mean_without
        how = (
            "about the same as"
            if abs(difference) < 0.05
            else f"{abs(difference):.1f} points {'higher' if difference > 0 else 'lower'} than"
        )
        return (
            f"{label.capitalize()}: your pain averaged {self.mean_with:.1f}/10 on "
            f"{words.count(self.days_with, 'day')} with it and {self.mean_without:.1f}/10 on "
            f"{words.count(self.days_without, 'day')} without, {how} on days without it."
        )


class DayTally:
    """Entries gathered by the day on the person's clock, a batch at a time (a long period is
    read in pages, so a window stays responsive): each day's overall ratings, its tags."""

    def __init__(self) -> None:
        self._ratings: dict[str, list[int]] = {}
        self._tags: dict[str, set[str]] = {}

    def add(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            day = local_day(entry.at)
            self._tags.setdefault(day, set()).update(entry.tags)
            if entry.overall is not None:
                self._ratings.setdefault(day, []).append(entry.overall)

    def days(self) -> list[Day]:
        """Oldest first, each day's ratings averaged."""
        ratings = self._ratings
        return [
            Day(day, sum(ratings[day]) / len(ratings[day]) if day in ratings else None, frozenset(tags))
            for day, tags in sorted(self._tags.items())
        ]


def days_of(entries: Iterable[Entry]) -> list[Day]:
    tally = DayTally()
    tally.add(entries)
    return tally.days()


def tag_comparisons(days: Iterable[Day]) -> list[TagComparison]:
    """For each tag: the mean pain of the rated days with it and of those without it, counted
    from the first day any tag was given (before then, no tag said nothing). Those with
    enough days of each first, the widest difference first; then the others by name.
    An association in this person's log, never a cause: a bad day may bring both."""
    days = list(days)
    first = min((d.day for d in days if d.tags), default=None)
    if first is None:
        return []
    rated = [d for d in days if d.pain is not None and d.day >= first]
    found = []
    for tag in sorted({t for d in rated for t in d.tags}):
        with_it = [d.pain for d in rated if tag in d.tags and d.pain is not None]
        without = [d.pain for d in rated if tag not in d.tags and d.pain is not None]
        found.append(
            TagComparison(
                tag,
                len(with_it),
                len(without),
                sum(with_it) / len(with_it) if with_it else None,
                sum(without) / len(without) if without else None,
            )
        )

    def order(c: TagComparison) -> tuple[bool, float, str]:
        if not c.enough or c.mean_with is None or c.mean_without is None:
            return (True, 0.0, c.tag)
        return (False, -abs(c.mean_with - c.mean_without), c.tag)

    return sorted(found, key=order)
