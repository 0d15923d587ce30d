"""About you and the locks it sets: each contraindication, the "not sure" path, the
doctor-checked lock after an urgent warning, and the private file that remembers them."""

from __future__ import annotations

import copy
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodymap.core.errors import DataError
from bodymap.core.knowledge import load_knowledge
from bodymap.core.profile import (
    UNSURE,
    YES,
    DoctorCheck,
    Personal,
    PersonalStore,
    Profile,
    load_about_you,
    parse_about_you,
)
from bodymap.core.regions import load_catalog
from bodymap.core.safety import load_safety
from bodymap.core.session import DOCTOR_CHECK_DAYS, Session
from bodymap.core.techniques import KINDS, load_techniques
from bodymap.core.yamlio import load_yaml
from bodymap.resources import data_path
from tests.routines import FakeClock

ABOUT = load_about_you()
LIBRARY = load_techniques()
NECK_PRESSES = {
    "scalenes_finger_release",
    "sternocleidomastoid_pincer_release",
    "digastric_gentle_thumb_press",
}


def locked(answers: dict[str, str]) -> set[str]:
    profile = Profile(answers, asked=True)
    return {t.id for t in LIBRARY if ABOUT.verdict(t, profile)[0] == "locked"}


def test_every_rule_and_question_is_sourced_and_known() -> None:
    assert {q.id for q in ABOUT.questions} >= {
        "age", "pregnant", "blood_thinners", "stroke_tia", "carotid_or_fainting", "aneurysm",
        "osteoporosis", "recent_surgery", "poor_circulation",
    }  # fmt: skip
    for rule in ABOUT.rules:
        assert rule.sources and all(s.url.startswith("http") and s.used_for for s in rule.sources)
        assert all(s.grade in ("A", "B", "C") for s in rule.sources), rule.id
        assert any(s.grade == "A" for s in rule.sources), f"{rule.id} has no grade A source"
        assert any(rule.catches(t) for t in LIBRARY), f"{rule.id} locks nothing"


@pytest.mark.parametrize("answer", ["stroke_tia", "carotid_or_fainting"])
def test_a_stroke_or_narrowed_neck_arteries_lock_the_neck_presses_only(answer: str) -> None:
    found = locked({answer: YES})
    assert found == NECK_PRESSES
    assert "sternocleidomastoid_stretch" not in found  # the gentle stretches stay open


@pytest.mark.parametrize("answer", ["blood_thinners", "aneurysm", "pregnant", "recent_surgery"])
def test_the_deep_belly_press_is_locked_by_each_of_its_reasons(answer: str) -> None:
    found = locked({answer: YES})
    assert "iliopsoas_finger_release" in found
    assert "iliopsoas_kneeling_lunge_stretch" not in found


def test_heat_and_ice_with_poor_circulation_and_firm_balls_with_thin_bones() -> None:
    assert locked({"poor_circulation": YES}) == {"heat_and_ice"}
    bones = locked({"osteoporosis": YES})
    assert "rhomboids_ball_on_wall" in bones and "rhomboids_round_back_stretch" not in bones
    assert "scalenes_finger_release" not in bones  # light finger pressure stays open


def test_no_and_not_sure_lock_nothing_but_not_sure_says_why_first() -> None:
    assert locked({q.id: "no" for q in ABOUT.questions if "no" in q.choices}) == set()
    technique = LIBRARY["scalenes_finger_release"]
    verdict, rules = ABOUT.verdict(technique, Profile({"stroke_tia": UNSURE, "blood_thinners": "no"}))
    assert verdict == "unsure" and [r.id for r in rules] == ["neck_pressure_after_stroke"]
    verdict, _ = ABOUT.verdict(
        technique, Profile({"stroke_tia": "no", "carotid_or_fainting": "no", "blood_thinners": "no"})
    )
    assert verdict == "open"


@pytest.mark.parametrize("answer", ["pregnant", "recent_surgery"])
def test_a_raised_clot_risk_locks_presses_into_the_calf_and_thigh_not_their_stretches(answer: str) -> None:
    legs = locked({answer: YES})
    assert {
        "gastrocnemius_ball_under_calf",
        "soleus_ball_under_lower_calf",
        "hamstrings_ball_on_high_seat",
    } <= legs
    assert "gastrocnemius_wall_calf_stretch" not in legs and "hamstrings_towel_stretch" not in legs
    assert "rhomboids_ball_on_wall" not in legs  # the back is not a leg vein
    assert ABOUT.press_locked("soleus", Profile({answer: YES}))  # Find it does not ask to press there


def test_a_blood_thinner_keeps_every_press_open_but_says_first_to_press_lightly() -> None:
    thinners = Profile({**{q.id: "no" for q in ABOUT.questions if "no" in q.choices}, "blood_thinners": YES})
    presses = [t for t in LIBRARY if t.kind in ("pressure", "ball", "roller", "acupressure")]
    for technique in presses:
        verdict, _ = ABOUT.verdict(technique, thinners)
        heeded = [r.id for r in ABOUT.heeded(technique, thinners)]
        assert heeded == ["gentle_pressure_on_blood_thinners"], technique.id
        belly = technique.id in ("rectus_abdominis_finger_press", "iliopsoas_finger_release")
        assert verdict == ("locked" if belly else "open"), technique.id  # only the belly stays locked
    stretch = LIBRARY["rhomboids_round_back_stretch"]
    assert ABOUT.heeded(stretch, thinners) == [] and ABOUT.verdict(stretch, thinners)[0] == "open"
    assert not ABOUT.press_locked("rhomboids", thinners)  # Find it may still ask for a press
    assert ABOUT.heeded(LIBRARY["rhomboids_ball_on_wall"], Profile({"blood_thinners": "no"})) == []


def test_the_file_is_checked_strictly() -> None:
    raw = load_yaml(data_path("contraindications.yaml"))
    muscles = {m.id for m in load_knowledge()}
    techniques = {t.id for t in LIBRARY}
    for mutate, message in (
        (lambda d: d["rules"][0].update(when=["nosuch"]), "unknown 'nosuch'"),
        (lambda d: d["rules"][0].update(muscles=["nosuch"]), "unknown 'nosuch'"),
        (lambda d: d["rules"][0].update(colour="red"), "colour"),
        (lambda d: d["rules"][0].update(effect="warn"), "'warn' must be one of lock, caution"),
        (lambda d: [d["rules"][0].pop(k) for k in ("muscles", "kinds")], "muscles, kinds or techniques"),
        (lambda d: d["rules"][0].pop("sources"), "sources"),
        (lambda d: d["rules"][0]["sources"][0].pop("grade"), r"source #1: missing field 'grade'"),
        (lambda d: d["questions"].append(dict(d["questions"][1])), "used twice"),
    ):
        broken = copy.deepcopy(raw)
        mutate(broken)
        with pytest.raises(DataError, match=message):
            parse_about_you(broken, "contraindications.yaml", muscles, techniques, set(KINDS))


# -- in the session


class Wall:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def session_at(folder: Path, wall: Wall | None = None) -> Session:
    return Session(
        load_catalog(),
        load_knowledge,
        load_safety,
        load_techniques,
        checklist_seen=True,
        clock=FakeClock(),
        wall=wall or Wall(),
        about_you=load_about_you,
        personal=PersonalStore(folder),
    )


def test_a_locked_technique_is_listed_with_its_reason_and_cannot_open(tmp_path: Path) -> None:
    session = session_at(tmp_path)
    session.set_intensity("interscapular.left", 7)
    session.choose("scalenes:left")
    session.set_profile({"stroke_tia": YES})
    _, offers = session.treatments()
    lock = next(o.lock for o in offers if o.technique.id == "scalenes_finger_release")
    assert lock is not None and "stroke" in lock.reason and "stretches" in lock.instead
    refused: list[str] = []
    session.refused.connect(refused.append)
    assert session.open_routine("scalenes_finger_release") is None
    assert refused and "locked" in refused[0]
    # the answers are kept on the machine, privately, and read back by the next start
    assert session_at(tmp_path).profile.answers == {"stroke_tia": YES}
    if os.name == "posix":
        assert (tmp_path / "personal.json").stat().st_mode & 0o777 == 0o600


def test_an_unanswered_question_puts_its_reason_first(tmp_path: Path) -> None:
    session = session_at(tmp_path)
    cautions = session.cautions_first(LIBRARY["scalenes_finger_release"])
    assert [("stroke" in c, "blood thinner" in c) for c in cautions] == [(True, False), (False, True)]
    assert all("If this may apply to you" in c for c in cautions)
    # the question is quoted as asked, so its own brackets read as its own
    assert (
        "(\u201cDo you take a blood thinner (warfarin" in cautions[1]
        and "aspirin\u2026)?\u201d):" in cautions[1]
    )
    assert session.cautions_first(LIBRARY["rhomboids_round_back_stretch"]) == ()


def test_a_yes_to_a_caution_is_said_first_as_a_fact_not_a_maybe(tmp_path: Path) -> None:
    session = session_at(tmp_path)
    session.set_profile({"blood_thinners": YES, "stroke_tia": UNSURE})
    first, *rest = session.cautions_first(LIBRARY["scalenes_finger_release"])
    assert first.startswith("On a blood thinner") and "Press lightly" in first
    assert "If this may apply to you" not in first
    assert len(rest) == 1 and "stroke" in rest[0]  # the unanswered lock still follows
    assert session.lock(LIBRARY["scalenes_finger_release"]) is None


def urgent_chest(session: Session) -> None:
    session.set_intensity("upper_chest.left", 7)
    session.set_intensity("upper_arm_inner.left", 6)


def test_read_is_not_permission_to_press_where_an_urgent_warning_points(tmp_path: Path) -> None:
    wall = Wall()
    session = session_at(tmp_path, wall)
    urgent_chest(session)
    session.acknowledge()
    assert session.permissions().may_treat
    chest = LIBRARY["pectoralis_major_ball_on_wall"]
    back = LIBRARY["rhomboids_ball_on_wall"]
    assert session.lock(chest) is not None and session.lock(back) is None  # elsewhere stays open
    session.confirm_doctor_checked()
    assert session.lock(chest) is None
    # remembered, with its date, across starts
    again = session_at(tmp_path, wall)
    urgent_chest(again)
    again.acknowledge()
    assert again.lock(chest) is None
    # asked again when the pattern changes...
    again.set_intensity("jaw.left", 4)
    again.acknowledge()
    assert again.lock(chest) is not None
    # ...and after a while
    later = Wall()
    later.now = wall.now + timedelta(days=DOCTOR_CHECK_DAYS + 1)
    stale = session_at(tmp_path, later)
    urgent_chest(stale)
    stale.acknowledge()
    assert stale.lock(chest) is not None


def test_an_unreadable_personal_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "personal.json"
    path.write_text("{not json", encoding="utf-8")
    store = PersonalStore(tmp_path)
    assert store.load() == Personal()
    assert path.read_text(encoding="utf-8") == "{not json"
    checked = {"x": DoctorCheck(Wall().now.date(), frozenset())}
    store.save(Personal(Profile({"age": "55 or over"}, True), checked))
    assert store.load().profile.answers == {"age": "55 or over"}


def test_find_it_never_asks_for_a_press_that_is_locked(tmp_path: Path) -> None:
    session = session_at(tmp_path)
    session.set_profile({"stroke_tia": YES})
    session.set_intensity("interscapular.left", 7)
    assert session.start_search() and session.search is not None
    assert {t.muscle for t in session.search.left_out} == {"scalenes"}
    assert all(t.muscle != "scalenes" for t in session.search.tests)
    session.end_search()
    session.set_profile({"stroke_tia": "no"})
    session.start_search()
    assert session.search is not None and session.search.left_out == []


def test_find_it_does_not_press_where_a_read_urgent_warning_points(tmp_path: Path) -> None:
    session = session_at(tmp_path)
    urgent_chest(session)
    session.acknowledge()
    assert session.start_search() and session.search is not None
    flagged = {"upper_chest", "upper_arm_inner"}
    assert session.search.left_out and all(t.trigger_point.area in flagged for t in session.search.left_out)
    assert all(t.trigger_point.area not in flagged for t in session.search.tests)


def test_a_routine_opened_before_an_answer_locks_it_cannot_start(tmp_path: Path) -> None:
    session = session_at(tmp_path)
    session.set_intensity("interscapular.left", 7)
    session.choose("scalenes:left")
    routine = session.open_routine("scalenes_finger_release")
    assert routine is not None
    session.set_profile({"stroke_tia": YES})  # answered under Help while the player waits
    refused: list[str] = []
    session.refused.connect(refused.append)
    assert session.start_routine() is False and routine.run.started_at is None
    assert refused and "stroke" in refused[0]


def test_answers_that_cannot_be_saved_are_said_and_still_count(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    session = session_at(blocker / "data")  # the data folder cannot be made under a file
    said: list[str] = []
    session.refused.connect(said.append)
    session.set_profile({"stroke_tia": YES})
    assert said and "could not be saved" in said[0]
    assert session.lock(LIBRARY["scalenes_finger_release"]) is not None
