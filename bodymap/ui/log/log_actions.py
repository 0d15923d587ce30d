"""The window's pain-log commands: opening the log (and saying when it was damaged), saving
the map, History, and the daily reminder. The entry itself is made by the session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton, QStatusBar, QWidget

from bodymap.core.errors import UserError
from bodymap.core.geometry import BodyGeometry
from bodymap.core.session import Session
from bodymap.ui.log.reminder import Reminder
from bodymap.ui.notices import Notice

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


class LogActions:
    def __init__(self, window: LogWindow, session: Session, open_log: Callable[[], PainLog] | None) -> None:
        self.window = window
        self.parent = window.as_parent()  # of the dialogs and timers opened from here
        self.session = session
        self._open_log = open_log
        self.history: HistoryWindow | None = None
        session.entry_saved.connect(lambda _entry: self._refresh_history())
        session.session_recorded.connect(lambda _record: self._refresh_history())

    def log(self) -> PainLog | None:
        """The log, opened on first use; None when this window keeps none (screenshots)."""
        if self.session.log is None and self._open_log is not None:
            try:
                log = self._open_log()
            except UserError as exc:  # a newer log, a folder we may not write to
                self._open_log = None  # say it once; the map works without the log
                self.window.save_button.setEnabled(False)
                Notice.warn(self.parent, "Pain log unavailable", f"Your pain log cannot be used: {exc}.")
                return None
            self.session.attach_log(log)
            if log.report.recovered_from is not None:
                self._offer_backup(log, log.report.recovered_from)
        return self.session.log

    def _offer_backup(self, log: PainLog, damaged: Path) -> None:
        backup = log.latest_backup()
        text = (
            f"Your pain log could not be read: the file was damaged. It has been kept as {damaged.name} "
            "and a new, empty log started."
        )
        if backup is None:
            Notice.warn(self.parent, "Pain log damaged", text)
        elif Notice.confirm(
            self.parent, "Pain log damaged", f"{text}\n\nRestore the latest backup, {backup.name}?"
        ):
            log.restore_from(backup)

    def save_to_log(self) -> None:
        if self.log() is None:
            return
        from bodymap.ui.log.save_entry_dialog import SaveEntryDialog

        marks = self.session.marks()
        worst = max((m.intensity for m in marks), default=0)
        where = f"{len(marks)} region{'s' if len(marks) != 1 else ''} marked" if marks else "Nothing marked"
        regions = [(m.region, self.session.catalog[m.region].label) for m in marks]
        details = SaveEntryDialog.ask(
            self.parent, f"{where}. Rate your pain overall and add a note if you like.", worst, regions
        )
        if details is None:
            return
        entry = self.session.save_entry(details.overall, details.note, details.qualities)
        self.window.statusBar().showMessage(f"Saved to your log at {entry.at:%H:%M}.", 8000)

    def show_history(self) -> HistoryWindow | None:
        log = self.log()
        if log is None:
            return None
        if self.history is None:
            from bodymap.ui.log.history_window import HistoryWindow

            names = {t.id: t.name for t in self.session.techniques()}
            names |= self.session.muscle_names()
            geometry = self.window.geometry_of_map()
            self.history = HistoryWindow(log, self.session.catalog, geometry, names, self.parent)
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
