"""Modal messages, behind classmethods that tests replace (a modal box would wait forever)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Notice:
    @classmethod
    def warn(cls, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str) -> bool:
        """Yes or no; No is the default."""
        choice = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return choice == QMessageBox.StandardButton.Yes
