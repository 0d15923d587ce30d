"""An optional daily reminder while the app runs: a tray notification where the desktop has a
tray, otherwise a window alert and a line in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QObject, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.reminder import next_occurrence


class Reminder(QObject):
    fired = Signal(str)  # the message shown

    def __init__(self, window: QWidget, now: Callable[[], datetime] = lambda: datetime.now().astimezone()):
        super().__init__(window)
        self.window = window
        self._now = now
        self.at: time | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # to the second is plenty
        self.timer.timeout.connect(self._fire)
        self.tray: QSystemTrayIcon | None = None
        self.message = "Time for your self-treatment: a few minutes now keeps the knots away."

    def set_time(self, at: time | None) -> None:
        self.at = at
        self._arm()

    def _arm(self) -> None:
        self.timer.stop()
        if self.at is None:
            return
        due = next_occurrence(self._now(), self.at)
        self.timer.start(max(1000, int((due - self._now()).total_seconds() * 1000)))

    def _fire(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self.tray.show()
            self.tray.showMessage("bodymap", self.message, QSystemTrayIcon.MessageIcon.Information, 15000)
        QApplication.alert(self.window)
        self.fired.emit(self.message)
        self._arm()  # the same time tomorrow

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()


class ReminderDialog(QDialog):
    def __init__(self, at: time | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Daily reminder")
        self.enabled = QCheckBox("Remind me every day at")
        self.enabled.setChecked(at is not None)
        self.when = QTimeEdit(QTime(at.hour, at.minute) if at else QTime(18, 0))
        self.when.setDisplayFormat("HH:mm")
        note = QLabel("While bodymap is open, it reminds you to treat yourself at this time.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.enabled)
        layout.addWidget(self.when)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget, at: time | None) -> tuple[bool, time | None] | None:
        """(changed?, the time or None for off), or None when cancelled. Tests replace this."""
        dialog = cls(at, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = dialog.when.time()
        return True, time(chosen.hour(), chosen.minute()) if dialog.enabled.isChecked() else None
