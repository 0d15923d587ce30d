"""What works for you: the personal effect figures on a generated log whose true effects are
known, the order they give the techniques, and when to treat next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bodymap.core.effects import by_muscle, by_technique, personal_order
from bodymap.core.painlog import new_session
from bodymap.core.routine_text import next_treatment
from bodymap.core.techniques import load_techniques
from tools.make_demo_log import TRUE_EFFECTS, generate


def test_the_figures_recover_the_true_effects_of_a_generated_year() -> None:
    _, sessions = generate(days=365, per_day=3, seed=11)
    found = {e.key: e for e in by_technique(sessions)}
    assert set(found) == set(TRUE_EFFECTS)
    for technique, (_, effect, _) in TRUE_EFFECTS.items():
        figure = found[technique]
        assert figure.sessions >= 40
        # the demo clamps pain to 0-10 and rounds it, so allow a little either way
        assert figure.mean_change == pytest.approx(effect, abs=0.35), technique
        assert 0.6 <= figure.spread <= 1.4
    ranked = [e.key for e in by_technique(sessions)]
    assert ranked[0] == "scalenes_finger_release" and ranked[-1] == "rhomboids_ball_on_wall"
    muscles = {e.key: e for e in by_muscle(sessions)}
    assert (
        muscles["rhomboids"].sessions
        == found["heat_and_ice"].sessions + found["rhomboids_ball_on_wall"].sessions
    )


def test_sessions_without_both_ratings_are_left_out() -> None:
    now = datetime(2026, 11, 21, 9, tzinfo=UTC)
    sessions = [
        new_session("heat_and_ice", "rhomboids", "left", now, 600, True, 6, 4),
        new_session("heat_and_ice", "rhomboids", "left", now, 600, True, 6, None),
        new_session("heat_and_ice", "rhomboids", "left", now, 600, False, None, 3),
    ]
    (effect,) = by_technique(sessions)
    assert (effect.sessions, effect.mean_change, effect.spread, effect.better) == (1, -2.0, 0.0, 1)


def test_what_helped_comes_first_with_how_often() -> None:
    library = load_techniques()
    techniques = library.for_muscle("rhomboids")
    now = datetime(2026, 11, 21, 9, tzinfo=UTC)
    helped = [new_session("heat_and_ice", "rhomboids", "left", now, 600, True, 7, a) for a in (4, 5, 4, 7)]
    once = [new_session(techniques[0].id, "rhomboids", "left", now, 200, True, 7, 2)]
    ordered = personal_order(techniques, by_technique(helped + once), lambda t: t.id)
    first, note = ordered[0]
    assert first.id == "heat_and_ice" and note == "★ worked for you 3 of 4 times (-2.0 on average)"
    # one good session is not yet a pattern: it keeps its place, with its note
    assert dict((t.id, n) for t, n in ordered)[techniques[0].id].startswith("worked for you 1 of 1")
    assert [t.id for t, _ in ordered[1:]] == [t.id for t in techniques if t.id != "heat_and_ice"]


def test_when_to_treat_next_follows_the_frequency() -> None:
    library = load_techniques()
    now = datetime(2026, 11, 21, 9, tzinfo=UTC)  # a Saturday
    assert next_treatment(library["massage_ball_self_massage"], now).startswith(
        "Next time: Monday 23 November"
    )
    assert "up to 6 times a day" in next_treatment(library["scalenes_finger_release"], now)
    assert next_treatment(library["scalenes_finger_release"], now + timedelta(hours=1)).startswith(
        "Again later"
    )


def test_a_small_or_rare_benefit_is_not_starred() -> None:
    library = load_techniques()
    techniques = library.for_muscle("rhomboids")
    now = datetime(2026, 11, 21, 9, tzinfo=UTC)
    slight = [new_session("heat_and_ice", "rhomboids", "left", now, 600, True, 6, a) for a in (6, 6, 5, 6)]
    ordered = personal_order(techniques, by_technique(slight), lambda t: t.id)
    assert [t.id for t, _ in ordered] == [t.id for t in techniques]  # order kept
    assert (
        dict((t.id, n) for t, n in ordered)["heat_and_ice"] == "worked for you 1 of 4 times (-0.2 on average)"
    )
