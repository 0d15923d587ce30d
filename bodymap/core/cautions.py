"""What to read before pressing a muscle: the technique's own cautions, the cautions written
for the muscle it treats (data/muscles.yaml), and the treatment guards (data/safety.yaml),
each said once.

The same warning is often written twice, once for the muscle and once, in other words, for a
technique made for it (the scalenes' artery, the SCM's carotid). A muscle caution whose words
the texts already chosen mostly say is left out; a guard that those texts already give is
left out by `guards_for`'s own test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bodymap.core.safety import SafetyRules, guards_for
from bodymap.core.techniques import Technique

if TYPE_CHECKING:
    from bodymap.core.knowledge import Muscle

# a caution is "already said" when at least this share of its words is in what is shown
SAID_ALREADY = 0.5
_STEM = 5  # "pressing", "pressure" and "press" count as one word; so do "tingling" and "tingle"
_FILLER = frozenset(
    re.findall(
        r"\w+",
        "a an the and or of to in on at is are be it its this that these those your you if for "
        "with as by from not no can may more than into onto off any but so there here them they "
        "their out up down has have who what when which then also only one",
    )
)  # words that say nothing about what to avoid


def _words(text: str) -> set[str]:
    return {w[:_STEM] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _FILLER}


def said_already(text: str, shown: Iterable[str]) -> bool:
    """True when most of `text`'s words are already in `shown` (a different wording of the same
    warning)."""
    words = _words(text)
    if not words:
        return True
    seen: set[str] = set().union(*(_words(s) for s in shown))
    return len(words & seen) / len(words) >= SAID_ALREADY


def pressure_line(technique: Technique) -> str:
    pressure = technique.pressure
    if pressure is None:
        return ""
    line = f"Pressure: start at about {pressure.start} of 10, never above {pressure.max}."
    return f"{line} {pressure.note}".strip()


def cautions_for(
    technique: Technique, muscles: Sequence[Muscle] = (), rules: SafetyRules | None = None
) -> list[str]:
    """Everything to read before the first step, in order: the technique's cautions, its stop
    rule and pressure, then the cautions of the muscles it is used on here that say something
    new, then the guards (title and message) that nothing above already gives."""
    shown = [*technique.cautions]
    if technique.stop_rule:
        shown.append(technique.stop_rule)
    if technique.pressure is not None:
        shown.append(pressure_line(technique))
    for muscle in muscles:
        for caution in muscle.cautions:
            if not said_already(caution, shown):
                shown.append(caution)
    if rules is not None:
        # the muscle cautions chosen count as the technique's own for the guards' test
        said = replace(technique, cautions=tuple(shown))
        shown += [f"{g.title}. {g.message}" for g in guards_for(rules, said)]
    return shown


def press_test_cautions(muscle: Muscle) -> list[str]:
    """What to keep in mind while pressing this muscle to test it (Find it): its cautions."""
    return list(muscle.cautions)
