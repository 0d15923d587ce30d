"""A wheel carries data/ and assets/: installed into a fresh virtual environment,
`bodymap regions` works from any directory and reads the installed copies."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

# building a wheel and a fresh virtual environment can take longer than the usual per-test limit
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_in_a_fresh_venv_lists_regions(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("bodymap-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # `regions` needs only the pure-Python dependencies; Qt is not imported for it.
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", str(wheel), "--no-deps"], check=True, timeout=300
    )
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "pyyaml", "svgelements", "platformdirs"],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "bodymap"), "regions"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
        timeout=60,
    )
    assert "interscapular.left" in result.stdout
    assert len(result.stdout.splitlines()) >= 100
    where = subprocess.run(
        [str(py), "-c", "from bodymap import resources; print(resources.asset_path('bodymap.svg'))"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where  # the wheel's copy, not the checkout's
