"""Trigger points where the fingers go: each one is drawn inside its muscle's own shape and
inside its region, on both sides (core/knowledge.py places them; core/geometry.py finds
the point)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from bodymap import resources
from bodymap.core.errors import DataError
from bodymap.core.geometry import Shape, inner_point, load_geometry
from bodymap.core.knowledge import load_knowledge, parse_knowledge, place_trigger_points, placement_shapes
from bodymap.core.regions import SIDES, load_areas
from bodymap.core.yamlio import load_yaml


def test_every_trigger_point_lies_inside_its_muscle_and_its_region_on_both_sides() -> None:
    geometry = load_geometry()
    for muscle in load_knowledge():
        for tp in muscle.trigger_points:
            assert tp.placement is not None, tp.id
            view = tp.placement.view
            for side in SIDES:
                region = f"{tp.area}.{side}"
                assert geometry.region_views[region] == view, (tp.id, side)
                x, y = tp.at(side)
                assert geometry.regions[region].contains(x, y), f"{tp.id} ({side}) outside {region}"
                drawn = geometry.muscle_on(f"{muscle.id}.{side}", view)
                assert drawn is not None, f"{muscle.id} ({side}) is not drawn on the {view} view of {tp.id}"
                assert drawn.contains(x, y), f"{tp.id} ({side}) outside m-{muscle.id}.{side}"


def test_the_right_side_mirrors_the_left_through_the_midline() -> None:
    geometry = load_geometry()
    for muscle in load_knowledge():
        for tp in muscle.trigger_points:
            assert tp.placement is not None
            mid = geometry.midline(tp.placement.view)
            (lx, ly), (rx, ry) = tp.placement.left, tp.placement.right
            assert ly == ry and rx == pytest.approx(2 * mid - lx, abs=0.01), tp.id


def test_points_of_one_muscle_do_not_sit_on_one_another() -> None:
    for muscle in load_knowledge():
        spots = [(tp.placement.view, tp.placement.left) for tp in muscle.trigger_points if tp.placement]
        for i, (view, (x, y)) in enumerate(spots):
            for other_view, (ox, oy) in spots[i + 1 :]:
                if view == other_view:
                    assert abs(x - ox) + abs(y - oy) > 2, muscle.id


def test_the_masseter_points_are_on_the_masseter_not_by_the_eye() -> None:
    geometry = load_geometry()
    masseter = load_knowledge()["masseter"]
    for tp in masseter.trigger_points:
        assert geometry.muscles["masseter.left"]["front"].contains(*tp.at("left"))
        assert not geometry.regions["eye.left"].contains(*tp.at("left"))


# --- finding the point


def _square(x: float, y: float, size: float) -> Shape:
    return Shape((("M", x, y), ("L", x + size, y), ("L", x + size, y + size), ("L", x, y + size), ("Z",)))


def test_the_inner_point_of_a_square_is_its_centre() -> None:
    x, y = inner_point([_square(0, 0, 10)]) or (0.0, 0.0)
    assert x == pytest.approx(5, abs=0.2) and y == pytest.approx(5, abs=0.2)


def test_the_inner_point_lies_in_the_overlap_of_two_shapes() -> None:
    a, b = _square(0, 0, 10), _square(6, 6, 10)
    point = inner_point([a, b])
    assert point is not None and a.contains(*point) and b.contains(*point)
    assert point[0] == pytest.approx(8, abs=0.2) and point[1] == pytest.approx(8, abs=0.2)


def test_shapes_that_do_not_overlap_have_no_inner_point() -> None:
    assert inner_point([_square(0, 0, 10), _square(20, 0, 10)]) is None
    assert inner_point([_square(0, 0, 10), _square(10, 0, 10)]) is None  # touching is not inside


def test_a_second_point_keeps_away_from_the_first() -> None:
    strip = Shape((("M", 0, 0), ("L", 60, 0), ("L", 60, 10), ("L", 0, 10), ("Z",)))
    first = inner_point([strip])
    assert first is not None
    second = inner_point([strip], [first])
    assert second is not None and strip.contains(*second) and abs(second[0] - first[0]) >= 9.5


def test_signed_distance_is_positive_inside_and_negative_outside() -> None:
    square = _square(0, 0, 10)
    assert square.signed_distance(5, 5) == pytest.approx(5)
    assert square.signed_distance(12, 5) == pytest.approx(-2)
    assert square.signed_distance(1, 5) == pytest.approx(1)


# --- the data's own points, checked


def _raw() -> Any:
    return copy.deepcopy(load_yaml(resources.data_path("muscles.yaml")))


def _place(data: Any) -> list[Any]:
    knowledge = parse_knowledge(data, "muscles.yaml", load_areas())
    return place_trigger_points(list(knowledge), load_geometry(), "muscles.yaml")


def _scalenes(data: Any) -> Any:
    return next(m for m in data["muscles"] if m["id"] == "scalenes")


def test_a_given_point_is_used_and_mirrored() -> None:
    data = _raw()
    computed = {m.id: m for m in _place(copy.deepcopy(data))}["scalenes"].trigger_points[0]
    assert computed.placement is not None
    x, y = computed.placement.left
    _scalenes(data)["trigger_points"][0]["at"] = [x + 0.5, y + 0.5]
    placed = {m.id: m for m in _place(data)}["scalenes"].trigger_points[0]
    assert placed.at("left") == (x + 0.5, y + 0.5)
    assert placed.at("right") == pytest.approx((2 * load_geometry().midline("front") - x - 0.5, y + 0.5))


def test_a_given_point_outside_the_muscle_is_refused() -> None:
    data = _raw()
    _scalenes(data)["trigger_points"][0]["at"] = list(load_geometry().centre("eye.left"))
    with pytest.raises(
        DataError,
        match=r"^muscles\.yaml: muscle 'scalenes', trigger point 'scalenes_anterior', "
        r"field 'at': .* on the left side lies outside neck_side\.left and m-scalenes\.left",
    ):
        _place(data)


@pytest.mark.parametrize("at", [[1], "here", [1, "2"], [True, 3], {"x": 1}])
def test_a_malformed_point_is_refused(at: object) -> None:
    data = _raw()
    _scalenes(data)["trigger_points"][0]["at"] = at
    with pytest.raises(DataError, match=r"trigger point 'scalenes_anterior', field 'at': must be \[x, y\]"):
        _place(data)


def test_an_area_the_drawn_muscle_does_not_reach_is_refused() -> None:
    data = _raw()
    _scalenes(data)["trigger_points"][0]["area"] = "forehead"
    _scalenes(data)["trigger_points"][0].pop("at", None)
    with pytest.raises(
        DataError,
        match=r"trigger point 'scalenes_anterior', field 'area': "
        r"forehead\.left and m-scalenes\.left do not overlap on the front view",
    ):
        _place(data)


def test_what_a_point_must_lie_in() -> None:
    geometry = load_geometry()
    assert set(placement_shapes(geometry, "scalenes", "neck_side", "left")) == {
        "neck_side.left",
        "m-scalenes.left",
    }
    # the deltoid is drawn mostly on the front; its back part holds the point behind the shoulder
    assert set(placement_shapes(geometry, "deltoid", "shoulder_back", "right")) == {
        "shoulder_back.right",
        "m-deltoid.right",
    }
    # a muscle not drawn on the region's view: the region alone
    assert set(placement_shapes(geometry, "rhomboids", "upper_chest", "right")) == {"upper_chest.right"}


def test_a_muscle_part_named_for_one_view_but_drawn_on_the_other_is_refused(tmp_path: Path) -> None:
    svg = resources.asset_path("bodymap.svg").read_text(encoding="utf-8")
    moved = svg.replace('id="m-deltoid.left.back"', 'id="m-deltoid.left.front"')
    assert moved != svg
    (tmp_path / "map.svg").write_text(moved, encoding="utf-8")
    with pytest.raises(
        DataError, match=r"'m-deltoid\.left\.front' is named for the front view but drawn on the back"
    ):
        load_geometry(tmp_path / "map.svg")


def test_the_scalene_points_lie_behind_the_scm_low_in_the_side_of_the_neck() -> None:
    geometry = load_geometry()
    _, top, _, height = geometry.regions["neck_side.left"].bounds
    for tp in load_knowledge()["scalenes"].trigger_points:
        for side in SIDES:
            x, y = tp.at(side)
            assert not geometry.muscles[f"sternocleidomastoid.{side}"]["front"].contains(x, y), (tp.id, side)
            assert y > top + height / 2, (tp.id, side)  # the lower half, toward the collarbone


def test_the_temporalis_point_lies_in_the_lower_half_of_the_fan_above_the_cheekbone() -> None:
    geometry = load_geometry()
    _, top, _, height = geometry.muscles["temporalis.left"]["front"].bounds
    tp = next(tp for tp in load_knowledge()["temporalis"].trigger_points if tp.id == "temporalis_main")
    assert top + height / 2 < tp.at("left")[1] < top + height
