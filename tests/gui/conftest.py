from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bodymap.ui.application import build_window
from bodymap.ui.main_window import MainWindow
from bodymap.ui.safety.safety_views import ChecklistDialog


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # the warning-signs checklist before a first treatment: nothing ticked
    monkeypatch.setattr(ChecklistDialog, "ask", classmethod(lambda cls, parent, rules, ticked: set(ticked)))
    win = build_window(str(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
