"""The daily reminder's dialog: on or off, and at what time (see reminder.py)."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QTimeEdit, QVBoxLayout, QWidget

from bodymap.ui.titles import window_title


class ReminderDialog(QDialog):
    def __init__(self, at: time | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("Daily reminder"))
        self.enabled = QCheckBox("Remind me every day at")
        self.enabled.setChecked(at is not None)
        self.when = QTimeEdit(QTime(at.hour, at.minute) if at else QTime(18, 0))
        self.when.setDisplayFormat("HH:mm")
        self.when.setEnabled(self.enabled.isChecked())  # a time for no reminder is not asked for
        self.enabled.toggled.connect(self.when.setEnabled)
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
