"""The guided search: Bayes updates, the next test, undo, and 1,000 simulated people."""

from __future__ import annotations

from collections import Counter

import pytest

from bodymap.core.guided_search import RANK_COUNTS, GuidedSearch, Step
from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import Mark, parse_mark_specs
from bodymap.core.referral import ReferralEngine
from bodymap.core.regions import load_catalog
from bodymap.core.yamlio import load_yaml
from tests import simulated_users

ENGINE = ReferralEngine(load_knowledge(), load_catalog())
KNOT = [Mark("interscapular.left", 7), Mark("scapula_medial_border.left", 5)]


def knot_search() -> GuidedSearch:
    return GuidedSearch(ENGINE.rank(KNOT, top=10))


def test_the_prior_follows_the_ranking() -> None:
    search = knot_search()
    ranked = [k for k, _ in search.ranking()]
    assert ranked[0] == "rhomboids:left" and "scalenes:left" in ranked[:3]
    assert sum(search.prior.values()) == pytest.approx(1)


def test_a_reproduction_raises_strongly_a_no_lowers_tender_a_little() -> None:
    search = knot_search()
    test = next(t for t in search.tests if t.key == "scalenes:left")
    before = search.posterior()["scalenes:left"]
    after = {a: search.posterior([Step(test, a)])["scalenes:left"] for a in ("yes", "tender", "no")}  # type: ignore[arg-type]
    assert after["yes"] > 3 * before
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


def test_the_rank_prior_is_where_the_validation_cases_put_the_source() -> None:
    ranks: Counter[int] = Counter()
    for case in load_yaml(simulated_users.CASES)["cases"]:
        ranked = [c.muscle.id for c in ENGINE.rank(parse_mark_specs(case["marks"], load_catalog()), top=10)]
        first = case["expect"][0]
        ranks[ranked.index(first) + 1 if first in ranked else 99] += 1
    assert tuple(ranks[r] for r in range(1, 6)) == RANK_COUNTS[:5]
