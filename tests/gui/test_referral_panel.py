"""The likely-sources panel follows the marks and shows the chosen muscle on the map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from bodymap.ui.main_window import MainWindow


def mark(window: MainWindow, *specs: tuple[str, int]) -> None:
    for region, intensity in specs:
        window.session.set_intensity(region, intensity)


def test_panel_updates_live_and_highlights_the_top_candidate(qtbot: QtBot, window: MainWindow) -> None:
    assert window.referral.keys() == []
    mark(window, ("scapula_medial_border.left", 7), ("interscapular.left", 7))
    keys = window.referral.keys()
    assert "scalenes:left" in keys[:3]
    essential, _ = window.scene.highlighted_regions()
    assert "scapula_medial_border.left" in essential or "interscapular.left" in essential
    assert window.scene.markers()


def test_when_no_muscle_explains_every_mark_the_panel_says_there_may_be_two_sources(
    qtbot: QtBot, window: MainWindow
) -> None:
    from bodymap.ui.sources.referral_panel import SEVERAL_SOURCES

    note = window.referral.several_sources
    mark(window, ("scapula_medial_border.left", 7), ("interscapular.left", 5))
    assert note.isHidden()  # the scalenes and the rhomboids each explain both places
    window.session.unmark("scapula_medial_border.left")
    mark(window, ("neck_shoulder_angle.left", 5))
    assert not note.isHidden() and note.text() == SEVERAL_SOURCES
    window.session.unmark("neck_shoulder_angle.left")  # one place left: nothing to split
    assert note.isHidden()


def test_choosing_a_candidate_shows_its_zones_and_trigger_points(qtbot: QtBot, window: MainWindow) -> None:
    mark(window, ("scapula_medial_border.left", 7), ("interscapular.left", 7))
    card = window.referral.card("scalenes:left")
    QTest.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.session.shown == "scalenes:left"
    essential, _ = window.scene.highlighted_regions()
    assert "scapula_medial_border.left" in essential
    markers = window.scene.markers()
    assert markers and all(m.tp_id.startswith("scalenes") for m in markers)
    assert window.scene.highlighted_muscles() == ["scalenes.left"]
    # the trigger points sit in the side of the neck, on the front view
    view = window.map.views["front"]
    marker = markers[0]
    point = view.mapFromScene(marker.scenePos())
    with qtbot.waitSignal(window.scene.trigger_point_clicked, timeout=2000) as blocker:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert blocker.args == [marker.tp_id]
    assert window.finding.isVisible() and "How to find it" in window.finding.text()


def test_hovering_a_candidate_previews_it_and_leaving_restores(qtbot: QtBot, window: MainWindow) -> None:
    mark(window, ("scapula_medial_border.left", 7), ("interscapular.left", 7))
    keys = window.referral.keys()
    chosen, other = keys[0], keys[1]
    window.referral.candidate_hovered.emit(other)
    assert all(m.tp_id.startswith(other.split(":")[0]) for m in window.scene.markers())
    window.referral.candidate_hovered.emit("")
    assert all(m.tp_id.startswith(chosen.split(":")[0]) for m in window.scene.markers())


def test_unmarking_everything_clears_the_panel_and_the_map(qtbot: QtBot, window: MainWindow) -> None:
    mark(window, ("temple.left", 5))
    assert window.referral.keys()
    window.session.clear()
    assert window.referral.keys() == []
    assert window.scene.markers() == []


def shown_in_order(window: MainWindow) -> list[str]:
    """The cards' keys and "other" for the something-else line, top to bottom as laid out."""
    panel = window.referral
    layout = panel._list_layout
    shown = [layout.itemAt(i).widget() for i in range(layout.count())]
    cards = {id(card): card.key for card in panel._cards if card.key}
    return [
        "other" if widget is panel.something_else else cards[id(widget)]
        for widget in shown
        if widget is not None and (widget is panel.something_else or id(widget) in cards)
    ]


def test_something_else_stands_at_its_rank_among_the_cards(qtbot: QtBot, window: MainWindow) -> None:
    # two places no one muscle explains: something else is far ahead and is read first
    mark(window, ("interscapular.left", 7), ("neck_shoulder_angle.left", 5))
    order = shown_in_order(window)
    assert order[0] == "other", order
    # the knot: after the muscles that outweigh it, before the rest (as Find it lists them)
    window.session.unmark("neck_shoulder_angle.left")
    mark(window, ("scapula_medial_border.left", 5))
    order = shown_in_order(window)
    at = order.index("other")
    assert 0 < at < len(order) - 1, order
    panel = window.referral
    rest = float(panel.something_else.text().rsplit(": ", 1)[1].rstrip("%"))
    above = [float(panel.card(k)._score.text().rstrip("%")) for k in order[:at]]
    below = [float(panel.card(k)._score.text().lstrip("<").rstrip("%")) for k in order[at + 1 :]]
    assert min(above) >= rest >= max(below)
