"""When the daily reminder to treat should next go off."""

from __future__ import annotations

from datetime import datetime, time, timedelta


def next_occurrence(now: datetime, at: time) -> datetime:
    """The next moment the local clock shows `at` (today if still ahead, else tomorrow), as an
    aware local time, so that a daylight-saving change keeps the reminder at the same hour."""
    local = now.astimezone()
    candidate = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = (candidate.replace(tzinfo=None) + timedelta(days=1)).astimezone()
    return candidate.replace(tzinfo=None).astimezone()


def parse_clock(text: str) -> time | None:
    """`HH:MM` -> time, or None for an empty or malformed setting."""
    try:
        hour, minute = (int(part) for part in text.strip().split(":"))
        return time(hour, minute)
    except (ValueError, TypeError):
        return None
