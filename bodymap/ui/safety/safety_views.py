"""Safety dialogs: the warning-signs checklist and the first-run notice (the banner lives in
safety_banner). Imported when first shown, not at start-up."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bodymap.ui.safety.safety_banner import banner_colours
from bodymap.ui.scrolling import scrolling_down
from bodymap.ui.titles import window_title

if TYPE_CHECKING:  # the rules are read on the first mark, not at start-up
    from bodymap.core.safety import SafetyRule


# heading and advice for each level; the heading's colour is the warning banner's for that
# level, from the theme's palette (the light-theme reds and blues were unreadable on dark)
CHECKLIST_GROUPS = {
    "urgent": (
        "Get help now",
        "Any of these: call emergency services or go to an emergency department, as the warning says.",
    ),
    "soon": ("See a doctor first", "Any of these: have a doctor check it before you treat yourself."),
    "caution": ("Worth a check", "Self-care can go on, but book a check."),
}


class ChecklistDialog(QDialog):
    """Warning signs the person can tick at any time; shown before a first treatment. The signs
    are grouped by what to do, most urgent first, and scroll when the screen is small."""

    def __init__(self, rules: list[SafetyRule], ticked: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("Before you treat yourself: warning signs"))
        intro = QLabel(
            "Tick anything that is true for you now. Most pain in the neck, shoulders and upper back "
            "comes from muscles, but these signs need a doctor: at once, before you treat yourself, "
            "or soon, as each group says."
        )
        intro.setWordWrap(True)
        self.boxes: dict[str, QCheckBox] = {}
        self.headings: list[QLabel] = []
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setSpacing(4)
        for level, (heading, advice) in CHECKLIST_GROUPS.items():
            colour = banner_colours(level, QApplication.palette())[0]
            group = [rule for rule in rules if rule.level == level]
            if not group:
                continue
            title = QLabel(f"<b>{heading}</b>")
            title.setTextFormat(Qt.TextFormat.RichText)
            title.setAccessibleName(heading)
            title.setStyleSheet(
                f"color: {colour}; font-size: 14px;" + (" margin-top: 10px;" if self.headings else "")
            )
            note = QLabel(advice)
            note.setWordWrap(True)
            self.headings.append(title)
            inner_layout.addWidget(title)
            inner_layout.addWidget(note)
            for rule in group:
                box = QCheckBox(textwrap.fill(rule.question, 80))  # a check box does not wrap by itself
                box.setAccessibleName(rule.question)
                box.setChecked(rule.id in ticked)
                box.setToolTip(rule.message)
                self.boxes[rule.id] = box
                inner_layout.addWidget(box)
        inner_layout.addStretch(1)
        scroll = self.signs_area = scrolling_down(inner)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.button(ok).setText("Done")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        # roomy, but within the screen it opens on (the list scrolls)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(640, screen.width() - 40), min(760, screen.height() - 80))

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
    "light-headedness (a heart attack can also come as arm, jaw or upper-back pain without chest pain); "
    "sudden breathlessness with a sharp chest or upper-back pain, a racing heart or coughing up blood; "
    "a sudden, severe, tearing pain in the chest or between the shoulder blades; sudden, unusual neck or "
    "back-of-head pain, above all after a neck injury or massage, or with dizziness, double vision, "
    "slurred speech or trouble swallowing; sudden weakness or numbness of the face, an arm or a leg; "
    "new trouble controlling your bladder or bowels, numbness around your genitals or bottom, or "
    "weakness in both legs; or a sudden, severe headache.",
    "See a doctor the same day if you are over 50 with a new headache at the temple, a tender scalp or "
    "jaw pain on chewing (at once if your sight changes), or if your hands turn clumsy or weak, your "
    "walking changes, or both arms are affected.",
    "See a doctor before treating yourself if you have numbness, tingling or weakness in an arm or hand, "
    "fever, unexplained weight loss, a recent fall or injury, pain at night that does not ease, a history "
    "of cancer, a rash or skin too sore to touch where it hurts, or both shoulders stiff every morning "
    "after 50.",
    "If the pain has not improved after six weeks, book a check with a doctor or physiotherapist; gentle "
    "self-care can go on meanwhile.",
    "While you treat yourself: move off a pulse, never press the front of the neck, stop or move if you "
    "feel tingling, numbness or sharp pain, and ease off if you catch yourself holding your breath.",
    "Everything you enter stays on this computer.",
)


class SafetyNoticeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("Before you start: what it is, and is not"))
        text = QLabel("\n\n".join(NOTICE))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        # the whole notice is read before anything else: on a small screen it scrolls rather
        # than lose its last paragraphs below the dialog's edge (seen at 800x600)
        scroll = self.text_area = scrolling_down(text)
        buttons = QDialogButtonBox()
        accept = buttons.addButton("I understand", QDialogButtonBox.ButtonRole.AcceptRole)
        accept.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        # as tall as the text needs at this width, within the screen it opens on
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        width = min(640, screen.width() - 40)
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right() - scroll.verticalScrollBar().sizeHint().width()
        needed = (
            text.heightForWidth(inner)
            + buttons.sizeHint().height()
            + layout.spacing()
            + margins.top()
            + margins.bottom()
            + 8
        )
        self.resize(width, min(needed, screen.height() - 80))

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        """True once the person has accepted it. Tests replace this."""
        return cls(parent).exec() == QDialog.DialogCode.Accepted
