"""The guided routine: cautions first, then each step in large type with a countdown ring,
readable from two metres, cued by sound and flash, and a short summary at the end.

Keys: Enter starts, Space pauses and resumes, Left/Right go to the previous/next step,
Esc stops (or goes back). Once started it runs to the end with no hand on anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.cautions import cautions_for
from bodymap.core.countdown import PhaseEnded, PhaseKind, SessionState, tone_for
from bodymap.core.routine_text import (
    cue_words,
    duration_words,
    moment,
    start_words,
    summary_words,
    technique_facts,
)
from bodymap.core.safety import pressure_verdict
from bodymap.ui.theme import PHASE_COLOURS, theme_for
from bodymap.ui.treat.button_row import ButtonRow
from bodymap.ui.treat.cues import Cues
from bodymap.ui.treat.progress_ring import ProgressRing
from bodymap.ui.treat.routine_runner import RoutineRunner

FLASH_MS = 450
ALARM = {False: "#b71c1c", True: "#ff8a80"}  # a warning's red on a light and on a dark window
FINE = {False: "#1b5e20", True: "#81c784"}  # "that is right" in green, as readable
SHORT_PLAYER = 640  # px: a player lower than this has smaller words and a smaller ring


def _label(pixel_size: int = 0, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    font = QFont(label.font())
    if pixel_size:
        font.setPixelSize(pixel_size)
    font.setBold(bold)
    label.setFont(font)
    return label


class TechniquePlayer(QWidget):
    closed = Signal()  # the person is done with the player
    again_requested = Signal()  # run the same technique once more
    session_recorded = Signal(object, object, object)  # Summary, pain before, pain after (or None)

    def __init__(
        self,
        runner: RoutineRunner,
        cues: Cues,
        warning: str = "",
        cautions: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # what to read before the first step, chosen in core (cautions.cautions_for): the
        # technique's, the treated muscle's and the guards, each said once
        self.cautions = list(cautions_for(runner.session.technique) if cautions is None else cautions)
        self.warning = warning  # e.g. worked too often already: shown first, before the cautions
        self.runner = runner
        self.cues = cues
        self.technique = runner.session.technique
        self.setObjectName("techniquePlayer")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._calm = QPalette(self.palette())
        self.flashing = False  # the visual cue is on
        self._recorded = False
        self.setAccessibleName(f"Guided routine: {self.technique.name}")
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(lambda: self._set_flash(False))

        self.pages = QStackedWidget()
        self.intro = self._build_intro()
        self.playing = self._build_playing()
        self.done = self._build_done()
        for page in (self.intro, self.playing, self.done):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.pages)

        for key, slot in (
            (Qt.Key.Key_Space, self._space),
            (Qt.Key.Key_Right, runner.next_step),
            (Qt.Key.Key_Left, runner.previous_step),
            (Qt.Key.Key_Escape, self._escape),
            (Qt.Key.Key_Return, self._enter),
            (Qt.Key.Key_Enter, self._enter),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # the pressure check by number key: a hand on a ball against a wall cannot click
        for value in range(10):
            shortcut = QShortcut(QKeySequence(str(value)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda v=value: self._pressure_key(v))
        self.announced = ""  # what a screen reader was last told: once per phase, not every tick

        runner.ticked.connect(self._show_moment)
        runner.phase_changed.connect(self._show_moment)
        runner.state_changed.connect(self._show_state)
        runner.phase_ended.connect(self._phase_ended)
        runner.routine_ended.connect(self._show_summary)
        self._show_moment()

    # -- pages
    def _build_intro(self) -> QWidget:
        t = self.technique
        page = QWidget()
        layout = QVBoxLayout(page)
        title = _label(26, bold=True)
        title.setText(t.name)
        summary = _label(17)
        summary.setText(t.summary)
        facts = _label(15)
        facts.setText(technique_facts(t))
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(facts)
        self.intro_texts = ((title, 26), (summary, 17), (facts, 15))  # smaller on a short window

        safety = QFrame()
        safety.setObjectName("cautions")
        safety.setFrameShape(QFrame.Shape.StyledPanel)
        safety_layout = QVBoxLayout(safety)
        heading = _label(18, bold=True)
        heading.setText("Before you start")
        safety_layout.addWidget(heading)
        self.warning_label = _label(16, bold=True)
        self.warning_label.setText(self.warning)
        self.warning_label.setStyleSheet(f"color: {ALARM[self._dark()]};")  # readable on either palette
        self.warning_label.setVisible(bool(self.warning))
        safety_layout.addWidget(self.warning_label)
        self.caution_labels = []
        nothing = "No special cautions for this technique; stop if anything feels wrong."
        for text in self.cautions or [nothing]:
            label = _label(16)
            label.setText(f"•  {text}")
            safety_layout.addWidget(label)
            self.caution_labels.append(label)
        safety_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(safety)
        layout.addWidget(scroll, 1)

        self.before = _pain_choice("Pain before, 0 to 10")
        layout.addLayout(_asking("How much does it hurt now? (optional)", 15, self.before))

        cue_note = _label(14)
        cues = "a tone, a flash and a spoken word" if self.cues.spoken else "a tone and a flash"
        cue_note.setText(
            f"Each phase begins with {cues}, the end with a chime: you can follow it away from the "
            "screen. Keys: Space pause, ← → step, 0–9 how strong, Esc stop."
        )
        layout.addWidget(cue_note)
        buttons = QHBoxLayout()
        self.back_button = QPushButton("Back")
        self.back_button.clicked.connect(self.closed)
        self.start_button = QPushButton(f"Start  ({duration_words(t.total_seconds)})")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(44)
        font = self.start_button.font()
        font.setPixelSize(18)
        font.setBold(True)
        self.start_button.setFont(font)
        self.start_button.clicked.connect(self.start)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.start_button, 1)
        layout.addLayout(buttons)
        return page

    def _build_playing(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        head = QHBoxLayout()
        self.name_label = _label(18, bold=True)
        self.name_label.setText(self.technique.name)
        self.step_label = _label(18, wrap=False)
        head.addWidget(self.name_label, 1)
        head.addWidget(self.step_label)
        layout.addLayout(head)
        self.title_label = _label(34, bold=True)
        self.title_label.setAccessibleName("Phase")
        layout.addWidget(self.title_label)
        self.instruction_label = _label(26)
        self.instruction_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.instruction_label)
        self.ring = ProgressRing()
        layout.addWidget(self.ring, 1)
        self.state_label = _label(18, bold=True)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.state_label)
        self.next_label = _label(19)
        layout.addWidget(self.next_label)
        # the pressure check: during a hold, how strong is it? The answer is checked against
        # the technique's own stop rule.
        self.pressure_row = QWidget()
        pressure_box = QVBoxLayout(self.pressure_row)
        pressure_box.setContentsMargins(0, 0, 0, 0)
        # the target stays in sight all through the hold, not only before Start
        self.target_label = _label(18, bold=True)
        self.target_label.setObjectName("targetPressure")
        pressure = self.technique.pressure
        if pressure is not None:
            self.target_label.setText(f"Aim for {pressure.start}–{pressure.max} of 10")
        pressure_box.addWidget(self.target_label)
        self.pressure_ask = _label(18, wrap=False)
        self.pressure_ask.setText("How strong is it? Tap a number:")
        pressure_box.addWidget(self.pressure_ask)
        pressure_layout = QHBoxLayout()  # the numbers on a row of their own: the panel stays narrow
        pressure_layout.setContentsMargins(0, 0, 0, 0)
        pressure_layout.setSpacing(3)  # eleven buttons beside the map must fit an 800 px window
        pressure_box.addLayout(pressure_layout)
        self.pressure_buttons: list[QPushButton] = []
        for value in range(11):
            button = QPushButton(str(value))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumSize(30, 36)
            big = button.font()
            big.setPixelSize(16)
            button.setFont(big)
            button.setAccessibleName(f"Pressure {value} of 10")
            button.clicked.connect(lambda _=False, v=value: self.pressure_felt(v))
            pressure_layout.addWidget(button)
            self.pressure_buttons.append(button)
        pressure_layout.addStretch(1)
        layout.addWidget(self.pressure_row)
        self.pressure_label = _label(16, bold=True)
        self.pressure_label.setVisible(False)
        layout.addWidget(self.pressure_label)
        self.previous_button = QPushButton("◀ Step  (←)")
        self.pause_button = QPushButton("Pause  (Space)")
        self.next_button = QPushButton("Step ▶  (→)")
        self.stop_button = QPushButton("Stop  (Esc)")
        for button, slot in (
            (self.previous_button, self.runner.previous_step),
            (self.pause_button, self.runner.toggle_pause),
            (self.next_button, self.runner.next_step),
            (self.stop_button, self.runner.stop),
        ):
            # the keys belong to the player as a whole: a focused button must not take Space
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            font = button.font()
            font.setPixelSize(16)
            button.setFont(font)
            button.clicked.connect(slot)
        # short labels on a narrow panel: with their keys they kept the window wider than 800 px
        self.buttons = ButtonRow(
            [
                (self.previous_button, "◀ Step  (←)", "◀ Step"),
                (self.pause_button, "Pause  (Space)", "Pause"),
                (self.next_button, "Step ▶  (→)", "Step ▶"),
                (self.stop_button, "Stop  (Esc)", "Stop"),
            ]
        )
        layout.addWidget(self.buttons)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_title = _label(30, bold=True)
        self.summary_label = _label(19)
        layout.addWidget(self.done_title)
        layout.addWidget(self.summary_label)
        self.after = _pain_choice("Pain after, 0 to 10")
        layout.addLayout(_asking("And how much does it hurt now?", 17, self.after))
        self.saved_label = _label(14)
        self.saved_label.setText(
            "Saved to your log when you leave this page, with your rating if you give one."
        )
        layout.addWidget(self.saved_label)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.again_button = QPushButton("Do it again")
        self.finish_button = QPushButton("Back to the likely sources")
        self.finish_button.setDefault(True)
        self.finish_button.setMinimumHeight(44)
        self.again_button.setMinimumHeight(44)
        self.again_button.setMinimumWidth(160)
        self.finish_button.clicked.connect(self._leave)
        self.again_button.clicked.connect(self._again)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.finish_button, 1)
        layout.addLayout(buttons)
        return page

    # -- reactions
    def start(self) -> None:
        self.runner.start()
        if self.runner.session.state is not SessionState.NOT_STARTED:  # the app's state may say no
            self.pages.setCurrentWidget(self.playing)
            self.setFocus()
            # announced: the first seconds are for getting into position
            self.cues.play(start_words(self.technique, self.runner.session.phase))

    def _space(self) -> None:
        if self.pages.currentWidget() is self.playing:
            self.runner.toggle_pause()
        elif self.pages.currentWidget() is self.intro:
            self.start()

    def _enter(self) -> None:
        if self.pages.currentWidget() is self.intro:
            self.start()
        elif self.pages.currentWidget() is self.done:
            self._leave()

    def _record(self) -> None:
        """Hand the finished session to whoever keeps the log, once."""
        if self._recorded or not self.runner.session.over:
            return
        self._recorded = True
        self.session_recorded.emit(
            self.runner.session.summary(), self.before.currentData(), self.after.currentData()
        )

    def _leave(self) -> None:
        self._record()
        self.closed.emit()

    def _again(self) -> None:
        self._record()
        self.again_requested.emit()

    def _escape(self) -> None:
        if self.pages.currentWidget() is self.playing:
            self.runner.stop()
        else:
            self._leave()

    def _show_moment(self) -> None:
        if self.runner.session.over:
            return
        now = moment(self.runner.session)
        colour = self._colour(now.kind)
        self.step_label.setText(now.step_label)
        if self.title_label.text() != now.title:
            self.title_label.setText(now.title)
            self.title_label.setStyleSheet(f"color: {colour.name()}")
        if self.instruction_label.text() != now.instruction:
            self.instruction_label.setText(now.instruction)
            self._fit_text()
        paused = self.runner.session.state is SessionState.PAUSED
        if paused:  # unmistakable from across the room: grey ring, the word on it
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.ring.show_time(now.fraction, now.digits, "paused" if paused else now.unit, colour)
        phase = self.runner.session.phase
        timing = self.technique.steps[phase.step].timing
        pressing = now.kind is PhaseKind.WORK and timing != "seconds" and self.technique.pressure is not None
        self.pressure_row.setVisible(pressing)
        if not pressing:
            self.pressure_label.setVisible(False)
        if self.next_label.text() != now.next:
            self.next_label.setText(now.next)
            self._fit_text()
        self.state_label.setText(now.state)
        self._announce(f"{now.step_label}. {now.title}. {now.state or now.instruction}")

    def _announce(self, text: str) -> None:
        """Tell a screen reader what this phase is, once: the ring's digits change every tick,
        its accessible name only when the phase (or pause) does."""
        if text == self.announced:
            return
        self.announced = text
        self.playing.setAccessibleDescription(text)
        paused = self.runner.session.state is SessionState.PAUSED
        title = self.title_label.text()
        self.ring.setAccessibleName(f"paused: {title}" if paused else title)

    def _pressure_key(self, value: int) -> None:
        if self.pages.currentWidget() is self.playing and self.pressure_row.isVisible():
            self.pressure_felt(value)

    def _fit_text(self) -> None:
        """Give the wrapped step text all the lines it needs; the ring takes what is left."""
        for label in (self.instruction_label, self.next_label):
            label.setMinimumHeight(max(0, label.heightForWidth(max(1, label.width()))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # the wider the player, the larger the words: readable from across the room; on a short
        # window (800×600) a little smaller, so the step, the ring and the buttons all fit
        scale = min(
            1.6,
            max(1.0, self.width() / 640),
            max(0.72, self.height() / SHORT_PLAYER - 0.12),
            max(0.68, self.width() / 600),  # a narrow panel wraps the step into more lines
        )
        ring = 160 if self.height() >= SHORT_PLAYER else 80
        self.ring.setMinimumSize(ring, ring)
        # before Start: a short window leaves the cautions six lines or more
        intro_scale = 1.0 if self.height() >= SHORT_PLAYER else 0.8
        for label, base in self.intro_texts:
            font = label.font()
            if font.pixelSize() != round(base * intro_scale):
                font.setPixelSize(round(base * intro_scale))
                label.setFont(font)
        scaled = (
            (self.title_label, 34),
            (self.instruction_label, 26),
            (self.next_label, 19),
            (self.name_label, 18),
            (self.step_label, 18),
            (self.state_label, 22),
            (self.pressure_ask, 18),
        )
        for label, base in scaled:
            font = label.font()
            if font.pixelSize() != round(base * scale):
                font.setPixelSize(round(base * scale))
                label.setFont(font)
        self._fit_text()

    def pressure_felt(self, value: int) -> None:
        too_strong, words = pressure_verdict(self.technique, value)
        self.pressure_label.setText(words)
        colour = (ALARM if too_strong else FINE)[self._dark()]
        self.pressure_label.setStyleSheet(f"color: {colour};")
        self.pressure_label.setVisible(True)
        if too_strong:
            self.cues.play("Too strong. Ease off.")

    def _show_state(self) -> None:
        paused = self.runner.session.state is SessionState.PAUSED
        if paused:
            self.buttons.set_texts(self.pause_button, "Resume  (Space)", "Resume")
        else:
            self.buttons.set_texts(self.pause_button, "Pause  (Space)", "Pause")
        self._show_moment()

    def _phase_ended(self, event: PhaseEnded) -> None:
        self.cues.play(cue_words(self.technique, event), tone_for(event))
        self._set_flash(True)
        self._flash.start()

    def _dark(self) -> bool:
        return theme_for(self._calm).dark

    def _colour(self, kind: PhaseKind) -> QColor:
        return PHASE_COLOURS[self._dark()][kind.value]

    def _set_flash(self, on: bool) -> None:
        self.flashing = on
        if on:
            palette = QPalette(self._calm)
            flash = self._colour(PhaseKind.WORK)
            palette.setColor(
                QPalette.ColorRole.Window, flash.darker(250) if self._dark() else flash.lighter(170)
            )
            self.setPalette(palette)
        else:
            self.setPalette(self._calm)

    def _show_summary(self) -> None:
        summary = self.runner.session.summary()
        if summary.completed:
            title = "Well done"
        elif summary.state is SessionState.FINISHED:
            title = "Skipped to the end"
        else:
            title = "Stopped"
        self.done_title.setText(title)
        self.summary_label.setText(summary_words(self.technique, summary))
        self.pages.setCurrentWidget(self.done)
        self.finish_button.setFocus()

    def settle(self) -> None:
        """End a flash now (for a still picture of the player)."""
        self._flash.stop()
        self._set_flash(False)

    def shut_down(self) -> None:
        """Stop every timer and voice: the window is closing or the player is leaving."""
        self.runner.stop()
        self._record()
        self._flash.stop()
        self.cues.stop()


def _pain_choice(name: str) -> QComboBox:
    choice = QComboBox()
    choice.addItem("—", None)
    for value in range(11):
        choice.addItem(str(value), value)
    choice.setAccessibleName(name)
    font = choice.font()
    font.setPixelSize(16)
    choice.setFont(font)
    return choice


def _asking(question: str, pixel_size: int, choice: QComboBox) -> QHBoxLayout:
    row = QHBoxLayout()
    label = _label(pixel_size, wrap=False)
    label.setText(question)
    row.addWidget(label)
    row.addWidget(choice)
    row.addStretch(1)
    return row
