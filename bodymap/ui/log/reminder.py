"""An optional daily reminder while the app runs: a tray notification where the desktop has a
tray, otherwise a window alert and a line in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from bodymap.core.reminder import next_occurrence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSystemTrayIcon


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
        from PySide6.QtWidgets import QSystemTrayIcon  # at the first reminder, not at start-up

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
