"""The warning-signs checklist stays readable with many signs: grouped by what to do, most urgent
first, and scrolling inside a small screen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.core.safety import load_safety
from bodymap.ui.safety.safety_views import CHECKLIST_GROUPS, ChecklistDialog

RULES = load_safety().of_kind("checklist")


def shown(qtbot: QtBot, ticked: set[str], width: int, height: int) -> ChecklistDialog:
    dialog = ChecklistDialog(RULES, ticked)
    qtbot.addWidget(dialog)
    dialog.resize(width, height)
    dialog.show()
    QApplication.processEvents()
    return dialog


def test_signs_are_grouped_under_headings_most_urgent_first(qtbot: QtBot) -> None:
    dialog = shown(qtbot, set(), 640, 720)
    levels = [level for level in CHECKLIST_GROUPS if any(r.level == level for r in RULES)]
    assert [h.accessibleName() for h in dialog.headings] == [CHECKLIST_GROUPS[level][0] for level in levels]
    assert dialog.headings[0].accessibleName() == "Get help now"
    tops = [h.y() for h in dialog.headings]
    assert tops == sorted(tops)
    for rule in RULES:
        group = levels.index(rule.level)
        y = dialog.boxes[rule.id].y()
        assert tops[group] < y, rule.id  # below its own heading
        assert group + 1 == len(tops) or y < tops[group + 1], rule.id  # above the next one
    assert set(dialog.boxes) == {r.id for r in RULES}


def test_ticked_signs_stay_ticked_and_come_back(qtbot: QtBot) -> None:
    dialog = shown(qtbot, {"fever", "aortic_dissection"}, 640, 720)
    assert dialog.ticked() == {"fever", "aortic_dissection"}
    dialog.boxes["giant_cell_arteritis"].setChecked(True)
    assert "giant_cell_arteritis" in dialog.ticked()


def test_on_a_small_screen_the_list_scrolls_and_the_buttons_stay(qtbot: QtBot) -> None:
    dialog = shown(qtbot, set(), 640, 560)  # inside an 800x600 screen
    assert dialog.signs_area.verticalScrollBar().maximum() > 0
    assert not dialog.signs_area.horizontalScrollBar().isVisible()
    for box in dialog.boxes.values():  # no check box is cut off at the right
        assert box.sizeHint().width() <= dialog.signs_area.viewport().width(), box.accessibleName()


def test_the_group_headings_are_readable_on_a_dark_theme(qtbot: QtBot) -> None:
    """The headings take the warning banner's colour for the theme: on a dark window the light
    theme's dark red, brown and navy were hard to read (contrast 1.6 to 2.3 to 1)."""
    from PySide6.QtGui import QColor, QPalette

    from tests.gui.test_layout_fits import _contrast as contrast
    from tests.gui.test_layout_fits import dark_palette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(dark_palette())
    try:
        dialog = shown(qtbot, set(), 640, 720)
        window = dialog.palette().color(QPalette.ColorRole.Window)
        for heading in dialog.headings:
            colour = QColor(heading.styleSheet().split("color: ")[1].split(";")[0])
            assert contrast(colour, window) >= 4.5, heading.accessibleName()
    finally:
        app.setPalette(before)
