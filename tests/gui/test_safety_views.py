"""Safety in the window: an urgent warning at once and no treatment until it is read, the
checklist before a first treatment, the first-run notice once, and the pressure check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from bodymap.core.countdown import PhaseKind
from bodymap.ui.application import build_window
from bodymap.ui.main_window import MainWindow
from bodymap.ui.notices import Notice
from bodymap.ui.safety.safety_views import NOTICE, ChecklistDialog, SafetyNoticeDialog


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text: said.append(title)))
    return said


def test_an_urgent_pattern_is_shown_at_once_and_blocks_treatment(
    window: MainWindow, warned: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for region, intensity in (("upper_chest.left", 8), ("upper_arm_inner.left", 6), ("jaw.left", 5)):
        window.session.set_intensity(region, intensity)
    banner = window.safety_banner
    assert banner.isVisible() and "Get help now" in banner.labels[0].text()
    assert "emergency services" in banner.labels[1].text()
    assert not window.technique_panel.start_button.isEnabled()
    technique = window.technique_panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    assert window.open_player(technique) is None and warned == ["Not now: get help first"]
    QTest.mouseClick(banner.ack_button, Qt.MouseButton.LeftButton)
    assert not banner.ack_button.isVisible() and banner.isVisible()  # still shown, now read
    # read is not permission: the chest technique presses where the warning points
    assert banner.doctor_button.isVisible()
    assert not window.technique_panel.start_button.isEnabled()
    assert window.technique_panel.start_button.text() == "Locked for you"
    assert window.open_player(technique) is None
    monkeypatch.setattr(Notice, "confirm", classmethod(lambda cls, parent, title, text: True))
    QTest.mouseClick(banner.doctor_button, Qt.MouseButton.LeftButton)
    assert not banner.doctor_button.isVisible()
    assert window.technique_panel.start_button.isEnabled()
    assert window.open_player(technique) is not None


def test_a_calm_knot_shows_no_warning(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 6)
    assert not window.safety_banner.isVisible()
    assert window.technique_panel.start_button.isEnabled()


def test_the_checklist_comes_before_a_first_treatment_and_its_answers_count(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, warned: list[str]
) -> None:
    shown: list[list[str]] = []

    def ask(cls, parent, rules, ticked):  # type: ignore[no-untyped-def]
        shown.append([r.id for r in rules])
        return {"sudden_severe_headache"}

    monkeypatch.setattr(ChecklistDialog, "ask", classmethod(ask))
    window.session.set_intensity("interscapular.left", 6)
    assert window.open_player("scalenes_finger_release") is None  # the headache is urgent
    assert "bladder_bowel" in shown[0] and window.safety_banner.isVisible()
    assert "sudden" in window.safety_banner.labels[0].text().lower()
    QTest.mouseClick(window.safety_banner.ack_button, Qt.MouseButton.LeftButton)
    assert window.open_player("scalenes_finger_release") is not None
    assert len(shown) == 1  # only before the first treatment; Help has it afterwards


def test_the_first_run_notice_is_shown_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[int] = []
    monkeypatch.setattr(SafetyNoticeDialog, "ask", classmethod(lambda cls, parent: not shown.append(1)))
    for _ in range(2):
        window = build_window(str(tmp_path))
        qtbot.addWidget(window)
        window.first_run()
        window.close()
    assert shown == [1]


def test_the_first_run_notice_fits_the_screen_and_can_be_read_to_its_end(qtbot: QtBot) -> None:
    dialog = SafetyNoticeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() and dialog.width() <= room.width()
    text = dialog.text_area.widget()
    assert isinstance(text, QLabel) and text.text().endswith("Everything you enter stays on this computer.")
    assert text.height() >= text.heightForWidth(text.width())  # laid out whole: it scrolls, not clips
    bar = dialog.text_area.verticalScrollBar()
    assert bar.maximum() == 0 or bar.maximum() >= text.height() - dialog.text_area.viewport().height()


def test_the_notice_gives_a_sign_the_same_urgency_as_the_checklist() -> None:
    """Read first, the notice must not send a sign the checklist calls an emergency to a calmer
    paragraph, nor hold back self-care the checklist lets go on (a review found both)."""
    from bodymap.core.safety import load_safety

    rules = load_safety()
    emergency = next(p for p in NOTICE if p.startswith("Call emergency services now"))
    before_treating = next(p for p in NOTICE if p.startswith("See a doctor before treating yourself"))
    six_weeks = next(p for p in NOTICE if "six weeks" in p)
    assert rules["bladder_bowel"].level == "urgent"
    assert "bladder or bowels" in emergency and "bladder" not in before_treating
    assert rules["no_better_six_weeks"].level == "caution"
    assert six_weeks not in (emergency, before_treating) and "self-care can go on" in six_weeks


def test_the_first_run_notice_names_the_look_alikes_of_a_muscle_pain() -> None:
    """Shingles and polymyalgia rheumatica are on the checklist; the notice read before
    anything else names them too, in the words the person would use."""
    emergency = next(p for p in NOTICE if p.startswith("Call emergency services now"))
    assert "sudden breathlessness with a sharp chest or upper-back pain" in emergency  # a clot in the lung
    see_a_doctor = next(p for p in NOTICE if p.startswith("See a doctor before treating yourself"))
    assert "a rash or skin too sore to touch" in see_a_doctor
    assert "both shoulders stiff every morning after 50" in see_a_doctor


def test_the_pressure_check_says_when_it_is_too_strong(window: MainWindow) -> None:
    from tests.routines import FakeClock

    window.session.clock = FakeClock()
    window.session.set_intensity("interscapular.left", 6)
    player = window.open_player("scalenes_finger_release")
    assert player is not None
    player.start()
    session = player.runner.session
    while not (
        session.phase.kind is PhaseKind.WORK and session.technique.steps[session.phase.step].timing == "hold"
    ):
        assert not player.pressure_row.isVisible()  # asked only while pressing
        window.session.clock.now = session.deadline() or window.session.clock.now
        player.runner.catch_up()
    assert player.pressure_row.isVisible()
    QTest.mouseClick(player.pressure_buttons[9], Qt.MouseButton.LeftButton)
    assert "Too strong" in player.pressure_label.text()
    QTest.mouseClick(player.pressure_buttons[4], Qt.MouseButton.LeftButton)
    assert player.pressure_label.text().startswith("Good")


def test_the_guards_are_shown_before_the_first_step(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 6)
    player = window.open_player("scalenes_finger_release")
    assert player is not None and player.pages.currentWidget() is player.intro
    shown = " ".join(label.text() for label in player.caution_labels if label.isVisible())
    assert "carotid" in shown.lower() and "pulse" in shown.lower() and "breath" in shown.lower()
