"""What the person has marked: region -> pain intensity 0-10, and how it feels there (its
qualities: burning, tingling…). Pure state, no Qt."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bodymap.core.errors import UserError
from bodymap.core.regions import RegionCatalog

DEFAULT_INTENSITY = 5
MIN_INTENSITY, MAX_INTENSITY = 0, 10
# How pain can feel, in this order everywhere (the log's painlog.QUALITIES, which a test holds
# equal: the log is imported with the first save, this module before the window shows).
QUALITIES = ("aching", "burning", "sharp", "tingling", "numb", "throbbing", "shooting")
# The ones that point to a nerve rather than a muscle (safety rules, docs/safety-format.md).
NERVE_QUALITIES = frozenset({"tingling", "numb"})


@dataclass(frozen=True)
class Mark:
    region: str
    intensity: int
    qualities: tuple[str, ...] = ()  # in QUALITIES' order, each once


def check_qualities(qualities: Iterable[str]) -> tuple[str, ...]:
    """The qualities in their one order; UserError for a word that is not one."""
    given = set(qualities)
    unknown = sorted(given - set(QUALITIES))
    if unknown:
        raise UserError(f"quality {unknown[0]!r} must be one of {', '.join(QUALITIES)}")
    return tuple(q for q in QUALITIES if q in given)


def check_intensity(value: int) -> int:
    if not MIN_INTENSITY <= value <= MAX_INTENSITY:
        raise UserError(f"intensity {value} is outside 0-10")
    return value


def parse_mark_spec(spec: str, catalog: RegionCatalog) -> list[Mark]:
    """`AREA.left=7`, `AREA.right`, `AREA=3` (both sides) -> marks, and after a colon how it
    feels there: `AREA.left=7:burning,tingling`. UserError on bad input."""
    spec, colon, felt = spec.partition(":")
    qualities = check_qualities(q.strip() for q in felt.split(",") if q.strip()) if colon else ()
    if colon and not qualities:
        raise UserError(f"no quality after ':' in {spec + colon!r}: name one of {', '.join(QUALITIES)}")
    name, sep, value = spec.partition("=")
    if sep:
        try:
            intensity = int(value.strip())
        except ValueError:
            raise UserError(f"intensity {value.strip()!r} in {spec!r} is not a whole number 0-10") from None
        check_intensity(intensity)
    else:
        intensity = DEFAULT_INTENSITY
    return [Mark(r.id, intensity, qualities) for r in catalog.resolve(name)]


def parse_mark_specs(specs: Iterable[str], catalog: RegionCatalog) -> list[Mark]:
    """Several specs; a region named twice keeps its last intensity (and qualities)."""
    merged: dict[str, Mark] = {}
    for spec in specs:
        for mark in parse_mark_spec(spec, catalog):
            merged[mark.region] = mark
    return list(merged.values())


class Marking:
    """The marked regions, in the order they were marked, with how each feels."""

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._marks: dict[str, int] = {}
        self._qualities: dict[str, tuple[str, ...]] = {}  # only regions that have some
        for mark in marks:
            self.put(mark.region, mark)

    def __iter__(self) -> Iterator[Mark]:
        return (Mark(r, i, self._qualities.get(r, ())) for r, i in self._marks.items())

    def __len__(self) -> int:
        return len(self._marks)

    def __contains__(self, region: object) -> bool:
        return region in self._marks

    def get(self, region: str) -> int | None:
        return self._marks.get(region)

    def mark(self, region: str) -> Mark | None:
        """The region's whole mark (intensity and qualities), or None when unmarked."""
        intensity = self._marks.get(region)
        return None if intensity is None else Mark(region, intensity, self._qualities.get(region, ()))

    def qualities(self, region: str) -> tuple[str, ...]:
        return self._qualities.get(region, ())

    def set(self, region: str, intensity: int | None) -> None:
        """Mark with an intensity (keeping how it feels), or unmark with None (the qualities go
        with the mark)."""
        if intensity is None:
            self._marks.pop(region, None)
            self._qualities.pop(region, None)
        else:
            self._marks[region] = check_intensity(intensity)

    def put(self, region: str, mark: Mark | None) -> None:
        """The region becomes exactly `mark` (intensity and qualities), or unmarked with None."""
        qualities = check_qualities(mark.qualities) if mark is not None else ()
        self.set(region, None if mark is None else mark.intensity)
        if qualities:
            self._qualities[region] = qualities
        else:
            self._qualities.pop(region, None)

    def snapshot(self) -> dict[str, int]:
        return dict(self._marks)
