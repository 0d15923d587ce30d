"""Every safety rule has a source and a test: red flags from the map and the checklist, and the
guards during treatment (pressure check, over-treatment)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bodymap.core.errors import DataError
from bodymap.core.marking import Mark
from bodymap.core.painlog import new_session
from bodymap.core.regions import load_catalog
from bodymap.core.safety import load_safety, over_treatment, parse_safety, pressure_verdict
from bodymap.core.techniques import load_techniques
from bodymap.core.yamlio import load_yaml
from bodymap.resources import data_path

RULES = load_safety()
CATALOG = load_catalog()


def marks(*specs: str) -> list[Mark]:
    found = []
    for spec in specs:
        region, _, value = spec.partition("=")
        found.append(Mark(region, int(value or 5)))
    return found


def flagged(*specs: str, ticked: tuple[str, ...] = ()) -> list[str]:
    return [r.id for r in RULES.flags(marks(*specs), ticked)]


def test_every_rule_has_a_source_a_title_and_plain_advice() -> None:
    assert len(RULES) >= 15
    for rule in RULES:
        assert rule.sources and all(s.url.startswith("http") for s in rule.sources), rule.id
        assert rule.title and 20 <= len(rule.message) <= 600, rule.id


def test_every_source_is_graded_and_every_red_flag_rests_on_an_a_source() -> None:
    for rule in RULES:
        assert all(s.grade in ("A", "B", "C") for s in rule.sources), rule.id
        if rule.kind in ("regions", "checklist"):  # a red flag: clinical guidance, not practitioners
            assert any(s.grade == "A" for s in rule.sources), rule.id


def test_chest_pain_with_left_arm_and_jaw_is_urgent() -> None:
    found = RULES.flags(marks("upper_chest.left=8", "upper_arm_inner.left=6", "jaw.left=5"))
    assert [r.id for r in found] == ["chest_with_arm_jaw_or_back"]
    assert found[0].level == "urgent" and "emergency services" in found[0].message


@pytest.mark.parametrize(
    "partner", ["interscapular.right", "scapula_medial_border.left", "neck_side.right", "jaw.right"]
)
def test_chest_pain_with_upper_back_jaw_or_neck_is_urgent(partner: str) -> None:
    assert flagged("sternum.left=6", partner) == ["chest_with_arm_jaw_or_back"]


def test_chest_pain_alone_says_see_a_doctor_and_is_not_urgent() -> None:
    (rule,) = RULES.flags(marks("upper_chest.right=5"))
    assert rule.id == "chest_pain" and rule.level == "soon"
    assert flagged("upper_chest.right=5", "upper_arm_inner.right=5") == ["chest_pain"]  # not the left arm


def test_a_calm_knot_is_not_buried_in_warnings() -> None:
    assert flagged("interscapular.left=6") == []
    assert flagged("interscapular.left=7", "neck_side.left=5", "occiput.left=4", "scapula.left=3") == []


def test_a_mark_at_zero_raises_no_flag() -> None:
    assert flagged("upper_chest.left=0", "jaw.left=0") == []


def test_the_urgent_flag_stands_alone_on_the_map() -> None:
    # the chest rule that says "see a doctor" is covered by the urgent one
    assert flagged("upper_chest.left=8", "jaw.left=5") == ["chest_with_arm_jaw_or_back"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "checklist"], ids=lambda r: r.id)
def test_every_checklist_item_raises_its_flag_when_ticked(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.question
    assert flagged("interscapular.left=6", ticked=(rule.id,)) == [rule.id]


def test_the_checklist_covers_the_warning_signs() -> None:
    levels = {r.id: r.level for r in RULES.of_kind("checklist")}
    for urgent in ("stroke_signs", "sudden_severe_headache", "bladder_bowel"):
        assert levels[urgent] == "urgent"
    for soon in (
        "arm_numbness_or_weakness",
        "fever",
        "weight_loss",
        "recent_injury",
        "night_pain",
        "cancer_history",
    ):
        assert levels[soon] in ("soon", "urgent")
    assert "no_better_six_weeks" in levels


def test_flags_come_most_urgent_first() -> None:
    order = flagged("upper_chest.left=5", ticked=("weight_loss", "sudden_severe_headache"))
    assert order[0] == "sudden_severe_headache" and set(order[1:]) == {"chest_pain", "weight_loss"}


def test_the_guards_are_there() -> None:
    guards = {r.id for r in RULES.of_kind("guard")}
    assert {"pulse", "carotid", "tingling_numbness_sharp", "breath_holding", "pressure_check"} <= guards
    assert "carotid" in RULES["carotid"].message.lower()


def test_pressure_check_uses_the_techniques_stop_rule() -> None:
    scalenes = load_techniques()["scalenes_finger_release"]
    assert scalenes.pressure is not None
    too_strong, words = pressure_verdict(scalenes, scalenes.pressure.max + 1)
    assert too_strong and f"{scalenes.pressure.max} or less" in words and scalenes.stop_rule in words
    assert pressure_verdict(scalenes, scalenes.pressure.max) == (
        False,
        f"Good: stay between {scalenes.pressure.start} and {scalenes.pressure.max}.",
    )
    assert not pressure_verdict(scalenes, 0)[0]


def test_over_treatment_counts_the_days_sessions_against_the_limit() -> None:
    scalenes = load_techniques()["scalenes_finger_release"]
    limit = scalenes.frequency.max_per_day
    assert limit is not None
    now = datetime(2026, 11, 21, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    done = [
        new_session(scalenes.id, "scalenes", "left", now - timedelta(hours=h + 1), 300, True)
        for h in range(limit)
    ]
    assert over_treatment(scalenes, "scalenes", done[:-1], now) == ""
    warning = over_treatment(scalenes, "scalenes", done, now)
    assert f"{limit} times in the last 24 hours" in warning
    assert over_treatment(scalenes, "rhomboids", done, now) == ""  # another muscle


def test_over_treatment_waits_the_days_between_sessions() -> None:
    ball = load_techniques()["massage_ball_self_massage"]
    assert ball.frequency.min_days_between == 2
    now = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
    yesterday = [new_session(ball.id, "rhomboids", "left", now - timedelta(hours=20), 120, True)]
    warning = over_treatment(ball, "rhomboids", yesterday, now)
    assert "rest 2 days" in warning and "28 more hours" in warning
    three_days_ago = [new_session(ball.id, "rhomboids", "left", now - timedelta(days=3), 120, True)]
    assert over_treatment(ball, "rhomboids", three_days_ago, now) == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(level="panic"), r"field 'level'"),
        (lambda r: r["when"][0].append("elbow_middle"), r"unknown area or region 'elbow_middle'"),
        (lambda r: r.update(sources=[]), r"field 'sources'"),
        (lambda r: r["sources"][0].pop("grade"), r"source #1: missing field 'grade'"),
        (
            lambda r: r["sources"][0].update(grade="D"),
            r"source #1, field 'grade': 'D' must be one of A, B, C",
        ),
        (lambda r: r.update(when=[]), r"needs at least one group"),
    ],
)
def test_bad_rules_name_the_file_rule_and_field(change, message: str) -> None:  # type: ignore[no-untyped-def]
    raw = copy.deepcopy(load_yaml(data_path("safety.yaml")))
    change(raw["rules"][0])
    with pytest.raises(DataError, match=message):
        parse_safety(raw, "safety.yaml", set(CATALOG.areas), set(CATALOG.regions))


def test_guards_shown_before_a_technique_unless_its_cautions_say_them() -> None:
    from bodymap.core.safety import guards_for

    library = load_techniques()
    scalenes = library["scalenes_finger_release"]
    shown = [g.id for g in guards_for(RULES, scalenes)]
    assert "carotid" in shown  # the scalenes lie beside it; their cautions speak of "a large artery"
    said = " ".join([*scalenes.cautions, scalenes.stop_rule]).lower()
    assert "pulse" in said and "pulse" not in shown  # said once, not twice
    for technique in library:
        guards = [g.id for g in guards_for(RULES, technique)]
        own = " ".join([*technique.cautions, technique.stop_rule]).lower()
        if technique.kind in ("pressure", "ball", "roller", "acupressure"):
            # every pressing technique warns of a pulse and of tingling, in its own words or a guard's
            assert "pulse" in guards or "pulse" in own, technique.id
            assert "tingling_numbness_sharp" in guards or "tingling" in own or "numb" in own, technique.id
    assert [g.id for g in guards_for(RULES, library["rib_cage_breathing"])] == []
