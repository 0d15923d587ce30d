from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from bodymap.ui.application import build_window
from bodymap.ui.main_window import MainWindow
from bodymap.ui.notices import Notice
from bodymap.ui.safety.about_you_dialog import AboutYouDialog
from bodymap.ui.safety.safety_views import ChecklistDialog

# Every way a modal loop can start: exec() on an instance (each dialog's ask() ends there),
# and the static conveniences, which run their loop in C++ without passing through exec().
_MODAL_STATICS: dict[type, tuple[str, ...]] = {
    QMessageBox: ("information", "warning", "critical", "question", "about", "aboutQt"),
    QFileDialog: (
        "getOpenFileName",
        "getOpenFileNames",
        "getOpenFileUrl",
        "getOpenFileUrls",
        "getSaveFileName",
        "getSaveFileUrl",
        "getExistingDirectory",
        "getExistingDirectoryUrl",
    ),
    QInputDialog: ("getText", "getMultiLineText", "getInt", "getDouble", "getItem"),
    QColorDialog: ("getColor",),
    QFontDialog: ("getFont",),
}
_MODAL_EXEC = (QDialog, QMessageBox, QFileDialog, QInputDialog, QColorDialog, QFontDialog, QMenu)


def _unexpected(what: str, replace: str) -> None:
    # pytest.fail raises a BaseException: app code that catches Exception cannot swallow it, and
    # raised inside a Qt slot it is caught by pytest-qt and fails the test there.
    pytest.fail(
        f"the test opened a modal dialog it did not expect: {what}. A modal loop would wait for a person "
        f"forever; replace {replace} in the test (monkeypatch) with the answer it should give.",
        pytrace=False,
    )


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail, at once, any test that opens a modal dialog it has not replaced.

    The app's dialogs go through `Notice` and the `ask()` classmethods of its dialog classes;
    a test that expects one replaces that method with monkeypatch (after this fixture, so its
    replacement wins). Anything that still reaches a modal loop fails the test instead of
    hanging it."""
    for name, value in vars(Notice).items():
        if isinstance(value, classmethod):

            def notice(cls: type, parent: object, title: str, text: str = "", *, _name: str = name) -> Any:
                _unexpected(f"Notice.{_name}({title!r}, {text[:80]!r})", f"Notice.{_name}")

            monkeypatch.setattr(Notice, name, classmethod(notice))
    for cls in _MODAL_EXEC:

        def exec_(self: QDialog, *args: object) -> Any:
            kind = type(self).__name__
            opens = f"the {kind}.ask or Notice method that opens it"
            _unexpected(f"{kind}.exec() {self.windowTitle()!r}", opens)

        monkeypatch.setattr(cls, "exec", exec_)
    for cls, names in _MODAL_STATICS.items():
        for name in names:

            def static(*args: object, _what: str = f"{cls.__name__}.{name}") -> Any:
                _unexpected(_what, "the method that calls it")

            monkeypatch.setattr(cls, name, staticmethod(static))
    yield


@pytest.fixture(autouse=True)
def no_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test plays a tone through the machine's own player (a test of that path stubs the
    process it starts): the tones fall back to the bell, which is silent offscreen."""
    from bodymap.ui import sound

    monkeypatch.setattr(sound, "platform_player", lambda platform=sound.sys.platform: None)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # the warning-signs checklist before a first treatment: nothing ticked
    monkeypatch.setattr(ChecklistDialog, "ask", classmethod(lambda cls, parent, rules, ticked: set(ticked)))
    # About you before a first treatment: every answer left as it was ("not sure")
    monkeypatch.setattr(AboutYouDialog, "ask", classmethod(lambda cls, parent, about, answers: dict(answers)))
    win = build_window(str(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
