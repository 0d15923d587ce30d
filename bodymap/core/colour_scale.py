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
# Intensity 0 starts well into the map: its white and cream end vanished on the beige skin
# (a 1/10 was pale yellow on beige); from 0.3 the low end is a clear gold.
_START, _END = 0.3, 1.0
# WCAG's least contrast for the parts of a graphic that must be seen (a marked region's edge)
EDGE_CONTRAST = 3.0


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


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def edge_colour(colour: RGB, skin: RGB, dark: bool) -> RGB:
    """The edge drawn round a region marked in `colour`: that colour, darkened on a light
    skin (lightened on a dark one) until it stands out from the skin by EDGE_CONTRAST, so
    that even a 1/10 shows where it was marked."""
    target: RGB = (255, 255, 255) if dark else (0, 0, 0)
    for step in range(21):
        f = step / 20
        mixed = tuple(round(c + (t - c) * f) for c, t in zip(colour, target, strict=True))
        if contrast_ratio(mixed, skin) >= EDGE_CONTRAST:  # type: ignore[arg-type]
            return mixed  # type: ignore[return-value]
    return target
