"""The trigger-point knowledge base: muscles, their trigger points and referral zones.

`data/muscles.yaml` is parsed into frozen dataclasses. Everything is checked on
load: unknown keys, unknown areas, duplicate ids, dangling "also check" links,
missing sources. An error names the file, the entry and the field.

Each trigger point is placed on the map where the fingers go: a point on each side
inside its muscle's drawn shape (`id="m-MUSCLE.SIDE"` in assets/bodymap.svg) and
inside the region of its area. The data may give the point (`at`, the person's left
side; the right is its mirror image); otherwise it is the point deepest inside both
shapes, kept apart from the muscle's other points there. Either way it is checked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from bodymap import resources
from bodymap.core.datacheck import ById, Checker, Source, identifier, read_yaml_file, sources
from bodymap.core.errors import DataError
from bodymap.core.geometry import BodyGeometry, Point, Shape, inner_point, load_geometry
from bodymap.core.marking import QUALITIES
from bodymap.core.prepared import Prepared
from bodymap.core.regions import SIDES, Area, Side, View, load_catalog

ZoneKind = Literal["essential", "spillover"]
ZoneSide = Literal["same", "opposite", "both"]
Prevalence = Literal["common", "occasional", "rare"]
PrevalenceBasis = Literal["data", "opinion"]

_MUSCLE_KEYS = {
    "id",
    "name",
    "also_known_as",
    "description",
    "prevalence",
    "prevalence_note",
    "prevalence_basis",
    "feels",
    "felt",
    "trigger_points",
    "also_check",
    "cautions",
    "sources",
}
_REQUIRED_MUSCLE_KEYS = {"id", "name", "description", "trigger_points", "sources"}
_TP_KEYS = {"id", "label", "area", "find", "refers", "at"}
_REQUIRED_TP_KEYS = _TP_KEYS - {"at"}
_PREVALENCE = ("common", "occasional", "rare")
_PREVALENCE_BASIS = ("data", "opinion")


@dataclass(frozen=True)
class ReferralZone:
    area: str
    kind: ZoneKind
    side: ZoneSide = "same"  # relative to the trigger point's side


@dataclass(frozen=True)
class Placement:
    """Where a trigger point is drawn: its view and one point on each side, in the
    coordinates of assets/bodymap.svg after its transforms."""

    view: View
    left: Point
    right: Point

    def on(self, side: Side) -> Point:
        return self.left if side == "left" else self.right


@dataclass(frozen=True)
class TriggerPoint:
    id: str
    label: str
    area: str  # where it lies
    find: str  # how to find it by touch
    zones: tuple[ReferralZone, ...]
    given_at: Point | None = None  # the data's own point for the left side, if it gives one
    placement: Placement | None = None  # set when the knowledge base is loaded with the map

    def at(self, side: Side) -> Point:
        if self.placement is None:
            raise LookupError(f"trigger point {self.id!r} was not placed on the map")
        return self.placement.on(side)


@dataclass(frozen=True)
class AlsoCheck:
    muscle: str
    why: str


@dataclass(frozen=True)
class Felt:
    """A quality a source gives this muscle's referred symptoms in some areas (burning between
    the shoulder blades from the middle trapezius): a mark there that feels so counts a little
    more for the muscle (docs/referral-model.md)."""

    quality: str  # one of marking.QUALITIES
    areas: tuple[str, ...]  # where the source describes it
    source: str  # the url of one of the muscle's sources, graded A or B
    grade: str  # that source's grade


# Only what a Travell & Simons-derived page, clinical text or a named practitioner restating
# them says moves the ranking; a C page alone does not.
_FELT_GRADES = ("A", "B")


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    description: str
    trigger_points: tuple[TriggerPoint, ...]
    sources: tuple[Source, ...]
    also_known_as: tuple[str, ...] = ()
    prevalence: Prevalence | None = None
    prevalence_note: str = ""
    # whether the prevalence rests on measured data (a study) or on an author's impression
    prevalence_basis: PrevalenceBasis | None = None
    feels: str = ""  # what its referred pain is usually like, in plain words
    felt: tuple[Felt, ...] = ()  # qualities its sources give its symptoms, where
    also_check: tuple[AlsoCheck, ...] = ()
    cautions: tuple[str, ...] = ()


class KnowledgeBase(ById[Muscle]):
    def __init__(self, muscles: list[Muscle], areas: dict[str, Area]) -> None:
        self.muscles: dict[str, Muscle] = {m.id: m for m in muscles}
        super().__init__(self.muscles)
        self.areas = areas


def _zones(check: Checker, areas: dict[str, Area]) -> tuple[ReferralZone, ...]:
    refers = check.raw.get("refers")
    if not isinstance(refers, dict) or not refers:
        raise check.fail("refers", "must map 'essential' and/or 'spillover' to lists of areas")
    unknown = sorted(set(refers) - {"essential", "spillover"}, key=str)
    if unknown:
        raise check.fail("refers", f"unknown zone kind {unknown[0]!r}")
    zones: list[ReferralZone] = []
    seen: set[tuple[str, str]] = set()
    for kind in ("essential", "spillover"):
        entries = refers.get(kind) or []
        if not isinstance(entries, list):
            raise check.fail("refers", f"'{kind}' must be a list of areas")
        for entry in entries:
            side: str = "same"
            if isinstance(entry, dict):
                if set(entry) - {"area", "side"} or "area" not in entry:
                    raise check.fail("refers", f"a {kind} zone must be an area or {{area: …, side: …}}")
                area, side = entry["area"], entry.get("side", "same")
            else:
                area = entry
            if not isinstance(area, str) or area not in areas:
                raise check.fail("refers", f"unknown area {area!r} in {kind}")
            if not isinstance(side, str) or side not in ("same", "opposite", "both"):
                raise check.fail("refers", f"side {side!r} of {area!r} must be same, opposite or both")
            if (area, side) in seen:
                raise check.fail("refers", f"area {area!r} is listed twice")
            seen.add((area, side))
            zones.append(ReferralZone(area, kind, cast(ZoneSide, side)))
    if not any(z.kind == "essential" for z in zones):
        raise check.fail("refers", "needs at least one essential zone")
    return tuple(zones)


def _given_at(check: Checker) -> Point | None:
    raw = check.raw.get("at")
    if raw is None:
        return None
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw)
    ):
        raise check.fail("at", "must be [x, y]: the point on the left side, in the map's coordinates")
    return (float(raw[0]), float(raw[1]))


def _muscle(file: str, index: int, raw: object, areas: dict[str, Area], tp_ids: set[str]) -> Muscle:
    label = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
    check = Checker(file, f"muscle {label!r}", raw, _MUSCLE_KEYS, _REQUIRED_MUSCLE_KEYS)
    muscle_id = identifier(check, "id")
    prevalence = check.raw.get("prevalence")
    if prevalence is not None and prevalence not in _PREVALENCE:
        raise check.fail("prevalence", f"{prevalence!r} must be one of {', '.join(_PREVALENCE)}")
    basis = check.raw.get("prevalence_basis")
    if basis is not None and basis not in _PREVALENCE_BASIS:
        raise check.fail("prevalence_basis", f"{basis!r} must be one of {', '.join(_PREVALENCE_BASIS)}")
    points: list[TriggerPoint] = []
    raw_points = check.items("trigger_points")
    if not raw_points:
        raise check.fail("trigger_points", "needs at least one trigger point")
    for i, raw_tp in enumerate(raw_points):
        tp_label = raw_tp.get("id", f"#{i + 1}") if isinstance(raw_tp, dict) else f"#{i + 1}"
        tp = Checker(
            file, f"muscle {muscle_id!r}, trigger point {tp_label!r}", raw_tp, _TP_KEYS, _REQUIRED_TP_KEYS
        )
        tp_id = identifier(tp, "id")
        if not tp_id.startswith(muscle_id):
            raise tp.fail("id", f"must start with the muscle id {muscle_id!r}")
        if tp_id in tp_ids:
            raise tp.fail("id", f"{tp_id!r} is used twice")
        tp_ids.add(tp_id)
        area = tp.text("area")
        if area not in areas:
            raise tp.fail("area", f"unknown area {area!r}")
        points.append(
            TriggerPoint(tp_id, tp.text("label"), area, tp.text("find"), _zones(tp, areas), _given_at(tp))
        )
    links = []
    for i, raw_link in enumerate(check.items("also_check")):
        link = Checker(
            file, f"muscle {muscle_id!r}, also_check #{i + 1}", raw_link, {"muscle", "why"}, {"muscle", "why"}
        )
        links.append(AlsoCheck(identifier(link, "muscle"), link.text("why")))
    found_sources = sources(check, file, f"muscle {muscle_id!r}", graded=True)
    felt = _felt(file, muscle_id, check, areas, found_sources)
    return Muscle(
        id=muscle_id,
        name=check.text("name"),
        description=check.text("description"),
        trigger_points=tuple(points),
        sources=found_sources,
        also_known_as=check.texts("also_known_as"),
        prevalence=cast("Prevalence | None", prevalence),
        prevalence_note=check.text("prevalence_note") if check.raw.get("prevalence_note") else "",
        prevalence_basis=cast("PrevalenceBasis | None", basis),
        feels=check.text("feels") if "feels" in check.raw else "",
        felt=felt,
        also_check=tuple(links),
        cautions=check.texts("cautions"),
    )


def _felt(
    file: str, muscle_id: str, check: Checker, areas: dict[str, Area], found: tuple[Source, ...]
) -> tuple[Felt, ...]:
    grades = {s.url: s.grade for s in found}
    felt = []
    keys = {"quality", "areas", "source"}
    for i, raw in enumerate(check.items("felt")):
        entry = Checker(file, f"muscle {muscle_id!r}, felt #{i + 1}", raw, keys, keys)
        quality = entry.text("quality")
        if quality not in QUALITIES:
            raise entry.fail("quality", f"{quality!r} must be one of {', '.join(QUALITIES)}")
        named = entry.texts("areas")
        if not named:
            raise entry.fail("areas", "name the areas where the source describes it")
        for area in named:
            if area not in areas:
                raise entry.fail("areas", f"unknown area {area!r}")
        url = entry.text("source")
        if url not in grades:
            raise entry.fail("source", f"{url!r} is not one of the muscle's sources")
        if grades[url] not in _FELT_GRADES:
            raise entry.fail("source", f"a grade {grades[url]} source alone cannot say how it feels")
        felt.append(Felt(quality, named, url, grades[url]))
    return tuple(felt)


def parse_knowledge(raw: object, file: str, areas: dict[str, Area]) -> KnowledgeBase:
    if not isinstance(raw, dict) or set(raw) != {"muscles"} or not isinstance(raw["muscles"], list):
        raise DataError(f"{file}: expected one top-level key 'muscles:' holding a list")
    muscles: list[Muscle] = []
    seen: set[str] = set()
    tp_ids: set[str] = set()
    for i, entry in enumerate(raw["muscles"]):
        muscle = _muscle(file, i, entry, areas, tp_ids)
        if muscle.id in seen:
            raise DataError(f"{file}: muscle {muscle.id!r}, field 'id': used twice")
        seen.add(muscle.id)
        muscles.append(muscle)
    for muscle in muscles:
        for link in muscle.also_check:
            if link.muscle not in seen:
                raise DataError(
                    f"{file}: muscle {muscle.id!r}, field 'also_check': unknown muscle {link.muscle!r}"
                )
    return KnowledgeBase(muscles, areas)


def place_trigger_points(muscles: list[Muscle], geometry: BodyGeometry, file: str) -> list[Muscle]:
    """The muscles with every trigger point placed on the map (see the module's notes).

    A muscle drawn on one view only (the deltoid on the front) has no shape on the other:
    a trigger point of its on that view (the back of the shoulder) lies in its region only.
    """
    placed = []
    for muscle in muscles:
        taken: dict[View, list[Point]] = {}
        points = []
        for tp in muscle.trigger_points:
            where = f"{file}: muscle {muscle.id!r}, trigger point {tp.id!r}"
            placement = _place(muscle.id, tp, geometry, taken, where)
            taken.setdefault(placement.view, []).append(placement.left)
            points.append(replace(tp, placement=placement))
        placed.append(replace(muscle, trigger_points=tuple(points)))
    return placed


def placement_shapes(geometry: BodyGeometry, muscle: str, area: str, side: Side) -> dict[str, Shape]:
    """What a trigger point of `muscle` in `area` must lie inside on `side`, by the SVG id:
    its region, and the muscle's drawn shape when the muscle is drawn on the region's view."""
    region = f"{area}.{side}"
    shapes = {region: geometry.regions[region]}
    key = f"{muscle}.{side}"
    drawn = geometry.muscle_on(key, geometry.region_views[region])
    if drawn is not None:
        shapes[f"m-{key}"] = drawn
    return shapes


def _place(
    muscle: str, tp: TriggerPoint, geometry: BodyGeometry, taken: dict[View, list[Point]], where: str
) -> Placement:
    if f"{tp.area}.left" not in geometry.regions or f"{tp.area}.right" not in geometry.regions:
        raise DataError(f"{where}, field 'area': the map has no region {tp.area!r} on both sides")
    view = geometry.region_views[f"{tp.area}.left"]
    shapes = {side: placement_shapes(geometry, muscle, tp.area, side) for side in SIDES}
    mid = geometry.midline(view)
    if tp.given_at is not None:
        left = tp.given_at
        field = "at"
    else:
        found = inner_point(list(shapes["left"].values()), taken.get(view, ()))
        if found is None:
            raise DataError(
                f"{where}, field 'area': {' and '.join(shapes['left'])} do not overlap on the {view} view"
                " (redraw the muscle in assets/bodymap.svg, or pick the area it lies in)"
            )
        left = (round(found[0], 2), round(found[1], 2))
        field = "area"
    right = (round(2 * mid - left[0], 2), left[1])
    ends: tuple[tuple[Side, Point], ...] = (("left", left), ("right", right))
    for side, point in ends:
        outside = [name for name, shape in shapes[side].items() if not shape.contains(*point)]
        if outside:
            raise DataError(
                f"{where}, field {field!r}: ({point[0]:g}, {point[1]:g}) on the {side} side"
                f" lies outside {' and '.join(outside)}"
            )
    return Placement(view, left, right)


@cache
def load_knowledge(
    path: Path | None = None, areas_path: Path | None = None, svg_path: Path | None = None
) -> KnowledgeBase:
    """The knowledge base: as prepared (parsed, checked and placed on the map) when bodymap
    was built, see core/prepared.py, or parsed, checked and placed now when the files are others."""
    sources = muscles_sources(path, areas_path, svg_path)
    if not sources[0].is_file():
        raise DataError(f"{sources[0].name}: missing")
    areas = load_catalog(None, sources[1]).areas
    return KnowledgeBase(PREPARED_MUSCLES.load(sources), areas)


def muscles_sources(
    path: Path | None = None, areas_path: Path | None = None, svg_path: Path | None = None
) -> list[Path]:
    return [
        path or resources.data_path("muscles.yaml"),
        areas_path or resources.data_path("areas.yaml"),
        svg_path or resources.asset_path("bodymap.svg"),
    ]


def _parse_muscles(sources: list[Path]) -> list[Muscle]:
    path, areas_path, svg_path = sources
    muscles = list(_parse_file(path, load_catalog(None, areas_path).areas))
    return place_trigger_points(muscles, load_geometry(svg_path), path.name)


def _parse_file(path: Path, areas: dict[str, Area]) -> KnowledgeBase:
    return parse_knowledge(read_yaml_file(path), path.name, areas)


def _muscles_data(muscles: list[Muscle]) -> list[dict[str, Any]]:
    return [asdict(m) for m in muscles]


def _muscles_from_data(rows: list[dict[str, Any]]) -> list[Muscle]:
    muscles = []
    for row in rows:
        points = tuple(
            TriggerPoint(
                tp["id"],
                tp["label"],
                tp["area"],
                tp["find"],
                tuple(ReferralZone(z["area"], z["kind"], z["side"]) for z in tp["zones"]),
                _point(tp["given_at"]),
                None if tp["placement"] is None else _placement(tp["placement"]),
            )
            for tp in row["trigger_points"]
        )
        muscles.append(
            Muscle(
                id=row["id"],
                name=row["name"],
                description=row["description"],
                trigger_points=points,
                sources=tuple(Source(**src) for src in row["sources"]),
                also_known_as=tuple(row["also_known_as"]),
                prevalence=row["prevalence"],
                prevalence_note=row["prevalence_note"],
                prevalence_basis=row["prevalence_basis"],
                feels=row["feels"],
                felt=tuple(
                    Felt(f["quality"], tuple(f["areas"]), f["source"], f["grade"]) for f in row["felt"]
                ),
                also_check=tuple(AlsoCheck(**link) for link in row["also_check"]),
                cautions=tuple(row["cautions"]),
            )
        )
    return muscles


def _point(data: list[float] | None) -> Point | None:
    return None if data is None else (float(data[0]), float(data[1]))


def _placement(data: dict[str, Any]) -> Placement:
    left, right = _point(data["left"]), _point(data["right"])
    assert left is not None and right is not None
    return Placement(data["view"], left, right)


PREPARED_MUSCLES = Prepared("muscles", _parse_muscles, _muscles_data, _muscles_from_data)
