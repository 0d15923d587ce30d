"""One plain line instead of Qt's abort when no window can be opened.

When Qt cannot load a platform plugin (a system library the xcb plugin links is missing,
or there is no display), it reports warnings through the message handler, then a fatal
message, then aborts with a core dump. `watching()` wraps the app's message handler: it
holds those warnings back and, on the fatal message, prints one sentence saying what is
missing and exits with status 1 before Qt aborts. It costs nothing while the app starts
normally; the libraries are examined only once start-up has already failed.

Note that Qt's own hint ("xcb-cursor0 or libxcb-cursor0 is needed …") appears whenever
the xcb plugin fails, for any reason: the libraries the plugin really lacks are read from
the plugin file itself. `missing_libraries` and `debian_package` are shared with
tools/qt_system_libs.py, which `make run` uses to install them.

This module imports no Qt at import time (its sentence logic is tested without Qt).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Qt is imported only once start-up needs it (the sentence logic is tested without)
    from PySide6.QtWidgets import QApplication

# Warnings Qt gives on the way to a failed platform start; held back until we know.
_PLATFORM_NOTICES = (
    "is needed to load the Qt xcb platform plugin",
    "Could not load the Qt platform plugin",
    "Could not find the Qt platform plugin",
    "could not connect to display",
    "Failed to create wl_display",
)

# Sonames whose Debian package is not named by the usual rule (libfoo.so.N -> libfooN).
_DEBIAN_EXCEPTIONS = {
    "libGLdispatch.so.0": "libglvnd0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
}


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships a library, by Debian's naming rule.

    libxcb-cursor.so.0 -> libxcb-cursor0; a name ending in a digit takes a hyphen:
    libxkbcommon-x11.so.0 -> libxkbcommon-x11-0, libdbus-1.so.3 -> libdbus-1-3."""
    if soname in _DEBIAN_EXCEPTIONS:
        return _DEBIAN_EXCEPTIONS[soname]
    stem, _, version = soname.partition(".so.")
    stem = stem.lower()
    major = version.split(".")[0]
    if not major:
        return stem
    return f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}"


def missing_libraries(library: Path) -> list[str]:
    """The sonames `library` needs (directly or through the libraries it loads) that the
    system lacks, in the order the dynamic linker meets them. Runs ldd; without ldd, the
    first missing one as the dynamic linker reports it."""
    import shutil
    import subprocess  # here, not at start-up: only a failed start gets this far

    if not library.exists():
        return []
    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        found = [line.split()[0] for line in out.splitlines() if line.rstrip().endswith("=> not found")]
        return list(dict.fromkeys(found))
    return _first_missing_by_loading(library)


def _first_missing_by_loading(library: Path) -> list[str]:
    import ctypes

    try:
        ctypes.CDLL(str(library))
    except OSError as exc:
        return missing_from_loader_error(str(exc))
    return []


def missing_from_loader_error(error: str) -> list[str]:
    """'libxcb-icccm.so.4: cannot open shared object file: …' -> ['libxcb-icccm.so.4']."""
    soname, sep, reason = error.partition(": ")
    if sep and "cannot open shared object file" in reason and "/" not in soname:
        return [soname]
    return []


def install_command(packages: Sequence[str], root: bool) -> str:
    return ("" if root else "sudo ") + "apt-get install " + " ".join(packages)


def explain(
    notices: Sequence[str],
    env: Mapping[str, str],
    missing: Sequence[str],
    has_apt: bool,
    root: bool,
) -> str:
    """Why no window could be opened, as the end of one sentence.

    `notices` are Qt's warnings before the fatal message; `missing` the sonames the failed
    plugin lacks; `has_apt`/`root` choose the command to suggest."""
    if missing:
        packages = list(dict.fromkeys(debian_package(s) for s in missing))
        named = packages if has_apt else list(missing)
        one = len(named) == 1
        library, are = ("library", "is") if one else ("libraries", "are")
        sentence = f"the system {library} {_listed(named)} {are} missing"
        if has_apt:
            return f"{sentence} ({install_command(packages, root)})"
        return f"{sentence} (install {'it' if one else 'them'} with your system's package manager)"
    unknown = _plugins_named("Could not find the Qt platform plugin", notices)
    if unknown:
        return f"Qt has no platform plugin named {unknown[0]!r} (check QT_QPA_PLATFORM)"
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set): start it in a desktop session"
        )
    if any("could not connect to display" in n for n in notices):
        display = env.get("DISPLAY", "")
        return f"could not connect to the display {display!r} (is its X server running, and may you use it?)"
    if any("Failed to create wl_display" in n for n in notices):
        return f"could not connect to the Wayland display {env.get('WAYLAND_DISPLAY', '')!r}"
    names = failed_plugins(notices)
    plugin = f"Qt's {names[0]!r} platform" if names else "any Qt platform"
    return f"{plugin} could not be loaded (run with QT_DEBUG_PLUGINS=1 to see why)"


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def failed_plugins(notices: Sequence[str]) -> list[str]:
    return _plugins_named("Could not load the Qt platform plugin", notices)


def _plugins_named(notice: str, notices: Sequence[str]) -> list[str]:
    """The quoted plugin names after `notice`: '… plugin "xcb" in ""' -> ['xcb']."""
    names = [n.partition(f'{notice} "')[2].partition('"')[0] for n in notices if f'{notice} "' in n]
    return list(dict.fromkeys(names))


def _plugin_file(name: str) -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / f"libq{name}.so"


Handler = Callable[[Any, Any, str], None]


def watching(pass_on: Handler) -> Handler:
    """A Qt message handler that turns a failed platform start into one line and exit 1;
    every other message goes to `pass_on`."""
    from PySide6.QtCore import QtMsgType

    notices: list[str] = []

    def handle(mode: Any, context: Any, message: str) -> None:
        if any(n in message for n in _PLATFORM_NOTICES):
            notices.append(message)
            return
        if mode == QtMsgType.QtFatalMsg and (notices or "platform plugin" in message):
            missing = [s for name in failed_plugins(notices) for s in missing_libraries(_plugin_file(name))]
            has_apt = any(os.access(Path(d, "apt-get"), os.X_OK) for d in os.get_exec_path())
            root = getattr(os, "geteuid", lambda: -1)() == 0
            reason = explain(notices, os.environ, missing, has_apt, root)
            print(f"bodymap: cannot open a window: {reason}", file=sys.stderr, flush=True)
            os._exit(1)  # before Qt aborts and dumps core
        pass_on(mode, context, message)

    return handle


def quiet_platform_notices(mode: Any, context: Any, message: str) -> None:
    """The offscreen platform (screenshots, the report from the command line, CI) reports what
    it cannot do; that is not the person's concern. Everything else goes to stderr as usual."""
    if "propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)


def application() -> QApplication:
    """The one QApplication: started here, with the handlers above, wherever Qt is first needed
    (the window, a screenshot, the PDF report of `bodymap log export`)."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    qInstallMessageHandler(watching(quiet_platform_notices))  # no platform: one line, exit 1
    QGuiApplication.setApplicationName("bodymap")
    QGuiApplication.setApplicationDisplayName("bodymap")
    QGuiApplication.setDesktopFileName("bodymap")
    return QApplication(sys.argv[:1])
