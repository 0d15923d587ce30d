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
    def choose(cls, parent: QWidget, title: str, label: str, items: list[str], act: str = "OK") -> int | None:
        """One of `items` (its index), or None when the person cancels. `act` names the button
        that does it ("Replace my log"), where a bare OK would hide what it does."""
        from PySide6.QtWidgets import QDialog, QInputDialog

        dialog = QInputDialog(parent)
        dialog.setWindowTitle(window_title(title))
        dialog.setLabelText(label)
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
        dialog.setOkButtonText(act)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text = dialog.textValue()
        return items.index(text) if text in items else None

    @classmethod
    def offer(
        cls, parent: QWidget, title: str, text: str, take: str = "Continue", leave: str = "Start afresh"
    ) -> bool:
        """An offer the person can take (the default) or leave; True when taken."""
        from PySide6.QtWidgets import QMessageBox

        question = QMessageBox.Icon.Question
        box = QMessageBox(question, window_title(title), text, QMessageBox.StandardButton.NoButton, parent)
        taken = box.addButton(take, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(leave, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(taken)
        box.exec()
        return box.clickedButton() is taken

    @classmethod
    def save_or_discard(cls, parent: QWidget, title: str, text: str) -> str:
        """Save (the default), Discard or Cancel: "save", "discard" or "cancel"."""
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        choice = QMessageBox.question(
            parent, window_title(title), text, buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(choice, "cancel")

    @classmethod
    def save_file(cls, parent: QWidget, title: str, suggested: str, filters: str) -> str:
        """Where to write a file ("" when the person cancels)."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path

    @classmethod
    def open_file(cls, parent: QWidget, title: str, filters: str) -> str:
        """Which file to read ("" when the person cancels)."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path
