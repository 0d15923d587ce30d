"""Once a candidate shows, the person's own colours stay readable under its zones and muscle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsPathItem

from bodymap.core.colour_scale import EDGE_CONTRAST, contrast_ratio, hex_colour
from bodymap.core.marking import parse_mark_specs
from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.body_scene import RegionItem


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return (colour.red(), colour.green(), colour.blue())


def test_zones_and_muscle_are_lines_over_the_marks_not_tints(window: MainWindow) -> None:
    knot = ["interscapular.left=7", "scapula_medial_border.left=1"]
    window.apply_marks(parse_mark_specs(knot, window.catalog))
    assert window.session.shown
    overlay = [
        item
        for item in window.scene.items()
        if isinstance(item, QGraphicsPathItem) and not isinstance(item, RegionItem) and item.zValue() > 3
    ]
    assert overlay, "the candidate's zones and muscle are drawn"
    essential, _ = window.scene.highlighted_regions()
    assert "interscapular.left" in essential
    for item in overlay:
        brush = item.brush()
        # no solid or translucent fill: a pattern of lines or dots, or nothing
        assert brush.style() != Qt.BrushStyle.SolidPattern, item
    # the marked colour itself is untouched
    assert window.scene.items_by_region["interscapular.left"].brush().color() == QColor(hex_colour(7))


def test_a_marked_one_out_of_ten_has_an_edge_that_shows_on_the_skin(window: MainWindow) -> None:
    window.apply_marks(parse_mark_specs(["palm.left=1"], window.catalog))
    item = window.scene.items_by_region["palm.left"]
    skin = window.scene.theme.skin
    assert contrast_ratio(_rgb(item.pen().color()), _rgb(skin)) >= EDGE_CONTRAST
    unmarked = window.scene.items_by_region["palm.right"]
    assert unmarked.pen().color() != item.pen().color()
