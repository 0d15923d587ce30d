"""Simulated people for the guided search: a true source muscle and noisy answers.

Each person has one of the referenced pain patterns of the validation file
(tests/data/referral_cases.yaml) whose main pain is in the head, neck, shoulder or upper back,
and its true source is one of the muscles the reference names for it (among the search's
candidates). They answer each press-test the way people do: the true source's point usually
brings on the pain but is sometimes missed, a neighbour pressed in the same place may reach
it, and other muscles are sometimes just tender or, rarely, seem to reproduce it. These
numbers are not the search's own model (bodymap/core/guided_search.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bodymap.core.guided_search import ANSWERS, MAX_TESTS, Answer, GuidedSearch, PressTest
from bodymap.core.marking import parse_mark_specs
from bodymap.core.referral import ReferralEngine
from bodymap.core.regions import load_catalog
from bodymap.core.yamlio import load_yaml

CASES = Path(__file__).parent / "data" / "referral_cases.yaml"
UPPER_AREAS = {
    "vertex", "occiput", "forehead", "side_of_head", "eyebrow", "mastoid", "eye", "temple", "cheek",
    "jaw", "ear", "throat", "neck_back", "neck_side", "neck_shoulder_angle", "shoulder_top",
    "suprascapular", "scapula", "scapula_medial_border", "interscapular", "paraspinal_upper",
    "scapula_lower_tip", "shoulder_back", "shoulder_front", "shoulder_side",
}  # fmt: skip

# How people answer (the search assumes 0.85 / 0.09 / 0.06 for the source).
MISS = 0.12  # pressing the true source but missing the spot
PERSON: dict[str, dict[str, float]] = {
    "source": {"yes": 1 - MISS, "tender": MISS * 2 / 3, "no": MISS / 3},
    "neighbour": {"yes": 0.25, "tender": 0.45, "no": 0.30},  # another candidate's point, same place
    "other": {"yes": 0.04, "tender": 0.25, "no": 0.71},  # tender elsewhere, now and then a false yes
}


@cache
def patterns() -> list[dict[str, Any]]:
    """Validation cases whose strongest mark is in the head, neck, shoulder or upper back."""
    found = []
    for case in load_yaml(CASES)["cases"]:
        strongest = max(case["marks"], key=lambda spec: int(spec.partition("=")[2] or 5))
        if strongest.partition("=")[0].split(".")[0] in UPPER_AREAS:
            found.append(case)
    return found


@dataclass
class Person:
    source: str  # "muscle:side"
    rng: random.Random
    noise: dict[str, dict[str, float]]

    def answer(self, search: GuidedSearch, test: PressTest) -> Answer:
        if test.key == self.source:
            table = self.noise["source"]
        elif test.region in {r for _, r in search.candidates[self.source].trigger_point_regions()}:
            table = self.noise["neighbour"]
        else:
            table = self.noise["other"]
        return self.rng.choices(ANSWERS, weights=[table[a] for a in ANSWERS])[0]


def run(
    engine: ReferralEngine,
    users: int = 1000,
    seed: int = 7,
    budget: int = 4,
    noise: dict[str, dict[str, float]] | None = None,
) -> dict[str, float]:
    """Share of simulated people whose true source the search names within `budget` tests."""
    rng = random.Random(seed)
    catalog = load_catalog()
    cases = patterns()
    found = tests_used = 0
    for _ in range(users):
        while True:
            case = rng.choice(cases)
            search = GuidedSearch(engine.rank(parse_mark_specs(case["marks"], catalog), top=10))
            sources = [k for k in search.prior if k.split(":")[0] in case["expect"]]
            if sources:  # the referenced source is among the candidates (nearly always)
                break
        person = Person(rng.choice(sources), rng, noise or PERSON)
        while len(search.steps) < min(budget, MAX_TESTS) and not search.found:
            test = search.next_test()
            if test is None:
                break
            search.answer(test, person.answer(search, test))
        leader, _ = search.leader()
        found += f"{leader.muscle.id}:{leader.side}" == person.source
        tests_used += len(search.steps)
    return {"guided_search_success": found / users, "guided_search_tests": round(tests_used / users, 2)}
