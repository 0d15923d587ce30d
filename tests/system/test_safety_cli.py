"""`bodymap safety` and the red flags of `bodymap refer`, each in its own process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bodymap", *args], capture_output=True, text=True, timeout=120
    )


def refer_safety(*specs: str) -> list[str]:
    result = run_cli("refer", "--json", *specs)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return list(json.loads(result.stdout)["safety"])


def test_refer_names_the_heart_for_left_arm_jaw_and_upper_back() -> None:
    (line,) = refer_safety("upper_arm_inner.left=6", "jaw.left=5", "interscapular.left=6")
    words = line.lower()
    assert "heart attack" in words and "call emergency services now" in words
    assert "breathlessness" in words and "new or unexplained" in words


def test_refer_for_a_lone_knot_between_the_shoulder_blades_carries_no_warning() -> None:
    assert refer_safety("interscapular.left=6") == []


def test_refer_for_chest_arm_and_jaw_stays_urgent() -> None:
    (line,) = refer_safety("upper_chest.left=8", "upper_arm_inner.left=6", "jaw.left=5")
    assert line.startswith("urgent: ") and "emergency services" in line


def test_safety_json_lists_the_emergencies_with_sources() -> None:
    result = run_cli("safety", "--json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    for rule_id in (
        "giant_cell_arteritis",
        "neck_artery_dissection",
        "aortic_dissection",
        "spinal_cord_compression",
    ):
        row = rows[rule_id]
        assert row["level"] == "urgent" and row["kind"] == "checklist", rule_id
        assert row["question"] in row["raised_by"]
        assert row["sources"] and all(s["title"] and s["url"] and s["used_for"] for s in row["sources"])
    assert rows["heart_without_chest_pain"]["when"][0][0] == "upper_arm_inner.left"
    assert "technique that presses" in rows["pulse"]["raised_by"]


def test_safety_text_reads_as_a_list_and_exits_cleanly() -> None:
    result = run_cli("safety")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    out = result.stdout
    assert out.startswith("chest_with_arm_jaw_or_back  [regions, urgent]\n")
    assert "\n\naortic_dissection  [checklist, urgent]\n" in out
    assert "  Raised by: marks in at least 2 of these groups" in out


def test_safety_runs_without_qt() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from bodymap.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['safety', '--json']) == 0\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'bodymap.ui'))]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args", [["safety", "--bogus"], ["safety", "extra"]])
def test_bad_safety_input_is_one_line_and_exit_2(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("bodymap: ")
