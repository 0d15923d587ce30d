"""`bodymap muscles --sheet` as a person runs it."""

from __future__ import annotations

import subprocess
import sys

from tests.unit.test_review_sheet import sheet


def test_the_command_prints_it_and_refuses_two_forms() -> None:
    run = [sys.executable, "-m", "bodymap", "muscles"]
    printed = subprocess.run([*run, "--sheet"], capture_output=True, text=True, check=True).stdout
    assert printed == sheet()
    both = subprocess.run([*run, "--sheet", "--json"], capture_output=True, text=True)
    assert both.returncode == 2 and both.stderr.count("\n") == 1 and "Traceback" not in both.stderr
