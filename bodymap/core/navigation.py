"""Keyboard navigation on the map: the neighbouring region in a direction."""

from __future__ import annotations

import math

from bodymap.core.geometry import BodyGeometry


def neighbour(
    geometry: BodyGeometry, candidates: list[str], start: str, direction: tuple[float, float]
) -> str:
    """The region whose centre lies most nearly in `direction` from `start`'s centre.

    Regions within 60 degrees of the direction compete; nearer and straighter wins.
    Returns "" when nothing lies that way.
    """
    sx, sy = geometry.centre(start)
    dx, dy = direction
    best, best_cost = "", math.inf
    for region in candidates:
        if region == start:
            continue
        cx, cy = geometry.centre(region)
        vx, vy = cx - sx, cy - sy
        dist = math.hypot(vx, vy)
        if dist < 1e-6:
            continue
        cos = (vx * dx + vy * dy) / dist
        if cos < 0.5:
            continue
        cost = dist * (2.0 - cos) ** 2
        if cost < best_cost:
            best, best_cost = region, cost
    return best
