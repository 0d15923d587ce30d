"""History on a small known log: the heat map by average, worst or how often, the overall line,
the area line, the sessions, the entries and their editing, and how the one period chosen
changes every tab. Each defect of issue 17's review has a test here that failed before."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from bodymap.core.colour_scale import hex_colour
from bodymap.core.geometry import load_geometry
from bodymap.core.painlog import Entry, LoggedMark, PainLog, new_entry, new_session
from bodymap.core.regions import RegionCatalog, load_catalog
from bodymap.ui.log.edit_entry_dialog import EditEntryDialog
from bodymap.ui.log.history_window import HistoryWindow
from bodymap.ui.main_window import MainWindow

TODAY = datetime.now(UTC).date()


def noon(days_ago: int, minutes: int = 0) -> datetime:
    """Midday UTC, whole days back: each entry sits well inside its UTC day and its period."""
    return datetime.combine(TODAY - timedelta(days=days_ago), time(12, minutes), UTC)


def day(days_ago: int) -> float:
    """Where a day's point sits on the time axis: its middle, UTC."""
    return noon(days_ago).timestamp()


# (days ago, overall, marks); one more entry, deleted, must count nowhere
KNOWN = [
    (2, 3, {"interscapular.left": 2, "neck_side.left": 5}),
    (2, 8, {"interscapular.left": 8, "interscapular.right": 6}),
    (20, 5, {"interscapular.left": 4, "jaw.right": 7}),
    (60, 9, {"jaw.right": 9}),
    (200, 1, {"temple.left": 3}),
    (500, 2, {"temple.left": 1}),
]
# (days ago, technique, muscle, side, seconds, finished, pain before, after)
SESSIONS = [
    (1, "rhomboids_ball", "rhomboids", "left", 150, True, 6, 3),
    (20, "heat_and_ice", "upper_trapezius", "both", 45, False, 7, None),
    (200, "rhomboids_ball", "rhomboids", "left", 300, True, 5, 4),
]
NAMES = {"rhomboids_ball": "Ball against a wall", "rhomboids": "Rhomboids"}


@pytest.fixture(scope="module")
def catalog() -> RegionCatalog:
    return load_catalog()


def opened(qtbot: QtBot, log: PainLog, catalog: RegionCatalog) -> HistoryWindow:
    window = HistoryWindow(log, catalog, load_geometry(), NAMES)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def history(qtbot: QtBot, tmp_path: Path, catalog: RegionCatalog) -> Iterator[HistoryWindow]:
    with PainLog(tmp_path / "data") as log:
        for minutes, (days_ago, overall, marks) in enumerate(KNOWN):
            at = noon(days_ago, minutes)
            log.add(new_entry([LoggedMark(r, i) for r, i in marks.items()], overall=overall, at=at))
        gone = log.add(new_entry([LoggedMark("interscapular.left", 10), LoggedMark("eye.left", 10)], 10))
        log.set_deleted(gone.uid)
        for days_ago, *session in SESSIONS:
            log.add_session(new_session(*session[:3], noon(days_ago), *session[3:]))  # type: ignore[arg-type]
        window = opened(qtbot, log, catalog)
        yield window
        window.close()


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def choose_dates(history: HistoryWindow, first: datetime | object, last: datetime | object) -> None:
    choose(history.period, "Choose dates…")
    for edit, when in ((history.start_date, first), (history.end_date, last)):
        edit.setDate(QDate(when.year, when.month, when.day))  # type: ignore[attr-defined]


def curve(item) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    xs, ys = item.getData()
    return [] if xs is None else [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]


def legend_names(history: HistoryWindow) -> list[str]:
    return [label.text for _, label in history.legend.items]


def fill(history: HistoryWindow, region: str) -> str | None:
    colour = history.scene.items_by_region[region].fill
    return None if colour is None else colour.name()


def tip(history: HistoryWindow, region: str) -> str:
    return history.scene.items_by_region[region].toolTip()


def listed(history: HistoryWindow) -> list[str]:
    """The entries list, by the note-free key of each row: its overall rating."""
    return [history.entries.data(history.entries.index(row, 1)) for row in range(history.entries.rowCount())]


def sessions_listed(history: HistoryWindow) -> list[tuple[str, ...]]:
    return list(history.sessions.rows)


def test_the_heat_map_shows_each_regions_average_or_its_worst(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    choose(history.period, "Last 7 days")
    assert history.measure.currentText() == "Average pain"
    assert fill(history, "interscapular.left") == hex_colour(5.0)  # (2 + 8) / 2, the deleted 10 left out
    assert fill(history, "interscapular.right") == hex_colour(6.0)
    assert fill(history, "jaw.right") is None and fill(history, "eye.left") is None  # not in the period
    label = catalog["interscapular.left"].label
    assert tip(history, "interscapular.left") == f"{label}: average 5.0/10, marked twice"

    choose(history.measure, "Worst pain")
    assert fill(history, "interscapular.left") == hex_colour(8.0)
    assert tip(history, "interscapular.left") == f"{label}: worst 8/10"
    assert fill(history, "neck_side.left") == hex_colour(5.0)

    choose(history.period, "Last 30 days")  # the measure chosen stays, over the new period
    assert fill(history, "interscapular.left") == hex_colour(8.0)
    assert fill(history, "jaw.right") == hex_colour(7.0)
    choose(history.measure, "Average pain")
    assert fill(history, "interscapular.left") == hex_colour((2 + 8 + 4) / 3)


def test_how_often_colours_by_the_share_of_entries_and_the_legend_says_so(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    """The review: the heat map had no 'how often', so a rare temple pain looked as important
    as the daily knot."""
    choose(history.period, "All")
    choose(history.measure, "How often")  # six entries in the period, the deleted one left out
    assert fill(history, "interscapular.left") == hex_colour(10 * 3 / 6)
    assert fill(history, "temple.left") == hex_colour(10 * 2 / 6)
    assert fill(history, "neck_side.left") == hex_colour(10 * 1 / 6)
    assert tip(history, "temple.left") == f"{catalog['temple.left'].label}: marked in 2 of 6 entries (33%)"
    assert not history.share_legend.isHidden() and history.pain_legend.isHidden()
    assert [text for text, _ in history.share_legend.number_boxes()] == ["0%", "50%", "100%"]
    assert "how often" in history.heat_caption.text()
    choose(history.period, "Last 7 days")  # two entries: the knot is in both
    assert fill(history, "interscapular.left") == hex_colour(10.0)
    assert fill(history, "neck_side.left") == hex_colour(5.0)
    choose(history.measure, "Worst pain")
    assert not history.pain_legend.isHidden() and history.share_legend.isHidden()
    assert "worst" in history.heat_caption.text()


def test_tooltips_follow_the_period(history: HistoryWindow, catalog: RegionCatalog) -> None:
    """The review: tooltips kept old values after the period changed."""
    label = catalog["jaw.right"].label
    choose(history.period, "Last 30 days")
    assert tip(history, "jaw.right") == f"{label}: average 7.0/10, marked once"
    choose(history.period, "Last 7 days")
    assert tip(history, "jaw.right") == f"{label}: not marked in this period"
    assert tip(history, "eye.left") == f"{catalog['eye.left'].label}: not marked in this period"


def test_the_period_chooses_the_days_of_the_overall_line(history: HistoryWindow) -> None:
    expected = {
        "Last 7 days": [(day(2), 5.5)],  # the day's average of 3 and 8
        "Last 30 days": [(day(20), 5.0), (day(2), 5.5)],
        "Last 90 days": [(day(60), 9.0), (day(20), 5.0), (day(2), 5.5)],
        "Last year": [(day(200), 1.0), (day(60), 9.0), (day(20), 5.0), (day(2), 5.5)],
        "All": [(day(500), 2.0), (day(200), 1.0), (day(60), 9.0), (day(20), 5.0), (day(2), 5.5)],
    }
    summaries = {
        "Last 7 days": "2 entries in this period, 1 day with a rating; 6 in the log",
        "Last 30 days": "3 entries in this period, 2 days with a rating; 6 in the log",
        "Last 90 days": "4 entries in this period, 3 days with a rating; 6 in the log",
        "Last year": "5 entries in this period, 4 days with a rating; 6 in the log",
        "All": "6 entries in this period, 5 days with a rating",
    }
    assert history.period.currentText() == "Last 90 days"  # what History opens on
    for period, points in expected.items():
        choose(history.period, period)
        assert [p for p in curve(history.overall_curve) if p[1] == p[1]] == points, period  # NaN: a gap
        assert history.summary.text() == summaries[period]
    assert not history.start_date.isVisible()


def test_the_area_line_follows_the_area_and_the_period(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    label = catalog.areas["interscapular"].label
    choose(history.period, "Last 30 days")
    areas = [history.area.itemText(i) for i in range(history.area.count())]
    # marked in the period, most often first, either side counted
    assert areas == [
        "(nothing)",
        f"{label} (4)",
        f"{catalog.areas['jaw'].label} (1)",
        f"{catalog.areas['neck_side'].label} (1)",
    ]
    assert curve(history.area_curve) == [] and legend_names(history) == ["overall (daily average)"]

    choose(history.area, f"{label} (4)")
    # the day's average over both sides: (2 + 8 + 6) / 3 two days ago, 4 twenty days ago
    points = [p for p in curve(history.area_curve) if p[1] == p[1]]
    assert points == [(day(20), 4.0), (day(2), pytest.approx(16 / 3))]
    assert legend_names(history) == ["overall (daily average)", f"{label} (daily average, either side)"]

    choose(history.period, "Last 7 days")  # the area stays chosen, its line shortens
    assert history.area.currentText() == f"{label} (3)"
    assert curve(history.area_curve) == [(day(2), pytest.approx(16 / 3))]

    choose(history.area, "(nothing)")
    assert curve(history.area_curve) == [] and legend_names(history) == ["overall (daily average)"]


def test_an_area_not_marked_in_the_new_period_is_let_go(
    history: HistoryWindow, catalog: RegionCatalog
) -> None:
    choose(history.period, "All")
    temple = catalog.areas["temple"].label
    choose(history.area, f"{temple} (2)")
    assert [p for p in curve(history.area_curve) if p[1] == p[1]] == [(day(500), 1.0), (day(200), 3.0)]
    choose(history.period, "Last 7 days")
    assert history.area.currentText() == "(nothing)" and curve(history.area_curve) == []


def test_an_edit_redraws_the_figures(history: HistoryWindow) -> None:
    choose(history.period, "Last 7 days")
    log = history.log
    newest = log.entries(limit=1)[0]
    assert newest.overall == 8
    log.replace(replace(newest, overall=4, marks=(LoggedMark("interscapular.left", 2),)))
    history.refresh()
    assert curve(history.overall_curve) == [(day(2), 3.5)]
    assert fill(history, "interscapular.left") == hex_colour(2.0)


def test_one_chosen_period_applies_to_every_tab(history: HistoryWindow, catalog: RegionCatalog) -> None:
    """The review: a custom period applied to some tabs and not others (what helps and the
    entries list went on to today, or over the whole log)."""
    choose_dates(history, TODAY - timedelta(days=25), TODAY - timedelta(days=10))
    assert curve(history.overall_curve) == [(day(20), 5.0)]
    assert fill(history, "neck_side.left") is None  # marked two days ago only
    label = catalog.areas["interscapular"].label
    choose(history.area, f"{label} (1)")
    assert curve(history.area_curve) == [(day(20), 4.0)]
    assert listed(history) == ["5/10"]  # the entries list: the day-20 entry only
    assert [row[1] for row in sessions_listed(history)] == ["heat and ice"]  # not yesterday's
    assert history.helps_note.text().startswith(
        "1 treatment session in this period; 0 done to the end and rated"
    )
    assert history.by_technique.rowCount() == 0  # the one session was stopped early
    choose(history.period, "Last year")
    assert listed(history) == ["8/10", "3/10", "5/10", "9/10", "1/10"]
    assert history.by_technique.item(0, 0).text() == "Ball against a wall"
    assert history.by_technique.item(0, 1).text() == "2"


def test_sessions_are_listed_with_pain_before_and_after(history: HistoryWindow) -> None:
    """The review: treatment sessions were not listed."""
    choose(history.period, "All")
    assert history.tabs.tabText(history.tabs.indexOf(history.sessions_table.parentWidget())) == "Sessions"
    yesterday = noon(1)
    assert sessions_listed(history) == [
        (
            f"{yesterday:%a %d %b %Y}, 12:00",
            "Ball against a wall",
            "Rhomboids",
            "left",
            "2\u00a0min\u00a030\u00a0s",
            "yes",
            "6 → 3",
        ),
        (
            f"{noon(20):%a %d %b %Y}, 12:00",
            "heat and ice",
            "upper trapezius",
            "both",
            "45\u00a0s",
            "stopped early",
            "7 → –",
        ),
        (
            f"{noon(200):%a %d %b %Y}, 12:00",
            "Ball against a wall",
            "Rhomboids",
            "left",
            "5\u00a0min",
            "yes",
            "5 → 4",
        ),
    ]
    assert history.sessions_note.text().startswith("3 treatment sessions in this period")
    choose(history.period, "Last 7 days")
    assert len(sessions_listed(history)) == 1


def test_every_tab_and_the_entries_list_count_the_persons_own_day(
    qtbot: QtBot, tmp_path: Path, catalog: RegionCatalog
) -> None:
    """An entry saved at 00:30 two hours east of this computer's clock belongs to that day
    everywhere: in the figures (kept by local day) and in the entries list, which went by
    the UTC instant and put it on the day before."""
    when = datetime.combine(TODAY - timedelta(days=3), time(0, 30))
    here = when.astimezone().utcoffset()
    assert here is not None
    saved = new_entry(
        [LoggedMark("jaw.left", 6)], overall=6, at=when.replace(tzinfo=timezone(here + timedelta(hours=2)))
    )
    with PainLog(tmp_path / "data") as log:
        log.add(saved)
        history = opened(qtbot, log, catalog)
        choose_dates(history, when, when)
        assert history.summary.text() == "1 entry in this period, 1 day with a rating"
        assert [e.uid for e in history.entries.rows] == [saved.uid]
        assert history.entries.data(history.entries.index(0, 0)).startswith(f"{when:%a %d %b %Y}, 00:30")
        assert fill(history, "jaw.left") == hex_colour(6.0)
        assert len(curve(history.overall_curve)) == 1
        before = when - timedelta(days=1)  # the day its UTC instant falls on here
        choose_dates(history, before, before)
        assert history.entries.rows == [] and fill(history, "jaw.left") is None
        assert curve(history.overall_curve) == [] or all(y != y for _, y in curve(history.overall_curve))
        history.close()


# -- editing an entry: its time, places, intensities, qualities, rating and note


def edit_with(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, change) -> list[EditEntryDialog]:  # type: ignore[no-untyped-def]
    """EditEntryDialog.ask replaced by the real dialog, changed by `change` as a person would."""
    seen: list[EditEntryDialog] = []

    def ask(cls: type[EditEntryDialog], parent: object, entry: Entry, catalog: RegionCatalog) -> Entry | None:
        dialog = cls(entry, catalog)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        change(dialog)
        return dialog.edited()

    monkeypatch.setattr(EditEntryDialog, "ask", classmethod(ask))
    return seen


def select_place(dialog: EditEntryDialog, region: str) -> None:
    rows = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(rows.index(region))


def test_editing_changes_time_places_intensities_qualities_rating_and_note(
    history: HistoryWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review: places and time could not be changed."""
    log = history.log
    moved_to = datetime.combine(TODAY - timedelta(days=10), time(7, 15))

    def change(dialog: EditEntryDialog) -> None:
        assert "Edit entry" in dialog.windowTitle()  # not "Save to log", nor pain "now"
        said = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
        assert "Overall pain then:" in said and not any("now" in text for text in said)
        select_place(dialog, "interscapular.right")
        dialog.remove.click()
        select_place(dialog, "interscapular.left")
        dialog.intensity.setValue(3)
        dialog.felt["burning"].setChecked(True)
        dialog.felt["shooting"].setChecked(True)
        dialog.add_choice.setCurrentIndex(dialog.add_choice.findData("jaw.left"))
        dialog.add_button.click()
        assert dialog.current_region() == "jaw.left"
        dialog.intensity.setValue(5)
        dialog.when.setDateTime(QDateTime(QDate(moved_to.year, moved_to.month, moved_to.day), QTime(7, 15)))
        dialog.unrated.setChecked(True)
        dialog.note.setText("  after the long drive ")

    edit_with(monkeypatch, qtbot, change)
    choose(history.period, "Last 7 days")
    history.table.selectRow(0)
    old = history.selected_entry()
    assert old is not None and old.overall == 8
    history.edit_selected()
    stored = log.get(old.uid)  # read back from the log
    assert stored is not None
    assert stored.at.replace(tzinfo=None, second=0, microsecond=0) == moved_to
    assert stored.marks == (
        LoggedMark("interscapular.left", 3, ("burning", "shooting")),
        LoggedMark("jaw.left", 5),
    )
    assert stored.overall is None and stored.note == "after the long drive"
    # the figures follow it to its new day: gone from the week, there in the month
    assert listed(history) == ["3/10"]
    choose(history.period, "Last 30 days")
    assert history.log.region_marks(*history.span())  # from the day tables the triggers keep
    assert fill(history, "jaw.left") == hex_colour(5.0)
    assert fill(history, "interscapular.right") is None
    history.undo_stack.undo()
    assert log.get(old.uid) == old
    assert fill(history, "jaw.left") is None and fill(history, "interscapular.right") == hex_colour(6.0)


def test_an_edit_left_as_it_was_stores_nothing(
    history: HistoryWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unrated entry stays unrated, its qualities and exact time as saved: Save without a
    change is no change (the review: an unrated entry was stored as 0/10)."""
    log = history.log
    plain = log.add(new_entry([LoggedMark("jaw.left", 4, ("aching", "burning"))], None, "after the dentist"))
    seen = edit_with(monkeypatch, qtbot, lambda dialog: None)
    history.refresh()
    history.table.selectRow(0)
    history.edit_selected()
    (dialog,) = seen
    assert dialog.unrated.isChecked() and not dialog.overall.isEnabled()
    assert [q for q, box in dialog.felt.items() if box.isChecked()] == ["aching", "burning"]
    assert dialog.edited() == plain and log.get(plain.uid) == plain
    assert history.undo_stack.count() == 0


def test_the_edit_dialog_works_from_the_keyboard_and_fits_a_small_screen(
    qtbot: QtBot, catalog: RegionCatalog
) -> None:
    entry = new_entry([LoggedMark("interscapular.left", 6), LoggedMark("temple.right", 2)], 5, "x")
    # ticked and filled in as saved; a tag the picker has no place for (an import's) is kept
    entry = replace(entry, tags=("poor sleep", "weather: cold and wet", "after the dentist"))
    dialog = EditEntryDialog(entry, catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= 800 and hint.height() <= 600 - 40

    # an Alt key for each field and button, no two the same, each label leading to its field
    def caption(widget: QWidget) -> str:
        return (
            widget.text()
            if hasattr(widget, "text")
            else widget.title()
            if isinstance(widget, QGroupBox)
            else ""
        )

    keys = [c.split("&")[1][0].lower() for c in map(caption, dialog.findChildren(QWidget)) if "&" in c]
    assert len(keys) >= 8 and len(set(keys)) == len(keys), keys
    assert all(label.buddy() is not None for label in dialog.findChildren(QLabel) if "&" in label.text())
    dialog.list.setFocus()
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.current_region() == "temple.right"
    QTest.keyClick(dialog.intensity, Qt.Key.Key_Up)
    QTest.keyClick(dialog.felt["numb"], Qt.Key.Key_Space)
    QTest.keyClick(dialog.note, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.note, Qt.Key.Key_Delete)  # the note cleared
    dialog.add_choice.setFocus()
    qtbot.waitUntil(dialog.add_choice.hasFocus)
    dialog.add_choice.setCurrentIndex(dialog.add_choice.findData("jaw.left"))
    QTest.keyClick(dialog.add_choice, Qt.Key.Key_Return)  # adds the place; it does not press Save
    assert dialog.result() != EditEntryDialog.DialogCode.Accepted and dialog.current_region() == "jaw.left"
    assert dialog.intensity.hasFocus()  # how much, next
    QTest.keyClick(dialog.intensity, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.intensity, "7")
    edited = dialog.edited()
    assert edited.marks == (
        LoggedMark("interscapular.left", 6),
        LoggedMark("temple.right", 3, ("numb",)),
        LoggedMark("jaw.left", 7),
    )
    assert edited.note == "" and edited.overall == 5 and edited.at == entry.at
    assert edited.tags == entry.tags and edited.uid == entry.uid
    assert dialog.tags.boxes["poor sleep"].isChecked() and dialog.tags.weather.text() == "cold and wet"
    QTest.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # to what the day was like
    focused = dialog.focusWidget()
    assert focused is not None and focused.parentWidget() is dialog.tags
    QTest.keyClick(dialog.tags.boxes["stress"], Qt.Key.Key_Space)
    QTest.keyClick(dialog.tags.boxes["poor sleep"], Qt.Key.Key_Space)
    dialog.tags.weather.clear()
    assert dialog.edited().tags == ("after the dentist", "stress")


# -- History from the main window: where it opens, and the File commands


def test_history_opens_centred_over_the_main_window_with_the_file_commands(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review: export, import, back up and restore from History too, with the same code as
    the main window's File menu (and so as the command line)."""
    import json

    from bodymap.ui.notices import Notice

    log = window.log()
    assert log is not None
    kept = log.add(new_entry([LoggedMark("jaw.left", 3)], overall=3))
    screen = window.screen().availableGeometry()
    window.setGeometry(screen.center().x() - 300, screen.center().y() - 200, 600, 400)
    history = window.show_history()
    assert history is not None
    centre, over = history.frameGeometry().center(), window.frameGeometry().center()
    # within the room fit_on_screen leaves for a title bar the offscreen platform does not draw
    assert abs(centre.x() - over.x()) <= 10 and abs(centre.y() - over.y()) <= 24
    assert screen.contains(history.frameGeometry())  # whole, none of it off the screen
    (file_menu,) = [a.menu() for a in history.menuBar().actions()]
    actions = {a.text().replace("&", ""): a for a in file_menu.actions() if a.text()}
    assert list(actions) == ["Export…", "Import…", "Back up now", "Restore from a backup…", "Close History"]

    monkeypatch.setattr(Notice, "save_file", classmethod(lambda cls, p, t, s, f: str(tmp_path / "out.json")))
    actions["Export…"].trigger()
    assert [e["uid"] for e in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["entries"]] == [
        kept.uid
    ]
    assert f"to {tmp_path / 'out.json'}" in history.statusBar().currentMessage()  # said where they look

    with PainLog(tmp_path / "other") as other:
        other.add(new_entry([LoggedMark("neck_side.left", 6)], overall=6))
        from bodymap.core.logio import export_json

        export_json(other, tmp_path / "other.json")
    monkeypatch.setattr(Notice, "open_file", classmethod(lambda cls, p, t, f: str(tmp_path / "other.json")))
    actions["Import…"].trigger()
    assert history.entries.rowCount() == 2  # History redrawn with what came in
    assert "Added 1 entry" in history.statusBar().currentMessage()

    actions["Back up now"].trigger()
    assert "Backed up to" in history.statusBar().currentMessage() and log.backups()
    chosen: list[list[str]] = []
    monkeypatch.setattr(
        Notice, "choose", classmethod(lambda cls, p, t, label, items, act="OK": chosen.append(items))
    )
    actions["Restore from a backup…"].trigger()
    assert chosen and len(chosen[0]) == len(log.backups())


def test_the_entries_list_shows_how_it_felt_and_answers_the_keyboard(
    history: HistoryWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, catalog: RegionCatalog
) -> None:
    log = history.log
    felt = log.add(new_entry([LoggedMark("jaw.left", 4, ("burning", "sharp"))], 2))
    history.refresh()
    label = catalog["jaw.left"].label
    assert history.entries.data(history.entries.index(0, 2)) == f"{label}: 4/10 (burning, sharp)"
    edit_with(monkeypatch, qtbot, lambda dialog: dialog.note.setText("typed, not clicked"))
    history.tabs.setCurrentIndex(history.tabs.indexOf(history.table.parentWidget()))
    history.activateWindow()
    history.table.setFocus()
    qtbot.waitUntil(history.table.hasFocus)
    assert not history.edit_button.isEnabled() and not history.delete_button.isEnabled()  # none chosen
    history.table.selectRow(0)
    assert history.edit_button.isEnabled() and history.delete_button.isEnabled()
    QTest.keyClick(history.table, Qt.Key.Key_Return)  # Enter edits
    assert log.get(felt.uid).note == "typed, not clicked"  # type: ignore[union-attr]
    history.table.selectRow(0)
    QTest.keyClick(history.table, Qt.Key.Key_Delete)  # Delete deletes, undoably
    assert log.get(felt.uid).deleted  # type: ignore[union-attr]
    history.undo_stack.undo()
    assert not log.get(felt.uid).deleted  # type: ignore[union-attr]


def test_history_fits_800_by_600_with_chosen_dates(history: HistoryWindow) -> None:
    """The two dates, read as '2 Nov 2026', and the summary (on two lines if need be) keep the
    window within a small screen; the last day cannot be set before the first."""
    choose_dates(history, TODAY - timedelta(days=400), TODAY)
    history.resize(800, 600)
    assert history.minimumSizeHint().width() <= 800 and history.minimumSizeHint().height() <= 600
    first = TODAY - timedelta(days=400)
    assert history.start_date.text() == f"{first.day} {first:%b %Y}"
    history.end_date.setDate(QDate(2000, 1, 1))
    assert history.end_date.date() == history.start_date.date()


def test_a_change_the_log_cannot_take_is_said_and_not_offered_for_undo(
    history: HistoryWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bodymap.core.errors import StorageError
    from bodymap.ui.notices import Notice

    warned: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text: warned.append(text)))

    def full(*args: object, **kwargs: object) -> None:
        raise StorageError("the disk is full")

    log = history.log
    history.table.selectRow(0)
    chosen = history.selected_entry()
    assert chosen is not None
    monkeypatch.setattr(log, "set_deleted", full)
    history.delete_selected()
    assert warned == ["Your log was not changed: the disk is full."]
    assert history.undo_stack.count() == 0 and not history.undo_button.isEnabled()
    assert log.get(chosen.uid) == chosen
    edit_with(monkeypatch, qtbot, lambda dialog: dialog.note.setText("kept?"))
    monkeypatch.setattr(log, "replace", full)
    history.table.selectRow(0)
    history.edit_selected()
    assert len(warned) == 2 and history.undo_stack.count() == 0 and log.get(chosen.uid) == chosen


def test_long_lists_come_a_page_at_a_time_within_the_period(
    qtbot: QtBot, tmp_path: Path, catalog: RegionCatalog
) -> None:
    from bodymap.ui.log.history_window import PAGE

    with PainLog(tmp_path / "data") as log:
        start = noon(3)
        log.import_items(
            [
                new_entry([LoggedMark("jaw.left", 3)], 3, at=start + timedelta(minutes=i))
                for i in range(PAGE + 50)
            ],
            [
                new_session("ball", "rhomboids", "left", start + timedelta(minutes=i), 60, True)
                for i in range(PAGE + 7)
            ],
        )
        log.add(new_entry([], 1, at=noon(400)))  # outside the period: never fetched
        history = opened(qtbot, log, catalog)
        for model, total in ((history.entries, PAGE + 50), (history.sessions, PAGE + 7)):
            assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
            model.fetchMore(QModelIndex())
            assert model.rowCount() == total and not model.canFetchMore(QModelIndex())
        history.close()


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_every_tab_and_the_edit_dialog_fit_without_clipped_words(
    history: HistoryWindow, qtbot: QtBot, catalog: RegionCatalog, size: tuple[int, int]
) -> None:
    from tests.gui.layout_check import misfits

    history.resize(*size)
    choose_dates(history, TODAY - timedelta(days=600), TODAY)  # the widest top row
    for mode in range(history.measure.count()):  # each legend: pain 0-10 and 0%-100%
        history.measure.setCurrentIndex(mode)
        for tab in range(history.tabs.count()):
            history.tabs.setCurrentIndex(tab)
            QApplication.processEvents()  # the page shown lays itself out
            assert misfits(history) == [], (history.tabs.tabText(tab), history.measure.currentText())
            assert history.width() <= size[0] and history.height() <= size[1]
    entry = history.log.entries(limit=1)[0]
    dialog = EditEntryDialog(replace(entry, note="after a long day at the desk"), catalog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert misfits(dialog) == []


def test_the_entries_list_shows_the_day_s_tags_and_says_when_a_period_is_empty(
    qtbot: QtBot, tmp_path: Path, catalog: RegionCatalog
) -> None:
    """A review: the tags saved with an entry were nowhere in the list, and an empty period was a
    blank table with no word, unlike the other tabs."""
    with PainLog(tmp_path / "data") as log:
        entry = new_entry([LoggedMark("interscapular.left", 6)], overall=5, note="desk day", at=noon(2))
        log.add(replace(entry, tags=("poor sleep", "stress")))
        window = opened(qtbot, log, catalog)
        try:
            note = window.entries.data(window.entries.index(0, 3))
            assert note.startswith("desk day — ") and "stress" in note
            assert window.entries_note.isHidden()
            choose_dates(window, TODAY - timedelta(days=40), TODAY - timedelta(days=30))
            assert window.entries.rowCount() == 0 and not window.entries_note.isHidden()
        finally:
            window.close()
