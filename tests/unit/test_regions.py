"""The body-map regions: names, placement and geometry (no Qt)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.core.errors import DataError, UserError
from bodymap.core.geometry import BodyGeometry, load_geometry
from bodymap.core.regions import RegionCatalog, load_areas, load_catalog

# The areas the shared design requires (docs/architecture.md), each as .left and .right.
REQUIRED_AREAS = [
    "vertex",
    "occiput",
    "forehead",
    "side_of_head",
    "eyebrow",
    "mastoid",
    "eye",
    "neck_back",
    "temple",
    "neck_shoulder_angle",
    "cheek",
    "shoulder_top",
    "jaw",
    "suprascapular",
    "ear",
    "scapula",
    "throat",
    "scapula_medial_border",
    "neck_side",
    "interscapular",
    "upper_chest",
    "paraspinal_upper",
    "sternum",
    "scapula_lower_tip",
    "breast",
    "shoulder_back",
    "side_of_chest",
    "upper_arm_back",
    "abdomen",
    "elbow_back",
    "shoulder_front",
    "elbow_outer",
    "shoulder_side",
    "forearm_back",
    "upper_arm_front",
    "wrist_back",
    "upper_arm_inner",
    "hand_back",
    "elbow_inner",
    "low_back",
    "forearm_thumb_side",
    "buttock",
    "forearm_little_finger_side",
    "wrist_front",
    "palm",
    "thumb_index",
    "ring_little",
]


@pytest.fixture(scope="module")
def catalog() -> RegionCatalog:
    return load_catalog()


@pytest.fixture(scope="module")
def geometry() -> BodyGeometry:
    return load_geometry()


def test_required_areas_exist_on_both_sides(catalog: RegionCatalog) -> None:
    assert len(REQUIRED_AREAS) == 47
    for area in REQUIRED_AREAS:
        for side in ("left", "right"):
            assert f"{area}.{side}" in catalog, f"{area}.{side} missing"


def test_at_least_100_regions_each_with_label_and_view(catalog: RegionCatalog) -> None:
    assert len(catalog) >= 100
    for region in catalog:
        assert region.view in ("front", "back")
        assert region.label.endswith(f"— {region.side}")


def test_a_region_belongs_to_one_view(geometry: BodyGeometry, catalog: RegionCatalog) -> None:
    for region in catalog:
        assert geometry.region_views[region.id] == region.view


def _grid(rect: tuple[float, float, float, float], step: float):
    x0, y0, w, h = rect
    y = y0 + step / 2
    while y < y0 + h:
        x = x0 + step / 2
        while x < x0 + w:
            yield x, y
            x += step
        y += step


def _near_outline(outline, x: float, y: float, margin: float) -> bool:
    """Whether (x, y) lies within `margin` of the outline's flattened edge."""
    for ring in outline.rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x2 - x1, y2 - y1
            t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1.0)))
            if (x1 + t * dx - x) ** 2 + (y1 + t * dy - y) ** 2 < margin * margin:
                return True
    return False


@pytest.mark.parametrize("view", ["front", "back"])
def test_regions_tile_the_silhouette(geometry: BodyGeometry, view: str) -> None:
    """Points inside the outline hit exactly one region; points outside hit none."""
    outline = geometry.outlines[view]  # type: ignore[index]
    shapes = [(rid, s) for rid, s in geometry.regions.items() if geometry.region_views[rid] == view]
    inside = 0
    for x, y in _grid(outline.bounds, 3.1):
        hits = [rid for rid, s in shapes if s.contains(x, y)]
        if outline.contains(x, y):
            if len(hits) != 1 and _near_outline(outline, x, y, 1.0):
                continue  # on the smooth outline itself: curve vs. its flattening
            assert len(hits) == 1, f"({x:.1f}, {y:.1f}) in {view} hits {hits}"
            inside += 1
        elif hits and not _near_outline(outline, x, y, 1.0):
            raise AssertionError(f"({x:.1f}, {y:.1f}) is outside the {view} outline but hits {hits}")
    assert inside > 5000  # the grid really sampled the body


def test_each_region_centre_lies_inside_it(geometry: BodyGeometry) -> None:
    for rid, shape in geometry.regions.items():
        x, y = geometry.centre(rid)
        assert shape.contains(x, y), rid
        assert geometry.regions_at(x, y) == [rid]


def test_left_is_the_persons_left(geometry: BodyGeometry, catalog: RegionCatalog) -> None:
    """Facing us (front) the person's left is on our right; from behind, on our left."""
    for region in catalog:
        x, _ = geometry.centre(region.id)
        ox, _, ow, _ = geometry.outlines[region.view].bounds
        midline = ox + ow / 2
        on_viewer_right = x > midline
        expect_right = (region.side == "left") == (region.view == "front")
        assert on_viewer_right == expect_right, region.id


def _centre(geometry: BodyGeometry, region: str) -> tuple[float, float]:
    return geometry.centre(region)


def test_regions_sit_where_their_names_say(geometry: BodyGeometry) -> None:
    c = lambda r: _centre(geometry, r)  # noqa: E731
    # head, top to bottom
    assert c("vertex.left")[1] < c("back_of_head.left")[1] < c("occiput.left")[1] < c("neck_back.left")[1]
    assert (
        c("forehead.left")[1]
        < c("eyebrow.left")[1]
        < c("eye.left")[1]
        < c("cheek.left")[1]
        < c("jaw.left")[1]
    )
    assert c("jaw.left")[1] < c("throat.left")[1] < c("upper_chest.left")[1] < c("breast.left")[1]
    assert c("breast.left")[1] < c("abdomen.left")[1] < c("lower_abdomen.left")[1]
    # the upper back, from the spine outwards (back view: left side is on the viewer's left)
    xs = [
        abs(c(f"{a}.left")[0] - 720)
        for a in ("paraspinal_upper", "interscapular", "scapula_medial_border", "scapula", "shoulder_back")
    ]
    assert xs == sorted(xs), xs
    assert c("suprascapular.left")[1] < c("scapula.left")[1] < c("scapula_lower_tip.left")[1]
    assert c("neck_shoulder_angle.left")[1] < c("suprascapular.left")[1]
    # the arm, shoulder to hand
    for chain in (
        [
            "shoulder_front",
            "upper_arm_front",
            "elbow_inner",
            "forearm_thumb_side",
            "wrist_front",
            "palm",
            "middle_finger",
        ],
        [
            "shoulder_back",
            "upper_arm_back",
            "elbow_back",
            "forearm_back",
            "wrist_back",
            "hand_back",
            "fingers_back",
        ],
    ):
        ys = [c(f"{a}.right")[1] for a in chain]
        assert ys == sorted(ys), chain
    # the thumb side of the forearm is further from the body than the little-finger side
    assert abs(c("forearm_thumb_side.left")[0] - 240) > abs(c("forearm_little_finger_side.left")[0] - 240)


def test_resolve_names_and_suggest_close_ones(catalog: RegionCatalog) -> None:
    assert [r.id for r in catalog.resolve("interscapular")] == ["interscapular.left", "interscapular.right"]
    assert [r.id for r in catalog.resolve("neck_side.right")] == ["neck_side.right"]
    with pytest.raises(UserError, match="interscapular"):
        catalog.resolve("interscapula.lft")
    with pytest.raises(UserError, match=r"unknown region 'elbow\.middle'"):
        catalog.resolve("elbow.middle")


def test_search_matches_labels_and_everyday_words(catalog: RegionCatalog) -> None:
    found = {r.area for r in catalog.search("shoulder")}
    assert {"shoulder_top", "shoulder_front", "shoulder_back", "scapula", "interscapular"} <= found
    assert {r.area for r in catalog.search("knot")} >= {"interscapular", "scapula_medial_border"}
    assert catalog.search("zzz") == []


def test_bad_areas_file_names_file_entry_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "areas.yaml"
    bad.write_text("areas:\n  eye: {view: front, label: Eye, colour: red}\n")
    with pytest.raises(DataError, match=r"areas.yaml: area 'eye': unknown field 'colour'"):
        load_areas(bad)
    bad.write_text("areas:\n  eye: {view: side, label: Eye}\n")
    with pytest.raises(DataError, match=r"area 'eye', field 'view'"):
        load_areas(bad)


def test_svg_and_areas_must_agree(tmp_path: Path) -> None:
    svg = tmp_path / "map.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><g id="front">'
        '<path id="eye.left" d="M0,0 L1,0 L1,1Z"/></g><g id="back"/></svg>'
    )
    areas = tmp_path / "areas.yaml"
    areas.write_text("areas:\n  eye: {view: front, label: Eye}\n")
    with pytest.raises(DataError, match="area 'eye' has no right region"):
        load_catalog(svg, areas)
    areas.write_text("areas:\n  eye: {view: back, label: Eye}\n")
    with pytest.raises(DataError, match=r"is in the front view, areas\.yaml says back"):
        load_catalog(svg, areas)


def test_regions_command_lists_json_without_qt(tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv=['bodymap','regions','--json'];\n"
        "from bodymap.app import main; rc = main(['regions','--json']);\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6','pyqtgraph','shiboken6'))];\n"
        "print('QT-MODULES', bad, file=sys.stderr); raise SystemExit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    rows = json.loads(result.stdout)
    assert len(rows) >= 100
    assert {"id", "label", "view"} <= set(rows[0])
    assert "QT-MODULES []" in result.stderr
