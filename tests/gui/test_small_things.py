"""The small things of issue 16: each window's title names the app once; History opens
whole on the screen; the muscle Find it found is marked in Likely sources; counts of one
read "1 entry", "1 day"."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodymap.core.painlog import LoggedMark, new_entry
from bodymap.ui.log.reminder_dialog import ReminderDialog
from bodymap.ui.log.save_entry_dialog import SaveEntryDialog
from bodymap.ui.main_window import MainWindow
from bodymap.ui.safety.about_you_dialog import AboutYouDialog
from bodymap.ui.safety.safety_views import ChecklistDialog, SafetyNoticeDialog


def _says_the_name_once(title: str) -> bool:
    return title.startswith("bodymap — ") and title.count("bodymap") == 1


def test_every_window_says_the_app_name_once(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    about = session.about_you()
    assert about is not None
    windows: list[QWidget] = [
        window,
        SaveEntryDialog("1 region marked", 5, parent=window),
        ReminderDialog(None, window),
        ChecklistDialog(session.safety_rules().of_kind("checklist"), set(), window),
        SafetyNoticeDialog(window),
        AboutYouDialog(about, {}, window),
    ]
    history = window.show_history()
    assert history is not None
    windows.append(history)
    windows.append(window.show_keys())  # Help > Keyboard shortcuts…
    for shown in windows:
        assert _says_the_name_once(shown.windowTitle()), shown.windowTitle()


def test_history_opens_whole_on_the_screen(window: MainWindow) -> None:
    history = window.show_history()
    assert history is not None
    room = history.screen().availableGeometry()
    assert room.contains(history.frameGeometry()), f"{history.frameGeometry()} is not inside {room}"


def test_the_muscle_find_it_found_is_marked_in_likely_sources(window: MainWindow) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("scapula_medial_border.left", 5)
    panel = window.open_search()
    assert panel is not None
    while panel.test is not None:  # someone whose pain comes from the left scalenes
        QTest.keyClick(panel, Qt.Key.Key_Y if panel.test.key == "scalenes:left" else Qt.Key.Key_N)
    assert panel.search.found
    QTest.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert window.panels.search_panel is None
    listed = window.referral.keys()
    badged = [key for key in listed if window.referral.card(key).found]
    assert badged == ["scalenes:left"]
    card = window.referral.card("scalenes:left")
    assert "found by your press-test" in card.accessibleName()
    # the same places with another intensity: still found; a new place: the answers go, and the mark
    window.session.set_intensity("interscapular.left", 8)
    assert window.referral.card("scalenes:left").found
    window.session.set_intensity("neck_back.left", 4)
    listed = window.referral.keys()
    assert listed and not any(window.referral.card(key).found for key in listed)


def test_one_entry_and_one_day_read_in_the_singular(window: MainWindow) -> None:
    log = window.log()
    assert log is not None
    log.add(new_entry([LoggedMark("neck_back.left", 4)], overall=4, at=datetime.now(UTC).astimezone()))
    history = window.show_history()
    assert history is not None
    assert history.summary.text() == "1 entry in this period, 1 day with a rating"


def test_the_reminder_time_is_asked_only_with_the_reminder_on(window: MainWindow) -> None:
    """The time field stayed editable while "Remind me every day at" was unticked (a review)."""
    from datetime import time

    off = ReminderDialog(None, window)
    assert not off.enabled.isChecked() and not off.when.isEnabled()
    off.enabled.setChecked(True)
    assert off.when.isEnabled()
    assert ReminderDialog(time(18, 30), window).when.isEnabled()


def test_save_to_log_offers_every_place_and_stays_on_a_small_screen(window: MainWindow, qtbot: QtBot) -> None:
    """Twenty places marked without a feeling: each gets its choice (places past twelve were left
    out), and the list scrolls inside the dialog, which stays within the screen."""
    regions = [(r.id, r.label) for r in window.session.catalog if r.view == "back"][:20]
    dialog = SaveEntryDialog("20 regions marked", 5, regions, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert set(dialog.qualities) == {region for region, _ in regions}
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height()
    assert dialog.feel_area.verticalScrollBar().maximum() > 0  # the rest scroll into view
