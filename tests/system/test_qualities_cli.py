"""How it feels, from the command line (issue 17): `log add REGION=I:quality,…` keeps it in the
log, `refer` ranks with it, and a word that is no quality is one plain sentence, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from bodymap.core.marking import QUALITIES
from tests.system.test_bad_input import one_plain_line, run_cli


def test_log_add_keeps_how_each_place_feels(tmp_path: Path) -> None:
    added = run_cli(
        "--data-dir", str(tmp_path), "log", "add", "palm.left=3:tingling,numb", "interscapular.left=6"
    )
    assert added.returncode == 0, added.stderr
    listed = run_cli("--data-dir", str(tmp_path), "log", "list", "--json")
    (entry,) = json.loads(listed.stdout)
    # a place described as nothing in particular has no "qualities" key (as the export writes it)
    assert {m["region"]: m.get("qualities") for m in entry["marks"]} == {
        "palm.left": ["numb", "tingling"],
        "interscapular.left": None,
    }
    tagged = run_cli("--data-dir", str(tmp_path), "log", "add", "jaw.left=2:sharp", "--tag", "poor sleep")
    assert tagged.returncode == 0, tagged.stderr
    lines = run_cli("--data-dir", str(tmp_path), "log", "list").stdout.splitlines()
    assert "  jaw.left 2 sharp  (poor sleep)  [" in lines[0]  # newest first, with what the day was like
    assert "interscapular.left 6, palm.left 3 numb/tingling  [" in lines[1]  # places by name


def test_refer_ranks_and_warns_with_the_qualities(tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path), "refer", "--json", "ring_little.left=3:tingling")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert any("Numbness, tingling or weakness" in line for line in answer["safety"])
    assert any("MedLink" in c["why"] for c in answer["candidates"] if c["muscle"] == "scalenes")


def test_a_word_that_is_no_quality_is_one_plain_sentence(tmp_path: Path) -> None:
    for command in (("log", "add"), ("refer",)):
        line = one_plain_line(run_cli("--data-dir", str(tmp_path), *command, "palm.left=3:itchy"))
        assert line == "bodymap: quality 'itchy' must be one of " + ", ".join(QUALITIES)
    listed = run_cli("--data-dir", str(tmp_path), "log", "list", "--json")
    assert json.loads(listed.stdout or "[]") == []
