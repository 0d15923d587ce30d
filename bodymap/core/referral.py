"""From where it hurts to where it may come from: a probability over the muscles whose trigger
points refer pain to the marked regions, and over "something else".

One model, used by Likely sources, Find it (its starting numbers) and `bodymap refer --json`
(`score` is this probability). Each hypothesis is a muscle with its trigger points on the left,
the right or both sides; one more, "something else", stands for another cause or a pattern the
map cannot explain. Bayes' rule, with the marks taken as independent given the source:

    P(h | marks) ∝ prior(h) · Π_marked L(region | h)^w · Π_unmarked main zones (1 − MISSED)

- prior(h): how common the muscle is as a source (its `prevalence` in data/muscles.yaml), times
  BOTH_SIDES_PRIOR for a two-sided hypothesis.
- L(region | h): how likely pain is felt in that region when the muscle is the source:
  IF_ESSENTIAL in one of its main zones, IF_SPILLOVER in a spillover zone, IF_LOCAL where one of
  its trigger points lies and no zone of it reaches (pain at the point itself), UNEXPLAINED elsewhere;
  where a published guide lists the muscle among the usual sources of pain in that area
  (data/frequency.yaml), times a boost that grows with its place in the list.
- w: a mark's weight from its intensity (a 10 counts twice a 0).
- A mark that feels the way a muscle's sources say its symptoms feel there (burning between the
  shoulder blades from the middle trapezius; its `felt` in data/muscles.yaml) counts its zone's
  likelihood FELT_BOOST times; where the source names an area the pain zones do not reach (ring
  and little finger tingling from the scalenes), a mark that feels so there counts as spillover.
- A main zone left unmarked counts a little against the muscle (MISSED).
- "something else" explains every mark equally weakly (IF_SOMETHING_ELSE).

The numbers are stated choices, not fitted ones; docs/referral-model.md gives the reasons and
the validation (a tuning half and a measured half of tests/data/referral_cases.yaml, and the
frequency-ordered cases of tests/data/frequency_cases.yaml). Deterministic: same marks, same
answer; left and right mirror each other exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bodymap.core.marking import Mark
from bodymap.core.regions import RegionCatalog, Side, View
from bodymap.core.why import why_sentence

if TYPE_CHECKING:  # the window imports this before the knowledge base is read
    from bodymap.core.frequency import FrequencyGuide
    from bodymap.core.geometry import Point
    from bodymap.core.knowledge import Felt, KnowledgeBase, Muscle, ReferralZone, TriggerPoint

CandidateSide = Literal["left", "right", "both"]

# P(pain felt in a region | the muscle is the source), by the kind of zone the region is in.
# T&S draw the essential zone as where nearly every patient feels the pain and the spillover as
# where some do; the region itself is a coarse share of a zone, hence not 1.
IF_ESSENTIAL = 0.8
IF_SPILLOVER = 0.3
# Pain at the trigger point itself, in a region none of the muscle's zones reaches: felt by
# some, as a spillover zone is (active points reproduce local as well as referred pain).
IF_LOCAL = IF_SPILLOVER
UNEXPLAINED = 0.02  # a mark the muscle's pattern does not reach: possible (a second problem)
ZONE_LIKELIHOOD = {"essential": IF_ESSENTIAL, "spillover": IF_SPILLOVER, "local": IF_LOCAL}
# A main zone left unmarked: the pattern need not be felt whole, so only a little against it.
MISSED = 0.08
# Where a guide lists the muscle among the usual sources for the area: the first of n counts
# 1 + FREQUENCY_BOOST times as much as a muscle the guide does not list, the last 1 + BOOST/n.
# Below (IF_ESSENTIAL / IF_SPILLOVER − 1) so that a main zone always counts more than a
# spillover one, however high the guide lists the muscle.
FREQUENCY_BOOST = 1.5
# How common a muscle is as a source; a muscle the data says nothing about sits between.
PREVALENCE_PRIOR = {"common": 1.0, None: 0.6, "occasional": 0.45, "rare": 0.25}
# A prevalence that is an author's impression rather than a measured figure counts half: its
# prior lies halfway between the stated class and "nothing known".
OPINION_WEIGHT = 0.5
# Both sides at once is less common than one (most referred pain is one-sided).
BOTH_SIDES_PRIOR = 0.3
# "Something else": its prior weighs as much as a tenth of the muscle hypotheses together, and
# it explains any mark a little (less than a spillover zone, more than an unexplained mark).
SOMETHING_ELSE_SHARE = 0.1
IF_SOMETHING_ELSE = 0.1
# A marked quality a muscle's source gives its symptoms in that area: its likelihood times this,
# by the source's grade. Modest, a step below a guide's listing: the words people pick for pain
# are loose, and the places marked still decide.
FELT_BOOST = {"A": 1.5, "B": 1.25}
_OTHER: dict[Side, Side] = {"left": "right", "right": "left"}


@dataclass(frozen=True)
class Explained:
    region: str
    intensity: int
    kind: str  # "essential", "spillover" or "local" (at the trigger point itself, no zone there)
    trigger_point: str


@dataclass(frozen=True)
class Candidate:
    muscle: Muscle
    side: CandidateSide
    probability: float  # that this muscle (on any side) is the source, 0-1
    explained: tuple[Explained, ...]  # marked regions this muscle accounts for, strongest first
    why: str

    @property
    def score(self) -> float:
        """The name `bodymap refer --json` has always used: the probability."""
        return self.probability

    @property
    def trigger_points(self) -> tuple[TriggerPoint, ...]:
        used = {e.trigger_point for e in self.explained}
        return tuple(tp for tp in self.muscle.trigger_points if tp.id in used) or self.muscle.trigger_points

    def unexplained(self, marked: Iterable[str]) -> list[str]:
        """The marked regions this muscle does not account for, in the order given."""
        explained = {e.region for e in self.explained}
        return [region for region in marked if region not in explained]

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
    # A mark counts by its intensity: a 10 twice as much as a 0, which still says "here".
    return 0.5 + 0.5 * intensity / 10.0


@dataclass(frozen=True)
class Assessment:
    """The ranked muscles and the probability that the source is something else."""

    candidates: tuple[Candidate, ...]  # most likely first
    something_else: float  # another cause, or a muscle the marks hardly reach


@dataclass(frozen=True)
class _Zone:
    likelihood: float
    kind: str
    trigger_point: str
    felt_only: bool = False  # reached only by how it feels there (tingling), not by its pain


class ReferralEngine:
    def __init__(
        self, knowledge: KnowledgeBase, catalog: RegionCatalog, frequency: FrequencyGuide | None = None
    ) -> None:
        """`frequency` defaults to the shipped data/frequency.yaml."""
        if frequency is None:
            from bodymap.core.frequency import load_frequency

            frequency = load_frequency(knowledge=knowledge)
        self.knowledge = knowledge
        self.catalog = catalog
        self.frequency = frequency
        # area -> muscle -> (place in the guide's list, 1 first; list length)
        self._listed: dict[str, dict[str, tuple[int, int]]] = {
            entry.area: {m: (i + 1, len(entry.muscles)) for i, m in enumerate(entry.muscles)}
            for entry in frequency
        }
        # region -> [(muscle, trigger point side, its strongest zone there)], so that ranking
        # touches only the muscles that reach a mark; and each side's main zones.
        self._index: dict[str, list[tuple[str, Side, _Zone]]] = {}
        # (region, quality) -> [(muscle, side, its zone there for a mark that feels so, the fact)]
        self._felt: dict[tuple[str, str], list[tuple[str, Side, _Zone, Felt]]] = {}
        self._essential: dict[str, dict[Side, frozenset[str]]] = {}
        for muscle in knowledge:
            essential: dict[Side, frozenset[str]] = {}
            for side in ("left", "right"):
                best: dict[str, _Zone] = {}
                core: set[str] = set()
                for tp in muscle.trigger_points:
                    for zone in tp.zones:
                        for region in _zone_regions(zone, side):
                            likelihood = ZONE_LIKELIHOOD[zone.kind] * self._boost(muscle.id, zone.area)
                            if region not in best or best[region].likelihood < likelihood:
                                best[region] = _Zone(likelihood, zone.kind, tp.id)
                            if zone.kind == "essential":
                                core.add(region)
                # Pain where the point itself lies: an active point's pain may be local as well
                # as referred, so its own region, where none of the muscle's zones reaches, counts
                # as much as a spillover zone (docs/referral-model.md)
                for tp in muscle.trigger_points:
                    own = f"{tp.area}.{side}"
                    if own not in best:
                        best[own] = _Zone(IF_LOCAL * self._boost(muscle.id, tp.area), "local", tp.id)
                for region, found in best.items():
                    self._index.setdefault(region, []).append((muscle.id, side, found))
                for felt in muscle.felt:
                    for area in felt.areas:
                        region = f"{area}.{side}"
                        reached = best.get(region)
                        felt_zone = (
                            _Zone(
                                reached.likelihood * FELT_BOOST[felt.grade],
                                reached.kind,
                                reached.trigger_point,
                            )
                            if reached is not None
                            else _Zone(IF_SPILLOVER, "spillover", muscle.trigger_points[0].id, felt_only=True)
                        )
                        felt_at = self._felt.setdefault((region, felt.quality), [])
                        felt_at.append((muscle.id, side, felt_zone, felt))
                essential[side] = frozenset(core)
            self._essential[muscle.id] = essential
        # "something else" weighs as much as SOMETHING_ELSE_SHARE of all muscle hypotheses a
        # priori; the same for every ranking, so worked out once
        muscle_prior = sum(prevalence_prior(m) for m in knowledge) * (2 + BOTH_SIDES_PRIOR)
        self._something_else_prior = math.log(
            SOMETHING_ELSE_SHARE / (1 - SOMETHING_ELSE_SHARE) * muscle_prior
        )

    def _boost(self, muscle_id: str, area: str) -> float:
        place = self._listed.get(area, {}).get(muscle_id)
        if place is None:
            return 1.0
        rank, length = place
        return 1.0 + FREQUENCY_BOOST * (length - rank + 1) / length

    def rank(self, marks: list[Mark], top: int | None = None) -> list[Candidate]:
        return list(self.assess(marks, top).candidates)

    def assess(self, marks: list[Mark], top: int | None = None) -> Assessment:
        if not marks:
            return Assessment((), 0.0)
        weights = {m.region: _mark_weight(m.intensity) for m in marks}
        intensity = {m.region: m.intensity for m in marks}
        marked = set(weights)
        # muscle -> side -> marked region -> its zone there
        hits: dict[str, dict[Side, dict[str, _Zone]]] = {}
        for region in weights:
            for muscle_id, side, zone in self._index.get(region, ()):
                hits.setdefault(muscle_id, {}).setdefault(side, {})[region] = zone
        # how the marks feel: (muscle, side) -> [(region, quality, the fact it matches)]
        felt_hits: dict[tuple[str, Side], list[tuple[str, str, Felt]]] = {}
        for mark in marks:
            for quality in mark.qualities:
                for muscle_id, side, zone, felt in self._felt.get((mark.region, quality), ()):
                    by_region = hits.setdefault(muscle_id, {}).setdefault(side, {})
                    if mark.region not in by_region or by_region[mark.region].likelihood < zone.likelihood:
                        by_region[mark.region] = zone
                    felt_hits.setdefault((muscle_id, side), []).append((mark.region, quality, felt))
        all_unexplained = sum(weights.values()) * math.log(UNEXPLAINED)
        # log weight of each hypothesis: (muscle, side) -> (log weight, the zones it explains)
        logs: dict[tuple[str, CandidateSide], tuple[float, dict[str, _Zone]]] = {}
        for muscle_id, by_side in hits.items():
            prior = math.log(prevalence_prior(self.knowledge[muscle_id]))
            options: list[tuple[CandidateSide, tuple[Side, ...]]] = [(s, (s,)) for s in by_side]
            if len(by_side) == 2:
                options.append(("both", ("left", "right")))
            for side_name, sides in options:
                found: dict[str, _Zone] = {}
                for s in sides:
                    for region, zone in by_side[s].items():
                        if region not in found or found[region].likelihood < zone.likelihood:
                            found[region] = zone
                core = frozenset().union(*(self._essential[muscle_id][s] for s in sides))
                log = prior + (math.log(BOTH_SIDES_PRIOR) if side_name == "both" else 0.0)
                log += all_unexplained + sum(
                    weights[r] * (math.log(z.likelihood) - math.log(UNEXPLAINED)) for r, z in found.items()
                )
                log += len(core - marked) * math.log(1 - MISSED)
                logs[(muscle_id, side_name)] = (log, found)
        other_log = self._something_else_prior + sum(
            w * math.log(IF_SOMETHING_ELSE) for w in weights.values()
        )
        # Hypotheses of muscles that reach no mark are left out: their marks are all unexplained,
        # which is "something else" by another name.
        peak = max([other_log, *(log for log, _ in logs.values())])
        total = math.exp(other_log - peak) + sum(math.exp(log - peak) for log, _ in logs.values())
        by_muscle: dict[str, list[tuple[float, CandidateSide, dict[str, _Zone]]]] = {}
        for (muscle_id, side_name), (log, found) in logs.items():
            by_muscle.setdefault(muscle_id, []).append((math.exp(log - peak) / total, side_name, found))
        ranked: list[tuple[float, int, str, CandidateSide, dict[str, _Zone]]] = []
        for muscle_id, options_found in by_muscle.items():
            probability = sum(p for p, _, _ in options_found)
            _, side_name, found = max(
                options_found, key=lambda o: (round(o[0], 9), _side_order(o[1], o[2], intensity))
            )
            ranked.append((probability, len(found), muscle_id, side_name, found))
        # rounded for the order only: sums made in another order (the mirror image of the marks)
        # must not reorder near-ties
        ranked.sort(key=lambda c: (-round(c[0], 12), -c[1], c[2]))
        candidates = []
        for probability, _, muscle_id, side_name, found in ranked[:top] if top else ranked:
            muscle = self.knowledge[muscle_id]
            explained = [Explained(r, intensity[r], z.kind, z.trigger_point) for r, z in found.items()]
            explained.sort(key=lambda e: (-ZONE_LIKELIHOOD[e.kind] * _mark_weight(e.intensity), e.region))
            # where it reaches only by how it feels, the why says so, not that its pain goes there
            reasons = [
                (e.region, e.kind, e.trigger_point) for e in explained if not found[e.region].felt_only
            ]
            sides = ("left", "right") if side_name == "both" else (side_name,)
            titles = {s.url: s.title for s in muscle.sources}
            matched = [
                (region, quality, titles[fact.source])
                for s in sides
                for region, quality, fact in felt_hits.get((muscle_id, s), ())
                if region in found
            ]
            why = why_sentence(self.catalog, self._listed, muscle, side_name, reasons, marked, matched)
            candidates.append(Candidate(muscle, side_name, probability, tuple(explained), why))
        return Assessment(tuple(candidates), math.exp(other_log - peak) / total)


def prevalence_prior(muscle: Muscle) -> float:
    stated = PREVALENCE_PRIOR[muscle.prevalence]
    if muscle.prevalence_basis == "opinion":
        return OPINION_WEIGHT * stated + (1 - OPINION_WEIGHT) * PREVALENCE_PRIOR[None]
    return stated


def something_else(listed: Sequence[Candidate]) -> float:
    """The probability that none of `listed` is the source: another cause, or a muscle further
    down the ranking. Never quite nothing, whatever the sums."""
    return max(1.0 - sum(c.probability for c in listed), 1e-4)


def no_single_source(listed: Sequence[Candidate], marked: Iterable[str]) -> bool:
    """True when two or more places are marked and none of `listed` accounts for all of them:
    the pain may well have more than one source (a knot between the blades and an ache where the
    neck meets the shoulder), which is why "something else" is then large."""
    regions = set(marked)
    return len(regions) > 1 and all(c.unexplained(regions) for c in listed)


def _side_order(side: CandidateSide, found: dict[str, _Zone], intensity: dict[str, int]) -> int:
    """Between sides that fit equally (a zone that covers both sides), the side where more of the
    pain it explains was marked: a mark on the right names the right trigger point."""
    if side == "both":
        return 0
    return sum(intensity[region] + 1 for region in found if region.endswith(f".{side}"))


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
