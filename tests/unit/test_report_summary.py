"""The clinician report's numbers (core/report_summary.py), without Qt, on small logs whose
answers can be worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bodymap.core.painlog import Entry, LoggedMark, PainLog, PressAnswer, new_entry, new_session
from bodymap.core.report_summary import (
    Period,
    answers_that_matter,
    change_word,
    period_for,
    summarise,
    summary_of,
)

ZONE = timezone(timedelta(hours=1))
DAY1 = date(2026, 9, 1)


def at(day: int, hour: int = 9, zone: timezone = ZONE) -> datetime:
    """`day` days after 1 Sep 2026 (day 0), at `hour` on the person's clock."""
    moment = DAY1 + timedelta(days=day)
    return datetime(moment.year, moment.month, moment.day, hour, tzinfo=zone)


def entry(day: int, overall: int | None, hour: int = 9, **marks: int) -> Entry:
    return new_entry(
        [LoggedMark(region.replace("_L", ".left").replace("_R", ".right"), i) for region, i in marks.items()],
        overall=overall,
        at=at(day, hour),
    )


def test_places_are_ranked_by_how_often_times_how_much() -> None:
    """The review's complaint: a temple marked at 9 in 1 of 30 entries came first. Ranked by
    share × average, the daily knot at 5 comes first."""
    entries = [entry(d, 5, interscapular_L=5) for d in range(30)]
    entries[3] = entry(3, 8, interscapular_L=5, temple_L=9)
    summary = summary_of(Period(DAY1, DAY1 + timedelta(days=29)), entries, [])
    first, second = summary.places
    assert first.region == "interscapular.left" and (first.marked, first.share, first.mean) == (30, 1.0, 5.0)
    assert first.burden == 5.0
    assert second.region == "temple.left" and (second.marked, second.mean) == (1, 9.0)
    assert second.share == pytest.approx(1 / 30) and second.burden == pytest.approx(9 / 30)
    assert summary.often() == {"interscapular.left": 1.0, "temple.left": pytest.approx(1 / 30)}
    assert summary.average == {"interscapular.left": 5.0, "temple.left": 9.0}


def test_days_entries_and_overall_pain() -> None:
    entries = [
        entry(0, 4, hour=8, jaw_L=3),
        entry(0, 6, hour=20, jaw_L=5),
        entry(2, None, jaw_L=2),  # unrated: counted as an entry, not in the averages
        entry(5, 9, jaw_L=7),
        entry(6, 9, jaw_L=7),  # the same worst again: the first day it happened is named
    ]
    summary = summary_of(Period(DAY1, DAY1 + timedelta(days=9)), entries, [])
    assert (summary.period.days, summary.days_logged, summary.entries, summary.rated) == (10, 4, 5, 4)
    assert summary.mean_overall == pytest.approx((4 + 6 + 9 + 9) / 4)
    assert (summary.worst_overall, summary.worst_day) == (9, "2026-09-06")


def test_a_day_is_the_persons_own() -> None:
    """23:30 on 1 Sep at UTC+10 is 13:30 UTC: still 1 Sep for the person; and 00:30 on 2 Sep at
    UTC-5 is 05:30 UTC on 2 Sep, 2 Sep for them too. Two days, whatever the machine's zone."""
    east = timezone(timedelta(hours=10))
    west = timezone(timedelta(hours=-5))
    entries = [
        new_entry([LoggedMark("jaw.left", 3)], 3, at=datetime(2026, 9, 1, 23, 30, tzinfo=east)),
        new_entry([LoggedMark("jaw.left", 3)], 3, at=datetime(2026, 9, 2, 0, 30, tzinfo=west)),
    ]
    summary = summary_of(Period(DAY1, DAY1 + timedelta(days=1)), entries, [])
    assert summary.days_logged == 2


def test_the_start_the_end_and_each_places_change() -> None:
    """Three weeks: the first week's knot at 6 and a neck at 4, the last week's knot at 3 and a
    new jaw at 5; the middle week counts in the average only."""
    entries = [entry(d, 5, interscapular_L=6, neck_side_L=4) for d in range(7)]
    entries += [entry(d, 5, interscapular_L=8) for d in range(7, 14)]
    entries += [entry(d, 3, interscapular_L=3, jaw_R=5) for d in range(14, 21)]
    summary = summary_of(Period(DAY1, DAY1 + timedelta(days=20)), entries, [])
    assert summary.edge_days == 7
    assert summary.start == {"interscapular.left": 6.0, "neck_side.left": 4.0}
    assert summary.end == {"interscapular.left": 3.0, "jaw.right": 5.0}
    assert summary.average["interscapular.left"] == pytest.approx((6 + 8 + 3) / 3)
    changes = {c.region: c for c in summary.changes}
    assert (changes["interscapular.left"].start, changes["interscapular.left"].end) == (6.0, 3.0)
    assert changes["interscapular.left"].delta == -3.0
    assert changes["neck_side.left"].end is None and changes["neck_side.left"].delta == -4.0  # gone: better
    assert changes["jaw.right"].start is None and changes["jaw.right"].delta == 5.0  # new: worse
    assert [c.region for c in summary.changes] == ["jaw.right", "neck_side.left", "interscapular.left"]
    assert [change_word(c.delta) for c in summary.changes] == ["worse", "better", "better"]


@pytest.mark.parametrize(
    ("delta", "word"),
    [(-3.0, "better"), (-0.5, "better"), (-0.4, "same"), (0.0, "same"), (0.4, "same"), (0.5, "worse")],
)
def test_a_change_within_half_a_point_is_the_same(delta: float, word: str) -> None:
    assert change_word(delta) == word


def test_a_short_period_compares_its_halves_and_one_day_compares_nothing() -> None:
    four_days = [entry(d, 5, jaw_L=d) for d in range(4)]
    summary = summary_of(Period(DAY1, DAY1 + timedelta(days=3)), four_days, [])
    assert summary.edge_days == 2 and summary.start == {"jaw.left": 0.5} and summary.end == {"jaw.left": 2.5}
    one_day = [entry(0, 5, hour=8, jaw_L=4), entry(0, 4, hour=20, jaw_L=6)]
    summary = summary_of(Period(DAY1, DAY1), one_day, [])
    assert (summary.edge_days, summary.start, summary.end, summary.changes) == (0, {}, {}, [])
    assert summary.days_logged == 1 and summary.mean_overall == 4.5


def test_techniques_count_every_session_and_rate_the_completed_rated_ones() -> None:
    started = at(1)
    sessions = [
        new_session("scalenes_finger_release", "scalenes", "left", started, 90, True, 6, 3),
        new_session("scalenes_finger_release", "scalenes", "left", started, 90, True, 5, 4),
        new_session("scalenes_finger_release", "scalenes", "left", started, 90, False, 6, 2),  # stopped early
        new_session("heat_and_ice", "rhomboids", "left", started, 600, True, 4, 5),
        new_session("doorway_chest_stretch", "pectoralis_major", "left", started, 60, True),  # unrated
        new_session("doorway_chest_stretch", "pectoralis_major", "left", started, 60, True),
    ]
    tried = summary_of(Period(DAY1, DAY1 + timedelta(days=3)), [], sessions).tried
    assert [t.technique for t in tried] == [
        "scalenes_finger_release",
        "heat_and_ice",
        "doorway_chest_stretch",
    ]
    scalenes, heat, doorway = tried
    assert scalenes.sessions == 3 and scalenes.effect is not None
    assert (scalenes.effect.sessions, scalenes.effect.mean_change, scalenes.effect.better) == (2, -2.0, 2)
    assert scalenes.effect.spread == pytest.approx(2**0.5)
    assert heat.effect is not None and heat.effect.mean_change == 1.0
    assert doorway.sessions == 2 and doorway.effect is None


def test_press_test_findings_by_trigger_point() -> None:
    def tested(*answers: tuple[str, str]) -> Entry:
        found = tuple(PressAnswer(m, "left", f"{m}_tp", a) for m, a in answers)
        return Entry("x" * 32, at(0), None, tests=found)

    entries = [
        tested(("rhomboids", "yes"), ("scalenes", "no")),
        tested(("rhomboids", "yes"), ("scalenes", "tender"), ("levator_scapulae", "no")),
        tested(("rhomboids", "tender")),
    ]
    findings = summary_of(Period(DAY1, DAY1), entries, []).findings
    assert [(f.muscle, f.yes, f.tender, f.no, f.tested) for f in findings] == [
        ("rhomboids", 2, 1, 0, 3),
        ("scalenes", 0, 1, 1, 2),
        ("levator_scapulae", 0, 0, 1, 1),
    ]


def test_the_answers_that_matter_are_a_yes_a_not_sure_and_the_age() -> None:
    yes_no = ("yes", "no", "not sure")
    questions = [
        ("age", "Your age", ("under 20", "20 to 49", "50 to 54", "55 or over")),
        ("pregnant", "Are you pregnant?", yes_no),
        ("blood_thinners", "Blood thinners?", yes_no),
        ("recent_surgery", "Surgery?", yes_no),
    ]
    answers = {"age": "55 or over", "pregnant": "no", "blood_thinners": "yes", "recent_surgery": "not sure"}
    assert answers_that_matter(answers, questions) == [
        ("Your age", "55 or over"),
        ("Blood thinners?", "yes"),
        ("Surgery?", "not sure"),
    ]
    assert answers_that_matter({}, questions) == []


def test_a_period_read_from_the_log(tmp_path: Path) -> None:
    with PainLog(tmp_path / "log", backup_daily=False) as log:
        assert period_for(log) is None  # no entries: nothing to take the period's ends from
        for d in (0, 3, 9, 20):
            log.add(entry(d, d % 10, jaw_L=d % 10))
        log.add_session(new_session("heat_and_ice", "rhomboids", "left", at(2), 600, True, 5, 3))
        log.add_session(new_session("heat_and_ice", "rhomboids", "left", at(15), 600, True, 5, 9))
        whole = period_for(log)
        assert whole == Period(DAY1, DAY1 + timedelta(days=20))
        assert period_for(log, first=DAY1 + timedelta(days=3)) == Period(DAY1 + timedelta(days=3), whole.last)
        chosen = Period(DAY1 + timedelta(days=3), DAY1 + timedelta(days=9))
        summary = summarise(log, chosen)
        assert (summary.entries, summary.days_logged) == (2, 2)  # days 3 and 9, not 0 or 20
        assert summary.daily == [("2026-09-04", 3.0, 3), ("2026-09-10", 9.0, 9)]
        assert summary.tried == []  # the sessions of days 2 and 15 lie outside
        assert [t.sessions for t in summarise(log, whole).tried] == [2]
