"""Test doubles for routines: a clock the test moves, and techniques built in place."""

from __future__ import annotations

from typing import Any

from bodymap.core.techniques import Technique, parse_techniques


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


def technique(
    *steps: dict[str, Any], technique_id: str = "test_routine", muscle: str = "scalenes"
) -> Technique:
    raw = {
        "techniques": [
            {
                "id": technique_id,
                "name": "Test routine",
                "kind": "pressure",
                "muscles": [muscle],
                "summary": "A routine for the tests.",
                "equipment": ["fingers"],
                "position": ["sitting"],
                "pressure": {"start": 2, "max": 5},
                "frequency": {"text": "As often as the tests like."},
                "cautions": ["Move off a pulse."],
                "steps": list(steps),
                "sources": [{"title": "t", "url": "https://example.org", "used_for": "tests", "grade": "A"}],
            }
        ]
    }
    return parse_techniques(raw, "test.yaml", {muscle})[technique_id]
