"""Logging in one gesture: the last entry as today's map, a flare started and ended with one
button each, and context tags (long sitting, poor sleep, stress, exercise, the weather as the
person words it) saved with entries.

People leave pain diaries that take effort; these are the few taps a day worth keeping."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bodymap.core import words
from bodymap.core.errors import UserError
from bodymap.core.events import Signal
from bodymap.core.marking import Mark

if TYPE_CHECKING:
    from bodymap.core.painlog import Entry, Flare, PainLog

# The tags offered with a tick each when an entry is saved; any other may be typed (CLI --tag)
COMMON_TAGS = ("long sitting", "poor sleep", "stress", "exercise")
WEATHER = "weather: "  # the prefix of the free-text weather tag: "weather: cold and damp"
SUGGESTIONS_KEPT = 8  # weather words offered again, most recent first
WEATHER_LOOK_BACK = 200  # entries searched for them
LOOK_BACK = 30  # entries searched for the last one with marks (a rating alone copies nothing)

EMPTY_LOG = "Your pain log is empty: there is no last time to copy yet. Mark where it hurts and save it once."
NO_MARKS = "Your recent entries have no marked places to copy: mark where it hurts today."


# -- "Same as last time"
@dataclass(frozen=True)
class LastTime:
    marks: tuple[Mark, ...]
    at: datetime  # when that entry was saved, on the person's clock then


def last_time(log: PainLog) -> LastTime | None:
    """The latest entry that has marks, with how each place felt (an entry with only an overall
    rating is skipped, so "same as last time" copies the places, not an empty map), or None."""
    for entry in log.entries(limit=LOOK_BACK):
        if entry.marks:
            return LastTime(tuple(Mark(m.region, m.intensity, m.qualities) for m in entry.marks), entry.at)
    return None


def nothing_to_copy(log: PainLog) -> str:
    """Why "Same as last time" has nothing to put on the map, in one plain sentence."""
    return EMPTY_LOG if log.count() == 0 else NO_MARKS


def when_words(moment: datetime, now: datetime) -> str:
    """A saved moment as people say it: "today at 09:12", "yesterday at 21:40", "Mon 30 Nov at 08:05"."""
    days = (now.date() - moment.date()).days
    day = "today" if days == 0 else "yesterday" if days == 1 else f"{moment:%a %d %b}"
    return f"{day} at {moment:%H:%M}"


# -- flares
def duration_words(length: timedelta) -> str:
    """ "under a minute", "25 min", "2 h 05 min", "3 days 4 h": precise enough to compare flares."""
    minutes = max(0, int(length.total_seconds() // 60))
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return words.count(days, "day") + (f" {hours} h" if hours else "")


class Flares:
    """The flare going on now, if any, kept in the log (so it survives a restart): started and
    ended with one command each. `changed` tells the window to show the new state."""

    changed = Signal()

    def __init__(self, log: PainLog) -> None:
        self.log = log
        self.current: Flare | None = log.open_flare()

    def reload(self) -> bool:
        """Read the open flare again (a restored backup or an import may hold another); True
        when it is not the one shown."""
        found = self.log.open_flare()
        if found == self.current:
            return False
        self.current = found
        self.changed.emit()
        return True

    def start(self, at: datetime | None = None) -> Flare:
        """A flare starts now (a second press while one goes on keeps the first)."""
        if self.current is None:
            self.current = self.log.start_flare(at)
            self.changed.emit()
        return self.current

    def end(self, at: datetime | None = None) -> Flare:
        """The flare going on is over: its end (so its duration) is saved."""
        if self.current is None:
            raise UserError("no flare is going on")
        ended = self.log.end_flare(at)
        self.current = None
        self.changed.emit()
        return ended

    def status(self, now: datetime) -> str:
        """What the control says: how long the flare has lasted so far, or nothing."""
        flare = self.current
        if flare is None:
            return ""
        since = when_words(flare.started.astimezone(now.tzinfo), now)
        return f"Flare for {duration_words(flare.duration(now))} (since {since})"


@dataclass(frozen=True)
class FlareFigures:
    """A period's flares in a line: how many, and how long they typically last."""

    count: int
    ended: int
    median: timedelta | None  # of the ended ones
    longest: timedelta | None

    def summary(self) -> str:
        if not self.count:
            return "No flares in this period. Flare started / Flare over in the main window records one."
        said = words.count(self.count, "flare")
        if self.median is not None and self.longest is not None:
            typical, longest = duration_words(self.median), duration_words(self.longest)
            # one or two ended flares have no "typical" one: the shorter of two is not typical
            if self.ended == 1:
                said += f"; {'it' if self.count == 1 else 'the one that ended'} lasted {longest}"
            elif self.ended == 2:
                said += f"; the two that ended lasted {typical} and {longest}"
            else:
                said += f"; a typical one lasted {typical}, the longest {longest}"
        if self.ended < self.count:
            said += "; one is going on now"
        return said + "."


def flares_between(log: PainLog, since: datetime | None, until: datetime | None) -> list[Flare]:
    """The flares that started in a period (until excluded), the latest first."""
    found = [f for f in log.flares(since) if until is None or f.started < until]
    return sorted(found, key=lambda f: f.started, reverse=True)


def flare_figures(flares: Sequence[Flare], now: datetime) -> FlareFigures:
    import statistics  # here, not at start-up: it brings decimal and fractions (3 ms)

    lengths = [f.duration(now) for f in flares if f.ended is not None]
    return FlareFigures(
        count=len(flares),
        ended=len(lengths),
        median=statistics.median_low(lengths) if lengths else None,
        longest=max(lengths) if lengths else None,
    )


# -- context tags
_SPACES = re.compile(r"\s+")


def clean_tag(text: str) -> str:
    """A tag as it is kept: spaces trimmed and single, at most TAG_MAX characters, printable.
    Raises UserError (one sentence) for a tag that cannot be kept."""
    from bodymap.core.painlog import TAG_MAX  # the log loads after the window's first paint

    tag = _SPACES.sub(" ", text).strip()
    if not tag:
        raise UserError("a tag cannot be empty")
    if len(tag) > TAG_MAX:
        raise UserError(f"the tag {tag[:TAG_MAX]!r}… is longer than {TAG_MAX} characters: keep it short")
    if not tag.isprintable() or ";" in tag:  # ';' separates tags in the CSV export
        raise UserError(f"the tag {tag!r} has a character a tag cannot hold (a ';' or a control character)")
    return tag


def weather_tag(text: str) -> str | None:
    """The weather as the person words it ("cold and damp") as a tag, or None when left empty.
    Only their words: nothing is looked up, no place is asked for or kept."""
    words_given = _SPACES.sub(" ", text).strip()
    if words_given.lower().startswith(WEATHER.strip()):
        words_given = words_given[len(WEATHER.strip()) :].lstrip(" :")
    return clean_tag(WEATHER + words_given) if words_given else None


def entry_tags(ticked: Iterable[str], weather: str = "") -> tuple[str, ...]:
    """The tags of one entry: the ticked ones, then the weather; each once, in that order."""
    tags = [clean_tag(t) for t in ticked]
    extra = weather_tag(weather)
    if extra is not None:
        tags.append(extra)
    return tuple(dict.fromkeys(tags))


def tag_label(tag: str) -> str:
    """How a tag reads in a sentence: "poor sleep", "weather cold and damp"."""
    return tag.replace(WEATHER, "weather ", 1) if tag.startswith(WEATHER) else tag


def recent_weather(entries: Iterable[Entry]) -> list[str]:
    """The weather words of `entries` (newest first) to offer again as the person types: the
    latest first, the same words once whatever their case, at most SUGGESTIONS_KEPT. They come
    from the log itself, so nothing else needs keeping."""
    kept: dict[str, str] = {}
    for entry in entries:
        for tag in entry.tags:
            if tag.startswith(WEATHER):
                kept.setdefault(tag[len(WEATHER) :].casefold(), tag[len(WEATHER) :])
        if len(kept) >= SUGGESTIONS_KEPT:
            break
    return list(kept.values())[:SUGGESTIONS_KEPT]
