"""Modal messages, behind classmethods that tests replace (a modal box would wait forever).

QMessageBox is imported when a message is first shown: its Python type, built on first
use, costs a millisecond the window's start-up does not need."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Notice:
    @classmethod
    def inform(cls, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    @classmethod
    def about(cls, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(parent, title, text)

    @classmethod
    def warn(cls, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str) -> bool:
        """Yes or no; No is the default."""
        from PySide6.QtWidgets import QMessageBox

        choice = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return choice == QMessageBox.StandardButton.Yes
