"""One window per data folder: a second launch knocks, the first comes forward."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bodymap.ui.single_instance import AlreadyOpen, claim

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no flock or AF_UNIX there")


def test_a_second_claim_knocks_and_the_first_window_comes_forward(qtbot: QtBot, tmp_path: Path) -> None:
    first = claim(tmp_path)
    assert first is not None
    called: list[bool] = []
    first.set_window(lambda: called.append(True))
    try:
        with pytest.raises(AlreadyOpen):
            claim(tmp_path)
        qtbot.waitUntil(lambda: called == [True], timeout=3000)
    finally:
        first.close()
    again = claim(tmp_path)  # once the first window has gone, the next launch is first
    assert again is not None
    again.close()


def test_other_data_folders_have_windows_of_their_own(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = claim(tmp_path / "a"), claim(tmp_path / "b")
    assert a is not None and b is not None
    a.close()
    b.close()
