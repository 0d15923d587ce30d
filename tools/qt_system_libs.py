"""Make sure the system has the libraries Qt's xcb platform plugin needs (`make run` calls this).

PySide6's wheel brings Qt but not the X11 libraries its xcb plugin links (libxcb-cursor0,
libxcb-icccm4, libxkbcommon-x11-0, …), and a fresh Debian or Ubuntu lacks some of them.
This asks the real plugin in the virtualenv what it cannot find (ldd), maps those libraries
to Debian packages, and installs them with apt-get (through sudo when not root, after
`apt-get update` when the package lists do not know them). When that cannot be done it
prints one line with the exact command to run, and exits 1.

    .venv/bin/python tools/qt_system_libs.py [--check]

--check only reports. Nothing happens (and nothing is printed) when all is there, when
QT_QPA_PLATFORM names another platform, or off Linux.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bodymap.ui.platform_failure import debian_package, install_command, missing_libraries  # no Qt

NEEDED_BY = "Qt's xcb platform (the app's window)"


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds it without loading Qt
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is missing; install nothing")
    args = parser.parse_args()
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    plugin = xcb_plugin()
    if not sys.platform.startswith("linux") or "xcb" not in platform or plugin is None:
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    packages = list(dict.fromkeys(debian_package(soname) for soname in missing))
    root = os.geteuid() == 0
    command = install_command(packages, root)
    if shutil.which("apt-get") is None:
        return stop(
            f"{NEEDED_BY} needs {', '.join(missing)}, which this system lacks: install "
            f"{'it' if len(missing) == 1 else 'them'} with your package manager "
            f"(on Debian or Ubuntu: {install_command(packages, root=False)})"
        )
    if args.check:
        return stop(f"{NEEDED_BY} needs {' '.join(packages)}; run: {command}")
    if not root and shutil.which("sudo") is None:
        return stop(f"{NEEDED_BY} needs {' '.join(packages)}; as root, run: {command.removeprefix('sudo ')}")
    print(f"{NEEDED_BY} needs {' '.join(packages)}; installing: {command}", file=sys.stderr, flush=True)
    error = apt_install(packages, root)
    still = missing_libraries(plugin)
    if error or still:
        why = error or f"{', '.join(still)} still missing"
        return stop(f"could not install {' '.join(packages)} ({why}); run: {command}")
    return 0


def apt_install(packages: list[str], root: bool) -> str:
    """Install with apt-get, updating its lists first when they do not know a package.
    Returns apt's last error line, or "" on success."""
    sudo = [] if root else ["sudo"] if sys.stdin.isatty() else ["sudo", "-n"]  # -n: no prompt, no hang
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not all(known(p) for p in packages):
        result = run([*sudo, "apt-get", "update", "-qq"], env)
        if result.returncode != 0:
            return last_line(result)
    result = run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env)
    return last_line(result) if result.returncode != 0 else ""


def known(package: str) -> bool:
    """Whether apt's package lists have `package` (a fresh container has empty lists)."""
    result = subprocess.run(["apt-cache", "show", package], capture_output=True, text=True)
    return result.returncode == 0 and "Package:" in result.stdout


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # apt's output is kept for the one line on failure; sudo still asks on the terminal.
    return subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {result.returncode}"


def stop(line: str) -> int:
    print(f"bodymap: {line}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
