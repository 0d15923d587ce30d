"""The one line the app prints when Qt cannot open a window (no Qt needed here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bodymap.ui.platform_failure import debian_package, explain, missing_from_loader_error

CURSOR_HINT = "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin."
XCB_FAILED = 'Could not load the Qt platform plugin "xcb" in "" even though it was found.'
X11 = {"DISPLAY": ":0"}


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
        ("libGL.so.1", "libgl1"),
        ("libfontconfig.so.1", "libfontconfig1"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libz.so.1", "zlib1g"),
    ],
)
def test_sonames_map_to_debian_packages(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def test_a_missing_library_names_its_package_and_the_command() -> None:
    line = explain([CURSOR_HINT, XCB_FAILED], X11, ["libxcb-cursor.so.0"], has_apt=True, root=False)
    assert line == "the system library libxcb-cursor0 is missing (sudo apt-get install libxcb-cursor0)"


def test_several_missing_libraries_are_one_command_and_root_needs_no_sudo() -> None:
    missing = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    line = explain([CURSOR_HINT, XCB_FAILED], X11, missing, has_apt=True, root=True)
    assert line == (
        "the system libraries libxcb-icccm4 and libxcb-keysyms1 are missing "
        "(apt-get install libxcb-icccm4 libxcb-keysyms1)"
    )


def test_without_apt_the_library_itself_is_named() -> None:
    line = explain([XCB_FAILED], X11, ["libxcb-icccm.so.4"], has_apt=False, root=False)
    assert line == (
        "the system library libxcb-icccm.so.4 is missing (install it with your system's package manager)"
    )


def test_qts_cursor_hint_alone_is_not_taken_for_a_missing_library() -> None:
    # Qt prints the libxcb-cursor0 hint whenever the xcb plugin fails, even for a missing
    # display: what is missing is read from the plugin, not from the hint.
    notices = ["could not connect to display :5", CURSOR_HINT, XCB_FAILED]
    line = explain(notices, {"DISPLAY": ":5"}, [], has_apt=True, root=False)
    assert line.startswith("could not connect to the display ':5'")
    assert "libxcb-cursor0" not in line


def test_no_display_at_all() -> None:
    line = explain([XCB_FAILED], {}, [], has_apt=True, root=False)
    assert line.startswith("there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)")


def test_an_unknown_platform_name() -> None:
    notices = ['Could not find the Qt platform plugin "nosuch" in ""']
    assert "no platform plugin named 'nosuch'" in explain(notices, X11, [], has_apt=True, root=False)


def test_anything_else_still_names_the_plugin() -> None:
    assert explain([XCB_FAILED], X11, [], has_apt=True, root=False) == (
        "Qt's 'xcb' platform could not be loaded (run with QT_DEBUG_PLUGINS=1 to see why)"
    )


def test_the_dynamic_linkers_error_names_the_library() -> None:
    error = "libxcb-icccm.so.4: cannot open shared object file: No such file or directory"
    assert missing_from_loader_error(error) == ["libxcb-icccm.so.4"]
    assert missing_from_loader_error("/x/libqxcb.so: cannot open shared object file: No such file") == []
    assert missing_from_loader_error("/x/libqxcb.so: undefined symbol: foo") == []


def test_the_module_imports_no_qt() -> None:
    code = (
        "import sys, bodymap.ui.platform_failure\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
