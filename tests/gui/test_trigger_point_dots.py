"""The dots on the map sit on the muscle itself, inside its outline, where core placed them:
for Likely sources and for Find it's press-test."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsPathItem
from pytestqt.qtbot import QtBot

from bodymap.core.knowledge import load_knowledge
from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.body_scene import RegionItem, TriggerPointMarker


def _outline_items_at(window: MainWindow, marker: TriggerPointMarker) -> list[str]:
    """The muscle outlines (their "muscle.side" key) under the dot's centre on screen."""
    return [
        str(item.data(0))
        for item in window.scene.items(marker.scenePos())
        if isinstance(item, QGraphicsPathItem) and item.data(0)
    ]


def _region_at(window: MainWindow, marker: TriggerPointMarker) -> str:
    return next(
        (item.region_id for item in window.scene.items(marker.scenePos()) if isinstance(item, RegionItem)), ""
    )


def test_the_scalenes_dots_sit_inside_the_scalenes_outline(qtbot: QtBot, window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("scapula_medial_border.left", 5)
    QTest.mouseClick(window.referral.card("scalenes:left"), Qt.MouseButton.LeftButton)
    markers = window.scene.markers()
    scalenes = {tp.id: tp for tp in load_knowledge()["scalenes"].trigger_points}
    assert markers and {m.tp_id for m in markers} <= set(scalenes)
    for marker in markers:
        assert _outline_items_at(window, marker) == ["scalenes.left"], marker.tp_id
        assert _region_at(window, marker) == "neck_side.left", marker.tp_id
        x, y = scalenes[marker.tp_id].at("left")
        assert (marker.scenePos().x(), marker.scenePos().y()) == (x, y)  # the front view sits at 0


def test_the_press_test_dot_sits_inside_the_muscle_it_tests(qtbot: QtBot, window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("scapula_medial_border.left", 5)
    QTest.mouseClick(window.find_button, Qt.MouseButton.LeftButton)
    panel = window.panels.search_panel
    assert panel is not None
    seen = 0
    while panel.test is not None and seen < 4:
        test = panel.test
        (marker,) = window.scene.markers()
        assert marker.tp_id == test.trigger_point.id
        assert _region_at(window, marker) == test.region
        side = test.region.rsplit(".", 1)[1]
        outlines = _outline_items_at(window, marker)
        key = f"{test.muscle}.{side}"
        assert key in outlines, (test.trigger_point.id, outlines)  # the dot sits on its muscle
        shape: QPainterPath = window.scene.items_by_region[test.region].shape()
        assert shape.contains(window.scene.items_by_region[test.region].mapFromScene(marker.scenePos()))
        QTest.keyClick(panel, Qt.Key.Key_N)
        seen += 1
    assert seen >= 2
