"""The cautions written for a muscle (data/muscles.yaml) reach the screen wherever that muscle
is pressed: in Find it's press-test and in the routine's "Before you start", each said once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bodymap.ui.main_window import MainWindow


def _artery(text: str) -> bool:
    """The scalenes' artery caution (the carotid guard is another artery)."""
    text = text.lower()
    return "artery" in text and "nerve bundle" in text and "pulse" in text


def test_find_its_scalene_press_test_shows_the_artery_caution(window: MainWindow) -> None:
    window.session.set_intensity("neck_side.left", 6)
    window.session.set_intensity("interscapular.left", 6)
    panel = window.open_search()
    assert panel is not None
    for _ in range(6):  # answer "no" until the scalenes are tested
        if panel.test is None or panel.test.muscle == "scalenes":
            break
        QTest.keyClick(panel, Qt.Key.Key_N)
    assert panel.test is not None and panel.test.muscle == "scalenes"
    shown = panel.cautions.text()
    assert not panel.cautions.isHidden() and _artery(shown) and "subclavian" in shown
    assert "ring and little fingers" in shown  # every caution of the muscle, not only the first
    assert "firmly" not in panel.how.text()  # the cautions ask for moderate pressure here

    QTest.keyClick(panel, Qt.Key.Key_N)  # the next muscle's cautions replace them
    if panel.test is not None and panel.test.muscle != "scalenes":
        assert "subclavian" not in panel.cautions.text()


def test_the_scalene_routine_says_the_artery_caution_once_before_you_start(window: MainWindow) -> None:
    window.session.set_intensity("neck_side.left", 6)
    player = window.open_player("scalenes_finger_release")
    assert player is not None and player.pages.currentWidget() is player.intro
    shown = [label.text() for label in player.caution_labels]
    assert sum(_artery(text) for text in shown) == 1  # the technique's and the muscle's say the same
    assert len(set(shown)) == len(shown)


def test_a_general_technique_shows_the_treated_muscles_own_caution(window: MainWindow) -> None:
    window.session.set_intensity("neck_shoulder_angle.left", 6)
    candidate = next(c for c in window.session.candidates if c.muscle.id == "levator_scapulae")
    window.session.choose(f"{candidate.muscle.id}:{candidate.side}")
    player = window.open_player("ball_against_wall")
    assert player is not None
    shown = " ".join(label.text() for label in player.caution_labels)
    assert "scapulocostal" in shown  # written for the levator scapulae, not for the ball
