"""Counts in words: "1 entry", "2 entries", "1 day" — never "1 entries"."""

from __future__ import annotations

IRREGULAR = {"entry": "entries", "is": "are", "was": "were"}


def plural(word: str) -> str:
    """The plural of a noun used in bodymap's messages."""
    return IRREGULAR.get(word, word + "s")


def count(number: float, word: str, many: str = "") -> str:
    """`number` and the noun, in the singular for exactly one: count(1, "day") is "1 day"."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {word if number == 1 else many or plural(word)}"
