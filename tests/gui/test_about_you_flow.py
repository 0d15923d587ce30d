"""About you in the window: asked once before the first treatment, a "yes" locks the
techniques it names (listed, greyed, with the reason), editable under Help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodymap.ui.main_window import MainWindow
from bodymap.ui.notices import Notice
from bodymap.ui.safety.about_you_dialog import AboutYouDialog


def test_asked_once_before_the_first_treatment_and_a_yes_locks(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[dict[str, str]] = []

    def ask(cls: type, parent: object, about: object, answers: dict[str, str]) -> dict[str, str]:
        asked.append(dict(answers))
        return {"stroke_tia": "yes"}

    monkeypatch.setattr(AboutYouDialog, "ask", classmethod(ask))
    warned: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text: warned.append(text)))
    window.session.set_intensity("interscapular.left", 7)
    window.session.choose("scalenes:left")
    # the first treatment asks About you; the answer locks the neck press at once
    assert window.open_player("scalenes_finger_release") is None
    assert asked == [{}]
    panel = window.technique_panel
    ids = [panel.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.list.count())]
    row = ids.index("scalenes_finger_release")
    panel.list.setCurrentRow(row)
    assert panel.list.item(row).text().startswith("Locked for you")
    assert not panel.start_button.isEnabled() and panel.start_button.text() == "Locked for you"
    assert "stroke" in panel.detail.text()
    # what does not press on the neck stays open, and About you is not asked again
    assert window.open_player("rib_cage_breathing") is not None
    assert len(asked) == 1


def test_about_you_can_be_changed_under_help(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        AboutYouDialog, "ask", classmethod(lambda cls, parent, about, answers: {"stroke_tia": "no"})
    )
    action = next(
        a for menu in window.menuBar().actions() for a in menu.menu().actions() if "About &you" in a.text()
    )
    action.trigger()
    assert window.session.profile.answers == {"stroke_tia": "no"} and window.session.profile.asked


def test_the_dialog_keeps_the_answers_given(qtbot: QtBot, window: MainWindow) -> None:
    about = window.session.about_you()
    assert about is not None
    dialog = AboutYouDialog(about, {"stroke_tia": "yes", "age": "55 or over"}, window)
    qtbot.addWidget(dialog)
    answers = dialog.answers()
    assert answers["stroke_tia"] == "yes" and answers["age"] == "55 or over"
    assert answers["blood_thinners"] == "not sure"  # unanswered reads as not sure
