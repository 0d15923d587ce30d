"""Self-treatment techniques: steps, timing, equipment, pressure, cautions and sources.

`data/techniques.yaml` is parsed into frozen dataclasses and checked on load the same
way as the knowledge base (see docs/techniques-format.md). Every step is timed, so a
routine can run from start to finish without a hand on the keyboard.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bodymap import resources
from bodymap.core.datacheck import ById, Checker, Source, identifier, read_yaml_file, sources
from bodymap.core.errors import DataError
from bodymap.core.prepared import Prepared

KINDS = (
    "pressure",
    "ball",
    "roller",
    "stretch",
    "acupressure",
    "breathing",
    "relaxation",
    "heat_cold",
    "exercise",
)
EQUIPMENT = (
    "fingers",
    "tennis_ball",
    "golf_ball",
    "massage_ball",
    "foam_roller",
    "doorway",
    "stick",
    "wall",
    "floor",
    "chair",
    "towel",
    "heat_pack",
    "ice_pack",
    "none",
)
POSITIONS = (
    "sitting",
    "standing",
    "kneeling",
    "lying_on_back",
    "lying_on_front",
    "lying_on_side",
    "against_wall",
)
_NO_PRESSURE_KINDS = {"breathing", "relaxation", "heat_cold", "stretch", "exercise"}
DEFAULT_READY_S = 5
DEFAULT_STROKE_S = 3
# the least time to get into position before the first hold or set of strokes: a person
# leaning on a ball against a wall needs a moment after pressing Start
POSITION_S = 5
_MAX_HOLD_S = 600
_MAX_ROUTINE_S = 3600

_KEYS = {
    "id",
    "name",
    "kind",
    "muscles",
    "summary",
    "equipment",
    "position",
    "pressure",
    "frequency",
    "stop_rule",
    "cautions",
    "steps",
    "sources",
}
_REQUIRED = _KEYS - {"pressure", "stop_rule", "cautions"}
_STEP_KEYS = {
    *("text", "cue", "seconds", "hold", "strokes", "stroke_seconds"),
    *("reps", "rest", "ready", "sides", "other_side"),
}
_TIMINGS = ("seconds", "hold", "strokes")


@dataclass(frozen=True)
class Step:
    text: str
    timing: str  # "seconds" (a timed task), "hold" (press and hold) or "strokes" (counted)
    seconds: int  # one repetition: the hold, the task, or strokes × stroke_seconds
    reps: int = 1
    rest: int = 0  # seconds between repetitions
    ready: int = DEFAULT_READY_S  # seconds to read the step before timing starts
    strokes: int = 0
    cue: str = ""
    sides: int = 1  # 2: each hold is done on one side, then the other, half the time each
    other_side: bool = False  # this step does the one before it again on the other side

    @property
    def total_seconds(self) -> int:
        return self.ready + self.seconds * self.reps + self.rest * (self.reps - 1)

    @property
    def pressing(self) -> bool:
        """A hold or strokes: the part of a routine a person gets into position for."""
        return self.timing != "seconds"


@dataclass(frozen=True)
class Pressure:
    start: int
    max: int
    note: str = ""


@dataclass(frozen=True)
class Frequency:
    text: str
    max_per_day: int | None = None
    min_days_between: float | None = None


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    kind: str
    muscles: tuple[str, ...]
    summary: str
    equipment: tuple[str, ...]
    position: tuple[str, ...]
    frequency: Frequency
    steps: tuple[Step, ...]
    sources: tuple[Source, ...]
    pressure: Pressure | None = None
    stop_rule: str = ""
    cautions: tuple[str, ...] = ()

    @property
    def total_seconds(self) -> int:
        return sum(
            step.total_seconds - step.ready + self.ready_seconds(i) for i, step in enumerate(self.steps)
        )

    def first_pressing_step(self) -> int | None:
        return next((i for i, step in enumerate(self.steps) if step.pressing), None)

    def ready_seconds(self, index: int) -> int:
        """Seconds to read a step before its timing starts: at least POSITION_S before the
        first hold or strokes, so nobody must press while still getting into position."""
        ready = self.steps[index].ready
        return max(ready, POSITION_S) if index == self.first_pressing_step() else ready

    def is_setup(self, index: int) -> bool:
        """A timed step before the first hold or strokes: getting set, not the treatment."""
        first = self.first_pressing_step()
        return first is not None and index < first


class TechniqueLibrary(ById[Technique]):
    def __init__(self, techniques: list[Technique]) -> None:
        self.techniques: dict[str, Technique] = {t.id: t for t in techniques}
        super().__init__(self.techniques)
        self._by_muscle: dict[str, list[Technique]] = {}
        for technique in techniques:
            for muscle in technique.muscles:
                self._by_muscle.setdefault(muscle, []).append(technique)

    def for_muscle(self, muscle_id: str) -> tuple[Technique, ...]:
        """The muscle's techniques, the most specific first (made for it alone), the most general last."""
        found = self._by_muscle.get(muscle_id, [])
        return tuple(sorted(found, key=lambda t: len(t.muscles)))


def _step(file: str, entry: str, index: int, raw: object) -> Step:
    check = Checker(file, f"{entry}, step #{index + 1}", raw, _STEP_KEYS, {"text"})
    given = [name for name in _TIMINGS if name in check.raw]
    if len(given) != 1:
        raise check.fail("seconds", "a step needs exactly one of seconds, hold or strokes")
    timing = given[0]
    reps = check.whole("reps", 1, 50, default=1)
    rest = check.whole("rest", 0, _MAX_HOLD_S, default=0)
    if reps > 1 and rest == 0 and timing == "hold":
        raise check.fail("rest", "a repeated hold needs a rest between holds")
    if reps == 1 and rest:
        raise check.fail("rest", "a rest only makes sense between repetitions")
    strokes = 0
    if timing == "strokes":
        strokes = check.whole("strokes", 1, 200)
        seconds = strokes * check.whole("stroke_seconds", 1, 30, default=DEFAULT_STROKE_S)
    else:
        if "stroke_seconds" in check.raw:
            raise check.fail("stroke_seconds", "only a step of strokes has a pace")
        seconds = check.whole(timing, 1, _MAX_HOLD_S)
    return Step(
        text=check.text("text"),
        timing=timing,
        seconds=seconds,
        reps=reps,
        rest=rest,
        ready=check.whole("ready", 0, 60, default=DEFAULT_READY_S),
        strokes=strokes,
        cue=check.text("cue") if "cue" in check.raw else "",
        sides=_sides(check, timing),
        other_side=_other_side(check, index),
    )


def _other_side(check: Checker, index: int) -> bool:
    value = check.raw.get("other_side", False)
    if not isinstance(value, bool):
        raise check.fail("other_side", "must be true or false")
    if value and index == 0:
        raise check.fail("other_side", "the first step has no step before it to do on the other side")
    return value


def _sides(check: Checker, timing: str) -> int:
    sides = check.whole("sides", 1, 2, default=1)
    if sides == 2 and timing != "hold":
        raise check.fail("sides", "only a hold is split between two sides")
    return sides


def _pressure(check: Checker, kind: str) -> Pressure | None:
    raw = check.raw.get("pressure")
    if raw is None:
        if kind not in _NO_PRESSURE_KINDS:
            raise check.fail("pressure", f"a {kind} technique needs pressure guidance (start and max, 0-10)")
        return None
    sub = check.nested("pressure", {"start", "max", "note"}, {"start", "max"})
    start, most = sub.whole("start", 0, 10), sub.whole("max", 0, 10)
    if start > most:
        raise sub.fail("start", "cannot be more than max")
    return Pressure(start, most, sub.text("note") if "note" in sub.raw else "")


def _frequency(check: Checker) -> Frequency:
    sub = check.nested("frequency", {"text", "max_per_day", "min_days_between"}, {"text"})
    between = sub.raw.get("min_days_between")
    if between is not None and (
        isinstance(between, bool) or not isinstance(between, int | float) or not 0 <= between <= 30
    ):
        raise sub.fail("min_days_between", "must be a number of days from 0 to 30")
    return Frequency(
        text=sub.text("text"),
        max_per_day=sub.whole("max_per_day", 1, 24) if "max_per_day" in sub.raw else None,
        min_days_between=float(between) if between is not None else None,
    )


def _technique(file: str, index: int, raw: object, muscles: set[str]) -> Technique:
    label = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
    entry = f"technique {label!r}"
    check = Checker(file, entry, raw, _KEYS, _REQUIRED)
    technique_id = identifier(check, "id")
    kind = check.text("kind")
    if kind not in KINDS:
        raise check.fail("kind", f"{kind!r} must be one of {', '.join(KINDS)}")
    treated = check.texts("muscles")
    if not treated:
        raise check.fail("muscles", "needs at least one muscle")
    for muscle in treated:
        if muscle not in muscles:
            raise check.fail("muscles", f"unknown muscle {muscle!r}")
    if len(set(treated)) != len(treated):
        raise check.fail("muscles", "a muscle is listed twice")
    raw_steps = check.items("steps")
    if not raw_steps:
        raise check.fail("steps", "needs at least one step")
    steps = tuple(_step(file, entry, i, s) for i, s in enumerate(raw_steps))
    technique = Technique(
        id=technique_id,
        name=check.text("name"),
        kind=kind,
        muscles=treated,
        summary=check.text("summary"),
        equipment=check.choices("equipment", EQUIPMENT),
        position=check.choices("position", POSITIONS),
        frequency=_frequency(check),
        steps=steps,
        sources=sources(check, file, entry, graded=True),
        pressure=_pressure(check, kind),
        stop_rule=check.text("stop_rule") if "stop_rule" in check.raw else "",
        cautions=check.texts("cautions"),
    )
    if technique.total_seconds > _MAX_ROUTINE_S:
        raise check.fail("steps", "the routine is longer than an hour")
    return technique


def parse_techniques(raw: object, file: str, muscles: set[str]) -> TechniqueLibrary:
    if not isinstance(raw, dict) or set(raw) != {"techniques"} or not isinstance(raw["techniques"], list):
        raise DataError(f"{file}: expected one top-level key 'techniques:' holding a list")
    found: list[Technique] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw["techniques"]):
        technique = _technique(file, i, entry, muscles)
        if technique.id in seen:
            raise DataError(f"{file}: technique {technique.id!r}, field 'id': used twice")
        seen.add(technique.id)
        found.append(technique)
    return TechniqueLibrary(found)


def _parse_file(path: Path, muscles: set[str]) -> TechniqueLibrary:
    return parse_techniques(read_yaml_file(path), path.name, muscles)


@cache
def load_techniques(path: Path | None = None) -> TechniqueLibrary:
    """The techniques: as prepared (parsed and checked) when bodymap was built, see
    core/prepared.py, or parsed and checked now when the file is another."""
    sources = techniques_sources(path)
    if not sources[0].is_file():
        raise DataError(f"{sources[0].name}: missing")
    return TechniqueLibrary(PREPARED_TECHNIQUES.load(sources))


def techniques_sources(path: Path | None = None) -> list[Path]:
    """The techniques file, and the muscles they are checked against."""
    return [path or resources.data_path("techniques.yaml"), resources.data_path("muscles.yaml")]


def _parse_techniques(sources: list[Path]) -> list[Technique]:
    from bodymap.core.knowledge import load_knowledge

    path, muscles_path = sources
    return list(_parse_file(path, set(load_knowledge(muscles_path).muscles)))


def _techniques_data(found: list[Technique]) -> list[dict[str, Any]]:
    return [asdict(t) for t in found]


def _from_data(rows: list[dict[str, Any]]) -> list[Technique]:
    found = []
    for row in rows:
        pressure = row["pressure"]
        found.append(
            Technique(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                muscles=tuple(row["muscles"]),
                summary=row["summary"],
                equipment=tuple(row["equipment"]),
                position=tuple(row["position"]),
                frequency=Frequency(**row["frequency"]),
                steps=tuple(Step(**step) for step in row["steps"]),
                sources=tuple(Source(**src) for src in row["sources"]),
                pressure=Pressure(**pressure) if pressure else None,
                stop_rule=row["stop_rule"],
                cautions=tuple(row["cautions"]),
            )
        )
    return found


PREPARED_TECHNIQUES = Prepared("techniques", _parse_techniques, _techniques_data, _from_data)


def main(argv: list[str]) -> int:
    """Check a techniques file against the shipped muscles (for people editing the data)."""
    from bodymap.core.knowledge import load_knowledge

    if len(argv) != 1:
        print("usage: python -m bodymap.core.techniques FILE", file=sys.stderr)
        return 2
    muscles = load_knowledge()
    try:
        library = _parse_file(Path(argv[0]), set(muscles.muscles))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    covered = {m for t in library for m in t.muscles}
    print(f"{len(library)} techniques, all valid; they treat {len(covered)} of {len(muscles)} muscles.")
    missing = [m.id for m in muscles if m.id not in covered]
    if missing:
        print("without a technique here: " + ", ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
