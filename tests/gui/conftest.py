from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bodymap.ui.application import build_window
from bodymap.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = build_window(str(tmp_path))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
