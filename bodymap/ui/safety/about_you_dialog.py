"""About you: a few questions, asked once before the first treatment and always under Help,
so that techniques that are not safe for this person are not offered. Every answer may be
left as "not sure"."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.profile import UNSURE, AboutYou
from bodymap.ui.titles import window_title

NOT_SAID = "—"


class AboutYouDialog(QDialog):
    def __init__(self, about: AboutYou, answers: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("About you"))
        self.about = about
        intro = QLabel(
            "A few questions so that bodymap does not offer you a technique that could harm you. "
            "Answer what you know; \u201cnot sure\u201d is a fine answer. Your answers stay on this "
            "computer, beside your pain log, and you can change them under Help \u2192 About you."
        )
        intro.setWordWrap(True)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.choices: dict[str, QComboBox] = {}
        for question in about.questions:
            choice = QComboBox()
            if question.choices != ("yes", "no", UNSURE):
                choice.addItem(NOT_SAID, "")
            for value in question.choices:
                choice.addItem(value, value)
            given = answers.get(question.id, UNSURE if UNSURE in question.choices else "")
            choice.setCurrentIndex(max(0, choice.findData(given)))
            choice.setAccessibleName(question.text)
            label = QLabel(question.text)
            label.setWordWrap(True)
            label.setBuddy(choice)
            form.addRow(label, choice)
            self.choices[question.id] = choice
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self.setSizeGripEnabled(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def answers(self) -> dict[str, str]:
        return {
            qid: str(choice.currentData()) for qid, choice in self.choices.items() if choice.currentData()
        }

    @classmethod
    def ask(cls, parent: QWidget, about: AboutYou, answers: Mapping[str, str]) -> dict[str, str] | None:
        """The person's answers, or None when they cancel."""
        dialog = cls(about, answers, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answers()
