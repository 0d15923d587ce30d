"""Drives a RoutineSession with Qt timers: one precise single-shot timer for each phase end,
and a coarse tick only to redraw the ring. The maths stays in core."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from bodymap.core.countdown import Clock, RoutineSession, SessionState

TICK_MS = 100  # redraw rate of the ring; the phase end never depends on it


class RoutineRunner(QObject):
    ticked = Signal()  # redraw: time left has changed
    phase_changed = Signal()  # a new phase began, by the clock or by a skip
    phase_ended = Signal(object)  # PhaseEnded, on time by the precise timer: cue the person
    state_changed = Signal()  # started, paused, resumed
    routine_ended = Signal()  # finished or stopped; the summary is ready

    def __init__(
        self,
        run: RoutineSession,
        clock: Clock = time.monotonic,
        begin: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = run
        self._clock = clock
        # starts the routine, or says no (the app's state may refuse: an urgent warning)
        self._begin = begin or self._start_session
        self._end_timer = QTimer(self)
        self._end_timer.setSingleShot(True)
        self._end_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._end_timer.timeout.connect(self._phase_due)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.setTimerType(Qt.TimerType.CoarseTimer)
        self._tick.timeout.connect(self.ticked)

    @property
    def timers_active(self) -> bool:
        return self._end_timer.isActive() or self._tick.isActive()

    # -- control (the keyboard, the buttons, and nothing at all once started)
    def _start_session(self) -> bool:
        self.session.start()
        return True

    def start(self) -> None:
        if self.session.state is not SessionState.NOT_STARTED or not self._begin():
            return
        self._arm()
        self.state_changed.emit()
        self.phase_changed.emit()

    def toggle_pause(self) -> None:
        if self.session.over:
            return
        was_started = self.session.state is not SessionState.NOT_STARTED
        if not was_started:
            self.start()
            return
        self.session.toggle_pause()
        self._arm()
        self.state_changed.emit()

    def next_step(self) -> None:
        self._skip(self.session.next_step)

    def previous_step(self) -> None:
        self._skip(self.session.previous_step)

    def stop(self) -> None:
        """End early (Esc, Stop, or the window closing): no timer survives this."""
        self._disarm()
        if not self.session.over:
            self.session.stop()
            self.routine_ended.emit()

    # -- internals
    def _skip(self, move: Callable[[], None]) -> None:
        if self.session.over or self.session.state is SessionState.NOT_STARTED:
            return  # stepping never starts a routine: only Start does, through the gate
        move()
        if self.session.over:
            self._disarm()
            self.routine_ended.emit()
            return
        self._arm()
        self.phase_changed.emit()

    def _arm(self) -> None:
        """Aim the single-shot timer at the phase's deadline, or rest while paused."""
        deadline = self.session.deadline()
        if deadline is None:
            self._end_timer.stop()
            self._tick.stop()
            self.ticked.emit()
            return
        # ceil: firing a hair early would only re-arm; never fire late by rounding down
        self._end_timer.start(max(0, math.ceil((deadline - self._clock()) * 1000)))
        if not self._tick.isActive():
            self._tick.start()

    def _disarm(self) -> None:
        self._end_timer.stop()
        self._tick.stop()

    def catch_up(self) -> None:
        """Act on every phase end that has passed (the timer does this by itself)."""
        self._phase_due()

    def _phase_due(self) -> None:
        ended = self.session.advance()
        for event in ended:
            self.phase_ended.emit(event)
        if self.session.over:
            self._disarm()
            self.ticked.emit()
            self.routine_ended.emit()
            return
        self._arm()
        if ended:
            self.phase_changed.emit()
        self.ticked.emit()
