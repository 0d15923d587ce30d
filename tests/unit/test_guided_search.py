"""The guided search: Bayes updates, the next test, undo, and 1,000 simulated people."""

from __future__ import annotations

import pytest

from bodymap.core.guided_search import MAX_CANDIDATES, OTHER, GuidedSearch, Step
from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import Mark
from bodymap.core.referral import ReferralEngine
from bodymap.core.regions import load_catalog
from tests import simulated_users

ENGINE = ReferralEngine(load_knowledge(), load_catalog())
KNOT = [Mark("interscapular.left", 7), Mark("scapula_medial_border.left", 5)]


def knot_search() -> GuidedSearch:
    return GuidedSearch(ENGINE.rank(KNOT, top=10))


def test_find_it_starts_from_the_rankings_own_probabilities() -> None:
    """What Likely sources shows is what Find it starts from; "something else" gets the rest."""
    ranked = ENGINE.rank(KNOT, top=10)
    search = GuidedSearch(ranked)
    searched = ranked[:MAX_CANDIDATES]
    assert {k: p for k, p in search.prior.items() if k != OTHER} == {
        f"{c.muscle.id}:{c.side}": c.probability for c in searched
    }
    assert search.prior[OTHER] == pytest.approx(1 - sum(c.probability for c in searched))
    assert sum(search.posterior().values()) == pytest.approx(1)
    leaders = [k for k, _ in search.ranking() if k != OTHER][:2]
    assert leaders == [f"{c.muscle.id}:{c.side}" for c in ranked[:2]]


def test_a_reproduction_raises_strongly_a_no_lowers_tender_a_little() -> None:
    search = knot_search()
    test = next(t for t in search.tests if t.key == "scalenes:left")
    before = search.posterior()["scalenes:left"]
    after = {a: search.posterior([Step(test, a)])["scalenes:left"] for a in ("yes", "tender", "no")}  # type: ignore[arg-type]

    def odds(p: float) -> float:
        return p / (1 - p)

    assert odds(after["yes"]) > 3 * odds(before)
    assert after["no"] < before / 3
    assert after["no"] < after["tender"] < before


def test_found_it_scalenes_left_in_a_few_presses() -> None:
    """The knot, with the scalenes as the real source: the person answers honestly."""
    search = knot_search()
    presses = []
    while not search.done:
        test = search.next_test()
        assert test is not None
        answer = "yes" if test.key == "scalenes:left" else "no"
        search.answer(test, answer)
        presses.append((test.key, answer))
    leader, p = search.leader()
    assert (leader.muscle.id, leader.side) == ("scalenes", "left") and search.found
    assert p >= 0.9 and len(presses) <= 3, presses


def test_undo_takes_back_the_last_answer() -> None:
    search = knot_search()
    first = search.next_test()
    assert first is not None
    start = search.posterior()
    search.answer(first, "yes")
    assert search.posterior() != start
    assert search.undo() is not None and search.posterior() == start and search.steps == []
    assert search.undo() is None


def test_the_next_test_never_repeats_and_runs_out() -> None:
    search = knot_search()
    seen = set()
    while (test := search.next_test()) is not None:
        assert (test.trigger_point.id, test.region) not in seen
        seen.add((test.trigger_point.id, test.region))
        search.answer(test, "tender")
    assert len(seen) == len(search.tests)


def test_how_to_press_says_which_hand_or_a_ball() -> None:
    search = knot_search()
    scalenes = next(t for t in search.tests if t.key == "scalenes:left")
    rhomboids = next(t for t in search.tests if t.key == "rhomboids:left")
    assert scalenes.how == "the fingers of your right hand" and scalenes.seconds == 12
    assert "tennis ball" in rhomboids.how


def test_a_thousand_simulated_people_are_found_within_four_presses() -> None:
    result = simulated_users.run(ENGINE, users=1000, seed=7, budget=4)
    print(f"\nguided search: {result}")
    assert result["guided_search_success"] >= 0.9
    assert result["guided_search_tests"] <= 4


def test_likely_sources_lists_as_many_muscles_as_find_it_tests() -> None:
    from bodymap.core.session import TOP_CANDIDATES

    assert TOP_CANDIDATES == MAX_CANDIDATES


def test_a_yes_is_never_none_of_these_even_with_something_else_ahead() -> None:
    # two places no one muscle explains: "something else" starts ahead of every muscle
    marks = [Mark("interscapular.left", 7), Mark("neck_shoulder_angle.left", 5)]
    search = GuidedSearch(ENGINE.rank(marks, top=MAX_CANDIDATES))
    while (test := search.next_test()) is not None and not search.done:
        search.answer(test, "yes" if test.key == "levator_scapulae:left" else "no")
    assert ("levator_scapulae:left", "yes") in [(s.test.key, s.answer) for s in search.steps]
    assert not search.none_of_these
    assert search.leader()[0].muscle.id == "levator_scapulae"
    search.steps = [s for s in search.steps if s.answer != "yes"]  # the same presses, all no
    assert search.ranking()[0][0] == OTHER and search.none_of_these
