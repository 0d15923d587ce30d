"""How it hurts, in the referral model (issue 17): a marked quality that a muscle's sources give
its symptoms there (its `felt` in data/muscles.yaml) raises that muscle a little, says so in the
"why", reaches an area the pain zones do not only when it feels so, and leaves every ranking
without qualities as it was."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest

from bodymap import resources
from bodymap.core.errors import DataError
from bodymap.core.knowledge import KnowledgeBase, load_knowledge, parse_knowledge
from bodymap.core.marking import Mark
from bodymap.core.referral import Candidate, ReferralEngine
from bodymap.core.regions import load_areas, load_catalog
from bodymap.core.yamlio import load_yaml


@cache
def engine() -> ReferralEngine:
    return ReferralEngine(load_knowledge(), load_catalog())


def ranked(*marks: Mark) -> dict[str, Candidate]:
    return {c.muscle.id: c for c in engine().rank(list(marks))}


def odds(candidates: dict[str, Candidate], muscle: str, against: str) -> float:
    return candidates[muscle].probability / candidates[against].probability


def test_burning_between_the_shoulder_blades_raises_the_middle_trapezius() -> None:
    plain = ranked(Mark("interscapular.left", 6))
    burning = ranked(Mark("interscapular.left", 6, ("burning",)))
    aching = ranked(Mark("interscapular.left", 6, ("aching",)))
    # against the scalenes, whose sources say nothing of burning there
    assert odds(burning, "middle_trapezius", "scalenes") == pytest.approx(
        1.5 ** (0.5 + 0.5 * 6 / 10) * odds(plain, "middle_trapezius", "scalenes")
    )
    assert odds(aching, "middle_trapezius", "scalenes") == pytest.approx(
        odds(plain, "middle_trapezius", "scalenes")
    )
    # a B source (the rhomboids' burning) counts less than an A one (the middle trapezius')
    assert odds(burning, "middle_trapezius", "rhomboids") > odds(plain, "middle_trapezius", "rhomboids")
    why = burning["middle_trapezius"].why
    assert "You marked the area between shoulder blade and spine as burning: NAMTPT" in why
    assert "You marked" not in plain["middle_trapezius"].why


def test_tingling_in_the_ring_and_little_fingers_raises_the_teres_minor_and_reaches_the_scalenes() -> None:
    plain = ranked(Mark("ring_little.right", 3), Mark("shoulder_back.right", 5))
    tingling = ranked(Mark("ring_little.right", 3, ("tingling",)), Mark("shoulder_back.right", 5))
    assert tingling["teres_minor"].probability > plain["teres_minor"].probability
    assert "NAMTPT symptom checker, teres minor says it can feel so" in tingling["teres_minor"].why
    # the scalenes' pain zones do not reach the fingers; their tingling does (MedLink, after T&S)
    assert "scalenes" not in plain or "ring_little.right" not in {
        e.region for e in plain["scalenes"].explained
    }
    assert "ring_little.right" in {e.region for e in tingling["scalenes"].explained}
    assert "MedLink" in tingling["scalenes"].why
    # said as how it feels there, not as pain sent there; also when it is the only mark
    alone = ranked(Mark("ring_little.right", 3, ("tingling",)))
    for why in (tingling["scalenes"].why, alone["scalenes"].why):
        assert "ring and little fingers" not in why.split("You marked")[0]
        assert "You marked the ring and little fingers as tingling: MedLink" in why
    # numbness there is recorded for the teres minor only (the scalenes' rests on no citable page)
    numb = ranked(Mark("ring_little.right", 3, ("numb",)), Mark("shoulder_back.right", 5))
    assert numb["teres_minor"].probability > plain["teres_minor"].probability
    assert "scalenes" not in numb or "MedLink" not in numb["scalenes"].why


def test_qualities_mirror_left_and_right() -> None:
    left = engine().rank([Mark("ring_little.left", 4, ("tingling", "numb"))])
    right = engine().rank([Mark("ring_little.right", 4, ("tingling", "numb"))])
    assert [(c.muscle.id, round(c.probability, 12)) for c in left] == [
        (c.muscle.id, round(c.probability, 12)) for c in right
    ]


def test_the_knot_still_puts_the_scalenes_first() -> None:
    knot = engine().rank([Mark("interscapular.left", 7), Mark("scapula_medial_border.left", 5)])
    assert knot[0].muscle.id == "scalenes"


@cache
def raw_muscles() -> Any:
    return load_yaml(resources.data_path("muscles.yaml"))


def parse(data: Any) -> KnowledgeBase:
    return parse_knowledge(data, "muscles.yaml", load_areas())


def teres_minor(data: Any) -> dict[str, Any]:
    entry: dict[str, Any] = next(m for m in data["muscles"] if m["id"] == "teres_minor")
    return entry


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda m: m["felt"][0].update(quality="itchy"), r"felt #1, field 'quality': 'itchy' must be one of"),
        (lambda m: m["felt"][0].update(areas=["kneecap"]), r"felt #1, field 'areas': unknown area 'kneecap'"),
        (lambda m: m["felt"][0].update(areas=[]), r"felt #1, field 'areas': name the areas"),
        (
            lambda m: m["felt"][0].update(source="https://example.org/elsewhere"),
            r"felt #1, field 'source': 'https://example.org/elsewhere' is not one of the muscle's sources",
        ),
        (
            lambda m: m["felt"][0].update(
                source="https://www.painalog.com/trigger-point-pain-from-teres-minor-trigger-point-one-and-how-to-find-relief/"
            ),
            r"felt #1, field 'source': a grade C source alone cannot say how it feels",
        ),
        (lambda m: m["felt"][0].update(grade="A"), r"felt #1: unknown field 'grade'"),
    ],
)
def test_bad_felt_names_the_muscle_the_entry_and_the_field(mutate: Any, message: str) -> None:
    data = copy.deepcopy(raw_muscles())
    mutate(teres_minor(data))
    with pytest.raises(DataError, match=rf"^muscles\.yaml: muscle 'teres_minor', {message}"):
        parse(data)
