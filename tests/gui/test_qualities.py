"""How it hurts, on screen (issue 17): the side panel's toggles and the map's letter keys set the
current place's qualities, the map shows their symbols, and a tingling hand raises the nerve
advice in the banner."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from bodymap.core.logio import export_csv, export_json, read_export
from bodymap.core.marking import QUALITIES, Mark
from bodymap.core.painlog import PainLog
from bodymap.ui.log.report import write_report
from bodymap.ui.log.save_entry_dialog import EntryDetails, SaveEntryDialog
from bodymap.ui.main_window import MainWindow
from bodymap.ui.map.body_scene import QualitySymbols
from bodymap.ui.map.quality_symbols import QUALITY_KEYS
from tests.gui.test_map_keys import focused_on

KNOT = "interscapular.left"
HAND = "palm.left"


def test_the_side_panel_toggles_the_current_places_qualities(qtbot: QtBot, window: MainWindow) -> None:
    session, panel = window.session, window.qualities
    session.mark(KNOT, 7)
    assert panel.checked() == () and all(b.isEnabled() for b in panel.buttons.values())
    qtbot.mouseClick(panel.buttons["burning"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.buttons["aching"], Qt.MouseButton.LeftButton)
    assert session.qualities(KNOT) == ("aching", "burning")
    assert panel.checked() == ("aching", "burning")
    assert window.scene.region_qualities() == {KNOT: ("aching", "burning")}
    qtbot.mouseClick(panel.buttons["burning"], Qt.MouseButton.LeftButton)  # off again
    assert session.qualities(KNOT) == ("aching",)
    window.undo_action.trigger()
    assert panel.checked() == ("aching", "burning")  # the panel follows undo
    session.unmark(KNOT)
    assert panel.checked() == () and window.scene.region_qualities() == {}  # gone with the mark


def test_with_no_place_chosen_the_toggles_wait(window: MainWindow) -> None:
    assert not any(b.isEnabled() for b in window.qualities.buttons.values())


def test_letter_keys_on_the_map_toggle_qualities(qtbot: QtBot, window: MainWindow) -> None:
    session = window.session
    view = focused_on(qtbot, window, KNOT)
    QTest.keyClick(view, Qt.Key.Key_7)
    for quality, letter in QUALITY_KEYS.items():
        QTest.keyClick(view, getattr(Qt.Key, f"Key_{letter}"))
        assert quality in session.qualities(KNOT), letter
    assert session.qualities(KNOT) == QUALITIES
    QTest.keyClick(view, Qt.Key.Key_B)
    assert "burning" not in session.qualities(KNOT)
    QTest.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # not a quality key
    assert "burning" not in session.qualities(KNOT)
    assert session.intensity(KNOT) == 7  # intensities untouched by the letters


def test_a_tingling_hand_raises_the_nerve_advice_on_screen(qtbot: QtBot, window: MainWindow) -> None:
    view = focused_on(qtbot, window, HAND)
    QTest.keyClick(view, Qt.Key.Key_T)  # marks the hand, tingling
    assert window.session.marks()[0].qualities == ("tingling",)
    qtbot.waitUntil(lambda: "Numbness, tingling" in banner_text(window))
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "Numbness, tingling" not in banner_text(window))


def banner_text(window: MainWindow) -> str:
    banner = window.safety_banner
    return " ".join(label.text() for label in banner.labels) if banner.isVisible() else ""


def test_the_symbols_keep_their_size_on_screen_and_let_clicks_through(
    qtbot: QtBot, window: MainWindow
) -> None:
    session = window.session
    session.set_intensity(KNOT, 6)
    session.toggle_quality(KNOT, "sharp")
    (symbols,) = [i for i in window.scene.items() if isinstance(i, QualitySymbols)]
    assert symbols.toolTip() == "Between shoulder blade and spine — left: sharp"
    view = window.map.views["back"]
    sizes = []
    for _ in range(2):
        on_screen = symbols.deviceTransform(view.viewportTransform()).mapRect(symbols.boundingRect())
        sizes.append(round(on_screen.width(), 3))
        view.zoom_in()
    assert sizes[0] == sizes[1]  # the same on screen whatever the zoom
    # a click on the symbols reaches the region under them (it unmarks the knot)
    at = view.mapFromScene(symbols.scenePos())
    with qtbot.waitSignal(window.scene.region_clicked, timeout=2000) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))
    assert clicked.args == [KNOT]


def test_the_shortcuts_window_lists_the_quality_keys(window: MainWindow) -> None:
    keys = window.show_keys()
    (row,) = [r for r in keys.rows() if "How it feels there" in r[2]]
    keys.close()
    assert row[0] == "On the map" and row[1] == "A B S T N H O"
    assert "T tingling" in row[2] and "N numb" in row[2]


def test_a_new_entry_keeps_the_qualities_set_on_the_map(window: MainWindow, monkeypatch: MonkeyPatch) -> None:
    asked: list[list[str]] = []

    def ask(
        parent: object, summary: str, overall: int, regions: Sequence[tuple[str, str]] = ()
    ) -> EntryDetails:
        asked.append([region for region, _ in regions])
        return EntryDetails(5, "")

    monkeypatch.setattr(SaveEntryDialog, "ask", ask)
    window.session.set_marks([Mark(KNOT, 7, ("burning", "aching")), Mark("neck_side.left", 4)])
    window.save_to_log()
    assert asked == [["neck_side.left"]]  # asked only about the place not described on the map
    log = window.log()
    assert log is not None
    (entry,) = log.entries()
    assert {m.region: m.qualities for m in entry.marks} == {KNOT: ("aching", "burning"), "neck_side.left": ()}


def test_qualities_reach_the_report_through_an_export_and_an_import(
    window: MainWindow, monkeypatch: MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 17's line: set on the map, saved, exported as JSON and CSV, imported elsewhere, and
    read back from the PDF report of that log."""
    monkeypatch.setattr(SaveEntryDialog, "ask", lambda *args: EntryDetails(5, ""))
    window.session.set_marks([Mark(KNOT, 7, ("burning", "aching")), Mark(HAND, 2, ("tingling",))])
    window.save_to_log()
    log = window.log()
    assert log is not None
    for kind, export in (("json", export_json), ("csv", export_csv)):
        export(log, tmp_path / f"log.{kind}")
        entries, sessions = read_export(tmp_path / f"log.{kind}")
        with PainLog(tmp_path / f"elsewhere-{kind}", backup_daily=False) as elsewhere:
            assert elsewhere.import_items(entries, sessions) == (1, 0)
            assert write_report(elsewhere, tmp_path / f"{kind}.pdf") == 1
        text = " ".join(
            " ".join((page.extract_text() or "").split())
            for page in PdfReader(tmp_path / f"{kind}.pdf").pages
        )
        assert "(aching, burning)" in text and "(tingling)" in text, kind


def test_a_place_too_small_for_its_symbols_shows_a_ring_until_a_zoom_makes_room(window: MainWindow) -> None:
    window.session.set_marks([Mark("ring_little.left", 3, ("tingling", "numb"))])
    (symbols,) = [i for i in window.scene.items() if isinstance(i, QualitySymbols)]
    view = window.map.views["front"]
    view.reset_zoom()
    assert not symbols.fits(view.viewport())  # two symbols would cover both fingers
    for _ in range(30):
        view.zoom_in()
    assert symbols.fits(view.viewport())


def test_the_regions_list_says_how_each_place_feels(window: MainWindow) -> None:
    regions = window.region_list
    window.session.mark(KNOT, 6)
    window.session.toggle_quality(KNOT, "burning")
    index = regions.model.index_of(KNOT)
    assert index.data(Qt.ItemDataRole.DisplayRole).endswith("6/10  ·  burning")
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith("marked 6 of 10, burning")
    window.session.toggle_quality(KNOT, "burning")
    assert index.data(Qt.ItemDataRole.DisplayRole).endswith("6/10")
