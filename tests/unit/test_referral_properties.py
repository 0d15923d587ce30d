"""Properties of the referral ranking that must hold for any marks, checked with hypothesis.

What a muscle's zones cover is worked out here from the knowledge base itself, not from the
engine: a zone is on its trigger point's side ("same"), the other side ("opposite") or both,
and a muscle has trigger points on the left and on the right."""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bodymap.core.knowledge import KnowledgeBase, Muscle, load_knowledge
from bodymap.core.marking import Mark
from bodymap.core.referral import Candidate, ReferralEngine
from bodymap.core.regions import RegionCatalog, load_catalog

OTHER = {"left": "right", "right": "left", "both": "both"}


@cache
def knowledge() -> KnowledgeBase:
    return load_knowledge()


@cache
def catalog() -> RegionCatalog:
    return load_catalog()


@cache
def engine() -> ReferralEngine:
    return ReferralEngine(knowledge(), catalog())


REGIONS = sorted(catalog().regions)
MUSCLES = sorted(m.id for m in knowledge())


def mirror(region: str) -> str:
    area, side = region.rsplit(".", 1)
    return f"{area}.{OTHER[side]}"


@cache
def zone_kinds(muscle_id: str) -> dict[str, frozenset[str]]:
    """region -> the kinds of zone ("essential", "spillover") of this muscle that cover it,
    from its trigger points on either side; a trigger point's own region that none of them
    covers is "local" (pain at the point itself)."""
    kinds: dict[str, set[str]] = {}
    muscle: Muscle = knowledge()[muscle_id]
    for tp_side in ("left", "right"):
        for tp in muscle.trigger_points:
            for zone in tp.zones:
                sides = {"same": [tp_side], "opposite": [OTHER[tp_side]], "both": ["left", "right"]}[
                    zone.side
                ]
                for side in sides:
                    kinds.setdefault(f"{zone.area}.{side}", set()).add(zone.kind)
    for tp_side in ("left", "right"):
        for tp in muscle.trigger_points:
            kinds.setdefault(f"{tp.area}.{tp_side}", {"local"})
    return {region: frozenset(k) for region, k in kinds.items()}


def rank(marks: dict[str, int]) -> list[Candidate]:
    return engine().rank([Mark(region, intensity) for region, intensity in marks.items()])


def odds_of(muscle_id: str, marks: dict[str, int]) -> float:
    """The muscle's probability against "something else": its own evidence, whatever the
    other muscles that reach the same marks (they share its probability, not its odds)."""
    assessment = engine().assess([Mark(region, intensity) for region, intensity in marks.items()])
    found = [c.probability for c in assessment.candidates if c.muscle.id == muscle_id]
    return found[0] / assessment.something_else if found else 0.0


intensities = st.integers(min_value=0, max_value=10)
some_marks = st.dictionaries(st.sampled_from(REGIONS), intensities, min_size=1, max_size=6)


def test_the_regions_and_zones_the_properties_draw_from() -> None:
    assert all(mirror(r) in catalog() for r in REGIONS)  # every region has its other side
    essential = [m for m in MUSCLES if any("essential" in k for k in zone_kinds(m).values())]
    spillover_only = [m for m in MUSCLES if any(k == {"spillover"} for k in zone_kinds(m).values())]
    assert len(essential) == len(MUSCLES) and len(spillover_only) >= len(MUSCLES) // 2


@settings(max_examples=200, deadline=None)
@given(data=st.data(), muscle_id=st.sampled_from(MUSCLES), intensity=intensities)
def test_the_same_mark_counts_more_in_an_essential_zone_than_in_a_spillover_one(
    data: st.DataObject, muscle_id: str, intensity: int
) -> None:
    kinds = zone_kinds(muscle_id)
    essential = sorted(r for r, k in kinds.items() if "essential" in k)
    # never essential for it: a spillover zone, or the place of a point no zone reaches
    spillover = sorted(r for r, k in kinds.items() if k in ({"spillover"}, {"local"}))
    if not spillover:
        return
    main = data.draw(st.sampled_from(essential), label="essential region")
    minor = data.draw(st.sampled_from(spillover), label="spillover region")
    # other marks this muscle does not explain at all, the same in both cases
    elsewhere = [r for r in REGIONS if r not in kinds]
    context = data.draw(st.dictionaries(st.sampled_from(elsewhere), intensities, max_size=4), label="context")
    in_main = odds_of(muscle_id, {**context, main: intensity})
    in_minor = odds_of(muscle_id, {**context, minor: intensity})
    assert in_main > in_minor > 0


def one_sided(muscle_id: str) -> bool:
    """Every zone of the muscle is on its trigger point's own side: which side explains a mark
    is then never a tie."""
    return all(zone.side == "same" for tp in knowledge()[muscle_id].trigger_points for zone in tp.zones)


@settings(max_examples=200, deadline=None)
@given(marks=some_marks)
def test_left_and_right_mirror_each_other(marks: dict[str, int]) -> None:
    ranking = rank(marks)
    mirrored = rank({mirror(region): intensity for region, intensity in marks.items()})
    assert ranking  # every region is in some muscle's zone
    # the same muscles in the same order with the same scores (summed in another order, a score
    # may round to the next 4th decimal)
    assert [c.muscle.id for c in mirrored] == [c.muscle.id for c in ranking]
    assert [c.score for c in mirrored] == pytest.approx([c.score for c in ranking], abs=1.5e-4)
    # on the other side, explaining the mirrored marks, wherever the side is not a tie
    assert [
        (c.muscle.id, OTHER[c.side], {(mirror(e.region), e.kind) for e in c.explained})
        for c in ranking
        if one_sided(c.muscle.id)
    ] == [
        (c.muscle.id, c.side, {(e.region, e.kind) for e in c.explained})
        for c in mirrored
        if one_sided(c.muscle.id)
    ]


def test_a_left_mark_and_its_right_mirror_by_example() -> None:
    left = rank({"interscapular.left": 7, "scapula_medial_border.left": 7})
    right = rank({"interscapular.right": 7, "scapula_medial_border.right": 7})
    assert [(c.muscle.id, c.side) for c in left][:3] == [(c.muscle.id, "left") for c in right][:3]
    assert all(c.side == "right" for c in right)


def test_marks_that_once_fell_either_side_of_a_margin_mirror_too() -> None:
    """The hand-weighted score needed a two-sided candidate to explain a fixed margin more; these
    marks sat exactly on it and came out differently from their mirror image."""
    marks = {
        "cheek.right": 7,
        "chin.left": 2,
        "eye.right": 8,
        "cheek.left": 5,
        "abdomen.left": 8,
        "abdomen.right": 10,
    }
    ranking = rank(marks)
    mirrored = rank({mirror(region): intensity for region, intensity in marks.items()})
    assert [(c.muscle.id, OTHER[c.side]) for c in ranking] == [(c.muscle.id, c.side) for c in mirrored]
    assert [c.probability for c in ranking] == pytest.approx([c.probability for c in mirrored], abs=1.5e-4)


@pytest.mark.parametrize(
    ("muscle_id", "area"), [("suboccipitals", "occiput"), ("rectus_abdominis", "low_back")]
)
def test_a_tie_between_sides_mirrors_too(muscle_id: str, area: str) -> None:
    def side(marks: dict[str, int]) -> str:
        return next(c.side for c in rank(marks) if c.muscle.id == muscle_id)

    assert side({f"{area}.right": 5}) == OTHER[side({f"{area}.left": 5})]


@settings(max_examples=200, deadline=None)
@given(data=st.data(), marks=some_marks, intensity=intensities)
def test_an_unrelated_mark_does_not_reorder_unrelated_candidates(
    data: st.DataObject, marks: dict[str, int], intensity: int
) -> None:
    """A mark in a region that no zone of a muscle covers, on either side, explains nothing about
    it: of two such muscles, the mark may lower both scores but never swap them."""
    extra = data.draw(st.sampled_from([r for r in REGIONS if r not in marks]), label="new mark")
    before = {c.muscle.id: c for c in rank(marks)}
    after = {c.muscle.id: c for c in rank({**marks, extra: intensity})}
    unrelated = sorted(m for m, c in before.items() if extra not in zone_kinds(m))
    for first, second in itertools.combinations(unrelated, 2):
        was = before[first].score - before[second].score
        now = after[first].score - after[second].score
        if was and now:  # scores are rounded to 4 places: two may come to a tie, which is no order
            assert (was > 0) == (now > 0), (extra, before[first], before[second], after[first], after[second])
    assert all(after[m].side == before[m].side for m in unrelated)


def test_a_painless_mark_elsewhere_leaves_a_two_sided_candidate_where_it_was() -> None:
    """The hand-weighted score dropped a two-sided candidate to one side, at half its score and
    below muscles it led, for any other mark (here a 0 on the breast)."""
    marks = {
        "low_back.left": 2,
        "abdomen.left": 1,
        "abdomen.right": 6,
        "ankle_front.left": 0,
        "ankle_front.right": 2,
        "back_of_head.left": 5,
    }
    before = rank(marks)
    two_sided = [
        c.muscle.id for c in before if c.side == "both" and "breast.left" not in zone_kinds(c.muscle.id)
    ]
    assert two_sided
    after = {c.muscle.id: c for c in rank({**marks, "breast.left": 0})}
    for muscle_id in two_sided:
        assert after[muscle_id].side == "both"
        led = [c.muscle.id for c in before[: [c.muscle.id for c in before].index(muscle_id)]]
        behind = [c.muscle.id for c in before if c.muscle.id not in led and c.muscle.id != muscle_id]
        for other in behind:
            if "breast.left" not in zone_kinds(other) and other in after:
                assert after[muscle_id].probability >= after[other].probability


def test_hypothesis_draws_real_muscles_and_regions() -> None:
    assert len(MUSCLES) >= 20 and len(REGIONS) >= 90
    with pytest.raises(KeyError):
        zone_kinds("no_such_muscle")
