from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bodymap.core.geometry import load_geometry
from bodymap.core.regions import load_catalog
from bodymap.ui.main_window import MainWindow, settings_at


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(load_catalog(), load_geometry(), settings_at(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win
