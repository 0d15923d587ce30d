"""The "likely sources" panel: ranked candidates with how likely each is and the reason, and
how likely it is something else (the numbers Find it starts from)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.referral import Candidate
from bodymap.core.session import candidate_key


class CandidateCard(QFrame):
    """One candidate: name and side, how likely, why. Click selects; hover previews."""

    clicked = Signal(str)
    hovered = Signal(str)  # "" when the pointer leaves

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = ""
        self._name = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._title = QLabel()
        # a long name ("6. Serratus posterior superior — left") wraps rather than widen every
        # card past the list's width, under its scroll bar, on a narrow window
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._bar = QProgressBar()
        self._bar.setRange(0, 100)
        self._bar.setMaximumHeight(12)
        self._bar.setTextVisible(False)
        self._score = QLabel()
        self._score.setToolTip(
            "How likely this muscle is the source of what you marked, before any press-test. "
            "Find it starts from these numbers and updates them with your answers."
        )
        # after Find it: this is the muscle the press-tests found
        self._found = QLabel("✓ Found by your press-test")
        self._found.setObjectName("foundBadge")
        self._found.setWordWrap(True)
        bold = self._found.font()
        bold.setBold(True)
        self._found.setFont(bold)
        self._found.setVisible(False)
        self.found = False
        self._why = QLabel()
        self._why.setWordWrap(True)
        small = self._why.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self._why.setFont(small)
        self._why.setTextFormat(Qt.TextFormat.PlainText)
        self._why.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        head = QHBoxLayout()
        head.addWidget(self._title, 1)
        head.addWidget(self._score)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self._bar)
        layout.addWidget(self._found)
        layout.addWidget(self._why)
        self.set_selected(False)

    def show_candidate(self, rank: int, candidate: Candidate) -> None:
        """Fill the card; cards are reused as the marks change (cheaper than new widgets)."""
        self.key = candidate_key(candidate)
        side = "both sides" if candidate.side == "both" else candidate.side
        self._title.setText(f"{rank}. {candidate.muscle.name} — {side}")
        likely = percent(candidate.probability)
        if self._bar.value() != round(candidate.probability * 100):
            # QProgressBar paints at once on a new value; held back, it is painted with the rest
            # of the panel in the next frame instead of once per card within the click
            self._bar.setUpdatesEnabled(False)
            self._bar.setValue(round(candidate.probability * 100))
            self._bar.setUpdatesEnabled(True)
        self._bar.setToolTip(f"{likely} likely")
        self._score.setText(likely)
        self._why.setText(candidate.why)
        self._fit_labels()
        self._name = f"{rank}. {candidate.muscle.name}, {side}, {likely} likely"
        self.setAccessibleDescription(candidate.why)
        self.set_found(self.found)

    def set_found(self, found: bool) -> None:
        """Marked as the muscle Find it found ("Found it"), or not."""
        self.found = found
        self._found.setVisible(found)
        self.setAccessibleName(f"{self._name}, found by your press-test" if found else self._name)

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        self.setLineWidth(2 if selected else 1)
        self.setAutoFillBackground(selected)
        if selected:  # a tint of the highlight colour that works on light and dark palettes
            palette = self.palette()
            base = palette.color(QPalette.ColorRole.Window)
            mark = palette.color(QPalette.ColorRole.Highlight)
            tint = QColor(
                (base.red() * 3 + mark.red()) // 4,
                (base.green() * 3 + mark.green()) // 4,
                (base.blue() * 3 + mark.blue()) // 4,
            )
            palette.setColor(QPalette.ColorRole.Window, tint)
            self.setPalette(palette)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Word-wrapped labels in a scroll area do not ask for their height by
        # themselves: give them the lines they need at this width.
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        for label in (self._title, self._found, self._why):
            label.setMinimumHeight(label.heightForWidth(label.width()) if label.width() > 0 else 0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clicked.emit(self.key)
            return
        super().keyPressEvent(event)

    def enterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.hovered.emit(self.key)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered.emit("")
        super().leaveEvent(event)


def percent(p: float) -> str:
    # "<1%" rather than a "0%" that reads as ruled out
    return "<1%" if 0 < p < 0.005 else f"{p:.0%}"


SHOWN_LINES = 9  # the likely sources show at least this many lines of text
# Above the cards when no muscle listed accounts for every marked place (the knot between
# the blades with an ache where the neck meets the shoulder): a large "something else" then
# mostly means two sources at once, which the person should read before the cards.
SEVERAL_SOURCES = (
    "None of these muscles accounts for every place you marked, so the pain may come from more "
    "than one of them at once. Each card says where its pain goes; Find it tests them one by one."
)


class ReferralPanel(QWidget):
    """Updated live from the marks; shows at most ten candidates."""

    candidate_selected = Signal(str)  # key "muscle:side"
    candidate_hovered = Signal(str)  # key, or "" when the pointer leaves

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(
            "Mark where it hurts: the muscles most likely to send the pain there appear here."
        )
        self.intro.setWordWrap(True)
        self._cards: list[CandidateCard] = []
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(6)
        # above the cards, read first: no one muscle explains all the marks
        self.several_sources = QLabel(SEVERAL_SOURCES)
        self.several_sources.setWordWrap(True)
        self.several_sources.setVisible(False)
        self._list_layout.addWidget(self.several_sources)
        # among the cards at its rank, as in Find it: the rest of the probability, so the numbers
        # add up to 100%, and read before the cards it outweighs (two marked places that no one
        # muscle explains leave it far ahead)
        self.something_else = QLabel()
        self.something_else.setWordWrap(True)
        self.something_else.setToolTip(
            "Another cause (not a trigger point), or a muscle not listed here. If the press-tests of "
            "Find it all come back no, this is what grows."
        )
        self._list_layout.addWidget(self.something_else)
        self._list_layout.addStretch(1)
        self._scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._list)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # never squeezed to a sliver of one card cut mid-sentence (a short window scrolls the
        # side panel as a whole instead)
        self._fit_scroll()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        self.setAccessibleName("Likely sources of your pain")

    def _fit_scroll(self) -> None:
        self._scroll.setMinimumHeight(self._scroll.fontMetrics().lineSpacing() * SHOWN_LINES)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_scroll()  # a larger type on a large window: as many lines, taller

    def set_candidates(
        self,
        candidates: list[Candidate],
        selected: str,
        something_else: float = 0.0,
        found: str = "",
        several_sources: bool = False,
    ) -> None:
        while len(self._cards) < len(candidates):
            card = CandidateCard(self._list)
            card.clicked.connect(self.candidate_selected)
            card.hovered.connect(self.candidate_hovered)
            after = self._list_layout.indexOf(self._cards[-1]) if self._cards else 0  # the line above them
            self._list_layout.insertWidget(after + 1, card)
            # Cards are made with the first marks, long after the window: without this they would
            # come last in the window's Tab order, after the widgets of every other tab.
            QWidget.setTabOrder(self._cards[-1] if self._cards else self._scroll, card)
            self._cards.append(card)
        for i, card in enumerate(self._cards):
            if i < len(candidates):
                card.show_candidate(i + 1, candidates[i])
                card.setVisible(True)
            else:
                card.key = ""
                card.setVisible(False)
        self.intro.setVisible(not candidates)
        self.several_sources.setVisible(several_sources and bool(candidates))
        self.something_else.setText(
            f"Something else — another cause, or a muscle not listed: {percent(something_else)}"
        )
        self.something_else.setVisible(bool(candidates))
        ahead = sum(1 for c in candidates if c.probability >= something_else)
        if self._list_layout.indexOf(self.something_else) != 1 + ahead:  # after the line above the cards
            self._list_layout.removeWidget(self.something_else)
            self._list_layout.insertWidget(1 + ahead, self.something_else)
        self.show_selected(selected)
        self.show_found(found)

    def show_found(self, key: str) -> None:
        """Badge the card of the muscle Find it found ("" when none was)."""
        for card in self._cards:
            card.set_found(bool(key) and card.key == key)

    def show_selected(self, key: str) -> None:
        for card in self._cards:
            card.set_selected(card.key == key)

    def keys(self) -> list[str]:
        return [card.key for card in self._cards if card.key]

    def card(self, key: str) -> CandidateCard:
        return next(c for c in self._cards if c.key and c.key == key)
