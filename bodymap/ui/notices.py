"""Modal messages, behind classmethods that tests replace (a modal box would wait forever).

QMessageBox is imported when a message is first shown: its Python type, built on first
use, costs a millisecond the window's start-up does not need."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bodymap.ui.titles import window_title


class Notice:
    @classmethod
    def inform(cls, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, window_title(title), text)

    @classmethod
    def about(cls, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(parent, window_title(title), text)

    @classmethod
    def warn(cls, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, window_title(title), text)

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str) -> bool:
        """Yes or no; No is the default."""
        from PySide6.QtWidgets import QMessageBox

        choice = QMessageBox.question(
            parent,
            window_title(title),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return choice == QMessageBox.StandardButton.Yes

    @classmethod
    def retry(cls, parent: QWidget, title: str, text: str) -> bool:
        """Retry or Cancel; Retry is the default (what failed may work a moment later)."""
        from PySide6.QtWidgets import QMessageBox

        choice = QMessageBox.warning(
            parent,
            window_title(title),
            text,
            QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Retry,
        )
        return choice == QMessageBox.StandardButton.Retry

    @classmethod
    def choose(cls, parent: QWidget, title: str, label: str, items: list[str]) -> int | None:
        """One of `items` (its index), or None when the person cancels."""
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getItem(parent, window_title(title), label, items, 0, False)
        return items.index(text) if ok and text in items else None
