"""Logging in one gesture (core/quick_log.py): the last entry with marks as today's map, flares
kept in the log across a restart, context tags as they are kept, and the days with a tag
compared to the days without (core/effects.py) only once there are enough of each."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bodymap.core.effects import Day, days_of, tag_comparisons
from bodymap.core.errors import UserError
from bodymap.core.marking import Mark
from bodymap.core.painlog import LoggedMark, PainLog, new_entry
from bodymap.core.quick_log import (
    EMPTY_LOG,
    NO_MARKS,
    SUGGESTIONS_KEPT,
    Flares,
    clean_tag,
    duration_words,
    entry_tags,
    flare_figures,
    flares_between,
    last_time,
    nothing_to_copy,
    recent_weather,
    tag_label,
    weather_tag,
    when_words,
)

ZONE = timezone(timedelta(hours=1))
MORNING = datetime(2026, 12, 1, 9, 12, tzinfo=ZONE)


@pytest.fixture
def log(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = PainLog(tmp_path, backup_daily=False)
    yield opened
    opened.close()


# -- same as last time
def test_last_time_is_the_latest_entry_with_marks(log: PainLog) -> None:
    assert last_time(log) is None and nothing_to_copy(log) == EMPTY_LOG
    log.add(new_entry([], overall=4, at=MORNING - timedelta(days=2)))
    assert last_time(log) is None and nothing_to_copy(log) == NO_MARKS  # a rating alone copies nothing
    log.add(
        new_entry(
            [LoggedMark("interscapular.left", 7, ("aching",)), LoggedMark("neck_side.right", 3)],
            6,
            at=MORNING,
        )
    )
    log.add(new_entry([], overall=5, at=MORNING + timedelta(hours=3)))  # later, but no places
    last = last_time(log)
    assert last is not None
    assert last.marks == (Mark("interscapular.left", 7, ("aching",)), Mark("neck_side.right", 3))
    assert last.at == MORNING


def test_when_words_say_today_yesterday_or_the_date() -> None:
    assert when_words(MORNING, MORNING + timedelta(hours=2)) == "today at 09:12"
    assert when_words(MORNING, MORNING + timedelta(days=1)) == "yesterday at 09:12"
    assert when_words(MORNING, MORNING + timedelta(days=3)) == "Tue 01 Dec at 09:12"


# -- flares
def test_a_flare_is_started_and_ended_and_survives_a_restart(tmp_path: Path) -> None:
    first = PainLog(tmp_path, backup_daily=False)
    flares = Flares(first)
    seen: list[bool] = []
    flares.changed.connect(lambda: seen.append(flares.current is not None))
    assert flares.current is None and flares.status(MORNING) == ""
    started = flares.start(MORNING)
    assert flares.start(MORNING + timedelta(minutes=5)) == started  # a second press keeps the first
    assert seen == [True]
    first.close()

    again = PainLog(tmp_path, backup_daily=False)  # the next start of the app
    try:
        flares = Flares(again)
        assert flares.current is not None and flares.current.started == MORNING
        later = MORNING + timedelta(hours=2, minutes=5)
        assert flares.status(later) == "Flare for 2 h 05 min (since today at 09:12)"
        ended = flares.end(later)
        assert ended.ended == later and flares.current is None
        assert flares_between(again, None, None) == [ended]
        with pytest.raises(UserError, match="no flare is going on"):
            flares.end(later)
    finally:
        again.close()


def test_flares_of_a_period_and_their_figures(log: PainLog) -> None:
    flares = Flares(log)
    for day, hours in ((0, 1), (2, 5), (5, 30)):
        start = MORNING + timedelta(days=day)
        flares.start(start)
        flares.end(start + timedelta(hours=hours))
    flares.start(MORNING + timedelta(days=8))
    now = MORNING + timedelta(days=8, minutes=20)
    listed = flares_between(log, MORNING + timedelta(days=1), MORNING + timedelta(days=6))
    assert [f.started for f in listed] == [MORNING + timedelta(days=5), MORNING + timedelta(days=2)]
    every = flares_between(log, None, None)
    assert every[0].ended is None  # the latest first: the one going on
    figures = flare_figures(every, now)
    assert (figures.count, figures.ended) == (4, 3)
    assert figures.median == timedelta(hours=5) and figures.longest == timedelta(hours=30)
    assert figures.summary() == (
        "4 flares; a typical one lasted 5 h 00 min, the longest 1 day 6 h; one is going on now."
    )
    assert flare_figures([], now).summary().startswith("No flares in this period.")
    # two that ended: both said, not the shorter called typical (a review read it so)
    two = flare_figures(flares_between(log, MORNING + timedelta(days=1), MORNING + timedelta(days=6)), now)
    assert two.summary() == "2 flares; the two that ended lasted 5 h 00 min and 1 day 6 h."


@pytest.mark.parametrize(
    ("length", "said"),
    [
        (timedelta(seconds=40), "under a minute"),
        (timedelta(minutes=25), "25 min"),
        (timedelta(hours=2, minutes=5), "2 h 05 min"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3, hours=4, minutes=59), "3 days 4 h"),
        (timedelta(seconds=-5), "under a minute"),  # a clock set back never gives a negative length
    ],
)
def test_durations_in_words(length: timedelta, said: str) -> None:
    assert duration_words(length) == said


# -- tags
def test_tags_are_kept_trimmed_and_short() -> None:
    assert clean_tag("  poor   sleep ") == "poor sleep"
    for bad, why in (
        ("   ", "empty"),
        ("x" * 41, "longer than 40"),
        ("rain;wind", "cannot hold"),
        ("a\x07b", "cannot hold"),
    ):
        with pytest.raises(UserError, match=why):
            clean_tag(bad)


def test_the_weather_is_the_persons_words_with_a_prefix() -> None:
    assert weather_tag("") is None and weather_tag("   ") is None
    assert weather_tag(" Cold and  damp ") == "weather: Cold and damp"
    assert weather_tag("weather: hot") == "weather: hot"  # typed with the prefix: not twice
    assert entry_tags(["stress", "poor sleep", "stress"], "windy") == (
        "stress",
        "poor sleep",
        "weather: windy",
    )
    assert tag_label("weather: windy") == "weather windy" and tag_label("stress") == "stress"


def test_weather_words_are_offered_again_from_the_log_latest_first(log: PainLog) -> None:
    from dataclasses import replace

    for hours, tags in (
        (0, ("weather: Windy",)),
        (1, ("stress",)),
        (2, ("weather: cold",)),
        (3, ("weather: windy",)),
    ):
        log.add(replace(new_entry([], 5, at=MORNING + timedelta(hours=hours)), tags=tags))
    assert recent_weather(log.entries()) == ["windy", "cold"]  # the same words once, as last typed
    for hour in range(20):
        log.add(
            replace(new_entry([], 5, at=MORNING + timedelta(days=1, hours=hour)), tags=(f"weather: w{hour}",))
        )
    many = recent_weather(log.entries())
    assert len(many) == SUGGESTIONS_KEPT and many[0] == "w19"


# -- days with and without a tag
def _days(with_tag: list[float], without: list[float], tag: str = "poor sleep") -> list[Day]:
    found = []
    for i, pain in enumerate(with_tag + without):
        found.append(Day(f"2026-11-{i + 1:02d}", pain, frozenset({tag} if i < len(with_tag) else {"other"})))
    return found


def test_a_tag_is_compared_only_with_three_days_with_and_three_without() -> None:
    found = {c.tag: c for c in tag_comparisons(_days([6, 7, 8], [4, 4]))}
    sleep = found["poor sleep"]
    assert not sleep.enough and (sleep.days_with, sleep.days_without) == (3, 2)
    assert sleep.summary("poor sleep") == (
        "Poor sleep: 3 days with it and 2 without so far; a comparison needs at least 3 of each."
    )
    sleep = {c.tag: c for c in tag_comparisons(_days([6, 7, 8], [4, 4, 5, 3]))}["poor sleep"]
    assert sleep.enough and sleep.mean_with == 7 and sleep.mean_without == 4
    assert sleep.summary("poor sleep") == (
        "Poor sleep: your pain averaged 7.0/10 on 3 days with it and 4.0/10 on 4 days without, "
        "3.0 points higher than on days without it."
    )


def test_days_before_the_first_tag_and_unrated_days_do_not_count() -> None:
    early = [Day(f"2026-10-{d:02d}", 1.0, frozenset()) for d in range(1, 20)]  # before tags were used
    unrated = [Day("2026-11-20", None, frozenset({"poor sleep"}))]
    found = {c.tag: c for c in tag_comparisons(early + _days([6, 7, 8], [4, 4, 5]) + unrated)}
    assert (found["poor sleep"].days_with, found["poor sleep"].days_without) == (3, 3)
    assert found["poor sleep"].mean_without == pytest.approx(13 / 3)
    assert tag_comparisons(early) == []  # no tag yet: nothing to compare


def test_comparisons_with_enough_days_come_first_the_widest_gap_first() -> None:
    days = [
        Day("2026-11-01", 8, frozenset({"stress", "exercise"})),
        Day("2026-11-02", 8, frozenset({"stress", "exercise"})),
        Day("2026-11-03", 7, frozenset({"stress"})),
        Day("2026-11-04", 3, frozenset({"exercise"})),
        Day("2026-11-05", 3, frozenset()),
        Day("2026-11-06", 3, frozenset({"long sitting"})),
    ]
    # stress: 7.7 against 3.0; exercise: 6.3 against 4.3; long sitting: one day only
    assert [c.tag for c in tag_comparisons(days)] == ["stress", "exercise", "long sitting"]
    calm = [Day(f"2026-11-0{i}", 2, frozenset({"exercise"})) for i in range(1, 4)]
    sore = [Day(f"2026-11-0{i}", 5, frozenset({"long sitting"})) for i in range(4, 7)]
    lower = tag_comparisons(calm + sore)[0]
    assert lower.tag == "exercise" and "3.0 points lower than on days without it" in lower.summary("exercise")


def test_entries_make_days_on_the_persons_clock(log: PainLog) -> None:
    from dataclasses import replace

    late = datetime(2026, 11, 30, 23, 30, tzinfo=ZONE)  # 22:30 UTC: still the 30th where they were
    log.add(replace(new_entry([], 6, at=late), tags=("poor sleep",)))
    log.add(replace(new_entry([], 4, at=late - timedelta(hours=1)), tags=("stress",)))
    log.add(new_entry([], None, at=late + timedelta(hours=12)))
    days = days_of(log.entries())
    assert days == [
        Day("2026-11-30", 5.0, frozenset({"poor sleep", "stress"})),
        Day("2026-12-01", None, frozenset()),
    ]
