"""The shipped techniques: every muscle covered, the seed techniques with their timings, and
strict checks that name the file, the technique and the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bodymap.core.errors import DataError
from bodymap.core.knowledge import load_knowledge
from bodymap.core.techniques import Technique, _from_data, load_techniques, parse_techniques
from bodymap.core.yamlio import load_yaml
from bodymap.resources import data_path

LIBRARY = load_techniques()
MUSCLES = set(load_knowledge().muscles)


def words(technique: Technique) -> str:
    """Everything a person reads about the technique, in lower case."""
    parts = [technique.summary, technique.stop_rule, *technique.cautions, *(s.text for s in technique.steps)]
    return " ".join(parts).lower()


def holds(technique: Technique) -> list[int]:
    return [s.seconds for s in technique.steps if s.timing == "hold"]


def test_every_muscle_has_a_technique() -> None:
    missing = [m for m in sorted(MUSCLES) if not LIBRARY.for_muscle(m)]
    assert missing == []


def test_every_technique_cites_a_source_and_is_timed() -> None:
    for technique in LIBRARY:
        assert technique.sources, technique.id
        assert all(s.url.startswith("http") for s in technique.sources)
        assert technique.steps and technique.total_seconds > 0, technique.id


def test_every_technique_source_is_graded() -> None:
    for technique in LIBRARY:
        assert all(s.grade in ("A", "B", "C") for s in technique.sources), technique.id


def test_every_technique_rests_on_an_a_or_b_source() -> None:
    # practitioner pages (grade C) only corroborate: each technique needs a reference page,
    # clinical guidance, a study or a named author restating Travell & Simons or Davies
    only_c = [t.id for t in LIBRARY if not any(s.grade in ("A", "B") for s in t.sources)]
    assert only_c == []


def test_scalene_release_holds_about_twelve_seconds_and_warns_of_a_pulse() -> None:
    scalenes = LIBRARY["scalenes_finger_release"]
    assert "scalenes" in scalenes.muscles and "fingers" in scalenes.equipment
    assert any(10 <= s <= 15 for s in holds(scalenes))
    said = words(scalenes)
    assert "pulse" in said and "collarbone" in said and "jaw" in said
    assert LIBRARY.for_muscle("scalenes")[0].id == "scalenes_finger_release"


def test_ball_against_a_wall_or_floor() -> None:
    ball = LIBRARY["ball_against_wall"]
    assert {"tennis_ball", "golf_ball"} & set(ball.equipment)
    assert {"wall", "floor"} & set(ball.equipment) or {"against_wall"} & set(ball.position)
    assert len(ball.muscles) >= 5  # for the points a hand cannot reach


def test_massage_ball_minutes_per_area_and_every_two_to_three_days() -> None:
    ball = LIBRARY["massage_ball_self_massage"]
    assert ball.frequency.min_days_between == 2
    # a couple of minutes on an area, never much more
    on_the_area = sum(s.seconds * s.reps + s.rest * (s.reps - 1) for s in ball.steps[1:])
    assert 60 <= on_the_area <= 180
    said = words(ball)
    assert "breath" in said and "tingling" in said and "numb" in said
    assert ball.pressure is not None and ball.pressure.start < ball.pressure.max


def test_foam_roller_thirty_seconds_three_times() -> None:
    roller = LIBRARY["foam_roller_trigger_point"]
    assert any(s.seconds == 30 and s.reps == 3 for s in roller.steps)


def test_acupressure_points() -> None:
    arm = LIBRARY["acupressure_upper_arm_cross"]
    assert any(s.seconds >= 60 for s in arm.steps if s.timing in ("hold", "seconds"))
    hand = LIBRARY["acupressure_hand_te3"]
    assert "knuckle" in " ".join(s.text for s in hand.steps).lower()


def test_shoulder_dislocates_stop_at_end_range() -> None:
    dislocates = LIBRARY["shoulder_dislocates_stick"]
    assert "stick" in dislocates.equipment and len(dislocates.steps) >= 3
    assert "range" in words(dislocates)


def test_breathing_rebound_relaxation_heat_and_ice() -> None:
    assert LIBRARY["rib_cage_breathing"].kind == "breathing"
    assert LIBRARY["rebound_relaxation"].kind == "relaxation"
    heat = LIBRARY["heat_and_ice"]
    said = words(heat)
    assert "48" in said and "72" in said and "asleep" in said


def test_the_start_up_cache_gives_back_the_same_techniques() -> None:
    from dataclasses import asdict

    assert _from_data([asdict(t) for t in LIBRARY]) == list(LIBRARY)


def _raw() -> dict[str, Any]:
    return copy.deepcopy(load_yaml(data_path("techniques.yaml")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.update(muscles=["scalene"]), r"field 'muscles': unknown muscle 'scalene'"),
        (lambda t: t.update(equipment=["kettlebell"]), r"field 'equipment': 'kettlebell' must be one of"),
        (lambda t: t.update(kind="magic"), r"field 'kind'"),
        (lambda t: t.pop("pressure"), r"field 'pressure': a pressure technique needs"),
        (lambda t: t.update(pressure={"start": 7, "max": 3}), r"pressure, field 'start': cannot be more"),
        (lambda t: t.update(sources=[]), r"field 'sources': needs at least one"),
        (lambda t: t["sources"][0].pop("grade"), r"source #1: missing field 'grade'"),
        (lambda t: t["sources"][0].update(grade="D"), r"source #1, field 'grade': 'D' must be one of"),
        (lambda t: t.update(colour="red"), r"unknown field 'colour'"),
        (lambda t: t["steps"][0].update(hold=5, seconds=5, strokes=5), r"step #1, field 'seconds'"),
        (lambda t: t.update(frequency={"text": "x", "min_days_between": -1}), r"min_days_between"),
    ],
)
def test_bad_data_names_file_technique_and_field(change: Any, message: str) -> None:
    raw = _raw()
    scalenes = next(t for t in raw["techniques"] if t["id"] == "scalenes_finger_release")
    change(scalenes)
    with pytest.raises(DataError, match=message) as caught:
        parse_techniques(raw, "techniques.yaml", MUSCLES)
    assert str(caught.value).startswith("techniques.yaml: technique 'scalenes_finger_release'")


def test_a_technique_id_used_twice_is_refused() -> None:
    raw = _raw()
    raw["techniques"].append(copy.deepcopy(raw["techniques"][0]))
    with pytest.raises(DataError, match="used twice"):
        parse_techniques(raw, "techniques.yaml", MUSCLES)
