"""The map's close-ups, captions and keyboard as a person meets them at the default size."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.closeups import MIN_TARGET_PX, close_up, smaller_dimension, step_spots
from bodymap.core.marking import parse_mark_specs
from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.map_view import MAX_ZOOM, MapView

KNOT = ["interscapular.left=7", "scapula_medial_border.left=5"]


def on_screen(view: MapView, view_name: str, at: tuple[float, float], scene_of: MainWindow) -> bool:
    """Whether a map-file point is inside what the view shows."""
    point = view.mapFromScene(scene_of.scene.to_scene(view_name, *at))  # type: ignore[arg-type]
    return view.viewport().rect().contains(point)


def settled(view: MapView) -> bool:
    return not view.gliding()


def test_every_region_is_a_20_px_target_directly_or_in_its_close_up(window: MainWindow) -> None:
    """At 1280×800 a region under 20 px (the ear, the breastbone, the front of the neck) gets
    a close-up of its body part on a click, where it is at least 20 px in its smaller side."""
    geometry = window.scene.geometry
    too_small = []
    closed_up = 0
    for info in window.catalog:
        view = window.map.views[info.view]
        view.reset_zoom()
        size = smaller_dimension(geometry, info.id) * view.transform().m11()
        if size >= MIN_TARGET_PX:
            continue
        assert close_up(geometry, info.id) is not None, info.id
        view.close_up_on(info.id, animate=False)
        closed_up += 1
        size = smaller_dimension(geometry, info.id) * view.transform().m11()
        x, y = geometry.centre(info.id)
        if size < MIN_TARGET_PX or not on_screen(view, info.view, (x, y), window):
            too_small.append((info.id, round(size, 1)))
    assert closed_up >= 10  # the ear, throat, breastbone, eye and temple among them
    assert too_small == []


def test_a_click_on_a_small_place_glides_into_its_close_up(qtbot: QtBot, window: MainWindow) -> None:
    view = window.map.views["front"]
    x, y = window.scene.geometry.centre("ear.left")
    point = view.mapFromScene(window.scene.to_scene("front", x, y))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert view.gliding()  # animated, not a jump
    qtbot.waitUntil(lambda: settled(view), timeout=2000)
    assert view.zoom > 3 and view.by_hand
    glided_to = view.visible_scene_rect()
    view.close_up(None)
    window.map.settle()  # what a screenshot does: the glide's end at once
    assert not view.gliding() and view.zoom == 1.0
    view.close_up_on("ear.left")
    window.map.settle()
    assert view.visible_scene_rect() == glided_to
    assert window.map.whole_body.isVisible()
    QTest.keyClick(view, Qt.Key.Key_Escape)  # back to the whole body
    qtbot.waitUntil(lambda: settled(view) and view.zoom == 1.0, timeout=2000)
    assert not window.map.whole_body.isVisible()


def test_the_knot_find_it_and_the_scalene_routine_show_the_neck_close_with_the_dot(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.apply_marks(parse_mark_specs(KNOT, window.catalog))
    front = window.map.views["front"]
    neck = window.scene.geometry.regions["neck_side.left"]

    def neck_close_with_dot(at: tuple[float, float]) -> bool:
        return (
            settled(front)
            and front.close_up_rect is not None
            and smaller_dimension(window.scene.geometry, "neck_side.left") * front.transform().m11() >= 40
            and on_screen(front, "front", at, window)
        )

    assert window.session.shown == "scalenes:left"
    dots = [m for m in window.scene.markers() if m.tp_id.startswith("scalenes")]
    assert dots
    qtbot.waitUntil(lambda: neck_close_with_dot((dots[0].pos().x(), dots[0].pos().y())), timeout=2000)
    back = window.map.views["back"]
    assert back.zoom == 1.0  # the other figure stays whole: the zones of the pain stay in view

    panel = window.open_search()
    assert panel is not None
    test = window.session.search_test
    assert test is not None and test.region == "neck_side.left"
    qtbot.waitUntil(lambda: neck_close_with_dot(test.spot.at), timeout=2000)
    assert neck.contains(*test.spot.at)
    window.panels.close_search()

    player = window.open_player("scalenes_finger_release")
    assert player is not None
    routine = window.session.routine
    assert routine is not None
    scalene = window.scene.geometry.muscle_on("scalenes.left", "front")
    assert scalene is not None
    spots = step_spots(routine.technique, window.session.engine().knowledge["scalenes"], routine.side)
    player.start()
    seen = []
    for step in range(len(routine.technique.steps)):
        assert routine.run.phase.step == step
        where = spots[step]
        assert where is not None
        markers = window.scene.markers()
        assert [m.tp_id for m in markers] == [where.trigger_point.id]  # the dot moved here
        assert markers[0].pos() == window.scene.to_scene(where.view, *where.at)
        assert scalene.contains(*where.at)  # the dot is on the muscle
        assert window.scene.highlighted_muscles() == ["scalenes.left"]
        qtbot.waitUntil(partial(neck_close_with_dot, where.at), timeout=2000)
        seen.append(where.trigger_point.id)
        if step + 1 < len(routine.technique.steps):
            player.runner.next_step()
    assert len(set(seen)) == 3  # front, middle and back scalene, in turn


def test_hovering_another_card_does_not_move_the_close_up(qtbot: QtBot, window: MainWindow) -> None:
    window.apply_marks(parse_mark_specs(KNOT, window.catalog))
    front = window.map.views["front"]
    qtbot.waitUntil(lambda: settled(front) and front.close_up_rect is not None, timeout=2000)
    rect = front.close_up_rect
    other = next(c for c in window.session.candidates if c.muscle.id != "scalenes")
    window.show_candidate(f"{other.muscle.id}:{other.side}")  # a card under the pointer
    assert front.close_up_rect == rect and not front.gliding()


def test_front_back_left_right_stay_on_screen_when_zoomed(qtbot: QtBot, window: MainWindow) -> None:
    view = window.map.views["back"]
    view.set_zoom(MAX_ZOOM)
    view.centerOn(view.sceneRect().center() + QPointF(0, view.sceneRect().height() / 3))  # the legs
    QApplication.processEvents()
    texts = {text for text, _, _ in view.caption_rects()}
    assert texts == {"BACK", "LEFT", "RIGHT"}
    image = view.viewport().grab().toImage()
    ink = window.scene.theme.text
    for text, box, _ in view.caption_rects():
        assert view.viewport().rect().contains(box), text
        inked = sum(
            1
            for x in range(box.left(), box.right(), 2)
            for y in range(box.top(), box.bottom(), 2)
            if _near(QColor(image.pixel(x, y)), ink)
        )
        assert inked > 5, f"{text} is not drawn at {box}"


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 90


def test_the_map_is_one_tab_stop_and_arrows_cross_to_the_other_figure(
    qtbot: QtBot, window: MainWindow
) -> None:
    front, back = window.map.views["front"], window.map.views["back"]
    front.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(front.hasFocus)
    front.move_focus_to("shoulder_side.left")  # the person's left: our right on the front
    for _ in range(6):
        if back.hasFocus():
            break
        here = QApplication.focusWidget()
        assert here is not None
        QTest.keyClick(here, Qt.Key.Key_Right)
    assert back.hasFocus()  # the arrows went on to the back figure
    assert back.focus_region
    current = window.session.current
    QTest.keyClick(back, Qt.Key.Key_Tab)  # one press leaves the map
    focused = QApplication.focusWidget()
    assert focused is not None and not isinstance(focused, MapView)
    assert window.session.current == current  # passing by picked no region
    QTest.keyClick(focused, Qt.Key.Key_Backtab)  # and one comes back
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), MapView), timeout=1000)
    # from the front figure too, Tab leaves the map at once (not onto the back figure)
    front.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(front.hasFocus)
    QTest.keyClick(front, Qt.Key.Key_Tab)
    assert not isinstance(QApplication.focusWidget(), MapView)
    assert window.session.current == current


def test_a_narrow_window_keeps_the_figure_being_marked(qtbot: QtBot, window: MainWindow) -> None:
    """One figure at a time: the neck's close-up waits on the front, the knot stays in view."""
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.map.shown() != "both")
    window.map.set_mode("back")
    window.apply_marks(parse_mark_specs(KNOT, window.catalog))
    assert window.session.shown == "scalenes:left"
    assert window.map.shown() == "back"
    front = window.map.views["front"]
    assert front.close_up_rect is not None  # ready for when the person turns to the front
    window.map.set_mode("front")
    qtbot.waitUntil(lambda: settled(front) and front.isVisible())
    x, y = window.scene.geometry.centre("neck_side.left")
    assert on_screen(front, "front", (x, y), window)
