"""Find your trigger point: a short series of press-tests that turns the ranked guess into an
answer.

Each test presses one candidate's trigger point for about 12 seconds and asks one question:
did it bring on your pain? The answer updates a probability over the candidates (Bayes'
rule with the likelihoods below), and the next test is the one expected to leave the least
uncertainty (the largest expected information gain). It stops when one muscle is clearly
ahead. Everything is recomputed from the prior and the answers, so undo is just dropping the
last answer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bodymap.core.referral import Spot, something_else, spot

if TYPE_CHECKING:
    from bodymap.core.knowledge import TriggerPoint
    from bodymap.core.referral import Candidate

Answer = Literal["yes", "tender", "no"]
ANSWERS: tuple[Answer, ...] = ("yes", "tender", "no")
HOLD_S = 12
FOUND_AT = 0.97  # the leader is "clearly ahead": a single yes is confirmed before it counts
LIKELY_AT = 0.9  # ...unless the leader has no other point left to press
MAX_TESTS = 6
MAX_CANDIDATES = 6
# "Something else": none of the searched candidates is the source (another cause, a pattern the
# map cannot explain, or a muscle further down the list). The search starts from the ranking's
# own probabilities (bodymap/core/referral.py), so what Likely sources shows is what Find it
# starts from; "something else" gets the rest. Pressing a candidate's point, it answers like
# any other muscle.
OTHER = "other"

# P(answer | the pressed point belongs to the true source muscle): it usually reproduces the
# pain, but a person can miss the spot (tender only, or nothing).
IF_SOURCE = {"yes": 0.85, "tender": 0.09, "no": 0.06}
# P(answer | the true source has a trigger point in the same region): pressing here may well
# reach it too.
IF_NEIGHBOUR = {"yes": 0.25, "tender": 0.40, "no": 0.35}
# P(answer | anything else): muscles are often tender without being the source.
IF_OTHER = {"yes": 0.05, "tender": 0.30, "no": 0.65}

# Where a hand does not reach (the back), a ball against a wall does the pressing.
_BALL_AREAS = {
    "interscapular",
    "scapula_medial_border",
    "paraspinal_upper",
    "scapula",
    "suprascapular",
    "scapula_lower_tip",
    "shoulder_back",
    "mid_back",
    "low_back",
    "buttock",
}


@dataclass(frozen=True)
class PressTest:
    key: str  # the candidate tested, "muscle:side"
    muscle: str
    side: str
    trigger_point: TriggerPoint
    region: str  # where to press, e.g. "neck_side.left"
    seconds: int = HOLD_S

    @property
    def spot(self) -> Spot:
        """Where to press, on the map."""
        return spot(self.trigger_point, self.region)

    @property
    def how(self) -> str:
        if self.trigger_point.area in _BALL_AREAS:
            return "a tennis ball between your back and a wall"
        hand = "right" if self.side == "left" else "left" if self.side == "right" else "other"
        return f"the fingers of your {hand} hand"


@dataclass(frozen=True)
class Step:
    test: PressTest
    answer: Answer


def _key(candidate: Candidate) -> str:
    return f"{candidate.muscle.id}:{candidate.side}"


class GuidedSearch:
    """The search over the top candidates of one marked pattern."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        max_candidates: int = MAX_CANDIDATES,
        not_pressed: Callable[[PressTest], bool] | None = None,
    ) -> None:
        """`not_pressed` names the presses this person must not make (a contraindication, an
        urgent warning pointing there): they are never proposed, and their muscles stay ranked
        by the other answers."""
        chosen = [c for c in candidates if c.probability > 0][:max_candidates]
        if not chosen:
            raise ValueError("no candidates to search")
        self.candidates = {_key(c): c for c in chosen}
        self.prior = {_key(c): c.probability for c in chosen}
        self.prior[OTHER] = something_else(chosen)
        self.steps: list[Step] = []
        tests = [
            PressTest(_key(c), c.muscle.id, c.side, tp, region)
            for c in chosen
            for tp, region in c.trigger_point_regions()
        ]
        self.tests = [t for t in tests if not_pressed is None or not not_pressed(t)]
        self.left_out = [t for t in tests if t not in self.tests]
        # which candidates have a trigger point in each region: a press there may reach them
        self._regions = {
            key: {region for _, region in c.trigger_point_regions()} for key, c in self.candidates.items()
        }

    # -- the model
    def likelihood(self, answer: Answer, test: PressTest, source: str) -> float:
        if source == OTHER:
            return IF_OTHER[answer]
        if source == test.key:
            return IF_SOURCE[answer]
        if test.region in self._regions[source]:
            return IF_NEIGHBOUR[answer]
        return IF_OTHER[answer]

    def posterior(self, steps: Sequence[Step] | None = None) -> dict[str, float]:
        steps = self.steps if steps is None else steps
        weights = dict(self.prior)
        for step in steps:
            for key in weights:
                weights[key] *= self.likelihood(step.answer, step.test, key)
        total = sum(weights.values())
        return {k: w / total for k, w in weights.items()}

    def ranking(self) -> list[tuple[str, float]]:
        return sorted(self.posterior().items(), key=lambda item: (-item[1], item[0]))

    def leader(self) -> tuple[Candidate, float]:
        """The most likely muscle (not "something else"), and its probability."""
        key, p = next((k, p) for k, p in self.ranking() if k != OTHER)
        return self.candidates[key], p

    @property
    def none_of_these(self) -> bool:
        """ "Something else" is now more likely than any of the muscles tested, and no press
        brought on the pain: after a yes, "none of these brought on your pain" would contradict
        the person (a yes for one of two marked places leaves "something else" ahead)."""
        return self.ranking()[0][0] == OTHER and not any(s.answer == "yes" for s in self.steps)

    # -- the search
    @property
    def found(self) -> bool:
        """Clearly ahead; or nearly so with none of its own points left to confirm it."""
        key, p = self.ranking()[0]
        if key == OTHER:
            return False
        if p >= FOUND_AT:
            return True
        return p >= LIKELY_AT and not any(t.key == key for t in self._untested())

    def _untested(self) -> list[PressTest]:
        tested = {(s.test.trigger_point.id, s.test.region) for s in self.steps}
        return [t for t in self.tests if (t.trigger_point.id, t.region) not in tested]

    @property
    def presses_left(self) -> bool:
        return bool(self._untested())

    @property
    def done(self) -> bool:
        return self.found or len(self.steps) >= MAX_TESTS or not self._untested()

    def next_test(self) -> PressTest | None:
        """The untested press that, on average, leaves the least uncertainty."""
        options = self._untested()
        if not options:
            return None
        current = self.posterior()
        return min(options, key=lambda t: (self._expected_entropy(t, current), -current[t.key]))

    def _expected_entropy(self, test: PressTest, current: dict[str, float]) -> float:
        expected = 0.0
        for answer in ANSWERS:
            joint = {k: p * self.likelihood(answer, test, k) for k, p in current.items()}
            p_answer = sum(joint.values())
            if p_answer > 0:
                expected += p_answer * _entropy([v / p_answer for v in joint.values()])
        return expected

    def answer(self, test: PressTest, answer: Answer) -> None:
        self.steps.append(Step(test, answer))

    def undo(self) -> Step | None:
        return self.steps.pop() if self.steps else None


def _entropy(ps: Sequence[float]) -> float:
    return -sum(p * math.log2(p) for p in ps if p > 0)
