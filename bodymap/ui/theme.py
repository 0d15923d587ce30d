"""Colours of the map for the light and the dark palette (following the system)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class MapTheme:
    dark: bool
    background: QColor
    skin: QColor
    region_edge: QColor
    outline: QColor
    landmark: QColor
    landmark_soft: QColor
    focus: QColor
    text: QColor
    highlight: QColor
    trigger_point: QColor


LIGHT = MapTheme(
    dark=False,
    background=QColor("#fbfaf8"),
    skin=QColor("#f1e2d4"),
    region_edge=QColor("#d5bfac"),
    outline=QColor("#4e3b2e"),
    landmark=QColor("#8d715d"),
    landmark_soft=QColor("#b39a86"),
    focus=QColor("#1565c0"),
    text=QColor("#3a3a3a"),
    highlight=QColor("#2f6fd6"),
    trigger_point=QColor("#b71c1c"),
)

DARK = MapTheme(
    dark=True,
    background=QColor("#1f2124"),
    skin=QColor("#4a413b"),
    region_edge=QColor("#5f544c"),
    outline=QColor("#d9c8b8"),
    landmark=QColor("#a89282"),
    landmark_soft=QColor("#7d6c60"),
    focus=QColor("#64b5f6"),
    text=QColor("#e6e6e6"),
    highlight=QColor("#7fb2ff"),
    trigger_point=QColor("#ff5252"),
)


def theme_for(palette: QPalette) -> MapTheme:
    """Dark when the window colour is darker than the text colour."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    return DARK if window < text else LIGHT


# The guided routine's phases: get ready, work (hold, strokes), rest. Darker on a light
# window, lighter on a dark one, so the large titles keep their contrast.
PHASE_COLOURS = {
    False: {"ready": QColor("#8a6d00"), "work": QColor("#2f6fd6"), "rest": QColor("#2e7d32")},
    True: {"ready": QColor("#e6c34a"), "work": QColor("#7fb2ff"), "rest": QColor("#81c784")},
}
