"""From where it hurts to where it may come from: rank the muscles whose trigger
points refer pain to the marked regions.

For each muscle and each way of placing its trigger points (left, right, or both
sides), the engine works out how much of the marked pain the muscle's referral
zones explain, weighted by intensity, essential zones counting fully and
spillover zones half. A muscle whose main (essential) pattern is largely marked
is a better fit than one that touches the marks with a far-flung zone, so the
share of its essential zone that is marked adjusts the score; how common the
muscle is as a source breaks near-ties. Deterministic: same marks, same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bodymap.core.marking import Mark
from bodymap.core.regions import RegionCatalog, Side, View

if TYPE_CHECKING:  # the window imports this before the knowledge base is read
    from bodymap.core.geometry import Point
    from bodymap.core.knowledge import KnowledgeBase, Muscle, ReferralZone, TriggerPoint

CandidateSide = Literal["left", "right", "both"]

ZONE_WEIGHT = {"essential": 1.0, "spillover": 0.5}
PREVALENCE_FACTOR = {"common": 1.0, None: 0.96, "occasional": 0.93, "rare": 0.86}
# How much the share of the essential zone that is marked counts (the rest is
# how much of the marked pain the muscle explains).
FOCUS_SHARE = 0.3
# A two-sided candidate must explain this much more than the better single side.
BOTH_SIDES_MARGIN = 0.15
_OTHER: dict[Side, Side] = {"left": "right", "right": "left"}


@dataclass(frozen=True)
class Explained:
    region: str
    intensity: int
    kind: str  # "essential" or "spillover"
    trigger_point: str


@dataclass(frozen=True)
class Candidate:
    muscle: Muscle
    side: CandidateSide
    score: float
    explained: tuple[Explained, ...]  # marked regions this muscle accounts for, strongest first
    why: str

    @property
    def trigger_points(self) -> tuple[TriggerPoint, ...]:
        used = {e.trigger_point for e in self.explained}
        return tuple(tp for tp in self.muscle.trigger_points if tp.id in used) or self.muscle.trigger_points

    def trigger_point_regions(self) -> list[tuple[TriggerPoint, str]]:
        """Each relevant trigger point with the region (side) it lies in."""
        sides: tuple[Side, ...] = ("left", "right") if self.side == "both" else (self.side,)
        return [(tp, f"{tp.area}.{s}") for tp in self.trigger_points for s in sides]


@dataclass(frozen=True)
class Spot:
    """Where a trigger point is shown on the map, on one side: its region, its view and its
    point there (inside the muscle's drawn shape and the region; see core/knowledge.py)."""

    trigger_point: TriggerPoint
    region: str  # "neck_side.left"
    view: View
    at: Point  # in the coordinates of assets/bodymap.svg


def spot(trigger_point: TriggerPoint, region: str) -> Spot:
    """The spot of `trigger_point` on the side of `region` (one of its two regions)."""
    side: Side = "left" if region.endswith(".left") else "right"
    placement = trigger_point.placement
    if placement is None or region != f"{trigger_point.area}.{side}":
        raise ValueError(f"{trigger_point.id!r} has no place in {region!r}")
    return Spot(trigger_point, region, placement.view, placement.on(side))


@dataclass(frozen=True)
class Highlight:
    """What to show on the map for one candidate."""

    essential: frozenset[str]  # regions of its main referral zones
    spillover: frozenset[str]  # regions only reached by spillover
    trigger_points: tuple[Spot, ...]  # each relevant trigger point, on each side shown
    muscle: tuple[str, ...]  # the muscle's own shape(s): "muscle_id.side"


def highlight(candidate: Candidate) -> Highlight:
    sides: tuple[Side, ...] = ("left", "right") if candidate.side == "both" else (candidate.side,)
    essential: set[str] = set()
    spillover: set[str] = set()
    for tp in candidate.muscle.trigger_points:
        for side in sides:
            for zone in tp.zones:
                target = essential if zone.kind == "essential" else spillover
                target.update(_zone_regions(zone, side))
    return Highlight(
        frozenset(essential),
        frozenset(spillover - essential),
        tuple(spot(tp, region) for tp, region in candidate.trigger_point_regions()),
        tuple(f"{candidate.muscle.id}.{s}" for s in sides),
    )


def _zone_regions(zone: ReferralZone, tp_side: Side) -> list[str]:
    if zone.side == "same":
        sides: tuple[Side, ...] = (tp_side,)
    elif zone.side == "opposite":
        sides = (_OTHER[tp_side],)
    else:
        sides = ("left", "right")
    return [f"{zone.area}.{s}" for s in sides]


def _mark_weight(intensity: int) -> float:
    # Pain counts by intensity; a region marked 0 still says "here", faintly.
    return max(intensity, 0.5) / 10.0


class ReferralEngine:
    def __init__(self, knowledge: KnowledgeBase, catalog: RegionCatalog) -> None:
        self.knowledge = knowledge
        self.catalog = catalog
        # region -> [(muscle, trigger point side, zone weight, kind, trigger point id)],
        # precomputed so that ranking touches only the muscles that reach a mark.
        self._index: dict[str, list[tuple[str, Side, float, str, str]]] = {}
        self._essential: dict[str, dict[Side, frozenset[str]]] = {}
        for muscle in knowledge:
            essential: dict[Side, frozenset[str]] = {}
            for side in ("left", "right"):
                best: dict[str, tuple[float, str, str]] = {}
                core: set[str] = set()
                for tp in muscle.trigger_points:
                    for zone in tp.zones:
                        for region in _zone_regions(zone, side):
                            weight = ZONE_WEIGHT[zone.kind]
                            if region not in best or best[region][0] < weight:
                                best[region] = (weight, zone.kind, tp.id)
                            if zone.kind == "essential":
                                core.add(region)
                for region, (weight, kind, tp_id) in best.items():
                    self._index.setdefault(region, []).append((muscle.id, side, weight, kind, tp_id))
                essential[side] = frozenset(core)
            self._essential[muscle.id] = essential

    def rank(self, marks: list[Mark], top: int | None = None) -> list[Candidate]:
        if not marks:
            return []
        weights = {m.region: _mark_weight(m.intensity) for m in marks}
        intensity = {m.region: m.intensity for m in marks}
        total = sum(weights.values())
        marked = set(weights)
        # muscle -> side -> marked region -> (zone weight, kind, trigger point id)
        hits: dict[str, dict[Side, dict[str, tuple[float, str, str]]]] = {}
        for region in weights:
            for muscle_id, side, weight, kind, tp_id in self._index.get(region, ()):
                hits.setdefault(muscle_id, {}).setdefault(side, {})[region] = (weight, kind, tp_id)
        scored: list[tuple[float, int, str, CandidateSide, list[Explained]]] = []
        for muscle_id, by_side in hits.items():
            muscle = self.knowledge[muscle_id]
            prevalence = PREVALENCE_FACTOR[muscle.prevalence]
            options: list[tuple[CandidateSide, tuple[Side, ...]]] = [(s, (s,)) for s in by_side]
            if len(by_side) == 2:
                options.append(("both", ("left", "right")))
            best: tuple[float, CandidateSide, list[Explained]] | None = None
            single_best = 0.0
            for side_name, sides in options:
                found: dict[str, tuple[float, str, str]] = {}
                for s in sides:
                    for region, hit in by_side[s].items():
                        if region not in found or found[region][0] < hit[0]:
                            found[region] = hit
                fit = sum(weights[r] * h[0] for r, h in found.items()) / total
                core = (
                    self._essential[muscle_id]["left"]
                    if sides == ("left",)
                    else (
                        self._essential[muscle_id]["right"]
                        if sides == ("right",)
                        else self._essential[muscle_id]["left"] | self._essential[muscle_id]["right"]
                    )
                )
                focus = len(core & marked) / len(core) if core else 0.0
                score = fit * (1 - FOCUS_SHARE + FOCUS_SHARE * focus) * prevalence
                if side_name != "both":
                    single_best = max(single_best, fit)
                elif fit < single_best + BOTH_SIDES_MARGIN - 1e-9:
                    # one side already explains the pattern. The tolerance: a margin of exactly
                    # 0.15 came out either side of it with the float sums' order, so marks and
                    # their mirror image were ranked differently
                    continue
                if best is None or score > best[0] + 1e-12:
                    explained = [Explained(r, intensity[r], h[1], h[2]) for r, h in found.items()]
                    best = (score, side_name, explained)
            if best is not None:
                score, side_name, explained = best
                scored.append((round(min(score, 1.0), 4), len(explained), muscle_id, side_name, explained))
        scored.sort(key=lambda c: (-c[0], -c[1], c[2]))
        candidates = []
        for score, _, muscle_id, side_name, explained in scored[:top] if top else scored:
            muscle = self.knowledge[muscle_id]
            explained.sort(key=lambda e: (-ZONE_WEIGHT[e.kind] * _mark_weight(e.intensity), e.region))
            candidates.append(
                Candidate(muscle, side_name, score, tuple(explained), self._why(muscle, side_name, explained))
            )
        return candidates

    def _why(self, muscle: Muscle, side: CandidateSide, explained: list[Explained]) -> str:
        """One plain sentence: where the trigger points are and which marks they explain."""
        tp_areas: list[str] = []
        for tp in muscle.trigger_points:
            if any(e.trigger_point == tp.id for e in explained):
                label = self.catalog.areas[tp.area].label.lower()
                if label not in tp_areas:
                    tp_areas.append(label)
        side_text = "on both sides" if side == "both" else f"on the {side}"
        parts = []
        for e in explained[:3]:
            area = self.catalog.areas[self.catalog[e.region].area].label.lower()
            zone = "a main zone" if e.kind == "essential" else "a spillover zone"
            parts.append(f"{area} ({zone}, {e.intensity}/10)")
        if len(explained) > 3:
            parts.append(f"{len(explained) - 3} more of your marks")
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        where = " and ".join(tp_areas[:2])
        return f"Its trigger points — {where}, {side_text} — refer pain to where you marked: {listed}."


class LazyReferralEngine:
    """A ReferralEngine built on the first ranking that has marks to rank.

    The window opens with nothing marked, so the knowledge base need not be read
    before the first paint.
    """

    def __init__(self, load: Callable[[], ReferralEngine]) -> None:
        self._load = load
        self._engine: ReferralEngine | None = None

    @property
    def engine(self) -> ReferralEngine:
        if self._engine is None:
            self._engine = self._load()
        return self._engine

    def rank(self, marks: list[Mark], top: int | None = None) -> list[Candidate]:
        return self.engine.rank(marks, top) if marks else []
