"""The map with the keyboard alone, through real key events on the view: arrows move the focus
between regions, Space and Enter mark and unmark, digits set the intensity, Delete unmarks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from bodymap.core.colour_scale import hex_colour
from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.map_view import MapView

START = "interscapular.left"  # a region in the middle of the back, with neighbours all round


def focused_on(qtbot: QtBot, window: MainWindow, region: str) -> MapView:
    """The view holding `region`, with the keyboard on it."""
    view = window.map.views[window.catalog[region].view]
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    view.move_focus_to(region)
    assert view.focus_region == region
    return view


def fill(window: MainWindow, region: str) -> QColor | None:
    return window.scene.items_by_region[region].fill


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_unmarks_the_focused_region_only(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    session = window.session
    session.set_intensity("neck_side.left", 6)  # marked elsewhere: must stay
    view = focused_on(qtbot, window, START)
    QTest.keyClick(view, Qt.Key.Key_8)
    assert session.intensity(START) == 8 and fill(window, START) == QColor(hex_colour(8))
    QTest.keyClick(view, key)
    assert session.intensity(START) is None and fill(window, START) is None
    assert session.intensity("neck_side.left") == 6
    assert view.focus_region == START  # the keyboard stays where it was
    QTest.keyClick(view, key)  # on an unmarked region: nothing to do, nothing breaks
    assert session.intensity(START) is None
    window.undo_action.trigger()  # one undoable step
    assert session.intensity(START) == 8


def test_space_and_enter_mark_then_unmark(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    view = focused_on(qtbot, window, START)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QTest.keyClick(view, key)
        assert session.intensity(START) == 5, key  # the default intensity
        assert fill(window, START) == QColor(hex_colour(5))
        QTest.keyClick(view, key)
        assert session.intensity(START) is None, key
        assert fill(window, START) is None


def test_digits_set_the_intensity_one_to_ten(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    view = focused_on(qtbot, window, START)
    digits = [getattr(Qt.Key, f"Key_{d}") for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)]
    for expected, key in enumerate(digits, start=1):
        QTest.keyClick(view, key)  # the first one marks the region too
        assert session.intensity(START) == expected, key
        assert fill(window, START) == QColor(hex_colour(expected))
    QTest.keyClick(view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # not a pain level
    assert session.intensity(START) == 10


def test_keys_without_a_focused_region_change_no_mark(qtbot: QtBot, window: MainWindow) -> None:
    view = window.map.views["back"]
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    assert view.focus_region == ""
    for key in (Qt.Key.Key_Space, Qt.Key.Key_7, Qt.Key.Key_Delete):
        QTest.keyClick(view, key)
    assert window.session.marks() == []


@pytest.mark.parametrize(
    ("key", "axis", "sign"),
    [
        (Qt.Key.Key_Left, 0, -1),
        (Qt.Key.Key_Right, 0, +1),
        (Qt.Key.Key_Up, 1, -1),
        (Qt.Key.Key_Down, 1, +1),
    ],
)
def test_arrows_move_the_focus_to_the_neighbour_that_way(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, axis: int, sign: int
) -> None:
    view = focused_on(qtbot, window, START)
    with qtbot.waitSignal(view.focus_moved, timeout=2000) as moved:
        QTest.keyClick(view, key)
    (region,) = moved.args
    assert region != START and view.focus_region == region
    assert window.catalog[region].view == "back"
    before, after = window.scene.geometry.centre(START), window.scene.geometry.centre(region)
    # mostly that way: further along the axis than across it
    along = (after[axis] - before[axis]) * sign
    across = abs(after[1 - axis] - before[1 - axis])
    assert along > 0 and along >= across * 0.5, (region, before, after)
    assert view.accessibleName() == f"Body map, back: {window.catalog[region].label}"
    assert window.session.current == region  # the intensity panel follows the keyboard
    assert window.session.marks() == []  # moving marks nothing


def test_an_arrow_into_an_unfocused_map_starts_at_its_first_region(qtbot: QtBot, window: MainWindow) -> None:
    view = window.map.views["front"]
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    assert view.focus_region == ""
    with qtbot.waitSignal(view.focus_moved, timeout=2000) as moved:
        QTest.keyClick(view, Qt.Key.Key_Down)
    assert moved.args == [window.catalog.in_view("front")[0].id]


def test_the_arrows_walk_the_keyboard_across_the_back_and_mark_there(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A person's path: from between the blades, left to the blade's edge, mark it 7, and back."""
    view = focused_on(qtbot, window, START)
    QTest.keyClick(view, Qt.Key.Key_Left)
    edge = view.focus_region
    assert edge == "scapula_medial_border.left"
    QTest.keyClick(view, Qt.Key.Key_7)
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.focus_region == START
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert {(m.region, m.intensity) for m in window.session.marks()} == {(edge, 7), (START, 5)}
