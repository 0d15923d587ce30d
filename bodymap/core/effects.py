"""What helps me: the change in pain around each treatment, per technique and per muscle."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from bodymap.core.painlog import Session

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
