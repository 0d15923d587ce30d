"""About you: a short, optional profile, and the techniques its answers rule out.

`data/contraindications.yaml` (docs/contraindications-format.md) holds the questions and the
rules, checked on load like the other data files. The answers, and the dates on which a
doctor checked a flagged pain, live in `personal.json` in the person's data folder, beside
the log and as private (0600 in a 0700 folder), written atomically. A file that cannot be
read is left as it is and the app goes on as if nothing had been answered: an error is not
damage.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bodymap import resources
from bodymap.core.datacheck import ById, Checker, Source, identifier, read_yaml_file, sources
from bodymap.core.errors import DataError

if TYPE_CHECKING:
    from bodymap.core.techniques import Technique

YES, NO, UNSURE = "yes", "no", "not sure"
YES_NO: tuple[str, ...] = (YES, NO, UNSURE)
PERSONAL_FILE = "personal.json"
Verdict = Literal["locked", "unsure", "open"]
Effect = Literal["lock", "caution"]
EFFECTS: tuple[Effect, ...] = ("lock", "caution")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple[str, ...] = YES_NO


@dataclass(frozen=True)
class Contraindication:
    id: str
    when: tuple[str, ...]  # question ids: a "yes" to any applies the rule
    reason: str
    instead: str
    sources: tuple[Source, ...]
    muscles: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    # lock: a "yes" rules the technique out; caution: it stays open, the reason said first
    effect: Effect = "lock"

    def applies(self, profile: Profile) -> bool:
        """The person answered yes to one of its questions."""
        return any(profile.answer(q) == YES for q in self.when)

    def catches(self, technique: Technique) -> bool:
        if technique.id in self.techniques:
            return True
        pressing = not self.kinds or technique.kind in self.kinds
        if not self.muscles:  # kinds alone: every technique of those kinds, wherever it presses
            return bool(self.kinds) and pressing
        return pressing and bool(set(self.muscles) & set(technique.muscles))


@dataclass(frozen=True)
class Profile:
    """The person's answers: question id -> one of its choices. Missing means not asked."""

    answers: Mapping[str, str] = field(default_factory=dict)
    asked: bool = False  # the person has seen the questions once

    def answer(self, question: str) -> str:
        return self.answers.get(question, "")


class AboutYou(ById[Question]):
    def __init__(self, questions: list[Question], rules: list[Contraindication]) -> None:
        super().__init__({q.id: q for q in questions})
        self.questions = questions
        self.rules = rules

    def verdict(self, technique: Technique, profile: Profile) -> tuple[Verdict, list[Contraindication]]:
        """Locked (with the rules that lock it), unsure (rules whose question is unanswered or
        "not sure", to be said first), or open."""
        caught = [r for r in self.rules if r.catches(technique)]
        locking = [r for r in caught if r.effect == "lock" and r.applies(profile)]
        if locking:
            return "locked", locking
        unsure = [
            r
            for r in caught
            if not r.applies(profile) and any(profile.answer(q) in ("", UNSURE) for q in r.when)
        ]
        return ("unsure", unsure) if unsure else ("open", [])

    def heeded(self, technique: Technique, profile: Profile) -> list[Contraindication]:
        """Caution rules this person's answers make apply to the technique: it stays open,
        and their reason is said before it starts."""
        return [
            r for r in self.rules if r.effect == "caution" and r.catches(technique) and r.applies(profile)
        ]

    def press_locked(self, muscle: str, profile: Profile) -> bool:
        """A finger press on this muscle is ruled out for this person (Find it's press-tests)."""
        return any(
            r.effect == "lock"
            and r.applies(profile)
            and muscle in r.muscles
            and (not r.kinds or "pressure" in r.kinds)
            for r in self.rules
        )


_QUESTION_KEYS = {"id", "text", "choices"}
_RULE_KEYS = {"id", "when", "muscles", "kinds", "techniques", "effect", "reason", "instead", "sources"}


def parse_about_you(
    raw: object, file: str, muscles: set[str], techniques: set[str], kinds: set[str]
) -> AboutYou:
    if not isinstance(raw, dict) or set(raw) != {"questions", "rules"}:
        raise DataError(f"{file}: expected the top-level keys 'questions:' and 'rules:'")
    questions: list[Question] = []
    for i, entry in enumerate(raw["questions"] or []):
        label = entry.get("id", f"#{i + 1}") if isinstance(entry, dict) else f"#{i + 1}"
        check = Checker(file, f"question {label!r}", entry, _QUESTION_KEYS, {"id", "text"})
        qid = identifier(check, "id")
        if any(q.id == qid for q in questions):
            raise check.fail("id", "used twice")
        choices = check.texts("choices") if "choices" in check.raw else YES_NO
        questions.append(Question(qid, check.text("text"), choices))
    known = {q.id for q in questions}
    rules: list[Contraindication] = []
    for i, entry in enumerate(raw["rules"] or []):
        label = entry.get("id", f"#{i + 1}") if isinstance(entry, dict) else f"#{i + 1}"
        check = Checker(
            file, f"rule {label!r}", entry, _RULE_KEYS, {"id", "when", "reason", "instead", "sources"}
        )
        rid = identifier(check, "id")
        if any(r.id == rid for r in rules):
            raise check.fail("id", "used twice")
        when = check.texts("when")
        for field_name, values, allowed in (
            ("when", when, known),
            ("muscles", check.texts("muscles"), muscles),
            ("kinds", check.texts("kinds"), kinds),
            ("techniques", check.texts("techniques"), techniques),
        ):
            unknown = [v for v in values if v not in allowed]
            if unknown:
                raise check.fail(field_name, f"unknown {unknown[0]!r}")
        if not when:
            raise check.fail("when", "name at least one question")
        if not check.texts("muscles") and not check.texts("kinds") and not check.texts("techniques"):
            raise check.fail("muscles", "a rule needs muscles, kinds or techniques to apply to")
        effect = check.text("effect") if "effect" in check.raw else "lock"
        if effect not in EFFECTS:
            raise check.fail("effect", f"{effect!r} must be one of {', '.join(EFFECTS)}")
        rules.append(
            Contraindication(
                id=rid,
                when=when,
                reason=check.text("reason"),
                instead=check.text("instead"),
                sources=sources(check, file, f"rule {rid!r}", graded=True),
                muscles=check.texts("muscles"),
                kinds=check.texts("kinds"),
                techniques=check.texts("techniques"),
                effect="caution" if effect == "caution" else "lock",
            )
        )
    return AboutYou(questions, rules)


@cache
def load_about_you(path: Path | None = None) -> AboutYou:
    from bodymap.core.knowledge import load_knowledge
    from bodymap.core.techniques import KINDS, load_techniques

    path = path or resources.data_path("contraindications.yaml")
    if not path.is_file():
        raise DataError(f"{path.name}: missing")
    muscles = {m.id for m in load_knowledge()}
    techniques = {t.id for t in load_techniques()}
    return parse_about_you(read_yaml_file(path), path.name, muscles, techniques, set(KINDS))


# -- what the person has told us, kept on their machine


@dataclass(frozen=True)
class DoctorCheck:
    """The person said a doctor has checked the pain an urgent flag pointed at."""

    on: date
    regions: frozenset[str]  # the marked places the flag rose from, then


@dataclass(frozen=True)
class Personal:
    profile: Profile = Profile()
    doctor_checked: Mapping[str, DoctorCheck] = field(default_factory=dict)  # by safety rule id


class PersonalStore:
    """`personal.json` in the data folder: read once, written whole and atomically."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / PERSONAL_FILE

    def load(self) -> Personal:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Personal()
        except (OSError, ValueError):
            return Personal()  # unreadable: left untouched, answers asked again
        return _personal_from(raw)

    def save(self, personal: Personal) -> None:
        from bodymap.core.paths import ensure_private_dir

        folder = ensure_private_dir(self.path.parent)
        data = {
            "format": "bodymap-personal",
            "version": 1,
            "about_you": {"asked": personal.profile.asked, "answers": dict(personal.profile.answers)},
            "doctor_checked": {
                rule: {"on": check.on.isoformat(), "regions": sorted(check.regions)}
                for rule, check in personal.doctor_checked.items()
            },
        }
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".personal-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _personal_from(raw: object) -> Personal:
    """What can be read of a personal file; anything malformed counts as not answered."""
    if not isinstance(raw, dict):
        return Personal()
    about = raw.get("about_you")
    answers: dict[str, str] = {}
    asked = False
    if isinstance(about, dict):
        asked = about.get("asked") is True
        given = about.get("answers")
        if isinstance(given, dict):
            answers = {k: v for k, v in given.items() if isinstance(k, str) and isinstance(v, str)}
    checks: dict[str, DoctorCheck] = {}
    stored = raw.get("doctor_checked")
    if isinstance(stored, dict):
        for rule, value in stored.items():
            try:
                checks[str(rule)] = DoctorCheck(
                    date.fromisoformat(value["on"]), frozenset(str(r) for r in value["regions"])
                )
            except (TypeError, KeyError, ValueError):
                continue
    return Personal(Profile(answers, asked), checks)


def without_unknown(answers: Iterable[tuple[str, str]], about: AboutYou) -> dict[str, str]:
    """Only answers to known questions, among their choices."""
    return {q: a for q, a in answers if q in about and a in about[q].choices}
