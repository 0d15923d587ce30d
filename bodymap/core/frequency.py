"""How often, per area: for a body area, the muscles that most often send pain there, in order.

`data/frequency.yaml` records, for each area a published symptom guide covers, the guide's
muscles most frequent first, with the guide as its source and a grade (A: derived from Travell &
Simons or a clinical study; B: practitioner corroboration). It is parsed into frozen dataclasses
and checked on load: unknown keys, unknown areas and muscles, an area listed twice, a muscle
listed twice in one area. Every error names the file, the entry and the field. `unreachable()`
names the (area, muscle) pairs that the knowledge base cannot return: a muscle with no referral
zone in that area. Data and checks only: the ranking does not read this file (yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from bodymap import resources
from bodymap.core.datacheck import ById, Checker, Source, identifier, read_yaml_file, sources
from bodymap.core.errors import DataError

if TYPE_CHECKING:
    from bodymap.core.knowledge import KnowledgeBase

Grade = Literal["A", "B"]
GRADES: tuple[Grade, ...] = ("A", "B")
_KEYS = {"area", "muscles", "grade", "sources", "note"}
_REQUIRED = {"area", "muscles", "grade", "sources"}


@dataclass(frozen=True)
class AreaFrequency:
    area: str
    muscles: tuple[str, ...]  # most frequent first
    grade: Grade
    sources: tuple[Source, ...]
    note: str = ""


class FrequencyGuide(ById[AreaFrequency]):
    """The frequency lists by area id, in file order."""

    def __init__(self, entries: list[AreaFrequency]) -> None:
        self.areas: dict[str, AreaFrequency] = {e.area: e for e in entries}
        super().__init__(self.areas)

    def pairs(self) -> list[tuple[str, str]]:
        """Every (area, muscle) pair a list names, in file order."""
        return [(entry.area, muscle) for entry in self for muscle in entry.muscles]


def _entry(file: str, index: int, raw: object, areas: set[str], muscles: set[str]) -> AreaFrequency:
    label = raw.get("area", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
    check = Checker(file, f"area {label!r}", raw, _KEYS, _REQUIRED)
    area = identifier(check, "area")
    if area not in areas:
        raise check.fail("area", f"unknown area {area!r}")
    listed = check.texts("muscles")
    if not listed:
        raise check.fail("muscles", "needs at least one muscle")
    seen: set[str] = set()
    for muscle in listed:
        if muscle not in muscles:
            raise check.fail("muscles", f"unknown muscle {muscle!r}")
        if muscle in seen:
            raise check.fail("muscles", f"{muscle!r} is listed twice")
        seen.add(muscle)
    grade = check.raw.get("grade")
    if grade not in GRADES:
        raise check.fail("grade", f"{grade!r} must be one of {', '.join(GRADES)}")
    note = check.text("note") if check.raw.get("note") is not None else ""
    return AreaFrequency(
        area=area,
        muscles=listed,
        grade=cast(Grade, grade),
        sources=sources(check, file, f"area {area!r}", graded=True),
        note=note,
    )


def parse_frequency(raw: object, file: str, areas: set[str], muscles: set[str]) -> FrequencyGuide:
    if not isinstance(raw, dict) or set(raw) != {"areas"} or not isinstance(raw["areas"], list):
        raise DataError(f"{file}: expected one top-level key 'areas:' holding a list")
    entries: list[AreaFrequency] = []
    for i, item in enumerate(raw["areas"]):
        entry = _entry(file, i, item, areas, muscles)
        if any(e.area == entry.area for e in entries):
            raise DataError(f"{file}: area {entry.area!r}, field 'area': listed twice")
        entries.append(entry)
    return FrequencyGuide(entries)


def load_frequency(
    path: Path | None = None, knowledge: KnowledgeBase | None = None, areas_path: Path | None = None
) -> FrequencyGuide:
    """data/frequency.yaml, checked against the areas and the muscles of the knowledge base."""
    from bodymap.core.knowledge import load_knowledge
    from bodymap.core.regions import load_catalog

    path = path or resources.data_path("frequency.yaml")
    if not path.is_file():
        raise DataError(f"{path.name}: missing")
    kb = knowledge if knowledge is not None else load_knowledge()
    area_ids = set(load_catalog(None, areas_path).areas) if areas_path else set(kb.areas)
    return parse_frequency(read_yaml_file(path), path.name, area_ids, {m.id for m in kb})


def unreachable(guide: FrequencyGuide, knowledge: KnowledgeBase) -> list[tuple[str, str]]:
    """The (area, muscle) pairs the guide names whose muscle has no referral zone in that area
    (on either side, essential or spillover): the ranking could never return them."""
    zones = {m.id: {z.area for tp in m.trigger_points for z in tp.zones} for m in knowledge}
    return [(area, muscle) for area, muscle in guide.pairs() if area not in zones.get(muscle, set())]
