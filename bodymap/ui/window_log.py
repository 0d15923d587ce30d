"""The main window's pain-log side: opening the log (and saying when it was damaged), saving
the map, the history window, treatment sessions and the daily reminder."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bodymap.core.errors import UserError
from bodymap.core.referral import LazyReferralEngine
from bodymap.ui.notices import Notice

if TYPE_CHECKING:
    from bodymap.core.countdown import Summary
    from bodymap.core.painlog import PainLog
    from bodymap.ui.log.history_window import HistoryWindow
    from bodymap.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class LogMixin(_Base):
    def log(self) -> PainLog | None:
        """The log, opened on first use; None when this window keeps none (screenshots)."""
        if self._log is None and self._open_log is not None:
            try:
                self._log = self._open_log()
            except UserError as exc:  # a newer log, a folder we may not write to
                self._open_log = None  # say it once; the map works without the log
                self.save_button.setEnabled(False)
                Notice.warn(self, "Pain log unavailable", f"Your pain log cannot be used: {exc}.")
                return None
            report = self._log.report
            if report.recovered_from is not None:
                self._offer_backup(report.recovered_from)
        return self._log

    def _offer_backup(self, damaged: Path) -> None:
        assert self._log is not None
        backup = self._log.latest_backup()
        text = (
            f"Your pain log could not be read: the file was damaged. It has been kept as {damaged.name} "
            "and a new, empty log started."
        )
        if backup is None:
            Notice.warn(self, "Pain log damaged", text)
        elif Notice.confirm(self, "Pain log damaged", f"{text}\n\nRestore the latest backup, {backup.name}?"):
            self._log.restore_from(backup)

    def save_to_log(self) -> None:
        log = self.log()
        if log is None:
            return
        marks = self.model.marks()
        worst = max((m.intensity for m in marks), default=0)
        where = f"{len(marks)} region{'s' if len(marks) != 1 else ''} marked" if marks else "Nothing marked"
        regions = [(m.region, self.catalog[m.region].label) for m in marks]
        from bodymap.core.painlog import LoggedMark, new_entry
        from bodymap.ui.log.save_entry_dialog import SaveEntryDialog

        details = SaveEntryDialog.ask(
            self, f"{where}. Rate your pain overall and add a note if you like.", worst, regions
        )
        if details is None:
            return
        logged = [LoggedMark(m.region, m.intensity, details.qualities.get(m.region)) for m in marks]
        entry = log.add(replace(new_entry(logged, details.overall, details.note), tests=self.search_answers))
        self.statusBar().showMessage(f"Saved to your log at {entry.at:%H:%M}.", 8000)
        if self.history is not None:
            self.history.refresh()

    def show_history(self) -> HistoryWindow | None:
        log = self.log()
        if log is None:
            return None
        if self.history is None:
            from bodymap.ui.log.history_window import HistoryWindow

            names = {t.id: t.name for t in self._load_techniques()}
            engine = self.engine.engine if isinstance(self.engine, LazyReferralEngine) else self.engine
            names |= {m.id: m.name for m in engine.knowledge}
            self.history = HistoryWindow(log, self.catalog, self.scene.geometry, names, self)
        else:
            self.history.refresh()
        self.history.show()
        self.history.raise_()
        return self.history

    def _record_session(
        self, technique_id: str, summary: Summary, before: int | None, after: int | None
    ) -> None:
        from bodymap.core.countdown import SessionState
        from bodymap.core.painlog import new_session

        log = self.log()
        selected = self._selected()
        if log is None or summary.seconds <= 0:
            return
        technique = self._load_techniques()[technique_id]
        if selected is not None and selected.muscle.id in technique.muscles:
            muscle, side = selected.muscle.id, selected.side
        else:
            muscle, side = technique.muscles[0], "both"
        started = datetime.now().astimezone() - timedelta(seconds=summary.seconds)
        log.add_session(
            new_session(
                technique_id,
                muscle,
                side,
                started,
                round(summary.seconds, 1),
                summary.state is SessionState.FINISHED,
                before,
                after,
            )
        )
        if self.history is not None:
            self.history.refresh()
        self._show_techniques()  # what helped may reorder them

    def ask_reminder(self) -> None:
        from bodymap.ui.log.reminder_dialog import ReminderDialog

        answer = ReminderDialog.ask(self, self.reminder.at)
        if answer is None:
            return
        _, at = answer
        self.reminder.set_time(at)
        if self.settings is not None:
            self.settings.setValue("reminder/time", at.strftime("%H:%M") if at else "")
        self.statusBar().showMessage(
            f"Reminder set for {at:%H:%M} every day." if at else "Reminder off.", 8000
        )
