"""Find it in the window: from a marked knot to "found it: scalenes, left" by the keyboard, with
undo, the map showing where to press, and the answers saved with the next log entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bodymap.core.guided_search import OTHER
from bodymap.ui.log.save_entry_dialog import EntryDetails, SaveEntryDialog
from bodymap.ui.main_window import MainWindow


def test_from_the_knot_to_found_it_scalenes_left(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("scapula_medial_border.left", 5)
    assert window.find_button.isEnabled()
    QTest.mouseClick(window.find_button, Qt.MouseButton.LeftButton)
    panel = window.panels.search_panel
    assert panel is not None and panel.test is not None
    first = panel.test
    # the map shows the point to press, and only that one
    markers = window.scene.markers()
    assert [m.tp_id for m in markers] == [first.trigger_point.id]
    assert panel.where.text().startswith("Press: ")
    assert "12 seconds" in panel.how.text()

    QTest.keyClick(panel, Qt.Key.Key_N)
    second = panel.test
    assert second is not None and second != first
    assert [m.tp_id for m in window.scene.markers()] == [second.trigger_point.id]
    QTest.keyClick(panel, Qt.Key.Key_Backspace)  # undo: back to the first
    assert panel.test == first and panel.search.steps == []
    QTest.keyClick(panel, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the marks stay
    assert window.session.intensity("scapula_medial_border.left") == 5 and window.panels.search_panel is panel
    # answered as someone whose pain comes from the left scalenes
    answered = []
    while panel.test is not None:
        answer = Qt.Key.Key_Y if panel.test.key == "scalenes:left" else Qt.Key.Key_N
        answered.append((panel.test.muscle, "yes" if answer == Qt.Key.Key_Y else "no"))
        QTest.keyClick(panel, answer)
    assert panel.search.found and ("scalenes", "yes") in answered
    assert panel.result.text() == "Found it: Scalenes, left"
    assert "second source" not in panel.result_note.text()  # it accounts for both places
    assert [(a.muscle, a.answer) for a in window.session.answers] == answered

    QTest.mouseClick(panel.treat_button, Qt.MouseButton.LeftButton)
    assert window.panels.search_panel is None and window.undo_action.isEnabled()
    assert window.technique_panel.heading.text() == "Treat Scalenes, left"
    assert window.tabs.currentWidget() is window.technique_panel

    monkeypatch.setattr(SaveEntryDialog, "ask", classmethod(lambda cls, *args: EntryDetails(7, "")))
    window.save_to_log()
    log = window.log()
    assert log is not None
    (entry,) = log.entries()
    assert [(t.muscle, t.answer) for t in entry.tests] == answered


def test_a_muscle_found_for_one_of_two_places_leaves_the_other_open(window: MainWindow) -> None:
    # the knot between the blades with an ache where the neck meets the shoulder: the levator
    # scapulae reaches only the second place
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("neck_shoulder_angle.left", 5)
    panel = window.open_search()
    assert panel is not None
    while panel.test is not None:
        QTest.keyClick(panel, Qt.Key.Key_Y if panel.test.key == "levator_scapulae:left" else Qt.Key.Key_N)
    # a yes is never "none of these brought on your pain", even with something else ahead
    assert panel.result.text() in ("Found it: Levator scapulae, left", "Most likely: Levator scapulae, left")
    note = panel.result_note.text()
    assert "does not account for the pain at the area between shoulder blade and spine" in note
    assert "run Find it again" in note


def test_find_it_waits_for_marks(window: MainWindow) -> None:
    assert not window.find_button.isEnabled() and window.open_search() is None


def test_a_daily_reminder_is_armed_fires_and_stops_with_the_window(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime, time

    from bodymap.ui.log.reminder_dialog import ReminderDialog

    window.reminder._now = lambda: datetime(2026, 11, 21, 17, 59, 0).astimezone()
    monkeypatch.setattr(ReminderDialog, "ask", classmethod(lambda cls, parent, at: (True, time(18, 0))))
    window.logs.ask_reminder()
    assert window.reminder.timer.isActive() and abs(window.reminder.timer.interval() - 60_000) < 1000
    assert window.settings is not None and window.settings.value("reminder/time") == "18:00"
    window.reminder.timer.timeout.emit()  # what the timer does at 18:00
    assert "self-treatment" in window.statusBar().currentMessage()
    assert window.reminder.timer.isActive()  # again tomorrow
    window.close()
    assert not window.reminder.timer.isActive()


def test_likely_sources_and_find_it_open_with_the_same_numbers(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("scapula_medial_border.left", 5)
    keys = window.referral.keys()
    on_cards = {key: window.referral.card(key)._score.text() for key in keys}
    something_else = window.referral.something_else.text().rsplit(": ", 1)[1]
    panel = window.open_search()
    assert panel is not None
    in_find_it = {name.text(): bar.format() for name, bar in panel._rows}
    names = panel.names
    assert {names[key]: text for key, text in on_cards.items()} == {
        k: v for k, v in in_find_it.items() if k != names[OTHER]
    }
    assert in_find_it[names[OTHER]] == something_else
    assert len(on_cards) == len(panel._rows) - 1


def test_what_tender_means_is_said_beside_the_answers(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    panel = window.open_search()
    assert panel is not None and panel.answer_meaning.isVisible()
    assert "counts against this muscle, less than No" in panel.answer_meaning.text()


def test_no_to_every_press_ends_honestly(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    panel = window.open_search()
    assert panel is not None
    while panel.test is not None:
        QTest.keyClick(panel, Qt.Key.Key_N)
    assert panel.result.text() == "None of these brought on your pain"
    assert "not a muscle" in panel.result_note.text() and "doctor" in panel.result_note.text()
    top_name, _ = panel._rows[0]
    assert top_name.text() == "Something else (another cause or muscle)"
    assert window.statusBar().currentMessage().startswith("None of these press-tests")


def test_the_press_has_its_own_countdown(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from bodymap.core.countdown import Tone
    from tests.routines import FakeClock

    clock = FakeClock()
    window.session.clock = clock
    window.session.set_intensity("interscapular.left", 7)
    panel = window.open_search()
    assert panel is not None and panel.test is not None
    seconds = panel.test.seconds
    assert panel.press_button.isVisible() and panel.press_button.text() == f"Time {seconds} s  (Space)"
    assert panel.press_time.format() == f"{seconds} s, starts with Space"
    QTest.keyClick(panel, Qt.Key.Key_Space)
    assert panel.press_time.format() == f"Keep pressing: {seconds} s"
    clock.tick(seconds - 4.5)
    panel._press_tick.timeout.emit()  # the timer's tick, on the test's clock
    assert panel.press_time.format() == "Keep pressing: 5 s"
    played: list[object] = []
    monkeypatch.setattr("bodymap.ui.sound.TonePlayer.play", lambda self, tone: played.append(tone))
    clock.tick(5)
    panel._press_tick.timeout.emit()
    assert panel.press_time.format() == "Time: release, then answer"
    assert played == [Tone.END]  # the routine's end chime: heard without looking
    assert not panel._press_tick.isActive()
    QTest.keyClick(panel, Qt.Key.Key_Space)  # again, from the start
    QTest.keyClick(panel, Qt.Key.Key_N)  # the next press waits for its own Space
    assert panel.press_time.format() == f"{panel.test.seconds} s, starts with Space"
    assert not panel._press_tick.isActive()


def test_after_a_yes_it_says_who_is_ahead_and_why_it_presses_on(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("scapula_medial_border.left", 5)
    panel = window.open_search()
    assert panel is not None and panel.test is not None
    assert panel.step_label.text() == "Press-test 1 · two to four are usually enough"
    first = panel.names[panel.test.key]
    QTest.keyClick(panel, Qt.Key.Key_Y)
    assert panel.test is not None and not panel.search.done  # one yes is checked before it counts
    leader, p = panel.search.leader()
    assert panel.names[f"{leader.muscle.id}:{leader.side}"] == first
    assert panel.step_label.text() == (
        f"Press-test 2 · 1 answered. Ahead: {first} at {p:.0%}; this press checks it against another muscle"
    )
