"""Body-map geometry from the SVG: region shapes, outlines, landmarks, hit-testing.

svgelements does the SVG parsing (path syntax, arcs, transforms an editor may
add); this module turns its segments into two plain forms: drawing commands
(moves, lines and cubic Béziers, which the UI turns into painter paths) and
flattened polygons (for hit-testing and centres, without Qt).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap import resources
from bodymap.core.errors import DataError
from bodymap.core.prepared import Prepared
from bodymap.core.regions import _REGION_ID, VIEWS, View

if TYPE_CHECKING:
    import svgelements as se

Point = tuple[float, float]
# ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)
Command = tuple[object, ...]
Rect = tuple[float, float, float, float]  # x, y, width, height

_CURVE_STEPS = 10  # flattening: enough for sub-unit error at the map's curvature


@dataclass(frozen=True)
class Shape:
    """A path as drawing commands; its flattened rings and bounds are worked out
    on first use (the window draws from the commands and never needs them)."""

    commands: tuple[Command, ...]

    @cached_property
    def rings(self) -> tuple[tuple[Point, ...], ...]:
        return _flatten(self.commands)

    @cached_property
    def bounds(self) -> Rect:
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def contains(self, x: float, y: float) -> bool:
        """Even-odd point-in-polygon over all rings (holes work)."""
        bx, by, bw, bh = self.bounds
        if not (bx <= x <= bx + bw and by <= y <= by + bh):
            return False
        inside = False
        for ring in self.rings:
            n = len(ring)
            for i in range(n):
                x1, y1 = ring[i]
                x2, y2 = ring[(i + 1) % n]
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside

    @cached_property
    def edges(self) -> tuple[tuple[float, float, float, float], ...]:
        """Every edge of every ring as (x1, y1, x2, y2)."""
        return tuple(
            (*ring[i], *ring[(i + 1) % len(ring)])
            for ring in self.rings
            if len(ring) >= 2
            for i in range(len(ring))
        )

    def signed_distance(self, x: float, y: float) -> float:
        """Distance to the nearest edge: positive inside the shape, negative outside."""
        best = math.inf
        for x1, y1, x2, y2 in self.edges:
            dx, dy = x2 - x1, y2 - y1
            length2 = dx * dx + dy * dy
            t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
            best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
        return best if self.contains(x, y) else -best

    @property
    def area(self) -> float:
        total = 0.0
        for ring in self.rings:
            total += abs(_signed_area(ring))
        return total

    def centre(self) -> Point:
        """A point inside the shape near its middle: the centroid when it is inside,
        else the middle of the widest horizontal run through the centroid's height."""
        ring = max(self.rings, key=lambda r: abs(_signed_area(r)))
        cx, cy = _centroid(ring)
        if self.contains(cx, cy):
            return (cx, cy)
        _, by, _, bh = self.bounds
        best: tuple[float, Point] = (-1.0, (cx, cy))
        for k in range(1, 20):
            y = by + bh * k / 20
            for x0, x1 in self._runs(y):
                if x1 - x0 > best[0]:
                    best = (x1 - x0, ((x0 + x1) / 2, y))
        return best[1]

    def _runs(self, y: float) -> list[tuple[float, float]]:
        xs: list[float] = []
        for ring in self.rings:
            n = len(ring)
            for i in range(n):
                (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
                if (y1 > y) != (y2 > y):
                    xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        return list(zip(xs[0::2], xs[1::2], strict=False))


def inner_point(
    shapes: Sequence[Shape], keep_from: Sequence[Point] = (), precision: float = 0.1
) -> Point | None:
    """A point inside every one of `shapes`, as deep inside their common part as can be: the
    pole of inaccessibility of their intersection (polylabel: a best-first search over
    ever smaller square cells; the distance to the nearest edge changes no faster than the
    distance moved, which bounds what a cell can hold). Points in `keep_from` count as
    edges at half their distance, so a second point of the same part keeps apart from the
    first. None when the shapes do not overlap.
    """
    boxes = [s.bounds for s in shapes]
    x0 = max(b[0] for b in boxes)
    y0 = max(b[1] for b in boxes)
    x1 = min(b[0] + b[2] for b in boxes)
    y1 = min(b[1] + b[3] for b in boxes)
    if x1 <= x0 or y1 <= y0:
        return None

    def depth(x: float, y: float) -> float:
        inside = min(s.signed_distance(x, y) for s in shapes)
        apart = min((math.hypot(x - px, y - py) / 2 for px, py in keep_from), default=math.inf)
        return min(inside, apart)

    half = min(x1 - x0, y1 - y0) / 2
    cells: list[tuple[float, float, float, float, float]] = []  # (-potential, depth, x, y, half)

    def push(x: float, y: float, h: float) -> None:
        d = depth(x, y)
        heapq.heappush(cells, (-(d + h * math.sqrt(2)), d, x, y, h))

    y = y0 + half
    while y - half < y1:
        x = x0 + half
        while x - half < x1:
            push(x, y, half)
            x += 2 * half
        y += 2 * half
    best_depth, best = -math.inf, (x0, y0)
    while cells:
        neg_potential, d, x, y, h = heapq.heappop(cells)
        if d > best_depth:
            best_depth, best = d, (x, y)
        if -neg_potential - best_depth <= precision:
            continue
        h /= 2
        for dx in (-h, h):
            for dy in (-h, h):
                push(x + dx, y + dy, h)
    return best if best_depth > 0 else None


def _signed_area(ring: tuple[Point, ...]) -> float:
    return 0.5 * sum(
        ring[i][0] * ring[(i + 1) % len(ring)][1] - ring[(i + 1) % len(ring)][0] * ring[i][1]
        for i in range(len(ring))
    )


def _centroid(ring: tuple[Point, ...]) -> Point:
    a = _signed_area(ring)
    if abs(a) < 1e-9:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    cx = cy = 0.0
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % len(ring)]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return (cx / (6 * a), cy / (6 * a))


def _flatten(commands: tuple[Command, ...]) -> tuple[tuple[Point, ...], ...]:
    """Point runs, one per subpath: lines as they are, curves sampled."""
    runs: list[tuple[Point, ...]] = []
    run: list[Point] = []
    for cmd in commands:
        op = cmd[0]
        if op == "M":
            if run:
                runs.append(tuple(run))
            run = [(float(cmd[1]), float(cmd[2]))]  # type: ignore[arg-type]
        elif op == "L":
            run.append((float(cmd[1]), float(cmd[2])))  # type: ignore[arg-type]
        elif op == "C":
            x0, y0 = run[-1]
            run.extend(_flatten_cubic(x0, y0, *(float(v) for v in cmd[1:])))  # type: ignore[arg-type]
        elif op == "Z" and run:
            runs.append(tuple(run))
            run = []
    if run:
        runs.append(tuple(run))
    return tuple(runs)


def _trace(path: se.Path, where: str) -> tuple[Command, ...]:
    """Drawing commands (moves, lines, cubics, closes) of an SVG path."""
    import svgelements as se

    commands: list[Command] = []
    for seg in path.segments():
        if isinstance(seg, se.Move):
            commands.append(("M", float(seg.end.x), float(seg.end.y)))
        elif isinstance(seg, se.Close):
            commands.append(("Z",))
        elif isinstance(seg, se.Line):
            commands.append(("L", float(seg.end.x), float(seg.end.y)))
        elif isinstance(seg, se.CubicBezier | se.QuadraticBezier | se.Arc):
            for cubic in _as_cubics(seg):
                c1, c2, end = cubic.control1, cubic.control2, cubic.end
                commands.append(("C", *map(float, (c1.x, c1.y, c2.x, c2.y, end.x, end.y))))
        else:
            raise DataError(f"bodymap.svg: {where} uses an unsupported path segment {type(seg).__name__}")
    return tuple(commands)


def _flatten_cubic(
    x0: float, y0: float, x1: float, y1: float, x2: float, y2: float, x3: float, y3: float
) -> list[Point]:
    out = []
    for k in range(1, _CURVE_STEPS + 1):
        t = k / _CURVE_STEPS
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def _as_cubics(seg: se.PathSegment) -> list[se.CubicBezier]:
    import svgelements as se

    if isinstance(seg, se.CubicBezier):
        return [seg]
    if isinstance(seg, se.QuadraticBezier):
        s, c, e = seg.start, seg.control, seg.end
        return [se.CubicBezier(s, s + (c - s) * (2 / 3), e + (c - e) * (2 / 3), e)]
    return list(seg.as_cubic_curves())


def _shape_from_path(path: se.Path, where: str) -> Shape:
    shape = Shape(_trace(path, where))
    if not any(len(ring) >= 3 for ring in shape.rings):
        raise DataError(f"bodymap.svg: {where} has no closed area")
    return shape


@dataclass(frozen=True)
class Landmark:
    kind: str  # "bone", "soft", "feature", "spine": how the UI draws it
    shape: Shape


@dataclass(frozen=True, eq=False)
class BodyGeometry:
    regions: dict[str, Shape]
    outlines: dict[View, Shape]
    landmarks: dict[View, tuple[Landmark, ...]]
    region_views: dict[str, View]
    # where each muscle is drawn, per view ("latissimus_dorsi.left" -> back and front parts):
    # most muscles show on one view; a few wrap round to the other (the side of the chest)
    muscles: dict[str, dict[View, Shape]] = field(default_factory=dict)

    def muscle_on(self, key: str, view: View) -> Shape | None:
        """The part of muscle `key` ("deltoid.left") drawn on `view`, if it shows there."""
        return self.muscles.get(key, {}).get(view)

    def view_rect(self, view: View, margin: float = 12.0) -> Rect:
        x, y, w, h = self.outlines[view].bounds
        return (x - margin, y - margin, w + 2 * margin, h + 2 * margin)

    def midline(self, view: View) -> float:
        """The x of the figure's midline: the map is drawn mirror-symmetric about it."""
        x, _, w, _ = self.outlines[view].bounds
        return x + w / 2

    def regions_at(self, x: float, y: float) -> list[str]:
        return [rid for rid, shape in self.regions.items() if shape.contains(x, y)]

    def centre(self, region_id: str) -> Point:
        return self.centres[region_id]

    @cached_property
    def centres(self) -> dict[str, Point]:
        return {rid: shape.centre() for rid, shape in self.regions.items()}


@cache
def load_geometry(svg_path: Path | None = None) -> BodyGeometry:
    """The map's geometry: as prepared when bodymap was built (see core/prepared.py),
    or parsed from `svg_path` when that is another map."""
    return PREPARED_GEOMETRY.load(geometry_sources(svg_path))


def geometry_sources(svg_path: Path | None = None) -> list[Path]:
    return [svg_path or resources.asset_path("bodymap.svg")]


def _parse_geometry(svg_path: Path) -> BodyGeometry:
    import svgelements as se  # only when the map is not the prepared one: 40 ms to import

    try:
        svg = se.SVG.parse(str(svg_path), reify=True)
    except Exception as exc:  # svgelements raises many types on malformed input
        raise DataError(f"{svg_path.name}: cannot parse the SVG ({exc})") from exc
    regions: dict[str, Shape] = {}
    region_views: dict[str, View] = {}
    muscles: dict[str, dict[View, Shape]] = {}
    outlines: dict[View, Shape] = {}
    landmarks: dict[View, list[Landmark]] = {v: [] for v in VIEWS}
    view: View | None = None
    for element in svg.elements():
        element_id = getattr(element, "id", None)
        if isinstance(element, se.Group) and element_id in VIEWS:
            view = element_id
            continue
        if not isinstance(element, se.Shape) or view is None:
            continue
        path = element if isinstance(element, se.Path) else se.Path(element)
        if element_id and _REGION_ID.match(element_id):
            regions[element_id] = _shape_from_path(path, f"region {element_id!r}")
            region_views[element_id] = view
        elif element_id and element_id.startswith("m-"):
            key, part_view = _muscle_part(element_id, view, svg_path.name)
            if part_view in muscles.get(key, {}):
                raise DataError(f"{svg_path.name}: muscle {key!r} is drawn twice on the {part_view} view")
            muscles.setdefault(key, {})[part_view] = _shape_from_path(path, f"muscle {element_id!r}")
        elif element_id == f"{view}-outline":
            outlines[view] = _shape_from_path(path, f"outline of the {view} view")
        else:
            classes = str(element.values.get("class", "")).split()
            if "landmark" in classes:
                kind = next((c for c in classes if c != "landmark"), "soft")
                landmarks[view].append(Landmark(kind, Shape(_trace(path, f"a {view} landmark"))))
    for v in VIEWS:
        if v not in outlines:
            raise DataError(f"{svg_path.name}: no path with id {v}-outline")
    return BodyGeometry(
        regions, outlines, {v: tuple(ls) for v, ls in landmarks.items()}, region_views, muscles
    )


def _muscle_part(element_id: str, view: View, file: str) -> tuple[str, View]:
    """`m-MUSCLE.SIDE` is a muscle where it mostly shows; `m-MUSCLE.SIDE.VIEW` its part on
    the other view, named so ids stay unique (and must sit in that view's group)."""
    key = element_id[2:]
    muscle, _, suffix = key.rpartition(".")
    if suffix in VIEWS:
        if suffix != view:
            raise DataError(
                f"{file}: {element_id!r} is named for the {suffix} view but drawn on the {view} view"
            )
        return muscle, view
    return key, view


def _shape_data(shape: Shape) -> list[Any]:
    return [shape.commands, shape.bounds]


def _shape_from_data(data: list[Any]) -> Shape:
    commands, bounds = data
    shape = Shape(tuple(map(tuple, commands)))
    # Seed the cached bounds: the window frames each figure by its outline's bounds, and
    # working them out means flattening every curve (2 ms of start-up).
    shape.__dict__["bounds"] = tuple(bounds)
    return shape


def _geometry_data(geometry: BodyGeometry) -> dict[str, Any]:
    return {
        "regions": {rid: _shape_data(s) for rid, s in geometry.regions.items()},
        "region_views": geometry.region_views,
        "outlines": {v: _shape_data(s) for v, s in geometry.outlines.items()},
        "landmarks": {
            v: [(lm.kind, _shape_data(lm.shape)) for lm in ls] for v, ls in geometry.landmarks.items()
        },
        "muscles": {
            m: {v: _shape_data(s) for v, s in parts.items()} for m, parts in geometry.muscles.items()
        },
    }


def _geometry_from_data(data: dict[str, Any]) -> BodyGeometry:
    return BodyGeometry(
        {rid: _shape_from_data(s) for rid, s in data["regions"].items()},
        {v: _shape_from_data(s) for v, s in data["outlines"].items()},
        {v: tuple(Landmark(k, _shape_from_data(s)) for k, s in ls) for v, ls in data["landmarks"].items()},
        dict(data["region_views"]),
        {m: {v: _shape_from_data(s) for v, s in parts.items()} for m, parts in data["muscles"].items()},
    )


PREPARED_GEOMETRY = Prepared(
    "geometry", lambda sources: _parse_geometry(sources[0]), _geometry_data, _geometry_from_data
)


def distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])
