"""The window's settings name the cautions read and the routines followed: its owner's alone."""

from __future__ import annotations

import stat
from pathlib import Path

from bodymap.ui.main_window import settings_at


def test_settings_are_written_0600_and_an_old_0644_file_is_made_private(tmp_path: Path) -> None:
    new = tmp_path / "settings.ini"
    settings = settings_at(new)
    settings.setValue("safety/checklist_seen", True)
    settings.sync()
    assert "checklist_seen" in new.read_text()
    assert stat.S_IMODE(new.stat().st_mode) == 0o600

    old = tmp_path / "old.ini"
    old.write_text("[safety]\nnotice_accepted=true\n")
    old.chmod(0o644)
    settings = settings_at(old)
    assert settings.value("safety/notice_accepted") == "true"  # kept, not emptied
    settings.setValue("window/geometry", "x")
    settings.sync()
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
