"""History's figures without Qt: the heat map by average, worst and how often; the sessions
list's rows; an entry moved in time; and the log read over one period for every tab."""

from __future__ import annotations

import os
import time as clock
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bodymap.core.history_view import AVERAGE, OFTEN, WORST, heat_values, moved, session_cells
from bodymap.core.painlog import LoggedMark, PainLog, new_entry, new_session

SUMS = [("temple.left", 1, 9, 9), ("interscapular.left", 20, 100, 8)]  # 20 entries in the period


def test_how_often_shows_the_rare_bad_place_pale_beside_the_daily_knot() -> None:
    often = heat_values(SUMS, 20, OFTEN)
    assert often["interscapular.left"].value == 10.0  # in every entry
    assert often["temple.left"].value == pytest.approx(0.5)  # once in 20
    assert often["temple.left"].words == "marked in 1 of 20 entries (5%)"
    # by average and by worst the temple looks worse than the knot: the reason for "how often"
    assert heat_values(SUMS, 20, AVERAGE)["temple.left"].value == 9.0
    assert heat_values(SUMS, 20, AVERAGE)["interscapular.left"].words == "average 5.0/10, marked 20 times"
    assert heat_values(SUMS, 20, WORST)["interscapular.left"].value == 8.0
    assert heat_values(SUMS, 20, WORST)["temple.left"].words == "worst 9/10"
    assert heat_values([], 0, OFTEN) == {}


@pytest.fixture
def log(tmp_path: Path) -> Iterator[PainLog]:
    with PainLog(tmp_path / "log") as opened:
        yield opened


def test_the_log_counts_and_sums_the_entries_of_a_period(log: PainLog) -> None:
    plus2 = timezone(timedelta(hours=2))
    day = datetime(2026, 6, 10, tzinfo=plus2)
    # 00:30 on the 11th at +2 is still the 10th in UTC: it counts on the 11th, the person's day
    log.add(new_entry([LoggedMark("jaw.left", 4)], 3, at=day.replace(hour=9)))
    log.add(
        new_entry([LoggedMark("jaw.left", 8), LoggedMark("temple.left", 2)], at=day + timedelta(hours=24.5))
    )
    gone = log.add(new_entry([LoggedMark("jaw.left", 10)], 10, at=day.replace(hour=10)))
    log.set_deleted(gone.uid)
    tenth, eleventh, twelfth = (day + timedelta(days=n) for n in range(3))
    assert log.count(since=tenth, until=eleventh) == 1
    assert log.count(since=eleventh, until=twelfth) == 1
    assert log.count(since=tenth) == 2 and log.count() == 2
    assert sorted(log.region_marks(tenth, twelfth)) == [("jaw.left", 2, 12, 8), ("temple.left", 1, 2, 2)]
    assert log.region_marks(tenth, eleventh) == [("jaw.left", 1, 4, 4)]


def test_sessions_are_read_over_a_period_and_a_page_at_a_time(log: PainLog) -> None:
    start = datetime(2026, 6, 1, 9, tzinfo=UTC)
    for n in range(5):
        log.add_session(
            new_session("ball", "rhomboids", "left", start + timedelta(days=n), 60, True, 6, 6 - n)
        )
    since, until = start + timedelta(days=1), start + timedelta(days=3)
    assert [s.pain_after for s in log.sessions(since, until)] == [4, 5]  # newest first, until left out
    assert [s.pain_after for s in log.sessions(limit=2, offset=1)] == [3, 4]
    assert log.session_counts(since, until) == (2, 2)
    assert sorted(log.session_changes(since, until)) == [
        ("ball", "rhomboids", -2, 1),
        ("ball", "rhomboids", -1, 1),
    ]
    assert log.session_counts(until=since) == (1, 1)
    # rated but stopped early: listed, yet not counted for what helps, as the tables below it
    log.add_session(
        new_session("ball", "rhomboids", "left", start + timedelta(days=1, hours=2), 20, False, 7, 4)
    )
    assert log.session_counts(since, until) == (3, 2)


def test_a_session_row_says_when_what_and_the_pain_before_and_after() -> None:
    at = datetime(2026, 6, 1, 18, 5, tzinfo=timezone(timedelta(hours=-4)))  # the person's clock then
    names = {"rhomboids_ball": "Ball against a wall", "rhomboids": "Rhomboids"}
    done = new_session("rhomboids_ball", "rhomboids", "left", at, 150.4, True, 6, 3)
    assert session_cells(done, names) == (
        "Mon 01 Jun 2026, 18:05",
        "Ball against a wall",
        "Rhomboids",
        "left",
        "2\u00a0min\u00a030\u00a0s",
        "yes",
        "6 → 3",
    )
    stopped = new_session("heat_and_ice", "upper_trapezius", "both", at, 20, False, 7, None)
    assert session_cells(stopped, {})[1:] == (
        "heat and ice",
        "upper trapezius",
        "both",
        "20\u00a0s",
        "stopped early",
        "7 → –",
    )
    assert session_cells(new_session("x", "y", "left", at, 5, False), {})[-1] == ""


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(clock, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setenv("TZ", "Europe/London")
    clock.tzset()
    yield
    monkeypatch.setenv("TZ", os.environ.get("TZ", "UTC"))
    monkeypatch.undo()
    clock.tzset()


def test_an_entry_moved_across_a_clock_change_keeps_the_time_the_person_set(london: None) -> None:
    winter = datetime(2026, 3, 20, 8, 30).astimezone()  # saved at home, GMT
    assert winter.utcoffset() == timedelta(0)
    summer = moved(winter, datetime(2026, 4, 2, 21, 15))
    assert (summer.hour, summer.minute, summer.utcoffset()) == (21, 15, timedelta(hours=1))
    assert moved(winter, winter.replace(tzinfo=None)) is winter  # left alone, left as it was
    # saved while away, at -5: moved within that trip it keeps the offset it was saved in
    away = datetime(2026, 7, 1, 22, 0, tzinfo=timezone(timedelta(hours=-5)))
    later = moved(away, datetime(2026, 7, 1, 23, 40))
    assert later.utcoffset() == timedelta(hours=-5) and later.hour == 23


def test_entries_by_day_are_those_of_the_days_on_their_own_clocks(log: PainLog) -> None:
    """History's entries list counts an entry on its own day, as the figures do, whatever the
    offset it was saved in: here 14 hours ahead of UTC and 12 behind."""
    east = log.add(new_entry([], 3, at=datetime(2026, 6, 10, 0, 30, tzinfo=timezone(timedelta(hours=14)))))
    west = log.add(new_entry([], 4, at=datetime(2026, 6, 10, 23, 30, tzinfo=timezone(timedelta(hours=-12)))))
    next_day = log.add(
        new_entry([], 5, at=datetime(2026, 6, 11, 0, 30, tzinfo=timezone(timedelta(hours=14))))
    )
    since, until = datetime(2026, 6, 10, tzinfo=UTC), datetime(2026, 6, 11, tzinfo=UTC)
    assert {e.uid for e in log.entries(since, until, by_day=True)} == {east.uid, west.uid}
    assert log.count(since=since, until=until) == 2  # the day tables agree
    # between the two instants: neither of them, and the next day's instead
    assert [e.uid for e in log.entries(since, until)] == [next_day.uid]


def test_sessions_by_day_are_those_of_the_days_on_their_own_clocks(log: PainLog) -> None:
    east = datetime(2026, 6, 10, 0, 30, tzinfo=timezone(timedelta(hours=14)))  # 9 June in UTC
    log.add_session(new_session("ball", "rhomboids", "left", east, 60, True, 6, 2))
    log.add_session(new_session("ball", "rhomboids", "left", east + timedelta(days=1), 60, True, 6, 5))
    since, until = datetime(2026, 6, 10, tzinfo=UTC), datetime(2026, 6, 11, tzinfo=UTC)
    assert [s.pain_after for s in log.sessions(since, until, by_day=True)] == [2]
    assert log.session_counts(since, until, by_day=True) == (1, 1)
    assert log.session_changes(since, until, by_day=True) == [("ball", "rhomboids", -4, 1)]
    assert [s.pain_after for s in log.sessions(since, until)] == [5]  # between the instants: the next day's
