"""Every prepared form with the shipped sources it is made from (for tools/prepare_data.py and
its test). Kept apart from core/prepared.py, which the loaders import: no import circle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodymap.core import geometry, knowledge, regions, techniques
from bodymap.core.prepared import Prepared


def shipped() -> list[tuple[Prepared[Any], list[Path]]]:
    return [
        (regions.PREPARED_CATALOG, regions.catalog_sources()),
        (geometry.PREPARED_GEOMETRY, geometry.geometry_sources()),
        (knowledge.PREPARED_MUSCLES, knowledge.muscles_sources()),
        (techniques.PREPARED_TECHNIQUES, techniques.techniques_sources()),
    ]
