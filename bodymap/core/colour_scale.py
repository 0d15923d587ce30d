"""Pain intensity 0-10 -> colour, on a perceptually ordered scale.

The colours come from Peter Kovesi's CET-L18 map (white-yellow-orange-red,
perceptually uniform: equal steps of pain look like equal steps of colour),
which pyqtgraph ships as a CSV. We read that file without importing pyqtgraph,
which would cost a few hundred milliseconds at startup.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from bodymap.core.errors import DataError

RGB = tuple[int, int, int]
MAP_NAME = "CET-L18"
# Intensity 0 starts a little into the map: pure white would vanish on the skin tone.
_START, _END = 0.16, 1.0


def _map_file() -> Path:
    spec = importlib.util.find_spec("pyqtgraph")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("pyqtgraph is not installed; it provides the colour scale")
    return Path(next(iter(spec.submodule_search_locations))) / "colors" / "maps" / f"{MAP_NAME}.csv"


@cache
def _table() -> tuple[tuple[float, float, float], ...]:
    rows = []
    for line in _map_file().read_text(encoding="ascii").splitlines():
        line = line.strip()
        if line and not line.startswith(";"):
            r, g, b = (float(v) for v in line.split(",")[:3])
            rows.append((r, g, b))
    return tuple(rows)


def intensity_colour(intensity: float) -> RGB:
    """The colour for a pain intensity 0-10 (clamped)."""
    t = _START + (_END - _START) * min(max(intensity, 0.0), 10.0) / 10.0
    table = _table()
    pos = t * (len(table) - 1)
    i = min(int(pos), len(table) - 2)
    f = pos - i
    return tuple(round(255 * (a + (b - a) * f)) for a, b in zip(table[i], table[i + 1], strict=True))  # type: ignore[return-value]


def hex_colour(intensity: float) -> str:
    r, g, b = intensity_colour(intensity)
    return f"#{r:02x}{g:02x}{b:02x}"
