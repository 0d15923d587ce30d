"""Marks, their parsing from the command line, navigation and the colour scale."""

from __future__ import annotations

import itertools

import pytest

from bodymap.core.colour_scale import intensity_colour
from bodymap.core.errors import UserError
from bodymap.core.geometry import load_geometry
from bodymap.core.marking import Mark, Marking, parse_mark_spec, parse_mark_specs
from bodymap.core.navigation import neighbour
from bodymap.core.regions import load_catalog


def test_parse_specs() -> None:
    catalog = load_catalog()
    assert parse_mark_spec("interscapular.left=7", catalog) == [Mark("interscapular.left", 7)]
    assert parse_mark_spec("neck_side", catalog) == [Mark("neck_side.left", 5), Mark("neck_side.right", 5)]
    assert parse_mark_specs(["jaw=2", "jaw.left=9"], catalog) == [Mark("jaw.left", 9), Mark("jaw.right", 2)]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("interscapular.left=11", "intensity 11 is outside 0-10"),
        ("interscapular.left=-1", "intensity -1 is outside 0-10"),
        ("interscapular.left=much", "'much' in 'interscapular.left=much' is not a whole number"),
        ("interscapular.lft=3", "unknown region 'interscapular.lft'"),
    ],
)
def test_bad_specs_are_user_errors(spec: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_mark_spec(spec, load_catalog())


def test_marking_keeps_order_and_unmarks() -> None:
    marking = Marking([Mark("a", 3), Mark("b", 4)])
    marking.set("a", None)
    marking.set("c", 10)
    assert list(marking) == [Mark("b", 4), Mark("c", 10)]
    with pytest.raises(UserError):
        marking.set("d", 11)


def test_colour_scale_gets_darker_and_redder_with_pain() -> None:
    def lightness(rgb: tuple[int, int, int]) -> float:
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]

    colours = [intensity_colour(i) for i in range(11)]
    values = [lightness(c) for c in colours]
    assert all(a > b for a, b in itertools.pairwise(values)), values
    assert colours[10][0] > colours[10][1] + 100  # clearly red at the top
    assert intensity_colour(-3) == colours[0] and intensity_colour(42) == colours[10]


def test_arrow_navigation_finds_the_neighbour_in_that_direction() -> None:
    geometry = load_geometry()
    back = [r.id for r in load_catalog().in_view("back")]
    # on the back view the person's left is on the viewer's left
    assert neighbour(geometry, back, "interscapular.left", (-1, 0)) == "scapula_medial_border.left"
    assert neighbour(geometry, back, "interscapular.left", (1, 0)) == "paraspinal_upper.left"
    assert neighbour(geometry, back, "vertex.left", (0, -1)) == ""
    below = neighbour(geometry, back, "suprascapular.left", (0, 1))
    assert below in {"scapula.left", "scapula_medial_border.left"}
