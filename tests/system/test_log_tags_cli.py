"""`bodymap log add --tag TAG` (repeatable) in a real process: the tags are kept with the entry,
trimmed and each once; a tag that cannot be kept is one plain line and exit status 2, and
nothing is saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.system.test_bad_input import AT, one_plain_line, run_cli


def listed(folder: Path) -> list[dict[str, object]]:
    result = run_cli("--data-dir", str(folder), "log", "list", "--json")
    assert result.returncode == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_tags_are_saved_with_the_entry(tmp_path: Path) -> None:
    added = run_cli(
        "--data-dir", str(tmp_path), "log", "add", "interscapular.left=6", "--overall", "5", "--at", AT,
        "--tag", " poor  sleep", "--tag", "weather: cold and damp", "--tag", "poor sleep",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [entry] = listed(tmp_path)
    assert entry["tags"] == ["poor sleep", "weather: cold and damp"]
    assert entry["overall"] == 5 and entry["note"] == ""  # the other options as before


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        ("   ", "a tag cannot be empty"),
        ("x" * 41, "longer than 40 characters"),
        ("rain;wind", "a character a tag cannot hold"),
    ],
)
def test_a_tag_that_cannot_be_kept_is_one_sentence(tmp_path: Path, tag: str, said: str) -> None:
    result = run_cli("--data-dir", str(tmp_path), "log", "add", "--overall", "4", "--tag", tag)
    assert said in one_plain_line(result)
    assert listed(tmp_path) == []
