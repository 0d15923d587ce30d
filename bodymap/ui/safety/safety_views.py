"""Safety dialogs: the warning-signs checklist and the first-run notice (the banner lives in
safety_banner). Imported when first shown, not at start-up."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # the rules are read on the first mark, not at start-up
    from bodymap.core.safety import SafetyRule


class ChecklistDialog(QDialog):
    """Warning signs the person can tick at any time; shown before a first treatment."""

    def __init__(self, rules: list[SafetyRule], ticked: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before you treat yourself: warning signs")
        intro = QLabel(
            "Tick anything that is true for you now. Most pain in the neck, shoulders and upper back "
            "comes from muscles, but these signs need a doctor first."
        )
        intro.setWordWrap(True)
        self.boxes: dict[str, QCheckBox] = {}
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        for rule in rules:
            box = QCheckBox(textwrap.fill(rule.question, 72))  # a check box does not wrap by itself
            box.setAccessibleName(rule.question)
            box.setChecked(rule.id in ticked)
            box.setToolTip(rule.message)
            self.boxes[rule.id] = box
            inner_layout.addWidget(box)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.button(ok).setText("Done")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(600, 560)

    def ticked(self) -> set[str]:
        return {rule_id for rule_id, box in self.boxes.items() if box.isChecked()}

    @classmethod
    def ask(cls, parent: QWidget, rules: list[SafetyRule], ticked: set[str]) -> set[str] | None:
        """What the person ticked, or None when they cancel. Tests replace this."""
        dialog = cls(rules, ticked, parent)
        return dialog.ticked() if dialog.exec() == QDialog.DialogCode.Accepted else None


NOTICE = (
    "bodymap helps you find muscle trigger points that may cause pain in your neck, shoulders and back, "
    "and guides you through self-treatment. It is education and self-care, not a diagnosis and not a "
    "replacement for a doctor or physiotherapist.",
    "Call emergency services now (999 in the UK, 112 in the EU, 911 in North America) if you have chest "
    "pain, above all with pain in the arm, jaw, neck or back, shortness of breath, sweating, nausea or "
    "light-headedness; sudden weakness or numbness of the face, an arm or a leg; or a sudden, severe "
    "headache.",
    "See a doctor before treating yourself if you have numbness, tingling or weakness in an arm or hand, "
    "fever, unexplained weight loss, a recent fall or injury, pain at night that does not ease, a history "
    "of cancer, pain that has not improved for six weeks, or new bladder or bowel problems.",
    "While you treat yourself: move off a pulse, never press the front of the neck, stop or move if you "
    "feel tingling, numbness or sharp pain, and ease off if you catch yourself holding your breath.",
    "Everything you enter stays on this computer.",
)


class SafetyNoticeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before you start: what bodymap is, and is not")
        text = QLabel("\n\n".join(NOTICE))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox()
        accept = buttons.addButton("I understand", QDialogButtonBox.ButtonRole.AcceptRole)
        accept.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(600)

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        """True once the person has accepted it. Tests replace this."""
        return cls(parent).exec() == QDialog.DialogCode.Accepted
