"""Counts read as people write them: "1 entry", "2 entries", "1 day"."""

from __future__ import annotations

from bodymap.core.words import count


def test_one_is_singular_and_the_rest_plural() -> None:
    assert count(1, "entry") == "1 entry"
    assert count(2, "entry") == "2 entries"
    assert count(0, "day") == "0 days"
    assert count(1.0, "day") == "1 day"
    assert count(1.5, "day") == "1.5 days"
    assert count(1, "more hour", "more hours") == "1 more hour"
    assert count(3, "more hour", "more hours") == "3 more hours"
