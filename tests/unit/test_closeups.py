"""Which body part a place belongs to, what its close-up shows, where each routine step presses."""

from __future__ import annotations

import pytest

from bodymap.core.closeups import (
    PARTS,
    close_up,
    needs_close_up,
    part_of,
    phase_spot,
    step_spots,
    story_close_ups,
)
from bodymap.core.countdown import PhaseKind, plan
from bodymap.core.geometry import load_geometry
from bodymap.core.knowledge import load_knowledge
from bodymap.core.regions import load_catalog
from bodymap.core.techniques import load_techniques
from tests.routines import technique


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[0] + inner[2] <= outer[0] + outer[2]
        and inner[1] + inner[3] <= outer[1] + outer[3]
    )


def test_every_area_is_in_one_part_and_each_part_names_real_areas() -> None:
    catalog = load_catalog()
    areas = {info.area for info in catalog}
    named = [area for part in PARTS for area in part.areas]
    assert len(named) == len(set(named))  # one part each
    assert set(named) <= areas
    assert {info.id for info in catalog if part_of(info.id) is None} == set()


def test_a_close_up_holds_its_region_and_the_head_is_one_of_the_story_parts() -> None:
    geometry = load_geometry()
    for region in ("ear.left", "throat.right", "sternum.left", "palm.right", "occiput.left"):
        found = close_up(geometry, region)
        assert found is not None and found.view == geometry.region_views[region]
        assert _inside(geometry.regions[region].bounds, found.rect), region
    head = close_up(geometry, "ear.left")
    assert head is not None and head.part.follows and head.part.id == "head"
    # a hand's close-up shows that hand alone
    hand = close_up(geometry, "palm.left")
    assert hand is not None and not _inside(geometry.regions["palm.right"].bounds, hand.rect)


def test_only_the_head_neck_and_hands_follow_the_story() -> None:
    geometry = load_geometry()
    assert set(story_close_ups(geometry, ["neck_side.left"], ("scalenes.left",))) == {"front"}
    assert story_close_ups(geometry, ["interscapular.left", "scapula.right"]) == {}
    both = story_close_ups(geometry, ["neck_side.left", "occiput.right"])
    assert set(both) == {"front", "back"}
    # the muscle's drawn shape and the place stay in the close-up, centred in it, at the zoom of
    # the part's close-up: the point at the base of the neck is not left at the bottom edge
    scalene = geometry.muscle_on("scalenes.left", "front")
    head = close_up(geometry, "neck_side.left")
    assert scalene is not None and head is not None
    with_muscle = story_close_ups(geometry, ["neck_side.left"], ("scalenes.left",))["front"]
    place = geometry.regions["neck_side.left"].bounds
    assert _inside(scalene.bounds, with_muscle) and _inside(place, with_muscle)
    assert with_muscle[2:] == pytest.approx(head.rect[2:])
    centre_y = scalene.bounds[1] + scalene.bounds[3] / 2
    assert abs(centre_y - (with_muscle[1] + with_muscle[3] / 2)) < with_muscle[3] / 4
    assert with_muscle[1] > head.rect[1]  # moved down from the whole head toward the neck


def test_small_means_under_20_px_at_the_scale_shown() -> None:
    geometry = load_geometry()
    _, _, w, _ = geometry.regions["ear.left"].bounds
    assert needs_close_up(geometry, "ear.left", 19.0 / w)
    assert not needs_close_up(geometry, "ear.left", 21.0 / w)


def test_pressing_steps_go_through_the_trigger_points_and_setup_steps_show_the_next() -> None:
    knowledge = load_knowledge()
    technique = load_techniques()["scalenes_finger_release"]
    scalenes = knowledge["scalenes"]
    spots = step_spots(technique, scalenes, "left")
    assert len(spots) == len(technique.steps)
    assert all(s is not None and s.region == "neck_side.left" for s in spots)
    pressing = [i for i, step in enumerate(technique.steps) if step.timing in ("hold", "strokes")]
    pressed = [spots[i].trigger_point.id for i in pressing]  # type: ignore[union-attr]
    assert pressed[: len(scalenes.trigger_points)] == [tp.id for tp in scalenes.trigger_points]
    first = spots[0]
    assert first is not None and first == spots[pressing[0]]  # getting ready: where the first press goes
    both = step_spots(technique, scalenes, "both")
    sides = {s.region for s in both if s is not None}
    assert sides == {"neck_side.left", "neck_side.right"}


def test_the_dot_changes_side_with_a_two_sided_hold_and_an_other_side_step() -> None:
    knowledge = load_knowledge()
    scalenes = knowledge["scalenes"]
    routine = technique(
        {"text": "Sit.", "seconds": 10, "ready": 0},
        {"text": "Hold, one side then the other.", "hold": 20, "sides": 2},
        {"text": "Stretch.", "hold": 10},
        {"text": "Stretch the other side.", "hold": 10, "other_side": True},
    )
    spots = step_spots(routine, scalenes, "left")
    phases = plan(routine)
    where = {(p.step, p.side): phase_spot(spots, p.step, p.side) for p in phases if p.kind is PhaseKind.WORK}
    first, second = where[(1, 1)], where[(1, 2)]
    assert first is not None and second is not None
    assert (first.region, second.region) == ("neck_side.left", "neck_side.right")
    assert first.trigger_point == second.trigger_point  # the same point, mirrored
    stretch, again = where[(2, 1)], where[(3, 2)]
    assert stretch is not None and again is not None
    assert again.trigger_point == stretch.trigger_point and again.region == "neck_side.right"
    assert stretch.trigger_point != first.trigger_point  # the next press moved on
