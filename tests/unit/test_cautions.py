"""Cautions before a technique: the technique's, the treated muscle's and the guards, each
said once (bodymap/core/cautions.py)."""

from __future__ import annotations

from bodymap.core.cautions import cautions_for, press_test_cautions, said_already
from bodymap.core.knowledge import load_knowledge
from bodymap.core.safety import load_safety
from bodymap.core.techniques import load_techniques

KNOWLEDGE = load_knowledge()
LIBRARY = load_techniques()
RULES = load_safety()


def test_the_muscles_caution_is_shown_unless_the_technique_says_it_already() -> None:
    scalenes = KNOWLEDGE["scalenes"]
    shown = cautions_for(LIBRARY["scalenes_finger_release"], [scalenes], RULES)
    artery = [c for c in shown if "artery" in c and "nerve bundle" in c]
    assert len(artery) == 1  # the technique's wording of the same warning
    levator = cautions_for(LIBRARY["ball_against_wall"], [KNOWLEDGE["levator_scapulae"]], RULES)
    assert KNOWLEDGE["levator_scapulae"].cautions[0] in levator
    heat = cautions_for(LIBRARY["heat_and_ice"], [scalenes], RULES)
    assert any("subclavian" in c for c in heat)  # a technique with no word of its own on it


def test_a_guard_that_the_muscle_caution_gives_is_not_repeated() -> None:
    digastric = cautions_for(LIBRARY["heat_and_ice"], [KNOWLEDGE["digastric"]], RULES)
    assert not any(c.startswith("Feel a pulse?") for c in digastric)


def test_no_caution_is_said_twice_anywhere() -> None:
    for technique in LIBRARY:
        for muscle_id in technique.muscles:
            shown = cautions_for(technique, [KNOWLEDGE[muscle_id]], RULES)
            assert len(set(shown)) == len(shown), (technique.id, muscle_id)
            muscle_said = [c for c in shown if c in KNOWLEDGE[muscle_id].cautions]
            for caution in muscle_said:
                before = shown[: shown.index(caution)]
                assert not said_already(caution, before), (technique.id, muscle_id, caution)


def test_every_muscle_caution_reaches_its_techniques_or_is_said_by_them() -> None:
    for technique in LIBRARY:
        for muscle_id in technique.muscles:
            shown = cautions_for(technique, [KNOWLEDGE[muscle_id]], RULES)
            for caution in KNOWLEDGE[muscle_id].cautions:
                assert caution in shown or said_already(caution, shown), (technique.id, caution)


def test_a_press_test_shows_the_muscles_cautions() -> None:
    assert press_test_cautions(KNOWLEDGE["scalenes"]) == list(KNOWLEDGE["scalenes"].cautions)
