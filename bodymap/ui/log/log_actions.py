"""The window's pain-log commands: opening the log (and saying when it was damaged), saving
the map, History, and the daily reminder. The entry itself is made by the session."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar, QWidget

from bodymap.core import events, words
from bodymap.core.errors import StorageError, UserError
from bodymap.core.geometry import BodyGeometry
from bodymap.core.session import Session
from bodymap.ui.log.reminder import Reminder
from bodymap.ui.notices import Notice
from bodymap.ui.titles import fit_on_screen

if TYPE_CHECKING:
    from bodymap.core.painlog import PainLog
    from bodymap.ui.log.history_window import HistoryWindow


class LogWindow(Protocol):
    """The main window as the log's commands use it (no import of the window: no circle)."""

    settings: QSettings | None
    save_button: QPushButton
    reminder: Reminder

    def statusBar(self) -> QStatusBar: ...
    def geometry_of_map(self) -> BodyGeometry: ...
    def as_parent(self) -> QWidget: ...


class PageCheck(QObject):
    """The weekly check of every page of the log, in a thread of its own: on a long log it
    reads for seconds, which the window must not spend frozen. `done` carries the problems."""

    done = Signal(list)

    def start(self, log: PainLog) -> threading.Thread:
        worker = threading.Thread(target=lambda: self.done.emit(log.page_check()), daemon=True)
        worker.start()
        return worker


class LogActions:
    # History, an import or a restore changed the log: what the window shows of it outside
    # History (the flare going on) must follow
    log_changed = events.Signal()

    def __init__(self, window: LogWindow, session: Session, open_log: Callable[[], PainLog] | None) -> None:
        self.window = window
        self.parent = window.as_parent()  # of the dialogs and timers opened from here
        self.session = session
        self._open_log = open_log
        self.history: HistoryWindow | None = None
        self.page_check = PageCheck()
        self.page_check.done.connect(self._page_check_done)  # delivered in the window's thread
        session.entry_saved.connect(lambda _entry: self._refresh_history())
        session.session_recorded.connect(lambda _record: self._refresh_history())

    def log(self) -> PainLog | None:
        """The log, opened on first use; None when this window keeps none (screenshots)."""
        if self.session.log is None and self._open_log is not None:
            try:
                log = self._open_log()
            except (UserError, StorageError) as exc:  # a newer log, a full disk, no permission
                self._open_log = None  # say it once; the map works without the log
                self.window.save_button.setEnabled(False)
                Notice.warn(self.parent, "Pain log unavailable", f"Your pain log cannot be used: {exc}.")
                return None
            self.session.attach_log(log)
            self._say_what_opening_found(log)
            if log.check_due():
                self.page_check.start(log)
        return self.session.log

    def _page_check_done(self, problems: list[str]) -> None:
        log = self.session.log
        if not problems or log is None:
            return
        reason = "; ".join(problems[:2])
        if Notice.confirm(
            self.parent,
            "Pain log damaged",
            f"The weekly check of your pain log found damage ({reason}).\n\nRepair it now? The damaged "
            "file is kept, every entry that can be read is copied to a fresh log, and you are told "
            "what could not come back.",
        ):
            try:
                repair = log.repair(reason)
            except (sqlite3.Error, UserError, StorageError, OSError) as exc:
                Notice.warn(self.parent, "Pain log damaged", f"The repair could not be done: {exc}.")
                return
            said = f"Your pain log has been repaired: {repair.summary()}."
            Notice.inform(self.parent, "Pain log repaired", said)

    def _say_what_opening_found(self, log: PainLog) -> None:
        report = log.report
        if report.repair is not None and report.recovered_from is not None:
            Notice.warn(
                self.parent,
                "Pain log repaired",
                f"Your pain log was damaged ({report.repair.reason}) and has been repaired: "
                f"{report.repair.summary()}.\n\nThe damaged file is kept as {report.recovered_from.name}; "
                "File > Restore from a backup… lists the copies you can go back to.",
            )
        if report.wal_damaged is not None:
            lost = report.wal_damaged.lost_saves
            Notice.warn(
                self.parent,
                "Pain log damaged",
                f"The last {lost} {'save' if lost == 1 else 'saves'} before bodymap last stopped could not "
                "be read back: the file holding them was damaged. "
                f"A copy is kept as {report.wal_damaged.kept.name}.",
            )

    # -- the log in and out, as the command line does it (core/logio.py, ui/log/report.py)
    EXPORT_FILTERS = "PDF report for your clinician (*.pdf);;Spreadsheet (*.csv);;JSON, for bodymap (*.json)"

    def export_log(self) -> Path | None:
        """File > Export…: the whole log as a PDF report, CSV or JSON, written atomically."""
        log = self.log()
        if log is None:
            return None
        chosen = Notice.save_file(self.parent, "Export your pain log", "bodymap-log.pdf", self.EXPORT_FILTERS)
        if not chosen:
            return None
        out = Path(chosen)
        kind = out.suffix.lower().lstrip(".")
        if kind not in ("pdf", "csv", "json"):
            Notice.warn(self.parent, "Export", f"{out.name}: the name should end in .pdf, .csv or .json.")
            return None
        if kind == "pdf":  # the report is of a period, with the sections the person wants
            from bodymap.ui.log.report_dialog import ReportDialog

            choice = ReportDialog.ask(self.parent)
            if choice is None:
                return None
        try:
            if kind == "pdf":
                from bodymap.ui.log.report import Person, write_report

                assert choice is not None  # asked above
                session = self.session
                ticked = frozenset(session.ticked) if session.checklist_seen else None
                person = Person(ticked, dict(session.profile.answers), session.profile.asked)
                count = write_report(
                    log, out, session.catalog, choice.first, choice.last, choice.sections, person
                )
            else:
                from bodymap.core.logio import export_csv, export_json

                count = (export_csv if kind == "csv" else export_json)(log, out)
        except (UserError, StorageError, OSError, sqlite3.Error) as exc:
            Notice.warn(self.parent, "Export", f"Nothing was written: {exc}.")
            return None
        what = (
            f"{count} row{'s' if count != 1 else ''}"
            if kind == "csv"
            else words.count(count, "entry", "entries")
        )
        self.window.statusBar().showMessage(f"Exported {what} to {out}.", 15000)
        return out

    def import_log(self) -> tuple[int, int] | None:
        """File > Import…: the entries of a JSON or CSV export; those already here are skipped."""
        log = self.log()
        if log is None:
            return None
        chosen = Notice.open_file(self.parent, "Import entries", "bodymap exports (*.json *.csv)")
        if not chosen:
            return None
        from bodymap.core.logio import read_export_items

        try:
            entries, sessions, flares = read_export_items(Path(chosen))
            unknown = sorted(
                {m.region for e in entries for m in e.marks if m.region not in self.session.catalog}
            )
            if unknown:
                raise UserError(
                    f"{Path(chosen).name} names places this map does not have: {', '.join(unknown[:3])}"
                )
            added, added_sessions = log.import_items(entries, sessions, flares)
        except (UserError, StorageError, OSError, sqlite3.Error) as exc:
            Notice.warn(self.parent, "Import", f"Nothing was added: {exc}.")
            return None
        skipped = len(entries) - added
        new = f"{words.count(added, 'entry', 'entries')} and {words.count(added_sessions, 'session')}"
        self.window.statusBar().showMessage(f"Added {new}; {skipped} already in your log.", 15000)
        self._refresh_history()
        self.log_changed.emit()
        return added, added_sessions

    def back_up_now(self) -> Path | None:
        """File > Back up now: a checked copy in the backups folder, kept in the rotation."""
        log = self.log()
        if log is None:
            return None
        try:
            made = log.backup()
        except (UserError, StorageError, OSError, sqlite3.Error) as exc:
            Notice.warn(self.parent, "Back up", f"No backup was made: {exc}.")
            return None
        self.window.statusBar().showMessage(f"Backed up to {made}.", 15000)
        return made

    def restore_backup(self) -> None:
        """File > Restore from a backup…: the backups with their dates and entries; the log as
        it is now is kept first, so a restore can itself be undone the same way."""
        log = self.log()
        if log is None:
            return
        from bodymap.core.logbackups import describe

        backups = [describe(p) for p in log.backups()]
        if not backups:
            Notice.inform(
                self.parent, "Restore from a backup", "There are no backups yet: one is made each day."
            )
            return
        items = [
            f"{b.made:%a %d %b %Y, %H:%M} — "
            + (
                "cannot be read"
                if b.entries is None
                else f"{b.entries} {'entry' if b.entries == 1 else 'entries'}"
            )
            + (
                " (kept: " + (b.label.replace("-", " ") or "last good copy before damage") + ")"
                if b.kept
                else ""
            )
            for b in backups
        ]
        chosen = Notice.choose(
            self.parent, "Restore from a backup", "Replace your pain log with:", items, act="Replace my log"
        )
        if chosen is None:
            return
        try:
            before = log.restore_from(backups[chosen].path)
        except (UserError, StorageError, OSError) as exc:
            Notice.warn(self.parent, "Restore from a backup", f"Nothing was changed: {exc}.")
            return
        kept = f" Your log as it was is kept as {before.name}." if before else ""
        self.window.statusBar().showMessage(
            f"Restored the backup of {backups[chosen].made:%d %b %Y}.{kept}", 15000
        )
        self._refresh_history()
        self.log_changed.emit()

    def save_to_log(self) -> None:
        if self.log() is None:
            return
        from bodymap.ui.log.save_entry_dialog import SaveEntryDialog

        marks = self.session.marks()
        worst = max((m.intensity for m in marks), default=0)
        where = f"{len(marks)} region{'s' if len(marks) != 1 else ''} marked" if marks else "Nothing marked"
        # how a place feels is set on the map (side panel, keys A B S T N H O); the dialog asks
        # only about places left undescribed there
        regions = [(m.region, self.session.catalog[m.region].label) for m in marks if not m.qualities]
        SaveEntryDialog.weather_suggestions = self._recent_weather()
        details = SaveEntryDialog.ask(
            self.parent, f"{where}. Rate your pain overall and add a note if you like.", worst, regions
        )
        if details is None:
            return
        while True:  # the marks stay on the map until the entry is really saved
            try:
                entry = self.session.save_entry(
                    details.overall, details.note, details.qualities, details.tags
                )
            except (sqlite3.Error, UserError, StorageError) as exc:
                if not Notice.retry(
                    self.parent, "Not saved", f"{self._why_not_saved(exc)}\n\nYour marks are kept."
                ):
                    self.window.statusBar().showMessage("Not saved: your marks are still on the map.", 15000)
                    return
                continue
            break
        self.window.statusBar().showMessage(f"Saved to your log at {entry.at:%H:%M}.", 8000)

    def _recent_weather(self) -> list[str]:
        """The weather words of recent entries, to offer again (none when they cannot be read)."""
        from bodymap.core.quick_log import WEATHER_LOOK_BACK, recent_weather

        log = self.session.log
        try:
            return recent_weather(log.entries(limit=WEATHER_LOOK_BACK)) if log is not None else []
        except (sqlite3.Error, UserError, StorageError):
            return []  # suggestions are never worth an error: the save goes on

    def _why_not_saved(self, exc: Exception) -> str:
        from bodymap.core.painlog import explain, is_damage

        log = self.session.log
        if not isinstance(exc, sqlite3.Error) or log is None:
            return f"Your entry was not saved: {exc}."
        if not is_damage(exc):
            return f"Your entry was not saved: {explain(exc, log.path)}."
        try:
            repair = log.repair(str(exc))
        except (sqlite3.Error, UserError, StorageError, OSError) as failed:
            return f"Your entry was not saved: the pain log is damaged ({exc}); repair failed: {failed}."
        return (
            f"Your entry was not saved: the pain log was damaged ({exc}). It has been repaired: "
            f"{repair.summary()}. Try saving again."
        )

    def show_history(self) -> HistoryWindow | None:
        log = self.log()
        if log is None:
            return None
        if self.history is None:
            from bodymap.ui.log.history_window import HistoryWindow

            names = {t.id: t.name for t in self.session.techniques()}
            names |= self.session.muscle_names()
            geometry = self.window.geometry_of_map()
            catalog = self.session.catalog
            # History's File menu runs this very code: export, import, back up, restore
            self.history = HistoryWindow(log, catalog, geometry, names, self.parent, actions=self)
            self.history.log_changed.connect(self.log_changed.emit)
            fit_on_screen(self.history, self.parent)  # whole, over the main window: none of it off-screen
        else:
            self.history.refresh()
        self.history.show()
        self.history.raise_()
        return self.history

    def _refresh_history(self) -> None:
        if self.history is not None:
            self.history.refresh()

    def ask_reminder(self) -> None:
        from bodymap.ui.log.reminder_dialog import ReminderDialog

        window = self.window
        answer = ReminderDialog.ask(self.parent, window.reminder.at)
        if answer is None:
            return
        _, at = answer
        window.reminder.set_time(at)
        if window.settings is not None:
            window.settings.setValue("reminder/time", at.strftime("%H:%M") if at else "")
        said = f"Reminder set for {at:%H:%M} every day." if at else "Reminder off."
        window.statusBar().showMessage(said, 8000)

    def close(self) -> None:
        if self.history is not None:
            self.history.close()
        log = self.session.log
        if log is not None:
            self.session.attach_log(None)
            log.close()
