"""The window's one-gesture logging: "Same as last time" and a flare started and ended with
one button each (the rules and the words are core/quick_log.py's)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStatusBar, QWidget

from bodymap.core.errors import StorageError, UserError
from bodymap.core.quick_log import Flares, duration_words, last_time, nothing_to_copy, when_words
from bodymap.core.session import Session
from bodymap.ui.log.quick_log_bar import QuickLogBar
from bodymap.ui.notices import Notice

if TYPE_CHECKING:
    from bodymap.core.painlog import PainLog

SAME_KEY = "Ctrl+L"
FLARE_KEY = "Ctrl+Shift+F"
TICK_MS = 30_000  # the flare's "so far" is in minutes: twice a minute keeps it true


class QuickLogWindow(Protocol):
    """The main window as these commands use it (no import of the window: no circle)."""

    def statusBar(self) -> QStatusBar: ...
    def as_parent(self) -> QWidget: ...
    def log(self) -> PainLog | None: ...


class Refreshable(Protocol):
    def refresh(self) -> None: ...


class QuickLogActions:
    def __init__(
        self,
        window: QuickLogWindow,
        session: Session,
        bar: QuickLogBar,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        history: Callable[[], Refreshable | None] = lambda: None,  # open, it follows each flare
    ) -> None:
        self.window = window
        self.session = session
        self.bar = bar
        self.now = now
        self.history = history
        self.flares: Flares | None = None  # once the log is open
        parent = window.as_parent()
        self.same_action = QAction(parent)
        self.same_action.setText("&Same as last time")
        self.same_action.setShortcut(QKeySequence(SAME_KEY))
        self.same_action.triggered.connect(lambda _checked=False: self.same_as_last_time())
        self.flare_action = QAction(parent)
        self.flare_action.setShortcut(QKeySequence(FLARE_KEY))
        self.flare_action.triggered.connect(lambda _checked=False: self.toggle_flare())
        bar.same_requested.connect(self.same_as_last_time)
        bar.flare_requested.connect(self.toggle_flare)
        self._tick = QTimer(parent)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.render)
        self.render()

    def same_as_last_time(self) -> None:
        """The map becomes the last entry with marks (one undo step), to change what differs."""
        log = self.window.log()
        if log is None:
            return
        last = last_time(log)
        if last is None:
            self.window.statusBar().showMessage(nothing_to_copy(log), 10000)
            return
        if self.session.replace_marks(last.marks, "Same as last time"):
            self.session.set_current(last.marks[-1].region)
            self.window.statusBar().showMessage(
                f"The map shows your entry of {when_words(last.at, self.now())}: change what differs "
                "today, then Save to log (Ctrl+S).",
                10000,
            )

    def attach(self) -> None:
        """Once the log is open: show the flare kept in it (one started before a restart goes
        on), and on an empty map offer the last entry: the same daily knot need not be marked
        again."""
        if self._open() is None:
            return
        self.render()
        log = self.window.log()
        if log is not None and not self.session.marks() and last_time(log) is not None:
            self.window.statusBar().showMessage(
                "Same places as last time? Same as last time (Ctrl+L) puts them on the map.", 30000
            )

    def _open(self) -> Flares | None:
        log = self.window.log()
        if log is None:
            return None
        if self.flares is None or self.flares.log is not log:
            self.flares = Flares(log)
            self.flares.changed.connect(self.render)
        return self.flares

    def follow_log(self) -> None:
        """The log changed elsewhere (History deleted the flare going on or undid that, an import
        or a restore brought one or took it away): the button shows what the log now holds, not
        what it held."""
        if self.flares is not None:
            self.flares.reload()  # emits `changed` when it differs, which renders

    def toggle_flare(self) -> None:
        """Flare started, or Flare over when one is going on; kept in the log at once."""
        try:
            flares = self._open()
            if flares is None:
                return
            if flares.reload():  # a restore or an import changed it: show it, do not guess
                self.window.statusBar().showMessage(
                    "Your log's flare changed (a restore or an import): the button shows it now.", 10000
                )
                return
            if flares.current is None:
                flares.start(self.now())
                self.window.statusBar().showMessage(
                    "Flare started. Press Flare over when it has passed: its length is kept.", 10000
                )
            else:
                ended = flares.end(self.now())
                self.window.statusBar().showMessage(
                    f"Flare over: it lasted {duration_words(ended.duration(self.now()))}. "
                    "History > Flares lists them all.",
                    15000,
                )
            shown = self.history()
            if shown is not None:
                shown.refresh()
        except (sqlite3.Error, UserError, StorageError) as exc:
            Notice.warn(
                self.window.as_parent(), "Flare not saved", f"The flare could not be kept in your log: {exc}."
            )
        finally:
            self.render()

    def render(self) -> None:
        flares = self.flares
        status = flares.status(self.now()) if flares is not None else ""
        self.bar.show_flare(status)
        self.flare_action.setText("&Flare over" if status else "&Flare started")
        if status and not self._tick.isActive():
            self._tick.start()
        elif not status:
            self._tick.stop()
