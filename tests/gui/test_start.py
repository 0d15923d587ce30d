"""The interactive start: the first-run safety notice is shown after the window's first paint,
before anything else the person does, and only until it is accepted."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodymap.ui import application
from bodymap.ui.main_window import MainWindow
from bodymap.ui.safety.safety_views import SafetyNoticeDialog


@pytest.fixture
def signals_restored() -> Iterator[None]:
    """run_app takes over SIGINT/SIGTERM for the window; give them back to pytest. And its
    windows, closed as its loop ends, must not quit the application once more: that quit
    arrives after exec() has returned and leaves every later event loop of the test process
    returning at once (seen as a qtbot.waitSignal timing out at once in later tests)."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    yield
    app.setQuitOnLastWindowClosed(True)
    signal.set_wakeup_fd(-1)
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def start_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, accept: bool) -> list[str]:
    """run_app as `bodymap` runs it; returns what happened, in order."""
    events: list[str] = []
    original_paint = MainWindow.paintEvent

    def painted(self: MainWindow, event: object) -> None:
        if not events or events[-1] != "painted":
            events.append("painted")
        original_paint(self, event)  # type: ignore[arg-type]

    def ask(cls: type, parent: object) -> bool:
        events.append("notice")
        app = QApplication.instance()
        assert app is not None
        app.quit()  # the person answers; the test ends the app's loop here
        return accept

    monkeypatch.setattr(MainWindow, "paintEvent", painted)
    monkeypatch.setattr(SafetyNoticeDialog, "ask", classmethod(ask))
    monkeypatch.setattr(MainWindow, "warm_up", lambda self: events.append("warm_up"))
    monkeypatch.setattr(application, "build_window", _closing_build(application.build_window))
    app = QApplication.instance()
    assert app is not None
    give_up = QTimer()  # should the notice never come, fail rather than hang
    give_up.setSingleShot(True)
    give_up.timeout.connect(app.quit)
    give_up.start(10_000)
    application.run_app(str(tmp_path))
    give_up.stop()
    return events


def _closing_build(build):  # type: ignore[no-untyped-def]
    made: list[MainWindow] = []

    def build_and_remember(*args, **kwargs):  # type: ignore[no-untyped-def]
        window = build(*args, **kwargs)
        made.append(window)
        app = QApplication.instance()
        assert app is not None
        app.aboutToQuit.connect(window.close)
        return window

    return build_and_remember


def test_the_notice_comes_after_the_first_paint_and_again_until_accepted(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signals_restored: None
) -> None:
    first = start_once(tmp_path, monkeypatch, accept=False)
    assert first[:2] == ["painted", "notice"]
    second = start_once(tmp_path, monkeypatch, accept=True)  # declined: shown again
    assert "notice" in second
    # accepted: the third start shows no notice (ask would quit; the loop is ended otherwise)
    monkeypatch.setattr(
        MainWindow,
        "warm_up",
        lambda self: QApplication.instance().quit(),  # type: ignore[union-attr]
    )
    events: list[str] = []
    monkeypatch.setattr(SafetyNoticeDialog, "ask", classmethod(lambda cls, parent: events.append("notice")))
    application.run_app(str(tmp_path))
    assert events == []
