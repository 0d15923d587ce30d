"""The map as a person uses it: click, wheel, keys, hover, undo, search, narrow windows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.colour_scale import hex_colour
from bodymap.core.geometry import load_geometry
from bodymap.ui.application import build_window
from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.map_view import MAX_ZOOM, MapView


def region_point(window: MainWindow, region: str) -> tuple[MapView, QPoint]:
    """Where a person would click on a region: its centre, in viewport pixels."""
    view = window.map.views[window.catalog[region].view]
    x, y = window.scene.geometry.centre(region)
    return view, view.mapFromScene(window.scene.to_scene(view.view, x, y))


def click(qtbot: QtBot, window: MainWindow, region: str) -> None:
    view, point = region_point(window, region)
    with qtbot.waitSignal(window.scene.region_clicked, timeout=2000) as blocker:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert blocker.args == [region]
    # a small place brings its close-up: it glides in before the person points again
    qtbot.waitUntil(lambda: not view.gliding(), timeout=2000)


def test_hit_testing_through_scene_items(window: MainWindow) -> None:
    for region in ("interscapular.left", "neck_side.right", "thumb_index.left", "eye.right"):
        x, y = window.scene.geometry.centre(region)
        view = window.catalog[region].view
        assert window.scene.region_at(window.scene.to_scene(view, x, y)) == region


def test_click_marks_and_colours_a_region_then_click_unmarks(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window, "interscapular.left")
    assert window.session.intensity("interscapular.left") == 5
    item = window.scene.items_by_region["interscapular.left"]
    assert item.fill == QColor(hex_colour(5))
    assert "Between shoulder blade and spine — left" in window.intensity.title.text()
    click(qtbot, window, "interscapular.left")
    assert window.session.intensity("interscapular.left") is None
    assert item.fill is None


def test_wheel_slider_and_keys_change_intensity(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window, "neck_side.left")
    view, point = region_point(window, "neck_side.left")
    with qtbot.waitSignal(window.scene.region_wheeled, timeout=2000):
        QTest.mouseMove(view.viewport(), point)
        wheel(view, point, +120)
    assert window.session.intensity("neck_side.left") == 6
    window.intensity.slider.setValue(8)
    assert window.session.intensity("neck_side.left") == 8
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_3)
    assert window.session.intensity("neck_side.left") == 3
    QTest.keyClick(view, Qt.Key.Key_0)
    assert window.session.intensity("neck_side.left") == 10
    assert window.scene.items_by_region["neck_side.left"].fill == QColor(hex_colour(10))


def wheel(view: MapView, point: QPoint, delta: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtGui import QWheelEvent

    global_pos = view.viewport().mapToGlobal(point)
    event = QWheelEvent(
        QPointF(point),
        QPointF(global_pos),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_undo_and_redo_marking(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window, "scapula.right")
    window.intensity.slider.setValue(9)
    window.intensity.slider.setValue(7)  # consecutive changes merge into one step
    assert window.session.intensity("scapula.right") == 7
    window.undo_action.trigger()
    assert window.session.intensity("scapula.right") == 5
    window.undo_action.trigger()
    assert window.session.intensity("scapula.right") is None
    window.redo_action.trigger()
    assert window.session.intensity("scapula.right") == 5
    window.activateWindow()
    qtbot.waitActive(window)
    QTest.keyClick(
        window.map.views["front"],
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.intensity("scapula.right") == 7


def test_clear_all_can_be_undone(qtbot: QtBot, window: MainWindow) -> None:
    for region in ("jaw.left", "temple.left", "occiput.right"):
        click(qtbot, window, region)
    window.clear_button.click()
    assert window.session.marks() == []
    window.undo_action.trigger()
    assert {m.region for m in window.session.marks()} == {"jaw.left", "temple.left", "occiput.right"}


def test_hover_shows_the_name_in_status_bar_and_tooltip(qtbot: QtBot, window: MainWindow) -> None:
    view, point = region_point(window, "interscapular.left")
    with qtbot.waitSignal(window.scene.region_hovered, timeout=2000) as blocker:
        QTest.mouseMove(view.viewport(), point)
    assert blocker.args == ["interscapular.left"]
    assert window.statusBar().currentMessage() == "Between shoulder blade and spine — left"
    assert (
        window.scene.items_by_region["interscapular.left"].toolTip()
        == "Between shoulder blade and spine — left"
    )


def test_keyboard_alone_can_mark_a_region(qtbot: QtBot, window: MainWindow) -> None:
    view = window.map.views["back"]
    view.setFocus(Qt.FocusReason.OtherFocusReason)  # focus that merely lands: nothing picked
    assert view.focus_region == "" and window.session.current == ""
    view.clearFocus()
    view.setFocus(Qt.FocusReason.TabFocusReason)  # tabbing in picks the first region
    qtbot.waitUntil(lambda: view.focus_region != "")
    view.move_focus_to("interscapular.left")
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.focus_region == "scapula_medial_border.left"
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert window.session.intensity("scapula_medial_border.left") == 5
    QTest.keyClick(view, Qt.Key.Key_7)
    assert window.session.intensity("scapula_medial_border.left") == 7
    assert "Body map, back" in view.accessibleName()
    QTest.keyClick(view, Qt.Key.Key_Tab)  # the map is one Tab stop: Tab leaves it
    assert not view.hasFocus()


def test_search_filters_the_list_and_enter_marks(qtbot: QtBot, window: MainWindow) -> None:
    window.region_list.search.setText("shoulder blade")
    visible = window.region_list.visible_regions()
    assert "scapula.left" in visible and "interscapular.right" in visible
    assert "jaw.left" not in visible
    window.region_list.search.setText("base of the skull left")
    assert window.region_list.visible_regions() == ["occiput.left"]
    QTest.keyClick(window.region_list.search, Qt.Key.Key_Return)
    assert window.session.intensity("occiput.left") == 5


def test_selecting_in_the_list_moves_the_map_focus(qtbot: QtBot, window: MainWindow) -> None:
    window.region_list.select_region("eye.left")
    assert window.session.current == "eye.left"
    assert window.map.views["front"].focus_region == "eye.left"


def test_zoom_in_out_and_reset(qtbot: QtBot, window: MainWindow) -> None:
    view = window.map.views["front"]
    base = view.transform().m11()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() > base * 1.2
    center = view.viewport().rect().center()
    wheel(view, center, 120 * 20, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == MAX_ZOOM
    view.reset_zoom()
    assert abs(view.transform().m11() - base) < 1e-6


def test_small_regions_reach_a_comfortable_size_with_zoom(window: MainWindow) -> None:
    """Regions under ~12 px at the default size (the eye, the fingers) get there with zoom."""
    geometry = load_geometry()
    scale = window.map.views["front"].transform().m11()
    for region, shape in geometry.regions.items():
        _, _, w, h = shape.bounds
        assert min(w, h) * scale * MAX_ZOOM >= 12, region


def test_narrow_window_shows_one_figure_with_a_switch(qtbot: QtBot, window: MainWindow) -> None:
    window.region_list.select_region("upper_chest.left")  # worked on while both are shown
    window.resize(620, 700)
    qtbot.waitUntil(lambda: window.map.shown() != "both")
    # narrowed, the figure being worked on stays
    assert window.map.shown() == "front" and not window.map.views["back"].isVisible()
    window.region_list.select_region("interscapular.left")
    assert window.map.views["back"].isVisible() and not window.map.views["front"].isVisible()
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: window.map.shown() == "both")


def test_a_narrow_window_opens_on_the_back(qtbot: QtBot, tmp_path: Path) -> None:
    """The neck, shoulder blade and upper back this app is for are marked on the back."""
    narrow = build_window(str(tmp_path), remember=False)
    qtbot.addWidget(narrow)
    narrow.resize(800, 600)
    narrow.show()
    qtbot.waitExposed(narrow)
    assert narrow.map.shown() == "back"


def test_dark_palette_darkens_the_map(qtbot: QtBot, window: MainWindow) -> None:
    light = window.scene.backgroundBrush().color().lightness()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    window.setPalette(palette)
    qtbot.waitUntil(lambda: window.scene.backgroundBrush().color().lightness() < light)


def test_window_geometry_is_kept_between_runs(qtbot: QtBot, tmp_path: Path) -> None:
    first = build_window(str(tmp_path))
    qtbot.addWidget(first)
    first.resize(711, 637)  # the offscreen screen is 800x800; restore clamps to it
    first.map.set_mode("back")
    first.show()
    first.close()
    second = build_window(str(tmp_path))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (711, 637)
    assert second.map.mode == "back"


def test_the_region_list_is_built_after_the_first_paint_in_step_with_the_map(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window._region_list is None  # not on screen at start-up: built at idle
    window.session.set_intensity("interscapular.left", 6)
    window.session.set_current("neck_side.right")
    window.warm_up()
    regions = window.region_list
    assert regions.model.data(
        regions.model.index_of("interscapular.left"), Qt.ItemDataRole.DisplayRole
    ).endswith("6/10")
    assert regions.list.currentIndex().data(Qt.ItemDataRole.DisplayRole).startswith("Side of the neck")
    assert regions.isVisibleTo(window.tabs.widget(1))
    window.session.set_intensity("jaw.left", 2)  # and it follows the map from then on
    assert regions.model.data(regions.model.index_of("jaw.left"), Qt.ItemDataRole.DisplayRole).endswith(
        "2/10"
    )


def test_before_any_mark_the_treat_tab_says_what_will_appear(window: MainWindow) -> None:
    panel = window.technique_panel
    assert panel.heading.text().startswith("Mark where it hurts")
    assert not panel.start_button.isVisible() and not panel.list.isVisible()
    window.session.set_intensity("interscapular.left", 6)
    assert panel.heading.text().startswith("Treat ")
    assert panel.list.isVisible() and panel.start_button.isEnabled()
    window.session.clear()
    assert panel.heading.text().startswith("Mark where it hurts") and not panel.start_button.isVisible()
