"""What the person has marked: region -> pain intensity 0-10. Pure state, no Qt."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bodymap.core.errors import UserError
from bodymap.core.regions import RegionCatalog

DEFAULT_INTENSITY = 5
MIN_INTENSITY, MAX_INTENSITY = 0, 10


@dataclass(frozen=True)
class Mark:
    region: str
    intensity: int


def check_intensity(value: int) -> int:
    if not MIN_INTENSITY <= value <= MAX_INTENSITY:
        raise UserError(f"intensity {value} is outside 0-10")
    return value


def parse_mark_spec(spec: str, catalog: RegionCatalog) -> list[Mark]:
    """`AREA.left=7`, `AREA.right`, `AREA=3` (both sides) -> marks. UserError on bad input."""
    name, sep, value = spec.partition("=")
    if sep:
        try:
            intensity = int(value.strip())
        except ValueError:
            raise UserError(f"intensity {value.strip()!r} in {spec!r} is not a whole number 0-10") from None
        check_intensity(intensity)
    else:
        intensity = DEFAULT_INTENSITY
    return [Mark(r.id, intensity) for r in catalog.resolve(name)]


def parse_mark_specs(specs: Iterable[str], catalog: RegionCatalog) -> list[Mark]:
    """Several specs; a region named twice keeps its last intensity."""
    merged: dict[str, int] = {}
    for spec in specs:
        for mark in parse_mark_spec(spec, catalog):
            merged[mark.region] = mark.intensity
    return [Mark(r, i) for r, i in merged.items()]


class Marking:
    """The marked regions, in the order they were marked."""

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._marks: dict[str, int] = {}
        for mark in marks:
            self.set(mark.region, mark.intensity)

    def __iter__(self) -> Iterator[Mark]:
        return (Mark(r, i) for r, i in self._marks.items())

    def __len__(self) -> int:
        return len(self._marks)

    def __contains__(self, region: object) -> bool:
        return region in self._marks

    def get(self, region: str) -> int | None:
        return self._marks.get(region)

    def set(self, region: str, intensity: int | None) -> None:
        """Mark with an intensity, or unmark with None."""
        if intensity is None:
            self._marks.pop(region, None)
        else:
            self._marks[region] = check_intensity(intensity)

    def snapshot(self) -> dict[str, int]:
        return dict(self._marks)
