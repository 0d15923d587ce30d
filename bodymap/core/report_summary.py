"""The clinician report's numbers for a chosen period, worked out without Qt: the period and
its days, the overall pain, the body at the start, at the end and on average, how often each
place was marked, the places ranked by how often × how much, the techniques tried and the
press-test findings. The report (ui/log/report.py) only lays them out.

A day is the person's own (the day on their clock when they saved, as the log keeps it)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from bodymap.core.effects import Effect, effects
from bodymap.core.painlog import Entry, PainLog, Session, local_day, now_local
from bodymap.core.quick_log import flare_figures, flares_between

# the start and the end of a period are its first and its last week of entries: long enough
# that one bad morning does not make the picture, short enough to show a change over 90 days
EDGE_DAYS = 7


@dataclass(frozen=True)
class Period:
    """Whole local days, `first` to `last` included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def since(self) -> datetime:
        return datetime(self.first.year, self.first.month, self.first.day).astimezone()

    def until(self) -> datetime:
        end = self.last + timedelta(days=1)
        return datetime(end.year, end.month, end.day).astimezone()

    def text(self) -> str:
        return f"{day_text(self.first)} – {day_text(self.last)}"


@dataclass(frozen=True)
class Place:
    """One region over the period."""

    region: str
    marked: int  # entries that marked it
    share: float  # of all entries in the period, 0..1
    mean: float  # its average intensity when marked
    burden: float  # share × mean: how often × how much, the ranking

    @property
    def worst_first(self) -> tuple[float, int, str]:
        return (-self.burden, -self.marked, self.region)


@dataclass(frozen=True)
class Change:
    region: str
    start: float | None  # average intensity in the first week (None: not marked then)
    end: float | None  # in the last week

    @property
    def delta(self) -> float:
        """End minus start, a place not marked counting as no pain there."""
        return (self.end or 0.0) - (self.start or 0.0)


@dataclass(frozen=True)
class Tried:
    """A technique used in the period: every session, and what the rated ones did."""

    technique: str
    sessions: int
    effect: Effect | None  # completed sessions rated before and after; None when there is none


@dataclass(frozen=True)
class Finding:
    """What pressing one trigger point found, over the period's Find it answers."""

    muscle: str
    side: str
    trigger_point: str
    yes: int  # pressing it brought on the familiar pain
    tender: int
    no: int

    @property
    def tested(self) -> int:
        return self.yes + self.tender + self.no


@dataclass(frozen=True)
class Summary:
    period: Period
    entries: int
    days_logged: int
    rated: int  # entries with an overall rating
    mean_overall: float | None
    worst_overall: int | None
    worst_day: str | None  # the local day of the worst rating (the first such day)
    places: list[Place]  # worst first by how often × how much
    average: dict[str, float]  # region -> average intensity over the period
    start: dict[str, float]  # region -> average intensity in the first week of entries
    end: dict[str, float]  # the same in the last week
    edge_days: int  # how many days "the start" and "the end" each cover (0: too short to compare)
    changes: list[Change]  # regions of either week, the largest change first
    tried: list[Tried]
    findings: list[Finding]
    daily: list[tuple[str, float, int]] = field(default_factory=list)  # (day, mean, worst): the chart
    flares: str = ""  # the period's flares in a sentence ("2 flares; a typical one lasted …")

    def often(self) -> dict[str, float]:
        """Region -> share of entries marking it: the "how often" map."""
        return {p.region: p.share for p in self.places}


def period_for(log: PainLog, first: date | None = None, last: date | None = None) -> Period | None:
    """The period asked for; a missing end is the log's own first or last day. None when the
    log has no entries to take a missing end from."""
    if first is None or last is None:
        newest = log.entries(limit=1)
        if not newest:
            if first is not None or last is not None:
                day = first or last
                assert day is not None
                return Period(day, day)
            return None
        oldest = next(log.stream_entries(oldest_first=True))
        first = first or date.fromisoformat(local_day(oldest.at))
        last = last or date.fromisoformat(local_day(newest[0].at))
    return Period(first, last)


def entries_in(log: PainLog, period: Period) -> list[Entry]:
    """The period's entries, newest first: those saved on its days by the person's clock then
    (read a day wider each side, since an entry keeps the offset it was saved in)."""
    wider = period.since() - timedelta(days=1), period.until() + timedelta(days=1)
    return [e for e in log.entries(*wider) if _inside(e.at, period)]


def summarise(log: PainLog, period: Period, entries: Sequence[Entry] | None = None) -> Summary:
    """Everything the report's first page says, for the entries and sessions in `period`
    (`entries`: entries_in(log, period), when read already)."""
    found = entries_in(log, period) if entries is None else entries
    wider = period.since() - timedelta(days=1)
    sessions = [s for s in log.sessions(wider) if _inside(s.started, period)]
    summary = summary_of(period, found, sessions, log.daily_overall(period.since(), period.until()))
    flares = flares_between(log, period.since(), period.until())
    if not flares:  # nothing to say to a clinician (History says how to record one)
        return summary
    return replace(summary, flares=flare_figures(flares, min(now_local(), period.until())).summary())


def summary_of(
    period: Period,
    entries: Sequence[Entry],
    sessions: Iterable[Session],
    daily: list[tuple[str, float, int]] | None = None,
) -> Summary:
    """The figures of `entries` (any order) and `sessions` in `period`."""
    by_day: dict[str, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(local_day(entry.at), []).append(entry)
    rated = [
        (local_day(e.at), e.overall) for e in sorted(entries, key=lambda e: e.at) if e.overall is not None
    ]
    worst = max((overall for _, overall in rated), default=None)
    days = sorted(by_day)
    edge = _edge_days(days)
    start: list[Entry] = []
    end: list[Entry] = []
    if edge:
        first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
        start = [e for d in days if date.fromisoformat(d) < first + timedelta(days=edge) for e in by_day[d]]
        end = [e for d in days if date.fromisoformat(d) > last - timedelta(days=edge) for e in by_day[d]]
    before, after = mean_intensity(start), mean_intensity(end)
    changes = [Change(r, before.get(r), after.get(r)) for r in sorted(set(before) | set(after))]
    changes.sort(key=lambda c: (-abs(c.delta), c.region))
    return Summary(
        period=period,
        entries=len(entries),
        days_logged=len(days),
        rated=len(rated),
        mean_overall=sum(o for _, o in rated) / len(rated) if rated else None,
        worst_overall=worst,
        worst_day=next((d for d, o in rated if o == worst), None),
        places=places(entries),
        average=mean_intensity(entries),
        start=before,
        end=after,
        edge_days=edge,
        changes=changes,
        tried=tried(sessions),
        findings=findings(entries),
        daily=list(daily or []),
    )


def _inside(moment: datetime, period: Period) -> bool:
    return period.first <= date.fromisoformat(local_day(moment)) <= period.last


def _edge_days(days: list[str]) -> int:
    """How many days the start and the end each cover: a week, or half the logged span when
    that is shorter, so that they never overlap; 0 when everything is on one day."""
    if len(days) < 2:
        return 0
    span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days + 1
    return min(EDGE_DAYS, span // 2)


def mean_intensity(entries: Iterable[Entry]) -> dict[str, float]:
    """Region -> its average intensity in the entries that marked it (as History's heat map)."""
    total, marked = _sums(entries)
    return {region: total[region] / n for region, n in marked.items()}


def _sums(entries: Iterable[Entry]) -> tuple[Counter[str], Counter[str]]:
    """Per region: the sum of its intensities, and how many entries marked it."""
    total: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    for entry in entries:
        for mark in entry.marks:
            total[mark.region] += mark.intensity
            marked[mark.region] += 1
    return total, marked


def places(entries: Sequence[Entry]) -> list[Place]:
    """Each region marked, worst first by how often × how much: the share of entries marking
    it times its average intensity then. A place marked at 9 in 3 % of entries ranks below a
    daily knot at 5."""
    total, marked = _sums(entries)
    found = [
        Place(region, n, n / len(entries), total[region] / n, total[region] / len(entries))
        for region, n in marked.items()
    ]
    return sorted(found, key=lambda p: p.worst_first)


def tried(sessions: Iterable[Session]) -> list[Tried]:
    """Each technique used, with every session counted; the rated effect where there is one.
    Those that helped most come first, then those never rated, most used first."""
    listed = list(sessions)
    used = Counter(s.technique for s in listed)
    rated = {e.key: e for e in effects(listed, lambda s: s.technique)}
    found = [Tried(t, n, rated.get(t)) for t, n in used.items()]
    return sorted(
        found,
        key=lambda t: (t.effect is None, t.effect.mean_change if t.effect else 0.0, -t.sessions, t.technique),
    )


def findings(entries: Iterable[Entry]) -> list[Finding]:
    """The press-tests of Find it, per trigger point and side: how often pressing it brought on
    the familiar pain, was only tender, or did nothing. Most often familiar first."""
    counts: dict[tuple[str, str, str], Counter[str]] = {}
    for entry in entries:
        for test in entry.tests:
            counts.setdefault((test.muscle, test.side, test.trigger_point), Counter())[test.answer] += 1
    found = [Finding(m, s, tp, c["yes"], c["tender"], c["no"]) for (m, s, tp), c in counts.items()]
    return sorted(found, key=lambda f: (-f.yes, -f.tender, -f.tested, f.muscle, f.side, f.trigger_point))


def answers_that_matter(
    answers: Mapping[str, str], questions: Iterable[tuple[str, str, tuple[str, ...]]]
) -> list[tuple[str, str]]:
    """(question, answer) for the "about you" answers a clinician should see: a yes, which may
    rule techniques out, a "not sure", and the answer to a question that is not yes-or-no (the
    age band). `questions` are (id, text, choices), in their order."""
    found = []
    for q, text, choices in questions:
        answer = answers.get(q)
        if answer and (answer in ("yes", "not sure") or "yes" not in choices):
            found.append((text, answer))
    return found


def day_text(day: date) -> str:
    """The day as "2 Dec 2026": no leading zero, on every platform."""
    return f"{day.day} {day:%b %Y}"


def change_word(delta: float) -> str:
    """Better, worse or the same, for a change in average intensity: less than half a point is
    the same (intensities are whole numbers; a half-point drift is noise)."""
    if math.isclose(delta, 0.0) or abs(delta) < 0.5:
        return "same"
    return "better" if delta < 0 else "worse"
