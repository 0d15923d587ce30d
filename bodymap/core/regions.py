"""Body-map regions: which exist, what they are called, and how people name them.

The catalog comes from two files that must agree: `assets/bodymap.svg` (one
path per region, `id="AREA.SIDE"`, inside a `<g id="front">` or `<g id="back">`)
and `data/areas.yaml` (the area's label, view and everyday words). Reading the
catalog parses only the SVG's structure, not its geometry, so the command line
stays fast; geometry lives in `bodymap.core.geometry`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from bodymap import resources
from bodymap.core.errors import DataError, UserError
from bodymap.core.prepared import Prepared

View = Literal["front", "back"]
Side = Literal["left", "right"]
VIEWS: tuple[View, ...] = ("front", "back")
SIDES: tuple[Side, ...] = ("left", "right")

_REGION_ID = re.compile(r"^([a-z][a-z0-9_]*)\.(left|right)$")
_SVG_NS = "{http://www.w3.org/2000/svg}"
_AREA_KEYS = {"view", "label", "also", "required"}


@dataclass(frozen=True)
class Area:
    id: str
    view: View
    label: str
    also: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class RegionInfo:
    """One clickable region: an area on one side of the body."""

    id: str
    area: str
    side: Side
    view: View
    label: str  # "Between shoulder blade and spine — left"
    keywords: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """Whether every word of `text` appears in the label, the id or the everyday words."""
        haystack = " ".join((self.label, self.id.replace("_", " "), *self.keywords)).lower()
        return all(word in haystack for word in text.lower().split())


def region_label(area: Area, side: Side) -> str:
    return f"{area.label} — {side}"


def load_areas(path: Path | None = None) -> dict[str, Area]:
    from bodymap.core.yamlio import load_yaml

    path = path or resources.data_path("areas.yaml")
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("areas"), dict):
        raise DataError(f"{path.name}: expected a mapping 'areas:' of area id to its description")
    areas: dict[str, Area] = {}
    for area_id, entry in raw["areas"].items():
        where = f"{path.name}: area {area_id!r}"
        if not isinstance(area_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", area_id):
            raise DataError(f"{where}: the id must be snake_case")
        if not isinstance(entry, dict):
            raise DataError(f"{where}: expected a mapping")
        unknown = set(entry) - _AREA_KEYS
        if unknown:
            raise DataError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        view = entry.get("view")
        if view not in VIEWS:
            raise DataError(f"{where}, field 'view': must be 'front' or 'back'")
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            raise DataError(f"{where}, field 'label': must be a non-empty string")
        also = entry.get("also", [])
        if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
            raise DataError(f"{where}, field 'also': must be a list of words")
        required = entry.get("required", False)
        if not isinstance(required, bool):
            raise DataError(f"{where}, field 'required': must be true or false")
        areas[area_id] = Area(area_id, cast(View, view), label.strip(), tuple(also), required)
    return areas


class RegionCatalog:
    """Every region of the map, in body order (front then back, head to foot)."""

    def __init__(self, areas: dict[str, Area], regions: list[RegionInfo]) -> None:
        self.areas = areas
        self.regions: dict[str, RegionInfo] = {r.id: r for r in regions}

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.regions.values())

    def __len__(self) -> int:
        return len(self.regions)

    def __contains__(self, region_id: object) -> bool:
        return region_id in self.regions

    def __getitem__(self, region_id: str) -> RegionInfo:
        return self.regions[region_id]

    def in_view(self, view: View) -> list[RegionInfo]:
        return [r for r in self.regions.values() if r.view == view]

    def resolve(self, name: str) -> list[RegionInfo]:
        """`AREA.left`, `AREA.right`, or `AREA` (both sides) -> regions.

        Raises UserError naming the closest known names when `name` is unknown.
        """
        name = name.strip()
        if name in self.regions:
            return [self.regions[name]]
        if name in self.areas:
            return [self.regions[f"{name}.{side}"] for side in SIDES if f"{name}.{side}" in self.regions]
        import difflib

        known = list(self.areas) + list(self.regions)
        close = difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.6)
        if not close:
            close = [k for k in self.areas if name.lower().split(".")[0] in k][:3]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `bodymap regions` lists them all"
        raise UserError(f"unknown region {name!r}{hint}")

    def search(self, text: str) -> list[RegionInfo]:
        return [r for r in self.regions.values() if r.matches(text)]


def _svg_region_views(svg_path: Path) -> list[tuple[str, View]]:
    """(region id, view) for every region path in the SVG, in document order."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(svg_path).getroot()
    except ET.ParseError as exc:
        raise DataError(f"{svg_path.name}: not a readable SVG ({exc})") from exc
    found: list[tuple[str, View]] = []
    for view in VIEWS:
        group = next((g for g in root.iter(f"{_SVG_NS}g") if g.get("id") == view), None)
        if group is None:
            raise DataError(f'{svg_path.name}: no <g id="{view}"> group')
        for element in group.iter():
            element_id = element.get("id", "")
            if _REGION_ID.match(element_id):
                found.append((element_id, view))
    return found


@cache
def load_catalog(svg_path: Path | None = None, areas_path: Path | None = None) -> RegionCatalog:
    """The catalog of the map: as prepared when bodymap was built (see core/prepared.py),
    or parsed from the given files when they are others."""
    return PREPARED_CATALOG.load(catalog_sources(svg_path, areas_path))


def catalog_sources(svg_path: Path | None = None, areas_path: Path | None = None) -> list[Path]:
    return [svg_path or resources.asset_path("bodymap.svg"), areas_path or resources.data_path("areas.yaml")]


def _catalog_data(catalog: RegionCatalog) -> dict[str, list[dict[str, object]]]:
    return {"areas": [asdict(a) for a in catalog.areas.values()], "regions": [asdict(r) for r in catalog]}


def _catalog_from_data(data: dict[str, list[dict[str, Any]]]) -> RegionCatalog:
    areas = [Area(**{**a, "also": tuple(a["also"])}) for a in data["areas"]]
    regions = [RegionInfo(**{**r, "keywords": tuple(r["keywords"])}) for r in data["regions"]]
    return RegionCatalog({a.id: a for a in areas}, regions)


def _parse_catalog(svg_path: Path, areas_path: Path) -> RegionCatalog:
    areas = load_areas(areas_path)
    regions: list[RegionInfo] = []
    seen: set[str] = set()
    for region_id, view in _svg_region_views(svg_path):
        match = _REGION_ID.match(region_id)
        assert match is not None
        area_id, side = match.group(1), cast(Side, match.group(2))
        if region_id in seen:
            raise DataError(f"{svg_path.name}: region {region_id!r} appears twice")
        seen.add(region_id)
        area = areas.get(area_id)
        if area is None:
            raise DataError(f"{svg_path.name}: region {region_id!r} has no area {area_id!r} in areas.yaml")
        if area.view != view:
            raise DataError(
                f"{svg_path.name}: region {region_id!r} is in the {view} view, areas.yaml says {area.view}"
            )
        regions.append(RegionInfo(region_id, area_id, side, view, region_label(area, side), area.also))
    for area in areas.values():
        for side in SIDES:
            if f"{area.id}.{side}" not in seen:
                raise DataError(f"{svg_path.name}: area {area.id!r} has no {side} region")
    # Body order: areas.yaml runs head to foot within each view.
    order = {area_id: i for i, area_id in enumerate(areas)}
    regions.sort(key=lambda r: (VIEWS.index(r.view), order[r.area], SIDES.index(r.side)))
    return RegionCatalog(areas, regions)


PREPARED_CATALOG = Prepared(
    "catalog", lambda sources: _parse_catalog(sources[0], sources[1]), _catalog_data, _catalog_from_data
)
