"""The log in the window: save the map, see the history, edit and delete with undo, and
treatment sessions saved with pain before and after."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from bodymap.core.colour_scale import hex_colour
from bodymap.core.painlog import Entry
from bodymap.core.regions import RegionCatalog
from bodymap.ui.log.edit_entry_dialog import EditEntryDialog
from bodymap.ui.log.save_entry_dialog import EntryDetails, SaveEntryDialog
from bodymap.ui.main_window import MainWindow
from tests.routines import FakeClock
from tools.make_demo_log import generate


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The save dialog answers 6/10 with a note; the summaries it was shown are kept."""
    shown: list[str] = []

    def ask(parent: object, summary: str, overall: int, regions: list[tuple[str, str]] = ()) -> EntryDetails:
        shown.append(f"{summary} [{overall}] {[label for _, label in regions]}")
        return EntryDetails(6, "after desk work", {region: "aching" for region, _ in regions[:1]})

    monkeypatch.setattr(SaveEntryDialog, "ask", ask)
    return shown


def test_save_to_log_keeps_the_map_with_a_rating_and_note(window: MainWindow, answer: list[str]) -> None:
    window.session.set_intensity("interscapular.left", 7)
    window.session.set_intensity("neck_side.left", 4)
    QTest.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert answer == [
        "2 regions marked. Rate your pain overall and add a note if you like. [7] "
        "['Between shoulder blade and spine — left', 'Side of the neck — left']"
    ]
    log = window.log()
    assert log is not None
    (entry,) = log.entries()
    assert entry.overall == 6 and entry.note == "after desk work"
    marked = {(m.region, m.intensity, m.qualities) for m in entry.marks}
    assert marked == {("interscapular.left", 7, ("aching",)), ("neck_side.left", 4, ())}
    assert "Saved to your log" in window.statusBar().currentMessage()


def test_history_draws_the_log_and_undoes_edits_and_deletes(
    qtbot: QtBot, window: MainWindow, answer: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    log = window.log()
    assert log is not None
    entries, sessions = generate(days=20, per_day=2, seed=5)
    log.import_items(entries, sessions)
    history = window.show_history()
    assert history is not None
    qtbot.addWidget(history)
    xs, _ = history.overall_curve.getData()
    assert len(xs) == len(log.daily_overall(history.span()[0])) >= 19
    # the heat map colours the knot by its average over the period
    average = log.region_intensity(history.span()[0])["interscapular.left"]
    fill = history.scene.items_by_region["interscapular.left"].fill
    assert fill is not None and fill.name() == hex_colour(average)
    assert history.by_technique.rowCount() >= 1

    history.table.selectRow(0)
    newest = history.selected_entry()
    assert newest is not None
    history.delete_selected()
    assert log.count() == 39 and log.get(newest.uid).deleted  # type: ignore[union-attr]
    history.undo_stack.undo()
    assert log.count() == 40 and not log.get(newest.uid).deleted  # type: ignore[union-attr]
    history.table.selectRow(0)

    def edit(cls: type, parent: object, entry: Entry, catalog: object) -> Entry:
        return replace(entry, overall=6, note="after desk work")

    monkeypatch.setattr(EditEntryDialog, "ask", classmethod(edit))
    history.edit_selected()
    assert log.get(newest.uid).overall == 6  # type: ignore[union-attr]
    history.undo_stack.undo()
    assert log.get(newest.uid) == newest
    history.undo_stack.redo()
    assert log.get(newest.uid).note == "after desk work"  # type: ignore[union-attr]


def test_a_treatment_is_saved_with_pain_before_and_after(window: MainWindow) -> None:
    window.session.clock = FakeClock()
    window.session.set_intensity("interscapular.left", 7)
    window.referral.candidate_selected.emit("scalenes:left")
    player = window.open_player("scalenes_finger_release")
    player.before.setCurrentIndex(player.before.findData(6))
    player.start()
    window.session.clock.tick(40)
    player.runner.catch_up()
    QTest.keyClick(player, Qt.Key.Key_Escape)  # stopped early
    player.after.setCurrentIndex(player.after.findData(3))
    QTest.mouseClick(player.finish_button, Qt.MouseButton.LeftButton)
    log = window.log()
    assert log is not None
    (session,) = log.sessions()
    assert session.technique == "scalenes_finger_release"
    assert (session.muscle, session.side) == ("scalenes", "left")
    assert (session.pain_before, session.pain_after, session.completed) == (6, 3, False)
    assert session.duration_s == pytest.approx(40, abs=0.5)


def test_a_damaged_log_is_repaired_and_the_person_told_what_came_back(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bodymap.core.painlog import LOG_FILE, LoggedMark, PainLog, new_entry
    from bodymap.ui.application import build_window
    from bodymap.ui.notices import Notice

    folder = tmp_path / "data"
    with PainLog(folder) as log:
        kept = log.add(new_entry([LoggedMark("interscapular.left", 7)], overall=5))
        log.backup()
    (folder / LOG_FILE).write_bytes(b"this is not a database" * 100)
    told: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text: told.append(text)))
    window = build_window(str(folder))
    qtbot.addWidget(window)
    log = window.log()
    assert log is not None and len(told) == 1
    assert "has been repaired" in told[0] and "1 more from the backup" in told[0]
    assert "kept as painlog.sqlite.damaged-" in told[0] and "Restore from a backup" in told[0]
    assert log.get(kept.uid) is not None  # brought back from the backup, without asking
    assert list(folder.glob("painlog.sqlite.damaged-*"))


def test_a_save_that_fails_says_so_keeps_the_marks_and_retries(
    window: MainWindow, answer: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from bodymap.core.painlog import PainLog
    from bodymap.ui.notices import Notice

    log = window.log()
    assert log is not None
    window.session.set_intensity("interscapular.left", 7)
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL
    real_add = PainLog.add
    failures = [full]

    def add(self: PainLog, entry: object) -> object:
        if failures:
            raise failures.pop()
        return real_add(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(PainLog, "add", add)
    asked: list[str] = []
    monkeypatch.setattr(Notice, "retry", classmethod(lambda cls, parent, title, text: not asked.append(text)))
    QTest.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "was not saved" in asked[0] and "is full" in asked[0]
    assert "marks are kept" in asked[0]
    (entry,) = log.entries()  # the retry saved it
    assert [(m.region, m.intensity) for m in entry.marks] == [("interscapular.left", 7)]
    # and when the person gives up, the marks are still on the map
    failures.append(full)
    monkeypatch.setattr(Notice, "retry", classmethod(lambda cls, parent, title, text: False))
    QTest.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert len(log.entries()) == 1
    assert window.session.intensity("interscapular.left") == 7
    assert "Not saved" in window.statusBar().currentMessage()


def test_restore_from_a_backup_in_the_window(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from bodymap.core.painlog import LoggedMark, new_entry
    from bodymap.ui.notices import Notice

    log = window.log()
    assert log is not None
    first = log.add(new_entry([LoggedMark("jaw.left", 3)], overall=2))
    log.backup()
    log.add(new_entry([LoggedMark("jaw.left", 8)], overall=9))
    offered: list[list[str]] = []
    acts: list[str] = []
    monkeypatch.setattr(
        Notice,
        "choose",
        classmethod(
            lambda cls, parent, title, label, items, act="OK": offered.append(items) or acts.append(act) or 0
        ),
    )
    (action,) = [a for a in window.menuBar().actions()[0].menu().actions() if "Restore" in a.text()]
    action.trigger()
    assert len(offered[0]) == 1 and "1 entry" in offered[0][0]
    assert acts == ["Replace my log"]  # the button says what it does, not a bare OK
    assert [e.uid for e in log.entries()] == [first.uid]
    assert "Restored the backup" in window.statusBar().currentMessage()
    assert any("before-restore" in p.name for p in log.backups())  # what it replaced is kept


def test_a_log_from_a_newer_bodymap_leaves_the_map_working(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from bodymap.core.painlog import LOG_FILE, SCHEMA_VERSION
    from bodymap.ui.application import build_window
    from bodymap.ui.notices import Notice

    folder = tmp_path / "data"
    folder.mkdir()
    db = sqlite3.connect(folder / LOG_FILE)
    db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, uid TEXT, at_utc TEXT, future TEXT)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = (folder / LOG_FILE).read_bytes()
    warned: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, parent, title, text: warned.append(text)))
    window = build_window(str(folder))
    qtbot.addWidget(window)
    assert window.log() is None and "newer bodymap" in warned[0]
    assert not window.save_button.isEnabled()
    assert (folder / LOG_FILE).read_bytes() == before  # never rewritten
    window.session.set_intensity("interscapular.left", 7)  # the map still works
    assert window.referral.keys()


def test_history_over_chosen_dates(window: MainWindow) -> None:
    from datetime import datetime, timedelta

    from PySide6.QtCore import QDate

    log = window.log()
    assert log is not None
    entries, sessions = generate(days=60, per_day=1, seed=9)
    log.import_items(entries, sessions)
    history = window.show_history()
    assert history is not None
    history.period.setCurrentIndex(history.period.findData(-1))
    assert history.start_date.isVisible() and history.end_date.isVisible()
    end = entries[-1].at.date()
    start = end - timedelta(days=9)
    history.start_date.setDate(QDate(start.year, start.month, start.day))
    history.end_date.setDate(QDate(end.year, end.month, end.day))
    since, until = history.span()
    assert since is not None and until is not None and (until - since).days == 10
    xs, _ = history.overall_curve.getData()
    assert 9 <= len(xs) <= 11  # the days of the chosen range (UTC days at the edges)
    assert all(datetime.fromtimestamp(x).date() <= end for x in xs)


def test_the_weekly_page_check_runs_in_a_thread_and_offers_repair(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a long log the check of every page reads for seconds: it runs apart from the window
    (not when the log opens), marks the week's check done when sound, and offers a repair
    when it finds damage."""
    from bodymap.core.painlog import CHECKED_FILE, LoggedMark, PainLog, new_entry
    from bodymap.ui.application import build_window
    from bodymap.ui.notices import Notice

    folder = tmp_path / "data"
    with PainLog(folder) as log:
        log.add(new_entry([LoggedMark("jaw.left", 3)], overall=2))
    assert not (folder / CHECKED_FILE).exists()  # opening never ran it
    window = build_window(str(folder))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.logs.page_check.done, timeout=10_000) as sound:
        assert window.log() is not None
    assert sound.args == [[]] and (folder / CHECKED_FILE).exists()

    (folder / CHECKED_FILE).unlink()
    asked: list[str] = []
    monkeypatch.setattr(
        PainLog, "page_check", lambda self: ["*** in database main ***", "page 7: btreeInitPage() error"]
    )
    monkeypatch.setattr(
        Notice, "confirm", classmethod(lambda cls, parent, title, text: not asked.append(text) and False)
    )
    window.logs.close()
    with qtbot.waitSignal(window.logs.page_check.done, timeout=10_000):
        window.log()
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "weekly check" in asked[0] and "Repair it now?" in asked[0]


def test_export_import_and_back_up_from_the_file_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same code as the command line, from File: a PDF, CSV or JSON export, an import that
    skips what is there already, a backup on request."""
    import json

    from pypdf import PdfReader

    from bodymap.core.painlog import LoggedMark, PainLog, new_entry
    from bodymap.ui.notices import Notice

    log = window.log()
    assert log is not None
    kept = [log.add(new_entry([LoggedMark("jaw.left", i)], overall=i, note=f"n{i}")) for i in range(3)]
    actions = {a.text().replace("&", ""): a for a in window.menuBar().actions()[0].menu().actions()}
    from bodymap.ui.log.report_dialog import ReportChoice, ReportDialog

    everything = ReportChoice(None, None, ("chart", "entries"))  # the PDF's period: the whole log
    monkeypatch.setattr(ReportDialog, "ask", classmethod(lambda cls, parent: everything))

    for name in ("log.json", "log.csv", "report.pdf"):
        monkeypatch.setattr(
            Notice, "save_file", classmethod(lambda cls, p, t, s, f, n=name: str(tmp_path / n))
        )
        actions["Export…"].trigger()
        assert (tmp_path / name).exists() and f"to {tmp_path / name}" in window.statusBar().currentMessage()
    assert [e["uid"] for e in json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))["entries"]] == [
        e.uid for e in kept
    ]
    assert "Pain" in "".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)

    other = tmp_path / "other"
    with PainLog(other) as second:  # entries from another machine, one of them already here
        extra = second.add(new_entry([LoggedMark("neck_side.left", 6)], overall=6))
        second.import_items([kept[0]], [])
    from bodymap.core.logio import export_json

    with PainLog(other) as second:
        export_json(second, tmp_path / "other.json")
    monkeypatch.setattr(Notice, "open_file", classmethod(lambda cls, p, t, f: str(tmp_path / "other.json")))
    actions["Import…"].trigger()
    assert "Added 1 entry and 0 sessions; 1 already in your log." in window.statusBar().currentMessage()
    assert log.get(extra.uid) is not None and log.count() == 4

    actions["Back up now"].trigger()
    assert "Backed up to" in window.statusBar().currentMessage() and log.backups()


def test_an_export_to_a_name_it_cannot_write_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bodymap.ui.notices import Notice

    assert window.log() is not None
    warned: list[str] = []
    monkeypatch.setattr(Notice, "warn", classmethod(lambda cls, p, t, text: warned.append(text)))
    for name in ("log.txt", "missing-folder/log.json"):
        monkeypatch.setattr(
            Notice, "save_file", classmethod(lambda cls, p, t, s, f, n=name: str(tmp_path / n))
        )
        window.logs.export_log()
    assert "should end in .pdf, .csv or .json" in warned[0]
    assert warned[1].startswith("Nothing was written")


def test_editing_an_entry_keeps_no_rating_clears_a_note_and_says_it_is_the_past(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing an unrated entry stored 0/10, a note could not be cleared and the dialog said
    "Save to log" and "Overall pain now" for an entry of last week."""
    from bodymap.core.painlog import LoggedMark, new_entry

    log = window.log()
    assert log is not None
    burning = LoggedMark("jaw.left", 4, ("burning",))
    saved = log.add(new_entry([burning], overall=None, note="after the dentist"))
    seen: list[EditEntryDialog] = []

    def edit(cls: type[EditEntryDialog], parent: object, entry: Entry, catalog: RegionCatalog) -> Entry:
        dialog = cls(entry, catalog)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.note.clear()  # the person clears the note and leaves the rest as it was
        return dialog.edited()

    monkeypatch.setattr(EditEntryDialog, "ask", classmethod(edit))
    history = window.show_history()
    assert history is not None
    qtbot.addWidget(history)
    history.table.selectRow(0)
    history.edit_selected()
    (dialog,) = seen
    assert "Edit entry" in dialog.windowTitle() and "Save to log" not in dialog.windowTitle()
    assert dialog.unrated.isChecked() and not dialog.overall.isEnabled()
    assert dialog.felt["burning"].isChecked() and not dialog.felt["aching"].isChecked()
    stored = log.get(saved.uid)
    assert stored is not None and stored.overall is None and stored.note == ""
    assert [(m.region, m.qualities) for m in stored.marks] == [("jaw.left", ("burning",))]
