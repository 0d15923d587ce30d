"""The referral engine: the facts the product stands on, sides, and the validation cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import parse_mark_specs
from bodymap.core.referral import Candidate, ReferralEngine, highlight, no_single_source
from bodymap.core.regions import load_catalog
from bodymap.core.yamlio import load_yaml

CASES = Path(__file__).resolve().parents[1] / "data" / "referral_cases.yaml"


@pytest.fixture(scope="module")
def engine() -> ReferralEngine:
    return ReferralEngine(load_knowledge(), load_catalog())


def rank(engine: ReferralEngine, *specs: str, top: int = 10) -> list[Candidate]:
    return engine.rank(parse_mark_specs(list(specs), engine.catalog), top=top)


def ids(candidates: list[Candidate]) -> list[str]:
    return [c.muscle.id for c in candidates]


def test_the_knot_between_shoulder_blade_and_spine(engine: ReferralEngine) -> None:
    found = rank(engine, "interscapular.left=7", "scapula_medial_border.left=5")
    assert ids(found)[0] == "scalenes", ids(found)
    assert {"rhomboids", "middle_trapezius"} <= set(ids(found))
    scalenes = next(c for c in found if c.muscle.id == "scalenes")
    assert scalenes.side == "left"
    # the first thing read: the side of the neck is the usual hidden source
    assert scalenes.why.startswith("The side of the neck is a usual hidden source"), scalenes.why


def test_pain_at_a_trigger_point_itself_counts_where_no_zone_reaches(engine: ReferralEngine) -> None:
    # the upper trapezius' points lie where the neck meets the shoulder, which none of its
    # sources names as a referral zone; an active point may hurt where it lies as well
    found = rank(engine, "neck_shoulder_angle.left=6")
    trapezius = next(c for c in found if c.muscle.id == "upper_trapezius")
    assert [(e.region, e.kind) for e in trapezius.explained] == [("neck_shoulder_angle.left", "local")]
    # as much as a spillover zone, less than a main zone: the levator's main zone is there
    assert ids(found).index("levator_scapulae") < ids(found).index("upper_trapezius")
    # where a zone reaches the point's own place, the zone counts, not the point
    rhomboids = next(c for c in rank(engine, "interscapular.left=6") if c.muscle.id == "rhomboids")
    assert [e.kind for e in rhomboids.explained] == ["essential"]


def test_no_single_source_when_no_listed_muscle_explains_every_mark(engine: ReferralEngine) -> None:
    knot = ["interscapular.left=7", "scapula_medial_border.left=5"]
    assert not no_single_source(
        rank(engine, *knot, top=6), ["interscapular.left", "scapula_medial_border.left"]
    )
    # the knot with an ache where the neck meets the shoulder: no one muscle reaches both
    two = ["interscapular.left=7", "neck_shoulder_angle.left=5"]
    found = rank(engine, *two, top=6)
    assert no_single_source(found, ["interscapular.left", "neck_shoulder_angle.left"])
    assert not no_single_source(found[:1], ["interscapular.left"])  # one place: nothing to split


def test_neck_skull_jaw_and_side_of_head_point_to_upper_trapezius(engine: ReferralEngine) -> None:
    found = rank(
        engine,
        "neck_side.right=6",
        "neck_back.right=6",
        "occiput.right=6",
        "jaw.right=5",
        "side_of_head.right=5",
    )
    assert ids(found)[0] == "upper_trapezius", ids(found)


def test_chest_front_of_shoulder_and_inner_arm_point_to_pectoralis_major(engine: ReferralEngine) -> None:
    found = rank(
        engine,
        "upper_chest.left=6",
        "breast.left=5",
        "shoulder_front.left=6",
        "upper_arm_inner.left=5",
        "elbow_inner.left=4",
    )
    assert ids(found)[0] == "pectoralis_major", ids(found)


def test_between_the_shoulder_blades_with_chest_pain_includes_pectoralis_major(
    engine: ReferralEngine,
) -> None:
    found = rank(engine, "interscapular.left=6", "upper_chest.left=6")
    assert "pectoralis_major" in ids(found)


def test_same_side_by_default_and_both_sides_when_marked_so(engine: ReferralEngine) -> None:
    assert {c.side for c in rank(engine, "interscapular.right=6")} == {"right"}
    both = rank(engine, "neck_side=6", "occiput=6", "neck_back=6")
    assert both[0].side == "both"


def test_deterministic_and_fine_with_one_or_many_marks(engine: ReferralEngine) -> None:
    one = rank(engine, "temple.left=4")
    assert one and all(0 < c.score <= 1 for c in one)
    many = [
        "interscapular.left=7",
        "scapula_medial_border.left=6",
        "neck_side.left=5",
        "upper_chest.left=4",
        "shoulder_front.left=3",
        "upper_arm_front.left=3",
        "thumb_index.left=2",
        "occiput.left=5",
        "temple.left=4",
        "scapula.left=3",
        "suprascapular.left=3",
        "shoulder_top.left=5",
    ]
    first = rank(engine, *many)
    assert ids(first) == ids(rank(engine, *many))
    assert [c.score for c in first] == sorted((c.score for c in first), reverse=True)
    assert engine.rank([]) == []


def test_highlight_has_zones_and_trigger_points_on_the_candidates_side(engine: ReferralEngine) -> None:
    scalenes = next(c for c in rank(engine, "scapula_medial_border.left=7") if c.muscle.id == "scalenes")
    shown = highlight(scalenes)
    assert "scapula_medial_border.left" in shown.essential
    assert all(r.endswith(".left") for r in shown.essential)
    assert shown.trigger_points
    for spot in shown.trigger_points:
        assert spot.region == f"{spot.trigger_point.area}.left"
        assert spot.at == spot.trigger_point.at("left")
    assert not shown.essential & shown.spillover


def _load_cases() -> list[dict[str, Any]]:
    return load_yaml(CASES)["cases"]


def test_validation_cases_are_well_formed() -> None:
    cases = _load_cases()
    assert len(cases) >= 25
    knowledge, catalog = load_knowledge(), load_catalog()
    for case in cases:
        assert case["source"]["url"].startswith("http"), case["name"]
        assert all(m in knowledge for m in case["expect"]), case["name"]
        parse_mark_specs(case["marks"], catalog)


def test_validation_top3_hit_rate_and_recall_at_10(
    engine: ReferralEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _load_cases()
    hits, recalls, misses = 0, [], []
    for case in cases:
        found = ids(rank(engine, *case["marks"], top=10))
        expected = case["expect"]
        if any(m in found[:3] for m in expected):
            hits += 1
        else:
            misses.append((case["name"], expected, found[:3]))
        recalls.append(sum(m in found for m in expected) / len(expected))
    top3 = hits / len(cases)
    recall = sum(recalls) / len(recalls)
    with capsys.disabled():
        print(f"\nreferral validation: {len(cases)} cases, top-3 hit rate {top3:.2f}, recall@10 {recall:.2f}")
    assert top3 >= 0.9, misses
    assert recall >= 0.8
