"""The red flags of issue 13: the heart without chest pain, giant cell arteritis, neck-artery and
aortic dissection, spinal-cord compression, the smaller signs and a clot in the calf. Each is raised
by its trigger and not by near misses; `refer --json` and `safety --json` show them."""

from __future__ import annotations

import copy
import json

import pytest

from bodymap.app import main
from bodymap.core.errors import DataError
from bodymap.core.marking import Mark, parse_mark_specs
from bodymap.core.regions import load_catalog
from bodymap.core.safety import load_safety, parse_safety, raised_by
from bodymap.core.yamlio import load_yaml
from bodymap.resources import data_path

RULES = load_safety()
CATALOG = load_catalog()
HEART = "heart_without_chest_pain"


def flagged(*specs: str, ticked: tuple[str, ...] = ()) -> list[str]:
    return [r.id for r in RULES.flags(parse_mark_specs(list(specs), CATALOG), ticked)]


# ---------------------------------------------------------------- the heart without chest pain


@pytest.mark.parametrize(
    "specs",
    [
        ("upper_arm_inner.left=6", "jaw.left=5", "interscapular.left=6"),  # the case
        ("upper_arm_inner.left=6", "jaw.right=4"),
        ("elbow_inner.left=5", "interscapular.right=5"),
        ("ring_little.left=3", "throat=4"),
        ("jaw.left=5", "scapula_medial_border.left=6"),
        ("throat=5", "paraspinal_upper.right=5"),
    ],
)
def test_two_of_left_arm_jaw_and_upper_back_name_the_heart(specs: tuple[str, ...]) -> None:
    found = RULES.flags(parse_mark_specs(list(specs), CATALOG))
    assert [r.id for r in found] == [HEART]
    (rule,) = found
    assert rule.level == "soon"  # it informs, it does not lock a calm muscle case
    words = rule.message.lower()
    assert "heart attack" in words and "call emergency services now" in words
    for sign in ("new or unexplained", "breathlessness", "sweating", "feeling sick", "light-headed"):
        assert sign in words, sign


@pytest.mark.parametrize(
    "specs",
    [
        ("interscapular.left=6",),  # a lone knot between the shoulder blades
        ("interscapular.left=7", "scapula_medial_border.left=6", "paraspinal_upper.left=5"),  # one group
        ("upper_arm_inner.left=6", "upper_arm_front.left=5", "elbow_inner.left=4"),  # one group
        ("jaw.left=5", "throat=3"),  # one group
        ("upper_arm_inner.right=6", "interscapular.right=6"),  # the right arm
        ("neck_side.left=6", "interscapular.left=6"),  # side of the neck is not the throat
        ("shoulder_front.left=6", "scapula.left=5"),  # neighbours, not the groups
        ("upper_arm_inner.left=0", "jaw.left=0", "interscapular.left=6"),  # painless marks
    ],
)
def test_near_misses_do_not_raise_the_heart(specs: tuple[str, ...]) -> None:
    assert flagged(*specs) == []


def test_chest_with_arm_and_jaw_stays_urgent_and_stands_alone() -> None:
    found = RULES.flags(
        parse_mark_specs(["upper_chest.left=8", "upper_arm_inner.left=6", "jaw.left=5"], CATALOG)
    )
    assert [(r.id, r.level) for r in found] == [("chest_with_arm_jaw_or_back", "urgent")]


# ---------------------------------------------------------------- a clot in the calf


def test_a_marked_calf_asks_about_a_clot() -> None:
    assert flagged("calf.left=5") == ["calf_clot"]
    assert flagged("calf=5") == ["calf_clot"]
    rule = RULES["calf_clot"]
    assert rule.level == "soon"
    words = rule.message.lower()
    assert "clot" in words and "do not rub, press or roll" in words and "emergency services" in words


@pytest.mark.parametrize("near", ["thigh_back.left=5", "shin.right=5", "calf.left=0"])
def test_other_leg_areas_do_not_ask_about_a_clot(near: str) -> None:
    assert flagged(near) == []


# ---------------------------------------------------------------- the gallbladder


@pytest.mark.parametrize(
    "specs",
    [
        ("abdomen.right=6", "scapula.right=5"),
        ("abdomen.left=5", "scapula_lower_tip.right=4"),  # the middle of the upper tummy
        ("abdomen.right=7", "mid_back.right=3"),
    ],
)
def test_upper_tummy_with_right_shoulder_blade_pain_names_the_gallbladder(specs: tuple[str, ...]) -> None:
    assert flagged(*specs) == ["gallbladder"]
    rule = RULES["gallbladder"]
    assert rule.level == "soon"
    words = rule.message.lower()
    assert "gallstones" in words and "8 hours" in words and "yellow skin" in words


@pytest.mark.parametrize(
    "specs",
    [
        ("abdomen.right=6",),
        ("scapula.right=6",),
        ("abdomen.right=6", "scapula.left=5"),  # the left blade is not the gallbladder's
        ("interscapular.right=6", "scapula_medial_border.right=5"),  # the knot
    ],
)
def test_near_misses_do_not_name_the_gallbladder(specs: tuple[str, ...]) -> None:
    assert "gallbladder" not in flagged(*specs)


# ---------------------------------------------------------------- the checklist

URGENT = {
    "aortic_dissection": ("tearing", "between the shoulder blades", "Sudden"),
    "neck_artery_dissection": (
        "manipulation or massage",
        "double vision",
        "slurred speech",
        "swallowing",
        "falls",
    ),
    "spinal_cord_compression": ("clumsy", "walking", "both arms", "electric shocks"),
    "giant_cell_arteritis": ("over 50", "temple", "scalp", "chewing"),
    "pulmonary_embolism": (
        "Breathlessness that came on suddenly",
        "upper-back pain",
        "racing heart",
        "blood",
    ),
}
SOON = {
    "infection_risk": ("immune system", "inject drugs", "HIV", "tuberculosis"),
    "age_new_pain": ("under 20", "over 55"),
    "inflammatory_back_pain": ("morning stiffness", "30 minutes", "second half of the night"),
    "shingles": ("rash or blisters", "one side", "clothes brushing it hurt"),
    "polymyalgia_rheumatica": ("over 50", "both shoulders", "morning", "more than a week"),
}


@pytest.mark.parametrize(("rule_id", "words"), {**URGENT, **SOON}.items())
def test_each_new_sign_is_a_checklist_question_at_its_level(rule_id: str, words: tuple[str, ...]) -> None:
    rule = RULES[rule_id]
    assert rule.kind == "checklist"
    assert rule.level == ("urgent" if rule_id in URGENT else "soon")
    for word in words:
        assert word in rule.question, word
    assert flagged("interscapular.left=6", ticked=(rule_id,)) == [rule_id]
    assert rule_id not in flagged("interscapular.left=6", ticked=tuple((set(URGENT) | set(SOON)) - {rule_id}))


@pytest.mark.parametrize("rule_id", URGENT)
def test_urgent_signs_say_go_now(rule_id: str) -> None:
    words = RULES[rule_id].message.lower()
    assert "emergency" in words and ("now" in words or "today" in words)


def test_shingles_says_hands_off_the_rash_and_when_the_medicine_works() -> None:
    words = RULES["shingles"].message.lower()
    assert "do not press, rub or roll on the rash" in words and "within 3 days" in words
    assert "burning" not in RULES["shingles"].question.lower()  # a muscle can burn; a rash is not a muscle


def test_polymyalgia_rheumatica_points_to_the_giant_cell_arteritis_question() -> None:
    words = RULES["polymyalgia_rheumatica"].message.lower()
    assert "giant cell arteritis" in words and "today" in words and "will not settle it" in words
    assert RULES["giant_cell_arteritis"].level == "urgent"


def test_giant_cell_arteritis_makes_any_change_in_sight_an_emergency() -> None:
    words = RULES["giant_cell_arteritis"].message.lower()
    assert "today" in words and "sight" in words and "emergency" in words and "do not massage" in words


def test_neck_artery_dissection_says_hands_off_the_neck() -> None:
    assert (
        "do not press, massage, stretch or crack your neck" in RULES["neck_artery_dissection"].message.lower()
    )


def test_spinal_cord_signs_left_the_softer_arm_item() -> None:
    arm = RULES["arm_numbness_or_weakness"]
    assert arm.level == "soon" and "one arm" in arm.question
    assert "clumsy" not in arm.question and "walking" not in arm.question


def test_the_checklist_lists_every_emergency_before_the_rest() -> None:
    urgent = [r.id for r in RULES.of_kind("checklist") if r.level == "urgent"]
    assert set(URGENT) <= set(urgent)
    ticked = tuple(r.id for r in RULES.of_kind("checklist"))
    levels = [r.level for r in RULES.flags([], ticked)]
    assert levels == sorted(levels, key=("urgent", "soon", "caution").index)


# ---------------------------------------------------------------- properties of the whole file


def test_no_single_marked_region_or_area_raises_an_urgent_flag() -> None:
    for region in CATALOG.regions:
        assert all(r.level != "urgent" for r in RULES.flags([Mark(region, 10)])), region
    for area in CATALOG.areas:
        both = parse_mark_specs([f"{area}=10"], CATALOG)
        assert all(r.level != "urgent" for r in RULES.flags(both)), area


def test_no_single_region_names_the_heart() -> None:
    for region in CATALOG.regions:
        assert HEART not in [r.id for r in RULES.flags([Mark(region, 10)])], region


def test_every_rule_has_sources_with_title_url_and_use() -> None:
    for rule in RULES:
        assert rule.sources, rule.id
        for source in rule.sources:
            assert source.title and source.used_for, rule.id
            assert source.url.startswith(("http://", "https://")), rule.id


def test_what_raises_each_rule_is_said() -> None:
    assert raised_by(RULES[HEART]).startswith("marks in at least 2 of these groups: [upper_arm_inner.left")
    assert raised_by(RULES["chest_pain"]).startswith("a mark on any of [upper_chest")
    assert raised_by(RULES["chest_with_arm_jaw_or_back"]).startswith("a mark in each of [upper_chest")
    assert RULES["aortic_dissection"].question in raised_by(RULES["aortic_dissection"])
    assert "sternocleidomastoid" in raised_by(RULES["carotid"])
    for rule in RULES.of_kind("guard"):
        assert raised_by(rule) != "shown during treatment", rule.id  # every guard says what it guards


# ---------------------------------------------------------------- the file format: at_least


@pytest.mark.parametrize(
    ("rule_id", "change", "message"),
    [
        (HEART, lambda r: r.update(at_least=4), r"rule 'heart_without_chest_pain', field 'at_least'"),
        (HEART, lambda r: r.update(at_least=0), r"field 'at_least': must be a whole number from 1 to 3"),
        (HEART, lambda r: r.update(at_least="two"), r"field 'at_least'"),
        ("fever", lambda r: r.update(at_least=1), r"rule 'fever', field 'at_least': only a regions rule"),
        (HEART, lambda r: r.update(atleast=2), r"unknown field 'atleast'"),
    ],
)
def test_bad_at_least_names_the_file_rule_and_field(rule_id: str, change, message: str) -> None:  # type: ignore[no-untyped-def]
    raw = copy.deepcopy(load_yaml(data_path("safety.yaml")))
    change(next(r for r in raw["rules"] if r["id"] == rule_id))
    with pytest.raises(DataError, match=f"^safety.yaml: .*{message}"):
        parse_safety(raw, "safety.yaml", set(CATALOG.areas), set(CATALOG.regions))


def test_without_at_least_every_group_is_needed() -> None:
    raw = copy.deepcopy(load_yaml(data_path("safety.yaml")))
    heart = next(r for r in raw["rules"] if r["id"] == HEART)
    del heart["at_least"]
    rules = parse_safety(raw, "safety.yaml", set(CATALOG.areas), set(CATALOG.regions))
    two = parse_mark_specs(["upper_arm_inner.left=6", "jaw.left=5"], CATALOG)
    assert HEART not in [r.id for r in rules.flags(two)]
    three = parse_mark_specs(["upper_arm_inner.left=6", "jaw.left=5", "interscapular.left=6"], CATALOG)
    assert HEART in [r.id for r in rules.flags(three)]


# ---------------------------------------------------------------- the command line, in process


def refer_safety(capsys: pytest.CaptureFixture[str], *specs: str) -> list[str]:
    assert main(["refer", "--json", *specs]) == 0
    return list(json.loads(capsys.readouterr().out)["safety"])


def test_refer_names_the_heart_for_left_arm_jaw_and_upper_back(capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = refer_safety(capsys, "upper_arm_inner.left=6", "jaw.left=5", "interscapular.left=6")
    assert (
        line.startswith("soon: ") and "heart attack" in line and "call emergency services now" in line.lower()
    )


def test_refer_for_a_lone_knot_carries_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert refer_safety(capsys, "interscapular.left=6") == []


def test_refer_for_chest_arm_and_jaw_stays_urgent(capsys: pytest.CaptureFixture[str]) -> None:
    (line,) = refer_safety(capsys, "upper_chest.left=8", "upper_arm_inner.left=6", "jaw.left=5")
    assert line.startswith("urgent: ") and "emergency services" in line


def test_safety_json_lists_every_rule_with_what_raises_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["safety", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [r.id for r in RULES]
    by_id = {row["id"]: row for row in rows}
    for rule_id in URGENT:
        assert by_id[rule_id]["level"] == "urgent" and by_id[rule_id]["sources"], rule_id
    heart = by_id[HEART]
    assert heart["kind"] == "regions" and heart["at_least"] == 2 and len(heart["when"]) == 3
    assert by_id["giant_cell_arteritis"]["question"] == RULES["giant_cell_arteritis"].question
    for row in rows:
        assert {"id", "kind", "level", "title", "message", "raised_by", "sources"} <= set(row)
        assert all(set(s) == {"title", "url", "used_for", "grade"} for s in row["sources"])
        assert all(s["grade"] in ("A", "B", "C") for s in row["sources"])


def test_safety_text_is_a_readable_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["safety"]) == 0
    out = capsys.readouterr().out
    assert out.count("Raised by: ") == len(RULES) and out.count("Sources:") == len(RULES)
    assert "aortic_dissection  [checklist, urgent]" in out
    assert all(len(line) <= 200 for line in out.splitlines() if "http" not in line)
