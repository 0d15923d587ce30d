"""Find it: one press-test at a time, where and how long to press, one question, and the
candidates re-ranked after every answer. Ends with "Found it" and a way to treat it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.cautions import press_test_cautions
from bodymap.core.countdown import Countdown, Tone
from bodymap.core.guided_search import OTHER, Answer, PressTest
from bodymap.core.routine_text import clock_digits
from bodymap.core.session import Session
from bodymap.ui.sound import TonePlayer

SHORT_PANEL = 620  # px: a panel lower than this has smaller words and lower buttons


def _label(pixel_size: int, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    label.setFont(font)
    return label


class GuidedSearchPanel(QWidget):
    """Renders the session's search; its buttons and keys are the session's commands."""

    treat_requested = Signal(str)  # "muscle:side" to treat
    closed = Signal()

    def __init__(self, session: Session, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        assert session.search is not None, "the panel shows a search the session has begun"
        self.search = session.search
        # candidate key -> "Scalenes, left"; and the search's "none of these"
        self.names = {**names, OTHER: "Something else (another cause or muscle)"}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Find your trigger point")

        self.heading = _label(22, bold=True)
        self.heading.setText("Find your trigger point")
        self.step_label = _label(15)
        # presses this person must not make (About you, or an urgent warning pointing there)
        left_out = sorted({names[t.key] for t in self.search.left_out})
        self.left_out_label = _label(14)
        self.left_out_label.setText(
            f"Not pressed, for your safety: {', '.join(left_out)}. Its answers come from the other presses."
            if left_out
            else ""
        )
        self.left_out_label.setVisible(bool(left_out))
        self.where = _label(20, bold=True)
        self.how = _label(16)
        self.find_text = _label(15)
        self.cautions = _label(15)  # the tested muscle's cautions (data/muscles.yaml)
        self.cautions.setObjectName("pressTestCautions")
        # the press's own countdown: hold for the test's seconds without counting in your head
        self.press_button = QPushButton()
        self.press_button.setMinimumHeight(40)
        self.press_button.clicked.connect(self.time_press)
        self.press_time = QProgressBar()
        self.press_time.setTextVisible(True)
        self.press_time.setAccessibleName("Time left pressing")
        self._press: Countdown | None = None
        self._press_tick = QTimer(self)
        self._press_tick.setInterval(100)
        self._press_tick.timeout.connect(self._show_press_time)
        self._tones: TonePlayer | None = None  # made when a press first ends
        self.question = _label(18, bold=True)
        self.question.setText("Did pressing it bring on your pain, where you feel it?")
        self.yes_button = QPushButton("Yes — that is my pain  (Y)")
        self.tender_button = QPushButton("Tender, but it did not spread  (T)")
        self.no_button = QPushButton("No  (N)")
        for button, answer in (
            (self.yes_button, "yes"),
            (self.tender_button, "tender"),
            (self.no_button, "no"),
        ):
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, a=answer: self.answer(a))
        answers = QVBoxLayout()
        for button in (self.yes_button, self.tender_button, self.no_button):
            answers.addWidget(button)
        # what "tender" does to the numbers, said where the person chooses it
        self.answer_meaning = _label(13)
        self.answer_meaning.setText(
            "Tender only, without bringing on your pain, counts against this muscle, less than No: "
            "the muscle that sends your pain usually brings it on when its point is pressed, while "
            "many muscles are tender without being the source."
        )
        answers.addWidget(self.answer_meaning)

        self.result = _label(24, bold=True)
        self.result_note = _label(15)
        self.treat_button = QPushButton("Treat it  (Enter)")
        self.treat_button.setMinimumHeight(44)
        self.treat_button.clicked.connect(self._treat)
        self.more_button = QPushButton("Test more")
        self.more_button.clicked.connect(self._test_more)

        self.bars_box = QWidget()
        self.bars = QGridLayout(self.bars_box)
        self.bars.setContentsMargins(0, 0, 0, 0)
        self.bars.setColumnStretch(0, 3)
        self.bars.setColumnStretch(1, 2)
        ranking_title = _label(15, bold=True)
        ranking_title.setText("Most likely source now")

        self.undo_button = QPushButton("Undo last answer  (Backspace)")
        self.undo_button.clicked.connect(self.undo)
        self.close_button = QPushButton("Close  (Esc)")
        self.close_button.clicked.connect(self.closed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.step_label)
        layout.addWidget(self.left_out_label)
        layout.addWidget(self.result)
        layout.addWidget(self.result_note)
        row = QHBoxLayout()
        row.addWidget(self.treat_button, 2)
        row.addWidget(self.more_button, 1)
        layout.addLayout(row)
        # where and how to press, the muscle's cautions and the ranking scroll, so the question
        # and the answers below always show, however long the cautions
        told = QWidget()
        told_layout = QVBoxLayout(told)
        told_layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.where, self.how, self.cautions, self.find_text):
            told_layout.addWidget(label)
        told_layout.addSpacing(10)
        told_layout.addWidget(ranking_title)
        told_layout.addWidget(self.bars_box)
        told_layout.addStretch(1)
        self.instructions = QScrollArea()
        self.instructions.setWidgetResizable(True)
        self.instructions.setFrameShape(QFrame.Shape.NoFrame)
        self.instructions.setWidget(told)
        layout.addWidget(self.instructions, 1)
        layout.addSpacing(6)
        press_row = QHBoxLayout()
        press_row.addWidget(self.press_button)
        press_row.addWidget(self.press_time, 1)
        layout.addLayout(press_row)
        layout.addWidget(self.question)
        layout.addLayout(answers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        for key, slot in (
            ("Y", lambda: self.answer("yes")),
            ("T", lambda: self.answer("tender")),
            ("N", lambda: self.answer("no")),
            ("Space", self.time_press),
            ("Return", self._enter),  # once found: Treat it
            ("Enter", self._enter),
            ("Backspace", self.undo),  # Ctrl+Z stays the map's undo
            ("Esc", self.closed.emit),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._rows: list[tuple[QLabel, QProgressBar]] = []
        session.search_changed.connect(self.refresh)
        self.refresh()

    @property
    def test(self) -> PressTest | None:
        return self.session.search_test

    # -- actions: the session's commands
    def answer(self, answer: Answer) -> None:
        self.session.answer(answer)

    def undo(self) -> None:
        self.session.undo_answer()

    def time_press(self) -> None:
        """Start (or start again) the countdown of the press being tested."""
        test = self.test
        if test is None:
            return
        self._press = Countdown(test.seconds, self.session.clock)
        self._press_tick.start()
        self._show_press_time()

    def _show_press_time(self) -> None:
        test, press = self.test, self._press
        if test is None or press is None:
            self._press_tick.stop()
            self._press = None
            self.press_time.setRange(0, 1)
            self.press_time.setValue(0)
            # waiting for Space: the bar says what it is for, not an empty box
            self.press_time.setFormat(f"{test.seconds} s, starts with Space" if test else "")
            return
        self.press_time.setRange(0, test.seconds * 10)
        self.press_time.setValue(round((test.seconds - press.remaining()) * 10))
        if press.done():
            self._press_tick.stop()
            self._press = None
            self.press_time.setFormat("Time: release, then answer")
            if self._tones is None:
                self._tones = TonePlayer(self)
            self._tones.play(Tone.END)  # heard with a thumb on the muscle, eyes off the screen
            return
        self.press_time.setFormat(f"Keep pressing: {clock_digits(press.remaining())} s")

    def _enter(self) -> None:
        if self.test is None:
            self._treat()

    def _treat(self) -> None:
        leader, _ = self.search.leader()
        self.treat_requested.emit(f"{leader.muscle.id}:{leader.side}")

    def _test_more(self) -> None:
        self.session.test_more()

    def disconnect_session(self) -> None:
        self.session.search_changed.disconnect(self.refresh)

    # -- showing
    def refresh(self) -> None:
        search = self.search
        if self.session.search is not search:
            return  # the search has ended; the window is taking this panel away
        testing = self.test is not None
        for widget in (
            self.where,
            self.how,
            self.find_text,
            self.question,
            self.yes_button,
            self.tender_button,
            self.no_button,
            self.answer_meaning,
        ):
            widget.setVisible(testing)
        for widget in (self.result, self.result_note, self.treat_button):
            widget.setVisible(not testing)
        self.more_button.setVisible(not testing and search.presses_left)
        self.undo_button.setEnabled(bool(search.steps))
        count = len(search.steps)
        self.press_button.setVisible(testing)
        self.press_time.setVisible(testing)
        self._press = None  # a new press (or none): its countdown starts when the person says
        self._show_press_time()
        leader, p = search.leader()
        key = f"{leader.muscle.id}:{leader.side}"
        name = self.names[key]
        if self.test is not None:
            test = self.test
            # after a yes, why the search goes on: the leader is checked against the next muscle
            # (or at another of its own points)
            check = "at another of its points" if test.key == key else "against another muscle"
            ahead = f". Ahead: {name} at {p:.0%}; this press checks it {check}" if count and p >= 0.5 else ""
            self.step_label.setText(
                f"Press-test {count + 1}"
                + (f" · {count} answered{ahead}" if count else " · two to four are usually enough")
            )
            self.where.setText(f"Press: {test.trigger_point.label} — {self.names[test.key]}")
            said = press_test_cautions(search.candidates[test.key].muscle)
            # "firmly" would go against a muscle whose cautions ask for light pressure
            firmly = "within the cautions below" if said else "firmly"
            self.how.setText(f"With {test.how}, press {firmly} and hold about {test.seconds} seconds.")
            self.press_button.setText(f"Time {test.seconds} s  (Space)")
            self.find_text.setText(test.trigger_point.find)
            self.cautions.setText("\n".join(f"•  {text}" for text in said))
            self.cautions.setVisible(bool(said))
        else:
            self.cautions.setVisible(False)
            self.step_label.setText(f"After {count} press-test{'s' if count != 1 else ''}")
            if search.none_of_these:
                self.result.setText("None of these brought on your pain")
                self.result_note.setText(
                    "It may come from a muscle not tested here, or from something that is not a muscle. "
                    f"You can still try treating the likeliest, {name}, and see; if the pain goes on, "
                    "or you are unsure, see a doctor or physiotherapist."
                )
            elif search.found:
                self.result.setText(f"Found it: {name}")
                self.result_note.setText(
                    f"{p:.0%} likely from your answers. Treating it is the next step; the map shows where."
                    + self._leaves()
                )
            else:
                self.result.setText(f"Most likely: {name}")
                self.result_note.setText(
                    f"{p:.0%} likely: no muscle is clearly ahead. Treat it and see, or test more if you can."
                    + self._leaves()
                )
        self._show_ranking()

    def _leaves(self) -> str:
        """The marked places the muscle it ended on does not account for, as a paragraph."""
        leaves = self.session.found_leaves
        return f"\n\n{leaves}" if leaves else ""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # on a short window (800×600) the words a step smaller and the answers less tall, so
        # where to press keeps six lines of room and the answers stay apart
        short = self.height() < SHORT_PANEL
        scale = 0.85 if short else 1.0
        for label, base in (
            (self.heading, 22),
            (self.step_label, 15),
            (self.where, 20),
            (self.how, 16),
            (self.find_text, 15),
            (self.cautions, 15),
            (self.question, 18),
            (self.answer_meaning, 13),
        ):
            font = label.font()
            if font.pixelSize() != round(base * scale):
                font.setPixelSize(round(base * scale))
                label.setFont(font)
        for button in (self.yes_button, self.tender_button, self.no_button):
            button.setMinimumHeight(36 if short else 44)

    def _show_ranking(self) -> None:
        """One row per rank, built once; each answer only changes names and numbers."""
        if not self._rows:
            for row in range(len(self.search.prior)):  # the muscles and "something else"
                name = QLabel()
                name.setWordWrap(True)  # a long name takes two lines, not the panel's width
                bar = QProgressBar()
                bar.setRange(0, 100)
                self.bars.addWidget(name, row, 0)
                self.bars.addWidget(bar, row, 1)
                self._rows.append((name, bar))
        for (name, bar), (key, p) in zip(self._rows, self.search.ranking(), strict=True):
            name.setText(self.names[key])
            bar.setValue(round(p * 100))
            bar.setFormat(f"{p:.0%}")
            bar.setAccessibleName(f"{self.names[key]}: {p:.0%}")
