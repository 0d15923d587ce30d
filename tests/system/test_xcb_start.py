"""The real app on the xcb platform: an X server (Xvfb), the window on it, closed by keyboard.

Every other test runs offscreen, which needs none of the X11 libraries a person's desktop
needs; this one proves the app really opens its window there. It skips when Xvfb or
xdotool is absent or Qt's xcb plugin lacks a system library (`make run` installs those),
except under BODYMAP_REQUIRE_XCB=1 (CI sets it), where that fails.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodymap.ui.platform_failure import missing_libraries

pytestmark = pytest.mark.slow

TOOLS = ("Xvfb", "xdotool")
WAIT = 60  # seconds for any one step; a healthy run takes about two


def cannot_run(message: str) -> None:
    if os.environ.get("BODYMAP_REQUIRE_XCB") == "1":
        pytest.fail(f"BODYMAP_REQUIRE_XCB=1 but {message}")
    pytest.skip(message)


@pytest.fixture
def x_display() -> Iterator[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        cannot_run(f"{' and '.join(missing)} not installed (apt-get install xvfb xdotool)")
    import PySide6

    libraries = missing_libraries(Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")
    if libraries:
        cannot_run(f"Qt's xcb plugin lacks {', '.join(libraries)} (tools/qt_system_libs.py installs them)")
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], WAIT)
        number = server.stdout.readline().strip() if ready else ""
        assert number.isdigit(), f"Xvfb did not start (exit status {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=WAIT)
        server.stdout.close()  # type: ignore[union-attr]


def xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert result.returncode == 0, f"xdotool {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()


def wait_for_window(display: str, app: subprocess.Popen[bytes], log: Path) -> str:
    """The app's window id, once it is mapped (xdotool --sync waits for that); fails at
    once if the app exits first, and after WAIT seconds at most."""
    search = subprocess.Popen(
        ["xdotool", "search", "--sync", "--onlyvisible", "--name", "bodymap"],
        env=dict(os.environ, DISPLAY=display),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + WAIT
    try:
        while app.poll() is None and time.monotonic() < deadline:
            try:
                out, _ = search.communicate(timeout=0.2)
            except subprocess.TimeoutExpired:
                continue
            assert out.split(), f"xdotool search ended with {search.returncode} and no window"
            return out.split()[0]
        if app.poll() is not None:
            pytest.fail(f"the app exited with {app.returncode} before its window appeared: {log.read_text()}")
        pytest.fail(f"no window within {WAIT} s: {log.read_text()}")
    finally:
        if search.poll() is None:
            search.kill()
            search.communicate()


def test_the_window_opens_on_xcb_and_closes_with_ctrl_q(x_display: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "settings.ini").write_text("[safety]\nnotice_accepted=true\n")  # no first-run notice
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        app = subprocess.Popen(
            [sys.executable, "-m", "bodymap", "--data-dir", str(data)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        window = wait_for_window(x_display, app, log)
        assert "bodymap" in xdotool(x_display, "getwindowname", window)
        geometry = dict(
            re.findall(r"(\w+)=(\d+)", xdotool(x_display, "getwindowgeometry", "--shell", window))
        )
        width, height = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
        assert 640 <= width <= 1280 and 480 <= height <= 1024, geometry
        # As a person would: the window has the keyboard focus, and Ctrl+Q quits.
        xdotool(x_display, "windowfocus", "--sync", window, "key", "--clearmodifiers", "ctrl+q")
        status = app.wait(timeout=WAIT)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    output = log.read_text()
    assert status == 0, output
    assert "Traceback" not in output
    assert "bodymap: window open" in output
    # closed as a window is closed: it saved where it was
    assert "geometry=" in (data / "settings.ini").read_text()
