"""The layering of docs/architecture.md: the domain stays apart from Qt (checked in a clean
interpreter), and no module imports itself through others."""

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


def test_no_module_of_the_package_imports_itself_through_others() -> None:
    """No import circle anywhere in bodymap, type-checking imports included (the window's
    parts see it through a Protocol instead)."""
    import grimp

    graph = grimp.build_graph("bodymap")
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                circles.append(" -> ".join((module, *back)))
    assert circles == []
