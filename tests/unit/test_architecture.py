"""The domain stays apart from Qt (DESIGN.md), checked in a clean interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import bodymap.core


def test_core_imports_no_qt() -> None:
    modules = [f"bodymap.core.{m.name}" for m in pkgutil.iter_modules(bodymap.core.__path__)]
    assert len(modules) >= 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "import bodymap.app, bodymap.resources\n"
        "qt = ('PySide6', 'shiboken6', 'pyqtgraph', 'numpy')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in qt))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
