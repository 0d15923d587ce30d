"""The reason shown with a candidate is about that muscle: where its trigger points are, whether
it is a hidden source, and what its pain feels like."""

from __future__ import annotations

from functools import cache

from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import parse_mark_specs
from bodymap.core.referral import Candidate, ReferralEngine
from bodymap.core.regions import load_catalog
from bodymap.core.why import place, second_source


@cache
def engine() -> ReferralEngine:
    return ReferralEngine(load_knowledge(), load_catalog())


def why_of(muscle_id: str, *specs: str) -> Candidate:
    ranked = engine().rank(parse_mark_specs(list(specs), engine().catalog))
    return next(c for c in ranked if c.muscle.id == muscle_id)


def test_a_muscle_whose_trigger_points_are_not_marked_is_called_a_hidden_source() -> None:
    trapezius = why_of("upper_trapezius", "temple.left=6")
    assert "hidden source" in trapezius.why and "where the neck meets the shoulder" in trapezius.why
    temporalis = why_of("temporalis", "temple.left=6")
    assert "hidden" not in temporalis.why
    assert temporalis.why.startswith("Its trigger points lie where you marked, at the temple (left)")


def test_points_lying_where_marked_say_where_their_pain_mostly_goes() -> None:
    # the gluteus minimus lies at the side of the hip, which is only a spillover zone of its
    # points: their main pain goes to the buttock and down the outside of the thigh
    minimus = why_of("gluteus_minimus", "hip_side.left=5")
    assert minimus.why.startswith(
        "Its trigger points lie where you marked, at the side of the hip (left), but send pain mostly "
        "to the buttock and the outside of the thigh."
    )
    assert "felt mostly there" not in minimus.why
    medius = why_of("gluteus_medius", "hip_side.left=5")  # its front point's main zone is there
    assert "its pain is felt mostly there" in medius.why


def test_pain_at_the_point_itself_is_not_called_a_place_it_reaches() -> None:
    trapezius = why_of("upper_trapezius", "neck_shoulder_angle.left=6")
    assert trapezius.why.startswith(
        "Its trigger points lie where you marked, at the area where the neck meets the shoulder "
        "(left), but send pain mostly to"
    ), trapezius.why
    assert "can also reach" not in trapezius.why


def test_each_reason_carries_what_that_muscles_pain_feels_like() -> None:
    reasons = {}
    for muscle_id, spec in (("temporalis", "temple.left=6"), ("scalenes", "interscapular.left=7")):
        candidate = why_of(muscle_id, spec)
        assert candidate.muscle.feels and candidate.muscle.feels in candidate.why
        reasons[muscle_id] = candidate.why
    assert len(set(reasons.values())) == 2


def test_a_pain_guides_place_is_said_where_the_area_has_one() -> None:
    guide = engine().frequency["neck_back"]
    first = guide.muscles[0]
    candidate = why_of(first, "neck_back.left=6")
    assert f"Pain guides list it first for pain in {place(engine().catalog, 'neck_back')}." in candidate.why


def test_labels_read_inside_a_sentence() -> None:
    catalog = load_catalog()
    assert place(catalog, "neck_side") == "the side of the neck"
    assert place(catalog, "interscapular").startswith("the area between")
    assert place(catalog, "forearm_thumb_side") == "the thumb side of the forearm"
    assert all(", " not in place(catalog, area) for area in catalog.areas)  # no list headings


def test_a_found_muscle_that_explains_only_some_places_names_the_rest() -> None:
    catalog = load_catalog()
    marked = ["interscapular.left", "neck_shoulder_angle.left"]
    assert second_source(catalog, []) == ""
    said = second_source(catalog, ["interscapular.left"])
    assert said.startswith("It does not account for the pain at the area between shoulder blade and spine")
    assert "mark that place alone" in said
    both = second_source(catalog, marked)
    assert "mark those places alone" in both and " and the area where the neck meets the shoulder" in both
