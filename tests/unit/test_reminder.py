"""The daily reminder's next time."""

from __future__ import annotations

import os
import time as clock
from datetime import UTC, datetime, time

import pytest

from bodymap.core.reminder import next_occurrence, parse_clock


def test_later_today_or_else_tomorrow() -> None:
    now = datetime(2026, 11, 21, 17, 30).astimezone()
    assert next_occurrence(now, time(18, 0)) == datetime(2026, 11, 21, 18, 0).astimezone()
    assert next_occurrence(now, time(9, 15)) == datetime(2026, 11, 22, 9, 15).astimezone()
    assert next_occurrence(now, time(17, 30)) == datetime(2026, 11, 22, 17, 30).astimezone()


@pytest.mark.skipif(not hasattr(clock, "tzset"), reason="needs time.tzset")
def test_the_same_local_hour_across_a_daylight_saving_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    clock.tzset()
    try:
        now = datetime(2026, 3, 28, 20, 0, tzinfo=UTC)  # the evening before the clocks go forward
        due = next_occurrence(now, time(18, 0))
        assert (due.hour, due.minute, due.day) == (18, 0, 29)
        assert due.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    finally:
        monkeypatch.setenv("TZ", os.environ.get("TZ", "UTC"))
        monkeypatch.undo()
        clock.tzset()


def test_clock_settings() -> None:
    assert parse_clock("07:45") == time(7, 45)
    assert parse_clock("") is None and parse_clock("25:00") is None and parse_clock("soon") is None
