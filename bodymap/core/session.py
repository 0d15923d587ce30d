"""The application state: everything one visit to the app consists of, without Qt.

The marks and their undo history, the region being worked on, the ranked candidates and
the one shown, the Find it search and its answers, the red flags and what the person has
read, the warning-signs checklist, the routine in progress, and one `permissions()` answer.
Commands are plain methods; listeners hear of every change through signals (core/events.py; one
notification path, as napari's evented models). Widgets render what they are told.

The rules that used to be implicit:

- **Find it answers stay with the map** while the same regions are marked: a changed
  intensity keeps them, marking or unmarking a region (a new pattern) drops them. They are
  saved with the next log entry, and not again.
- **Marks are locked during a search**: the press-tests test the candidates of the map as
  it was when the search began. Marking, unmarking, intensities, clear, undo and redo are
  refused (with the reason) until the search is closed.
- **An urgent flag that stands unread gates treatment and Find it at every entry point**:
  no routine opens or starts and no search starts; one that appears while a search or a
  not-yet-finished routine is open ends it. A flag that goes and comes back must be read again.
- **A routine is completed** only when it ran to its end with every timed part done
  (`Summary.completed`); one stopped early or skipped through to its end is saved as not
  completed, and only completed sessions count towards "worked for you".
- **A routine's start** is the wall-clock moment Start was pressed, whatever pauses or time
  on the summary page follow.
- **About you locks techniques**: a "yes" that a rule of data/contraindications.yaml names
  locks the techniques it catches (they stay listed, with the reason and what to do instead);
  an unanswered or "not sure" question puts the rule's reason first among the cautions.
- **Urgent means urgent**: once an urgent warning from the map is read, techniques that press
  where it points (a muscle of theirs has a trigger point in a flagged area) stay locked until
  the person says a doctor has checked this pain. That is remembered with its date, for
  DOCTOR_CHECK_DAYS and while the flagged places stay the same; techniques elsewhere stay open.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bodymap.core.events import Signal
from bodymap.core.marking import (
    DEFAULT_INTENSITY,
    MAX_INTENSITY,
    MIN_INTENSITY,
    QUALITIES,
    Mark,
    Marking,
    check_qualities,
)
from bodymap.core.referral import Candidate, ReferralEngine, no_single_source, something_else
from bodymap.core.regions import RegionCatalog
from bodymap.core.undo import Changes, MarkStep, UndoHistory
from bodymap.core.why import second_source

if TYPE_CHECKING:  # the log, the countdown and Find it load with their first use
    from bodymap.core import painlog
    from bodymap.core.countdown import Clock, RoutineSession
    from bodymap.core.effects import Effect
    from bodymap.core.guided_search import Answer, GuidedSearch, PressTest
    from bodymap.core.knowledge import KnowledgeBase
    from bodymap.core.profile import AboutYou, Personal, PersonalStore, Profile
    from bodymap.core.safety import SafetyRule, SafetyRules
    from bodymap.core.techniques import Technique, TechniqueLibrary

WallClock = Callable[[], datetime]

# Likely sources lists as many muscles as Find it tests, so that its "something else" is the
# same number as Find it's
TOP_CANDIDATES = 6  # guided_search.MAX_CANDIDATES, not imported before the first paint
DOCTOR_CHECK_DAYS = 30  # a doctor's check counts this long; a changed pattern is asked again
NOT_WHILE_SEARCHING = "Close Find it first: the press-tests belong to the map as it is."
READ_THE_WARNING = "Read the warning at the top first: treatment and press-tests wait until you have."
NOTHING_TO_SEARCH = "Mark where it hurts first: Find it tests the likely sources of your pain."
ROUTINE_RUNNING = "Finish or stop the routine first."


def _now_local() -> datetime:
    from bodymap.core.painlog import now_local

    return now_local()


def candidate_key(candidate: Candidate) -> str:
    """How a candidate is named in the state and the views: "muscle:side"."""
    return f"{candidate.muscle.id}:{candidate.side}"


@dataclass(frozen=True)
class Permissions:
    """What the person may do now, and in plain words why not."""

    may_treat: bool
    may_search: bool
    why_not_treat: str = ""
    why_not_search: str = ""


@dataclass(frozen=True)
class Lock:
    """Why a technique cannot be started now, and what to do instead."""

    reason: str
    instead: str


@dataclass(frozen=True)
class Offer:
    """A technique offered for the shown candidate."""

    technique: Technique
    note: str = ""  # what it did for this person
    lock: Lock | None = None


@dataclass
class Routine:
    """A technique opened for a guided routine, and what it will record."""

    technique: Technique
    muscle: str
    side: str
    run: RoutineSession
    warning: str = ""  # e.g. worked too often already: said before the cautions

    @property
    def running(self) -> bool:
        from bodymap.core.countdown import SessionState

        return self.run.state in (SessionState.RUNNING, SessionState.PAUSED)


class Session:
    marks_changed = Signal(list)  # the regions whose mark changed
    current_changed = Signal(str)  # the region being worked on ("" for none)
    candidates_changed = Signal()  # the ranking, or which candidate is shown
    search_changed = Signal()  # Find it began, moved or ended
    safety_changed = Signal()  # flags, acknowledgements or the checklist
    routine_changed = Signal()  # a routine opened or closed
    permissions_changed = Signal(object)  # Permissions, when the answer changes
    refused = Signal(str)  # a command the rules turned away, and why
    entry_saved = Signal(object)  # painlog.Entry
    session_recorded = Signal(object)  # painlog.Session

    def __init__(
        self,
        catalog: RegionCatalog,
        knowledge: Callable[[], KnowledgeBase],
        safety: Callable[[], SafetyRules],
        techniques: Callable[[], TechniqueLibrary],
        *,
        ticked: Iterable[str] = (),
        checklist_seen: bool = False,
        clock: Clock = time.monotonic,
        wall: WallClock | None = None,
        about_you: Callable[[], AboutYou] | None = None,
        personal: PersonalStore | None = None,
    ) -> None:
        self.catalog = catalog
        # the data files are read when first needed (the first mark), not before the window shows
        self._knowledge = knowledge
        self._engine: ReferralEngine | None = None
        self._safety = safety
        self._techniques = techniques
        self.clock = clock
        self._wall = wall or _now_local
        self._marking = Marking()
        self._history = UndoHistory()
        self.current = ""
        self.candidates: list[Candidate] = []
        self.shown = ""  # key of the candidate shown on the map
        self.chosen = False  # the person picked it, rather than it simply being the best
        self.search: GuidedSearch | None = None
        self.search_test: PressTest | None = None  # the press to make now; None when it has ended
        self._keep_testing = False
        self.answers: tuple[painlog.PressAnswer, ...] = ()  # the last search's, for the next entry
        # what helps this person, worked out once per state of the log's session totals
        self._effects: tuple[object, list[Effect]] | None = None
        self._answers_for: frozenset[str] = frozenset()  # the marked regions they belong to
        # the candidate ("muscle:side") the last Find it found, while the same regions are marked
        self.found = ""
        self.ticked: set[str] = set(ticked)
        self.checklist_seen = checklist_seen
        self.flags: list[SafetyRule] = []
        self.acknowledged: set[str] = set()
        self.routine: Routine | None = None
        self.log: painlog.PainLog | None = None
        self._about_you = about_you
        self._store = personal
        self._personal: Personal | None = personal.load() if personal is not None else None
        self._permissions = self._compute_permissions()
        if self.ticked:  # a ticked sign stands from the start, before any mark
            self._update_flags()

    # ------------------------------------------------------------------ queries
    def marks(self) -> list[Mark]:
        return list(self._marking)

    def intensity(self, region: str) -> int | None:
        return self._marking.get(region)

    def qualities(self, region: str) -> tuple[str, ...]:
        """How it feels there (burning, tingling…), in QUALITIES' order; () when unmarked."""
        return self._marking.qualities(region)

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo and not self.marks_locked

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo and not self.marks_locked

    @property
    def undo_text(self) -> str:
        return self._history.undo_text

    @property
    def redo_text(self) -> str:
        return self._history.redo_text

    @property
    def marks_locked(self) -> bool:
        return self.search is not None

    def shown_candidate(self) -> Candidate | None:
        return self.candidate(self.shown)

    def candidate(self, key: str) -> Candidate | None:
        return next((c for c in self.candidates if candidate_key(c) == key), None)

    def urgent_unread(self) -> list[SafetyRule]:
        return [r for r in self.flags if r.level == "urgent" and r.id not in self.acknowledged]

    def permissions(self) -> Permissions:
        return self._permissions

    def techniques(self) -> TechniqueLibrary:
        return self._techniques()

    def safety_rules(self) -> SafetyRules:
        return self._safety()

    def engine(self) -> ReferralEngine:
        if self._engine is None:
            self._engine = ReferralEngine(self._knowledge(), self.catalog)
        return self._engine

    def muscle_names(self) -> dict[str, str]:
        return {m.id: m.name for m in self._knowledge()}

    def warm_up(self) -> None:
        """Read the knowledge the first mark will need, while nobody waits."""
        self.engine()
        self._techniques()
        self._safety()

    # ------------------------------------------------------------------ marks
    def toggle(self, region: str) -> bool:
        """Mark a region (at the default intensity) or unmark it."""
        if region in self._marking:
            return self.unmark(region)
        return self.mark(region)

    def mark(self, region: str, intensity: int = DEFAULT_INTENSITY) -> bool:
        label = self.catalog[region].label
        ok = self._change({region: self._with_intensity(region, intensity)}, f"Mark {label}")
        self.set_current(region)
        return ok

    def unmark(self, region: str) -> bool:
        if region not in self._marking:
            return False
        ok = self._change({region: None}, f"Unmark {self.catalog[region].label}")  # its qualities too
        self.set_current(region)
        return ok

    def set_intensity(self, region: str, intensity: int) -> bool:
        intensity = _clamp(intensity)
        if self._marking.get(region) == intensity:
            self.set_current(region)
            return True
        label = self.catalog[region].label
        ok = self._change({region: self._with_intensity(region, intensity)}, f"Set {label} to {intensity}")
        self.set_current(region)
        return ok

    def set_qualities(self, region: str, qualities: Iterable[str], text: str = "") -> bool:
        """How it feels there, as a whole (one undo step, `text` in the Edit menu); a region not
        yet marked is marked at the default intensity, as a wheel turn does."""
        wanted = check_qualities(qualities)
        now = self._marking.mark(region)
        if now is not None and now.qualities == wanted:
            self.set_current(region)
            return True
        intensity = DEFAULT_INTENSITY if now is None else now.intensity
        label = self.catalog[region].label
        said = ", ".join(wanted) if wanted else "no quality"
        ok = self._change({region: Mark(region, intensity, wanted)}, text or f"Set {label}: {said}")
        self.set_current(region)
        return ok

    def toggle_quality(self, region: str, quality: str) -> bool:
        """One quality on or off at a region (the side panel's toggles, the map's letter keys)."""
        now = set(self._marking.qualities(region))
        (quality,) = check_qualities([quality])
        label = self.catalog[region].label
        text = f"{label}: {'no longer ' if quality in now else ''}{quality}"
        now ^= {quality}
        return self.set_qualities(region, (q for q in QUALITIES if q in now), text)

    def step_intensity(self, region: str, steps: int) -> bool:
        """A wheel turn over a region: marks it if need be, then steps its intensity."""
        now = self._marking.get(region)
        return self.set_intensity(region, DEFAULT_INTENSITY if now is None else now + steps)

    def set_marks(self, marks: Iterable[Mark]) -> bool:
        return self._change({m.region: _clamped(m) for m in marks}, "Mark regions")

    def replace_marks(self, marks: Iterable[Mark], text: str = "Mark regions") -> bool:
        """The map becomes exactly `marks` (one undo step): e.g. "Start from my last entry"."""
        after: Changes = {m.region: None for m in self._marking}
        after.update({m.region: _clamped(m) for m in marks})
        return self._change(after, text)

    def clear(self) -> bool:
        if not len(self._marking):
            return False
        return self._change({m.region: None for m in self._marking}, "Clear all marks")

    def undo(self) -> bool:
        if self._refuse_while_searching():
            return False
        changes = self._history.undo()
        if changes is not None:
            self._apply(changes)
        return changes is not None

    def redo(self) -> bool:
        if self._refuse_while_searching():
            return False
        changes = self._history.redo()
        if changes is not None:
            self._apply(changes)
        return changes is not None

    def set_current(self, region: str) -> None:
        if region != self.current:
            self.current = region
            self.current_changed.emit(region)

    # ------------------------------------------------------------------ candidates
    def choose(self, key: str) -> None:
        """The person picks a candidate to see (and treat)."""
        if self.candidate(key) is None:
            return
        self.shown, self.chosen = key, True
        self.candidates_changed.emit()

    def treatments(self) -> tuple[str, list[Offer]]:
        """For the shown candidate: a heading, and its techniques with what each did for this
        person (those that helped first), each locked or not."""
        candidate = self.shown_candidate()
        if candidate is None:
            return "", []
        from bodymap.core.effects import effects_of_counts, personal_order

        side = "" if candidate.side == "both" else f", {candidate.side}"
        techniques = self._techniques().for_muscle(candidate.muscle.id)
        # summed by the store and kept until a session is written: a click does not read the log
        changes = self.log.session_changes() if self.log is not None else []
        if self._effects is None or self._effects[0] is not changes:  # the store keeps the same list
            by_technique = effects_of_counts((technique, change, n) for technique, _, change, n in changes)
            self._effects = (changes, by_technique)
        effects = self._effects[1]
        offers = [
            Offer(t, note, self.lock(t)) for t, note in personal_order(techniques, effects, lambda t: t.id)
        ]
        return f"Treat {candidate.muscle.name}{side}", offers

    # ------------------------------------------------------------------ about you
    @property
    def profile(self) -> Profile:
        from bodymap.core.profile import Profile

        return self._personal.profile if self._personal is not None else Profile()

    def about_you(self) -> AboutYou | None:
        return self._about_you() if self._about_you is not None else None

    def set_profile(self, answers: Mapping[str, str]) -> None:
        """The person's answers to About you (asked once, editable later); saved at once."""
        from bodymap.core.profile import Personal, Profile, without_unknown

        about = self.about_you()
        kept = without_unknown(answers.items(), about) if about is not None else dict(answers)
        current = self._personal or Personal()
        self._personal = replace(current, profile=Profile(kept, asked=True))
        self._save_personal()
        self.candidates_changed.emit()  # locks may have changed

    def lock(self, technique: Technique) -> Lock | None:
        """Why this technique may not start now: an answer in About you, or an urgent warning
        about the place it presses that no doctor has checked yet."""
        about = self.about_you()
        if about is not None:
            verdict, rules = about.verdict(technique, self.profile)
            if verdict == "locked":
                return Lock(" ".join(r.reason for r in rules), rules[0].instead)
        needed = self.doctor_check_needed()
        if needed and self._flagged_areas(needed) & self._pressed_areas(technique):
            rule = needed[0]
            return Lock(
                f'The warning "{rule.title}" points where this technique presses. A doctor should '
                "check this pain before you treat it yourself.",
                "Once a doctor has checked this pain, say so under the warning. Techniques "
                "elsewhere on the body stay open.",
            )
        return None

    def _press_forbidden(self, test: PressTest) -> bool:
        """Find it never asks for a press that a pressing technique on that muscle could not
        do for this person: About you rules it out, or an urgent warning points there."""
        if self.catalog[test.region].area in self._flagged_areas(self.doctor_check_needed()):
            return True
        about = self.about_you()
        return about is not None and about.press_locked(test.muscle, self.profile)

    def cautions_first(self, technique: Technique) -> tuple[str, ...]:
        """What this person's About you says of this technique, to read before starting: the
        caution rules their answers make apply, then the rules whose questions they did not
        answer, or answered "not sure"."""
        about = self.about_you()
        if about is None:
            return ()
        verdict, rules = about.verdict(technique, self.profile)
        if verdict == "locked":
            return ()
        heeded = tuple(f"{r.reason} {r.instead}" for r in about.heeded(technique, self.profile))
        return heeded + tuple(
            f"{r.reason} If this may apply to you ({_questions(about, r.when)}): {r.instead}" for r in rules
        )

    # ------------------------------------------------------------------ urgent means urgent
    def doctor_check_needed(self) -> list[SafetyRule]:
        """Urgent warnings from the map, read, whose pain no doctor has checked (lately, or
        since the pattern changed)."""
        return [
            r
            for r in self.flags
            if r.level == "urgent"
            and r.kind == "regions"
            and r.id in self.acknowledged
            and not self._doctor_checked(r)
        ]

    def confirm_doctor_checked(self) -> None:
        """The person says a doctor has checked the pain the read warnings point at."""
        from bodymap.core.profile import DoctorCheck, Personal

        needed = self.doctor_check_needed()
        if not needed:
            return
        today = self._wall().date()
        current = self._personal or Personal()
        checks = dict(current.doctor_checked)
        for rule in needed:
            checks[rule.id] = DoctorCheck(today, self._rule_regions(rule))
        self._personal = replace(current, doctor_checked=checks)
        self._save_personal()
        self.safety_changed.emit()
        self.candidates_changed.emit()

    def _doctor_checked(self, rule: SafetyRule) -> bool:
        check = self._personal.doctor_checked.get(rule.id) if self._personal is not None else None
        if check is None:
            return False
        fresh = (self._wall().date() - check.on).days <= DOCTOR_CHECK_DAYS
        return fresh and check.regions == self._rule_regions(rule)

    def _rule_regions(self, rule: SafetyRule) -> frozenset[str]:
        """The marked places a region rule rose from."""
        return frozenset(
            m.region
            for m in self._marking
            if m.intensity > 0
            and any(m.region in group or self.catalog[m.region].area in group for group in rule.when)
        )

    def _flagged_areas(self, rules: list[SafetyRule]) -> set[str]:
        """The areas of the marked places these warnings rose from."""
        return {self.catalog[r].area for rule in rules for r in self._rule_regions(rule)}

    def _pressed_areas(self, technique: Technique) -> set[str]:
        knowledge = self._knowledge()
        return {
            tp.area
            for muscle in technique.muscles
            if muscle in knowledge
            for tp in knowledge[muscle].trigger_points
        }

    def _save_personal(self) -> None:
        if self._store is None or self._personal is None:
            return
        try:
            self._store.save(self._personal)
        except OSError as exc:  # a full disk, a folder we may not write: said, not a crash
            why = exc.strerror or str(exc)
            self.refused.emit(f"Your answers could not be saved ({why}); they count until you close bodymap.")

    # ------------------------------------------------------------------ Find it
    def start_search(self) -> bool:
        allowed = self._permissions
        if not allowed.may_search:
            self.refused.emit(allowed.why_not_search)
            return False
        from bodymap.core.guided_search import GuidedSearch

        self.close_routine()
        self.search = GuidedSearch(self.candidates, not_pressed=self._press_forbidden)
        self._keep_testing = False
        self._search_moved()
        return True

    def answer(self, answer: Answer) -> bool:
        if self.search is None or self.search_test is None:
            return False
        self.search.answer(self.search_test, answer)
        self._keep_testing = False
        self._search_moved()
        return True

    def undo_answer(self) -> bool:
        if self.search is None or self.search.undo() is None:
            return False
        self._keep_testing = False
        self._search_moved()
        return True

    def test_more(self) -> None:
        """Go on testing after a result, while presses are left."""
        if self.search is not None:
            self._keep_testing = True
            self._search_moved()

    def end_search(self) -> None:
        if self.search is None:
            return
        self.search = None
        self.search_test = None
        self.search_changed.emit()
        self._update_permissions()

    def _search_moved(self) -> None:
        from bodymap.core import painlog

        search = self.search
        assert search is not None
        upcoming = search.next_test()
        finished = search.done and not (self._keep_testing and upcoming is not None)
        self.search_test = None if finished else upcoming
        self.answers = tuple(
            painlog.PressAnswer(s.test.muscle, s.test.side, s.test.trigger_point.id, s.answer)
            for s in search.steps
        )
        self._answers_for = frozenset(m.region for m in self._marking)
        self.found = candidate_key(search.leader()[0]) if search.found else ""
        self.search_changed.emit()
        self._update_permissions()

    # ------------------------------------------------------------------ safety
    def acknowledge(self) -> None:
        """The person has read the urgent warnings that stand now."""
        self.acknowledged |= {r.id for r in self.flags if r.level == "urgent"}
        self.safety_changed.emit()
        self._update_permissions()
        self.candidates_changed.emit()  # read, a warning from the map still locks where it points

    def set_ticked(self, ticked: Iterable[str]) -> None:
        """The warning-signs checklist, answered."""
        self.ticked = set(ticked)
        self.checklist_seen = True
        self._update_flags()

    def _update_flags(self) -> None:
        self.flags = self._safety().flags(self._marking, self.ticked)
        self.acknowledged &= {r.id for r in self.flags}  # a flag that comes back must be read again
        if self.urgent_unread():
            self.end_search()
            if self.routine is not None and not self.routine.run.over:
                self.close_routine()
        self.safety_changed.emit()
        self._update_permissions()

    # ------------------------------------------------------------------ routines
    def open_routine(self, technique_id: str, clock: Clock | None = None) -> Routine | None:
        """A technique ready to start, for the candidate it treats; None (and why) when an
        urgent warning stands unread."""
        allowed = self._permissions
        if not allowed.may_treat:
            self.refused.emit(allowed.why_not_treat)
            return None
        technique = self._techniques()[technique_id]
        lock = self.lock(technique)
        if lock is not None:
            self.refused.emit(f"{technique.name} is locked: {lock.reason}")
            return None
        self.end_search()
        self.close_routine()
        shown = self.shown_candidate()
        if shown is None or shown.muscle.id not in technique.muscles:
            match = next((c for c in self.candidates if c.muscle.id in technique.muscles), None)
            if match is not None:
                self.choose(candidate_key(match))
                shown = match
        if shown is not None and shown.muscle.id in technique.muscles:
            muscle, side = shown.muscle.id, shown.side
        else:
            muscle, side = technique.muscles[0], "both"
        from bodymap.core.countdown import RoutineSession

        run = RoutineSession(technique, clock or self.clock)
        self.routine = Routine(technique, muscle, side, run, self._over_treatment(technique, muscle))
        self.routine_changed.emit()
        self._update_permissions()
        return self.routine

    def start_routine(self) -> bool:
        """Start the open routine, unless the rules say not now."""
        routine = self.routine
        if routine is None:
            return False
        if not self._permissions.may_treat:
            self.refused.emit(self._permissions.why_not_treat)
            return False
        lock = self.lock(routine.technique)
        if lock is not None:
            self.refused.emit(f"{routine.technique.name} is locked: {lock.reason}")
            return False
        routine.run.start()
        self._update_permissions()
        return True

    def finish_routine(self, pain_before: int | None, pain_after: int | None) -> painlog.Session | None:
        """Record the routine that ran (once): to the log when one is open. None when it
        never started."""
        from bodymap.core import painlog

        routine = self.routine
        if routine is None or routine.run.started_at is None:
            return None
        summary = routine.run.summary()
        if summary.seconds <= 0:
            return None
        # the wall-clock moment Start was pressed: elapsed time on the clock, pauses included
        started = self._wall() - timedelta(seconds=routine.run.since_start())
        record = painlog.new_session(
            routine.technique.id,
            routine.muscle,
            routine.side,
            started,
            round(summary.seconds, 1),
            summary.completed,
            pain_before,
            pain_after,
        )
        if self.log is not None:
            self.log.add_session(record)
        self.routine = None  # recorded: nothing more to record for it
        self.session_recorded.emit(record)
        self.routine_changed.emit()
        self._update_permissions()
        return record

    def close_routine(self) -> None:
        """Leave the routine, stopping it if it runs. One that ran and was not yet recorded
        (with the person's ratings, by finish_routine) is recorded now, unrated."""
        routine = self.routine
        if routine is None:
            return
        routine.run.stop()
        if routine.run.started_at is not None and self.finish_routine(None, None) is not None:
            return
        self.routine = None
        self.routine_changed.emit()
        self._update_permissions()

    def _over_treatment(self, technique: Technique, muscle: str) -> str:
        if self.log is None:
            return ""
        from bodymap.core.safety import over_treatment

        now = self._wall()
        return over_treatment(technique, muscle, self.log.sessions(now - timedelta(days=31)), now)

    # ------------------------------------------------------------------ the log
    def attach_log(self, log: painlog.PainLog | None) -> None:
        self.log = log
        self.candidates_changed.emit()  # what helped may reorder the techniques

    def save_entry(
        self,
        overall: int | None,
        note: str = "",
        qualities: Mapping[str, str] | None = None,
        tags: Sequence[str] = (),  # what the day was like: "poor sleep", "weather: cold"…
    ) -> painlog.Entry:
        """Save the marks (with how each feels, as set on the map) and the Find it answers that
        belong to them. `qualities`: one more quality per region, as a save dialog may ask."""
        from bodymap.core import painlog

        if self.log is None:
            raise painlog.LogError("no pain log is open")
        asked = qualities or {}
        logged = [
            painlog.LoggedMark(
                m.region, m.intensity, check_qualities([*m.qualities, *filter(None, [asked.get(m.region)])])
            )
            for m in self._marking
        ]
        entry = painlog.new_entry(logged, overall, note, self._wall())
        entry = self.log.add(replace(entry, tests=self.answers, tags=tuple(tags)))
        self.answers = ()  # saved with this entry, not again
        self.entry_saved.emit(entry)
        return entry

    # ------------------------------------------------------------------ internals
    def _refuse_while_searching(self) -> bool:
        if self.marks_locked:
            self.refused.emit(NOT_WHILE_SEARCHING)
            return True
        return False

    def _with_intensity(self, region: str, intensity: int) -> Mark:
        """The region's mark at a new intensity: how it feels there stays."""
        return Mark(region, _clamp(intensity), self._marking.qualities(region))

    def _change(self, after: Changes, text: str) -> bool:
        if self._refuse_while_searching():
            return False
        before = {region: self._marking.mark(region) for region in after}
        if before == after:
            return True
        self._history.push(MarkStep(text, before, dict(after)))
        self._apply(after)
        return True

    def _apply(self, changes: Changes) -> None:
        for region, mark in changes.items():
            self._marking.put(region, mark)
        if frozenset(m.region for m in self._marking) != self._answers_for:
            self.answers = ()  # a new pattern: earlier answers no longer belong to it
            self.found = ""
        self.marks_changed.emit(list(changes))
        self._update_flags()  # first: which techniques are locked depends on the flags
        self._rerank()

    @property
    def something_else(self) -> float:
        """The probability that none of the listed muscles is the source: another cause, or a
        muscle further down (what Find it starts "something else" from)."""
        return something_else(self.candidates) if self.candidates else 0.0

    @property
    def found_leaves(self) -> str:
        """Once Find it has ended on a muscle (found, or the likeliest): what it says about
        marked places that muscle does not account for ("" when it accounts for all of them, or
        the search goes on or ended on none of these)."""
        search = self.search
        if search is None or self.search_test is not None or search.none_of_these:
            return ""
        leader = search.leader()[0]
        return second_source(self.catalog, leader.unexplained(m.region for m in self.marks()))

    @property
    def no_single_source(self) -> bool:
        """No listed muscle accounts for every marked place: the pain may have several sources."""
        return no_single_source(self.candidates, (m.region for m in self.marks()))

    def _rerank(self) -> None:
        marks = self.marks()
        self.candidates = self.engine().rank(marks, top=TOP_CANDIDATES) if marks else []
        keys = [candidate_key(c) for c in self.candidates]
        # follow the best candidate unless the person picked one that is still listed
        if not self.chosen or self.shown not in keys:
            self.shown = keys[0] if keys else ""
            self.chosen = False
        self.candidates_changed.emit()
        self._update_permissions()

    def _compute_permissions(self) -> Permissions:
        urgent = bool(self.urgent_unread())
        why_not_treat = READ_THE_WARNING if urgent else ""
        if urgent:
            why_not_search = READ_THE_WARNING
        elif not self.candidates:
            why_not_search = NOTHING_TO_SEARCH
        elif self.routine is not None and self.routine.running:
            why_not_search = ROUTINE_RUNNING
        else:
            why_not_search = ""
        return Permissions(not why_not_treat, not why_not_search, why_not_treat, why_not_search)

    def _update_permissions(self) -> None:
        now = self._compute_permissions()
        if now != self._permissions:
            self._permissions = now
            self.permissions_changed.emit(now)


def _clamp(intensity: int) -> int:
    return max(MIN_INTENSITY, min(MAX_INTENSITY, intensity))


def _clamped(mark: Mark) -> Mark:
    return Mark(mark.region, _clamp(mark.intensity), check_qualities(mark.qualities))


def _questions(about: AboutYou, ids: tuple[str, ...]) -> str:
    """The About you questions as asked, quoted: a question's own brackets then read as its own
    ('(“Do you take a blood thinner (warfarin…)?”)', not '(Do you take … (warfarin…))')."""
    return " or ".join(f"\u201c{about[q].text}\u201d" for q in ids if q in about)
