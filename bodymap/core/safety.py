"""Knowing when not to help: red flags from the marked map and from a checklist, and the
guards that keep self-treatment within safe pressure and frequency.

`data/safety.yaml` (docs/safety-format.md) is checked on load like the other data files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from bodymap import resources
from bodymap.core import words
from bodymap.core.datacheck import ById, Checker, Source, identifier, read_yaml_file, sources
from bodymap.core.errors import DataError
from bodymap.core.marking import QUALITIES, Mark
from bodymap.core.regions import load_catalog
from bodymap.core.techniques import Technique

if TYPE_CHECKING:
    from bodymap.core.painlog import Session

Level = Literal["urgent", "soon", "caution"]
Kind = Literal["regions", "checklist", "guard"]
LEVELS: tuple[Level, ...] = ("urgent", "soon", "caution")
_KEYS = {"id", "kind", "level", "when", "at_least", "qualities", "question", "title", "message", "sources"}
_REQUIRED = {"id", "kind", "level", "title", "message", "sources"}


@dataclass(frozen=True)
class SafetyRule:
    id: str
    kind: Kind
    level: Level
    title: str
    message: str
    sources: tuple[Source, ...]
    when: tuple[tuple[str, ...], ...] = ()  # region rules: groups that need a marked area
    question: str = ""  # checklist: the box to tick; guard: the question asked
    at_least: int = 0  # region rules: how many groups need a mark (0: every group)
    # only marks that feel like one of these count (a checklist sign the map can show: tingling
    # or numbness in an arm raises the nerve advice as a tick would)
    qualities: tuple[str, ...] = ()

    def counted(self, marks: Iterable[Mark]) -> set[str]:
        """The marked regions this rule looks at: those with one of its qualities (whatever the
        pain: a numb hand may not hurt), or without qualities, every place that hurts."""
        if self.qualities:
            return {m.region for m in marks if set(m.qualities) & set(self.qualities)}
        return {m.region for m in marks if m.intensity > 0}

    def matches(self, marked: set[str]) -> bool:
        """True when enough groups (all, or `at_least`) have a marked region; `AREA` matches
        either side."""
        if not self.when:
            return False
        areas = {region.rsplit(".", 1)[0] for region in marked}
        hit = sum(any(item in marked or item in areas for item in group) for group in self.when)
        return hit >= (self.at_least or len(self.when))

    @property
    def line(self) -> str:
        """One line for `refer --json` and the like: level, title, what to do."""
        return f"{self.level}: {self.title}. {self.message}"


class SafetyRules(ById[SafetyRule]):
    def __init__(self, rules: list[SafetyRule]) -> None:
        super().__init__({r.id: r for r in rules})
        self.rules = rules

    def of_kind(self, kind: Kind) -> list[SafetyRule]:
        return [r for r in self.rules if r.kind == kind]

    def flags(self, marks: Iterable[Mark], ticked: Iterable[str] = ()) -> list[SafetyRule]:
        """The red flags that stand: from the map and from the ticked checklist, most urgent
        first. A rule that a more urgent one about the same map already covers is left out,
        so a calm case is never buried in warnings. A checklist sign with `when` is raised by
        the map too (marked qualities), as if ticked."""
        marks = list(marks)
        found = [r for r in self.rules if r.when and r.matches(r.counted(marks))]
        if any(r.level == "urgent" for r in found):
            found = [r for r in found if r.level == "urgent"]
        ticked = set(ticked)
        found += [r for r in self.of_kind("checklist") if r.id in ticked and r not in found]
        return sorted(found, key=lambda r: LEVELS.index(r.level))


def _rule(file: str, index: int, raw: object, areas: set[str], regions: set[str]) -> SafetyRule:
    label = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
    check = Checker(file, f"rule {label!r}", raw, _KEYS, _REQUIRED)
    rule_id = identifier(check, "id")
    kind = check.text("kind")
    if kind not in ("regions", "checklist", "guard"):
        raise check.fail("kind", f"{kind!r} must be regions, checklist or guard")
    level = check.text("level")
    if level not in LEVELS:
        raise check.fail("level", f"{level!r} must be one of {', '.join(LEVELS)}")
    groups: list[tuple[str, ...]] = []
    at_least = 0
    qualities: list[str] = []
    if kind == "checklist" and ("when" in check.raw) != ("qualities" in check.raw):
        raise check.fail("when", "a checklist sign is raised from the map by marked qualities: give both")
    if "qualities" in check.raw:
        if kind == "guard":
            raise check.fail("qualities", "only a regions or checklist rule counts marked qualities")
        for quality in check.items("qualities"):
            if quality not in QUALITIES:
                raise check.fail("qualities", f"{quality!r} must be one of {', '.join(QUALITIES)}")
            qualities.append(quality)
        if not qualities:
            raise check.fail("qualities", "give at least one quality, or leave the field out")
    if kind == "regions" or ("when" in check.raw and kind == "checklist"):
        for group in check.items("when"):
            if not isinstance(group, list) or not group:
                raise check.fail("when", "each group must be a non-empty list of areas")
            for item in group:
                if item not in areas and item not in regions:
                    raise check.fail("when", f"unknown area or region {item!r}")
            groups.append(tuple(group))
        if not groups:
            raise check.fail("when", "a regions rule needs at least one group of areas")
        if "at_least" in check.raw:
            at_least = check.whole("at_least", 1, len(groups))
    elif "when" in check.raw:
        raise check.fail("when", "only a regions or checklist rule has areas")
    elif "at_least" in check.raw:
        raise check.fail(
            "at_least", "only a regions rule (or a checklist sign with areas) counts groups of areas"
        )
    if kind == "checklist" and "question" not in check.raw:
        raise check.fail("question", "a checklist rule needs the question to tick")
    return SafetyRule(
        id=rule_id,
        kind=cast(Kind, kind),
        level=level,
        title=check.text("title"),
        message=check.text("message"),
        sources=sources(check, file, f"rule {rule_id!r}", graded=True),
        when=tuple(groups),
        question=check.text("question") if "question" in check.raw else "",
        at_least=at_least,
        qualities=tuple(qualities),
    )


def parse_safety(raw: object, file: str, areas: set[str], regions: set[str]) -> SafetyRules:
    if not isinstance(raw, dict) or set(raw) != {"rules"} or not isinstance(raw["rules"], list):
        raise DataError(f"{file}: expected one top-level key 'rules:' holding a list")
    rules: list[SafetyRule] = []
    for i, entry in enumerate(raw["rules"]):
        rule = _rule(file, i, entry, areas, regions)
        if any(r.id == rule.id for r in rules):
            raise DataError(f"{file}: rule {rule.id!r}, field 'id': used twice")
        rules.append(rule)
    return SafetyRules(rules)


@cache
def load_safety(path: Path | None = None) -> SafetyRules:
    path = path or resources.data_path("safety.yaml")
    if not path.is_file():
        raise DataError(f"{path.name}: missing")
    catalog = load_catalog()
    return parse_safety(read_yaml_file(path), path.name, set(catalog.areas), set(catalog.regions))


# -- guards during treatment

_PRESSING = {"pressure", "ball", "roller", "acupressure"}
# words by which a technique's own cautions already give a guard
_SAID_AS = {
    "carotid": ("carotid",),
    "pulse": ("pulse",),
    "tingling_numbness_sharp": ("tingling", "numb"),
    "breath_holding": ("breath",),
}
# muscles worked at the front or side of the neck, beside the carotid artery
_NEAR_CAROTID = {"sternocleidomastoid", "scalenes", "digastric"}


def guards_for(rules: SafetyRules, technique: Technique) -> list[SafetyRule]:
    """The guards to show before a technique: where pressure is used, a pulse, tingling or
    numbness, and holding the breath; beside the neck's front, the carotid too."""
    wanted: list[str] = []
    if technique.kind in _PRESSING:
        if _NEAR_CAROTID & set(technique.muscles):
            wanted.append("carotid")
        wanted += ["pulse", "tingling_numbness_sharp", "breath_holding"]
    elif technique.kind in ("stretch", "exercise"):
        wanted.append("tingling_numbness_sharp")
    said = " ".join([*technique.cautions, technique.stop_rule]).lower()
    # a guard the technique's own cautions already give is not said twice
    return [rules[g] for g in wanted if g in rules and not any(w in said for w in _SAID_AS[g])]


_PRESS_WORDS = "a technique that presses (" + ", ".join(sorted(_PRESSING)) + ")"
_GUARDED = {
    "carotid": f"before {_PRESS_WORDS} on the {', '.join(sorted(_NEAR_CAROTID))}, "
    "beside the front of the neck",
    "pulse": f"before {_PRESS_WORDS}",
    "tingling_numbness_sharp": f"before {_PRESS_WORDS}, a stretch or an exercise",
    "breath_holding": f"before {_PRESS_WORDS}",
    "pressure_check": "during a technique that uses pressure: the person's 0-10 answer is checked "
    "against that technique's limit",
    "over_treatment": "when a technique is started more often than its frequency allows, "
    "as the pain log shows",
}


def raised_by(rule: SafetyRule) -> str:
    """What raises a rule, in one line: its region groups, its checklist question, or for a
    guard, the treatment it guards."""
    if rule.kind == "regions":
        return _on_the_map(rule)
    if rule.kind == "checklist":
        ticked = f'ticked in the warning-signs checklist: "{rule.question}"'
        return f"{ticked}; or {_on_the_map(rule)}" if rule.when else ticked
    said = " (unless the technique's own cautions already say it)" if rule.id in _SAID_AS else ""
    return f"shown {_GUARDED.get(rule.id, 'during treatment')}{said}"


def _on_the_map(rule: SafetyRule) -> str:
    groups = " and ".join(f"[{', '.join(group)}]" for group in rule.when)
    felt = f" felt as {' or '.join(rule.qualities)}" if rule.qualities else ""
    if len(rule.when) == 1:
        return f"a mark{felt} on any of {groups}"
    if rule.at_least and rule.at_least < len(rule.when):
        return f"marks{felt} in at least {rule.at_least} of these groups: {groups.replace(' and ', ', ')}"
    return f"a mark{felt} in each of {groups}"


def pressure_verdict(technique: Technique, felt: int) -> tuple[bool, str]:
    """(too strong?, what to say) for the person's "how strong is it, 0-10?"."""
    pressure = technique.pressure
    if pressure is None:
        return False, "This technique needs no pressure: keep it gentle."
    if felt > pressure.max:
        stop = f" {technique.stop_rule}" if technique.stop_rule else ""
        return True, f"Too strong: ease off until it is {pressure.max} or less.{stop}"
    if felt < pressure.start:
        return False, f"That is light: you may press a little more, up to about {pressure.max}."
    return False, f"Good: stay between {pressure.start} and {pressure.max}."


def over_treatment(technique: Technique, muscle: str, sessions: Iterable[Session], now: datetime) -> str:
    """A warning when the log shows this muscle worked more often than the technique allows,
    or "" when starting now is within its frequency."""
    freq = technique.frequency
    same = [s for s in sessions if s.muscle == muscle and s.technique == technique.id]
    if freq.max_per_day is not None:
        today = [s for s in same if s.started > now - timedelta(days=1)]
        if len(today) >= freq.max_per_day:
            return (
                f"You have done this {len(today)} times in the last 24 hours; its limit is "
                f"{freq.max_per_day} a day ({freq.text}). Working a spot too often irritates it: "
                "give it a rest today."
            )
    if freq.min_days_between:
        recent = [s for s in same if s.started > now - timedelta(days=freq.min_days_between)]
        if recent:
            last = max(s.started for s in recent)
            wait = last + timedelta(days=freq.min_days_between) - now
            hours = max(1, round(wait.total_seconds() / 3600))
            return (
                f"You last did this {_ago(now - last)} ago; it should rest "
                f"{words.count(float(freq.min_days_between), 'day')} between sessions ({freq.text}). "
                f"Wait about {words.count(hours, 'more hour', 'more hours')}."
            )
    return ""


def _ago(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return words.count(round(hours), "hour") if hours < 48 else words.count(round(hours / 24), "day")
