"""The real app and command line, each in its own process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bodymap", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_app_opens_its_window_and_closes_on_sigterm(tmp_path: Path) -> None:
    env = dict(os.environ, BODYMAP_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen([sys.executable, "-m", "bodymap"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stderr is not None
        lines = []
        while not any("window open" in line for line in lines):  # blocks until the window is up
            line = proc.stderr.readline()
            assert line, f"the app exited early: {lines}"
            lines.append(line)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()  # type: ignore[union-attr]
    # settings were saved, privately, in the data folder we gave it
    data = tmp_path / "data"
    assert (data / "settings.ini").exists()
    assert (data.stat().st_mode & 0o777) == 0o700


def test_screenshot_renders_the_marked_map(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = run_cli("screenshot", str(out), "--mark", "interscapular.left=7", "--size", "900x700")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 700)
    # some pixels carry the 7/10 colour: the mark is visible
    from bodymap.core.colour_scale import intensity_colour

    r, g, b = intensity_colour(7)
    hits = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if abs(image.pixelColor(x, y).red() - r) < 4
        and abs(image.pixelColor(x, y).green() - g) < 4
        and abs(image.pixelColor(x, y).blue() - b) < 4
    )
    assert hits > 20


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["screenshot", "x.png", "--mark", "interscapula.left=7"],
            "unknown region 'interscapula.left'; did you mean",
        ),
        (["screenshot", "x.png", "--mark", "interscapular.left=12"], "intensity 12 is outside 0-10"),
        (["screenshot", "x.txt"], "must end in .png"),
        (["screenshot", "x.png", "--size", "huge"], "is not WIDTHxHEIGHT"),
        (["regions", "--bogus"], "unrecognized arguments: --bogus"),
        (["screenshot", "x.png", "--technique", "no_such_thing"], "unknown technique 'no_such_thing'"),
        (["screenshot", "x.png", "--at", "10"], "--at and --paused need --technique"),
        (["screenshot", "x.png", "--mark", "jaw.left", "--find", "maybe"], "must be yes, tender or no"),
        (["screenshot", "x.png", "--find", "yes"], "--find needs --mark"),
        (["screenshot", "x.png", "--technique", "scalenes_finger_release", "--at", "-3"], "from 0 to"),
    ],
)
def test_user_mistakes_get_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_a_screenshot_that_cannot_be_written_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "taken.png").mkdir()  # a folder where the picture should go
    result = run_cli("screenshot", "taken.png", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot write taken.png: it is a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_regions_json_from_any_directory(tmp_path: Path) -> None:
    result = run_cli("regions", "--json", cwd=tmp_path)
    rows = json.loads(result.stdout)
    assert {r["view"] for r in rows} == {"front", "back"}


def test_refer_json_puts_scalenes_in_the_top_three_for_the_knot(tmp_path: Path) -> None:
    result = run_cli("refer", "--json", "scapula_medial_border.left=7", "interscapular.left=7", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"candidates", "safety"}
    top3 = [c["muscle"] for c in payload["candidates"][:3]]
    assert "scalenes" in top3
    first = payload["candidates"][0]
    assert {"muscle", "name", "side", "score", "why", "trigger_points", "techniques"} <= set(first)
    assert 0 < first["score"] <= 1 and first["side"] == "left"
    scalenes = next(c for c in payload["candidates"] if c["muscle"] == "scalenes")
    assert scalenes["techniques"][0] == "scalenes_finger_release"


def test_refer_says_when_the_pain_may_have_more_than_one_source(tmp_path: Path) -> None:
    from bodymap.app import MORE_THAN_ONE

    two = run_cli("refer", "interscapular.left=7", "neck_shoulder_angle.left=5", cwd=tmp_path)
    assert two.returncode == 0, two.stderr
    assert two.stdout.rstrip().endswith(MORE_THAN_ONE)
    knot = run_cli("refer", "interscapular.left=7", "scapula_medial_border.left=5", cwd=tmp_path)
    assert MORE_THAN_ONE not in knot.stdout  # the scalenes explain both places


def test_screenshot_of_the_player_mid_hold(tmp_path: Path) -> None:
    out = tmp_path / "player.png"
    args = ["screenshot", str(out), "--technique", "scalenes_finger_release", "--at", "40"]
    result = run_cli(*args, "--size", "1280x800")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    # the right half holds the player: a ring in the phase colour is drawn there
    ring = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(image.width() // 2, image.width(), 3)
        if image.pixelColor(x, y).name() in ("#2f6fd6", "#2e7d32", "#8a6d00")
    )
    assert ring > 200


def test_refer_unknown_region_suggests_close_names(tmp_path: Path) -> None:
    result = run_cli("refer", "interscapulr.left=7", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean interscapular" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_muscles_lists_the_knowledge_base(tmp_path: Path) -> None:
    result = run_cli("muscles", "--json", cwd=tmp_path)
    rows = json.loads(result.stdout)
    assert len(rows) >= 30 and all(r["sources"] for r in rows)
    scalenes = next(r for r in rows if r["id"] == "scalenes")
    for tp in scalenes["trigger_points"]:  # where the map draws it: on the front of the neck's side
        assert tp["view"] == "front" and set(tp["at"]) == {"left", "right"}
        (lx, ly), (rx, ry) = tp["at"]["left"], tp["at"]["right"]
        assert ly == ry and lx > 240 > rx and abs((lx - 240) - (240 - rx)) < 0.02


def test_log_round_trip_and_pdf_report_from_the_command_line(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    added = run_cli("--data-dir", data, "log", "add", "interscapular.left=7", "--overall", "6", "--note", "✓")
    assert added.returncode == 0, added.stderr
    uid = added.stdout.strip()
    at = run_cli("--data-dir", data, "log", "add", "neck_side.left=4", "--at", "2026-03-29T01:30+01:00")
    assert at.returncode == 0, at.stderr
    listed = json.loads(run_cli("--data-dir", data, "log", "list", "--json").stdout)
    assert listed[0]["uid"] == uid and listed[1]["time"].endswith("+01:00")
    pdf = tmp_path / "report.pdf"
    result = run_cli("--data-dir", data, "log", "export", "--format", "pdf", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not the offscreen platform's "does not support propagateSizeHints()"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert not list(tmp_path.glob(".report.pdf.*"))  # written through a temporary file, renamed
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Pain report 29 Mar 2026 – " in text  # the report of this log, not an empty one
    entries = text[text.index("Entries, newest") :]  # ("first" is set with an "fi" ligature)
    assert "Between shoulder blade and spine — left 7" in entries and "Side of the neck — left 4" in entries
    check = run_cli("--data-dir", data, "log", "check")
    assert check.returncode == 0 and "sound (2 entries" in check.stdout


def test_refer_json_carries_an_urgent_warning_for_chest_arm_and_jaw(tmp_path: Path) -> None:
    urgent = run_cli("refer", "--json", "upper_chest.left=8", "upper_arm_inner.left=6", "jaw.left=5")
    assert urgent.returncode == 0, urgent.stderr
    safety = json.loads(urgent.stdout)["safety"]
    assert len(safety) == 1 and safety[0].startswith("urgent: ") and "emergency services" in safety[0]
    calm = run_cli("refer", "--json", "interscapular.left=6")
    assert json.loads(calm.stdout)["safety"] == []


def test_screenshot_of_a_technique_under_an_urgent_warning_shows_the_warning(tmp_path: Path) -> None:
    out = tmp_path / "urgent.png"
    marks = ["upper_chest.left=8", "upper_arm_inner.left=6", "jaw.left=5"]
    result = run_cli("screenshot", str(out), "--mark", *marks, "--technique", "scalenes_finger_release")
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000 and "Traceback" not in result.stderr


def test_two_windows_started_together_become_one_and_the_log_is_left_whole(tmp_path: Path) -> None:
    """Two launches at the same moment on one data folder: one window opens, the other brings
    it forward and ends; the log is opened once, nothing is set aside."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text("[safety]\nnotice_accepted=true\n", encoding="utf-8")
    env = dict(os.environ, BODYMAP_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    launches = [
        subprocess.Popen([sys.executable, "-m", "bodymap"], stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    try:
        said = {}
        for proc in launches:
            assert proc.stderr is not None
            said[proc] = proc.stderr.readline()
        opened = [p for p, line in said.items() if "window open" in line]
        forwarded = [p for p, line in said.items() if "already open" in line]
        assert len(opened) == 1 and len(forwarded) == 1, said
        assert forwarded[0].wait(timeout=30) == 0
        assert opened[0].poll() is None  # the first window is still there
        third = subprocess.run(
            [sys.executable, "-m", "bodymap"], capture_output=True, text=True, env=env, timeout=60
        )
        assert third.returncode == 0 and "brought that window forward" in third.stderr
        opened[0].send_signal(signal.SIGTERM)
        assert opened[0].wait(timeout=30) == 0
    finally:
        for proc in launches:
            proc.kill()
            proc.wait()
            proc.stderr.close()  # type: ignore[union-attr]
    assert not list(data.glob("painlog.sqlite.damaged-*"))
