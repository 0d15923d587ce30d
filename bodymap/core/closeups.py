"""Where the map looks: close-ups of the body's small parts, and where each routine step presses.

The map shows the whole body at a scale where the ear is a few pixels wide. The rules here say
which part of the body a region belongs to, which rectangle of the map file a close-up of that
part shows, when a region is too small to hit without one, and which trigger point each step
of a routine presses (so the map's dot follows the routine). The map widget only animates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodymap.core.geometry import BodyGeometry, Rect
from bodymap.core.referral import Spot, spot
from bodymap.core.regions import SIDES, Side, View

if TYPE_CHECKING:  # names for annotations: the map imports this before any data is read
    from bodymap.core.knowledge import Muscle
    from bodymap.core.techniques import Technique

# A target smaller than this on screen (in its smaller dimension) is hard to hit.
MIN_TARGET_PX = 20.0
# room around a part in its close-up, in map units
_MARGIN = 6.0


@dataclass(frozen=True)
class Part:
    id: str
    label: str
    areas: frozenset[str]
    one_side: bool  # a close-up shows one side's part (a hand), or both (the head)
    follows: bool  # a candidate, a press or a step here brings the close-up by itself


def _part(pid: str, label: str, areas: str, one_side: bool = False, follows: bool = False) -> Part:
    return Part(pid, label, frozenset(areas.split()), one_side, follows)


PARTS: tuple[Part, ...] = (
    _part(
        "head",
        "Head and neck",
        "forehead eyebrow eye temple ear cheek nose_mouth jaw chin throat neck_side "
        "vertex back_of_head side_of_head occiput mastoid neck_back",
        follows=True,
    ),
    _part(
        "hand",
        "Hand",
        "wrist_front palm thumb_index middle_finger ring_little wrist_back hand_back fingers_back",
        one_side=True,
        follows=True,
    ),
    _part(
        "arm",
        "Arm",
        "upper_arm_front upper_arm_inner elbow_inner forearm_thumb_side forearm_little_finger_side "
        "upper_arm_back elbow_back elbow_outer forearm_back",
        one_side=True,
    ),
    _part("chest", "Chest", "upper_chest sternum breast"),
    _part("shoulder", "Shoulder", "shoulder_front shoulder_side side_of_chest", one_side=True),
    _part(
        "upper_back",
        "Upper back",
        "neck_shoulder_angle shoulder_top suprascapular scapula scapula_medial_border interscapular "
        "paraspinal_upper scapula_lower_tip shoulder_back mid_back paraspinal_mid",
    ),
    _part(
        "hips",
        "Lower back and hips",
        "abdomen lower_abdomen groin hip_front low_back sacrum buttock hip_side",
    ),
    _part(
        "legs",
        "Legs",
        "thigh_front thigh_inner knee_front shin ankle_front foot_top thigh_back thigh_outer "
        "knee_back calf heel",
        one_side=True,
    ),
)
_BY_AREA = {area: part for part in PARTS for area in part.areas}


@dataclass(frozen=True)
class CloseUp:
    part: Part
    view: View
    rect: Rect  # in the coordinates of assets/bodymap.svg


def area_of(region: str) -> str:
    return region.rsplit(".", 1)[0]


def part_of(region: str) -> Part | None:
    """The body part a region ("ear.left") belongs to, if it has one."""
    return _BY_AREA.get(area_of(region))


def smaller_dimension(geometry: BodyGeometry, region: str) -> float:
    """The region's smaller dimension in map units (its bounding box's)."""
    _, _, w, h = geometry.regions[region].bounds
    return min(w, h)


def needs_close_up(geometry: BodyGeometry, region: str, scale: float) -> bool:
    """Whether `region`, drawn at `scale` screen pixels per map unit, is too small a target."""
    return part_of(region) is not None and smaller_dimension(geometry, region) * scale < MIN_TARGET_PX


def close_up(geometry: BodyGeometry, region: str) -> CloseUp | None:
    """The close-up of the part `region` lies in: the bounds of the part's regions on the
    region's view (on its side alone for a one-sided part), with a margin."""
    part = part_of(region)
    if part is None or region not in geometry.regions:
        return None
    view = geometry.region_views[region]
    side = region.rsplit(".", 1)[1]
    sides = (side,) if part.one_side else SIDES
    members = [
        f"{area}.{s}"
        for area in sorted(part.areas)
        for s in sides
        if geometry.region_views.get(f"{area}.{s}") == view
    ]
    return CloseUp(part, view, _grow(_union([geometry.regions[m].bounds for m in members]), _MARGIN))


def story_close_ups(
    geometry: BodyGeometry, regions: list[str] | tuple[str, ...], muscles: tuple[str, ...] = ()
) -> dict[View, Rect]:
    """For what the map shows now (a candidate's trigger points, a press-test, a step): the
    rectangle each view should bring close, where the places lie in a part that follows the
    story (the head and neck, a hand). A view with nothing there shows the whole body (absent
    from the answer). The close-up is as large as the part's, centred on the places and the
    muscle's drawn shape on that view: a point at the base of the neck is shown in the middle,
    not at the bottom edge of a close-up of the whole head."""
    rects: dict[View, list[Rect]] = {}
    places: dict[View, list[Rect]] = {}
    for region in regions:
        found = close_up(geometry, region)
        if found is not None and found.part.follows:
            rects.setdefault(found.view, []).append(found.rect)
            places.setdefault(found.view, []).append(_grow(geometry.regions[region].bounds, _MARGIN))
    for view, found_rects in rects.items():
        for key in muscles:
            shape = geometry.muscle_on(key, view)
            if shape is not None and _overlaps(shape.bounds, _union(found_rects)):
                places[view].append(_grow(shape.bounds, _MARGIN))
    return {view: _centred(_union(found_rects), _union(places[view])) for view, found_rects in rects.items()}


def step_spots(technique: Technique, muscle: Muscle, side: str) -> tuple[Spot | None, ...]:
    """Where each step of `technique` presses on `muscle`, one spot per step.

    Pressing steps (holds and counted strokes) go through the muscle's trigger points in turn,
    on each side treated (one side, then the other when both are); a step that only sets up
    (sitting down, finding the muscle) shows the spot the next pressing step will press; a
    step done again on the other side (`other_side`) keeps the spot of the step before it
    (`phase_spot` mirrors it). None when the muscle has no trigger point placed on the map.
    """
    sides: tuple[Side, ...] = SIDES if side == "both" else ((side,) if side in SIDES else SIDES)
    places = [
        spot(tp, f"{tp.area}.{s}") for s in sides for tp in muscle.trigger_points if tp.placement is not None
    ]
    if not places:
        return tuple(None for _ in technique.steps)
    pressing = [
        i
        for i, step in enumerate(technique.steps)
        if step.timing in ("hold", "strokes") and not step.other_side
    ]
    order = {index: places[n % len(places)] for n, index in enumerate(pressing)}
    for index, step in enumerate(technique.steps):
        if step.other_side and index - 1 in order:
            order[index] = order[index - 1]
            pressing = sorted({*pressing, index})
    spots: list[Spot | None] = []
    for index in range(len(technique.steps)):
        ahead = next((order[i] for i in pressing if i >= index), None)
        spots.append(ahead if ahead is not None else (order[pressing[-1]] if pressing else places[0]))
    return tuple(spots)


def phase_spot(spots: tuple[Spot | None, ...], step: int, side: int) -> Spot | None:
    """Where a phase of the routine presses: its step's spot, on the other side of the body
    in the second half of a two-sided hold or in a step done again on the other side
    (`countdown.Phase.side` 2)."""
    if not 0 <= step < len(spots):
        return None
    where = spots[step]
    if where is None or side != 2:
        return where
    area, this_side = where.region.rsplit(".", 1)
    other = "right" if this_side == "left" else "left"
    return spot(where.trigger_point, f"{area}.{other}")


def _union(rects: list[Rect]) -> Rect:
    x0 = min(r[0] for r in rects)
    y0 = min(r[1] for r in rects)
    x1 = max(r[0] + r[2] for r in rects)
    y1 = max(r[1] + r[3] for r in rects)
    return (x0, y0, x1 - x0, y1 - y0)


def _grow(rect: Rect, by: float) -> Rect:
    x, y, w, h = rect
    return (x - by, y - by, w + 2 * by, h + 2 * by)


def _centred(frame: Rect, content: Rect) -> Rect:
    """A rectangle of `frame`'s size centred on `content`; where `content` is larger, both."""
    _, _, w, h = frame
    x, y, cw, ch = content
    if cw > w or ch > h:
        return _union([frame, content])
    return (x + (cw - w) / 2, y + (ch - h) / 2, w, h)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
