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

from dataclasses import dataclass
from typing import Literal

from bodymap.core.knowledge import KnowledgeBase, Muscle, ReferralZone, TriggerPoint
from bodymap.core.marking import Mark
from bodymap.core.regions import RegionCatalog, Side

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
class Highlight:
    """What to show on the map for one candidate."""

    essential: frozenset[str]  # regions of its main referral zones
    spillover: frozenset[str]  # regions only reached by spillover
    trigger_points: tuple[tuple[TriggerPoint, str], ...]  # (trigger point, region it lies in)


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
        frozenset(essential), frozenset(spillover - essential), tuple(candidate.trigger_point_regions())
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
        # muscle -> side -> region -> (zone weight, kind, trigger point id), precomputed
        # so that ranking a dozen marks touches only dictionaries.
        self._maps: dict[str, dict[Side, dict[str, tuple[float, str, str]]]] = {}
        self._essential: dict[str, dict[Side, frozenset[str]]] = {}
        for muscle in knowledge:
            per_side: dict[Side, dict[str, tuple[float, str, str]]] = {}
            essential: dict[Side, frozenset[str]] = {}
            for side in ("left", "right"):
                regions: dict[str, tuple[float, str, str]] = {}
                core: set[str] = set()
                for tp in muscle.trigger_points:
                    for zone in tp.zones:
                        for region in _zone_regions(zone, side):
                            weight = ZONE_WEIGHT[zone.kind]
                            if region not in regions or regions[region][0] < weight:
                                regions[region] = (weight, zone.kind, tp.id)
                            if zone.kind == "essential":
                                core.add(region)
                per_side[side] = regions
                essential[side] = frozenset(core)
            self._maps[muscle.id] = per_side
            self._essential[muscle.id] = essential

    def rank(self, marks: list[Mark], top: int | None = None) -> list[Candidate]:
        if not marks:
            return []
        total = sum(_mark_weight(m.intensity) for m in marks)
        marked = {m.region for m in marks}
        candidates: list[Candidate] = []
        for muscle in self.knowledge:
            best: tuple[float, float, CandidateSide, list[Explained]] | None = None
            options: list[tuple[CandidateSide, tuple[Side, ...]]] = [
                ("left", ("left",)),
                ("right", ("right",)),
                ("both", ("left", "right")),
            ]
            single_best = 0.0
            for side_name, sides in options:
                explained: list[Explained] = []
                covered = 0.0
                for mark in marks:
                    hit = max(
                        (self._maps[muscle.id][s].get(mark.region, (0.0, "", "")) for s in sides),
                        key=lambda h: h[0],
                    )
                    if hit[0] > 0:
                        covered += _mark_weight(mark.intensity) * hit[0]
                        explained.append(Explained(mark.region, mark.intensity, hit[1], hit[2]))
                if not explained:
                    continue
                fit = covered / total
                core = frozenset().union(*(self._essential[muscle.id][s] for s in sides))
                focus = len(core & marked) / len(core) if core else 0.0
                score = fit * (1 - FOCUS_SHARE + FOCUS_SHARE * focus) * PREVALENCE_FACTOR[muscle.prevalence]
                if side_name != "both":
                    single_best = max(single_best, fit)
                elif fit < single_best + BOTH_SIDES_MARGIN:
                    continue  # one side already explains the pattern
                if best is None or score > best[0] + 1e-12:
                    best = (score, fit, side_name, explained)
            if best is None:
                continue
            score, _, side_name, explained = best
            explained.sort(key=lambda e: (-ZONE_WEIGHT[e.kind] * _mark_weight(e.intensity), e.region))
            candidates.append(
                Candidate(
                    muscle,
                    side_name,
                    round(min(score, 1.0), 4),
                    tuple(explained),
                    self._why(muscle, side_name, explained),
                )
            )
        candidates.sort(key=lambda c: (-c.score, -len(c.explained), c.muscle.id))
        return candidates[:top] if top else candidates

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
