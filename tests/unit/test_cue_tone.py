"""The shipped end-of-hold tone is the one the tool makes."""

from __future__ import annotations

from pathlib import Path

from bodymap.resources import asset_path
from tools.make_cue_tone import write_tone


def test_the_shipped_tone_is_what_the_tool_writes(tmp_path: Path) -> None:
    made = write_tone(tmp_path / "tone.wav")
    assert made.read_bytes() == asset_path("cue-tone.wav").read_bytes()
