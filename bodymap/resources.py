"""The one place that knows where `data/` and `assets/` live.

In a checkout or an editable install they sit beside the package; in a wheel
they are carried inside it (see pyproject's force-include).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root_for(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bodymap's {name}/ folder is missing (looked beside and inside {_PACKAGE})")


def data_path(name: str) -> Path:
    """A file in data/ (the knowledge base: areas, muscles, techniques, safety)."""
    return _root_for("data") / name


def asset_path(name: str) -> Path:
    """A file in assets/ (the body-map SVG, icons)."""
    return _root_for("assets") / name


def prepared_path(name: str) -> Path:
    """A file of bodymap/prepared/: the map and data parsed at build time (see core/prepared.py).
    Always inside the package itself, never in a user's folder."""
    return _PACKAGE / "prepared" / name
