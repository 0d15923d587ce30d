"""The shipped cue tones are the ones the tool makes."""

from __future__ import annotations

from pathlib import Path

from bodymap.resources import asset_path
from tools.make_cue_tone import TONES, write_all


def test_the_shipped_tones_are_what_the_tool_writes(tmp_path: Path) -> None:
    made = write_all(tmp_path)
    assert [p.name for p in made] == list(TONES)
    for path in made:
        assert path.read_bytes() == asset_path(path.name).read_bytes(), path.name
