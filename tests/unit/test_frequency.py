"""data/frequency.yaml: how often each muscle sends pain to an area. The shipped file loads,
every pair it names is reachable, and the parser refuses what the format forbids."""

from __future__ import annotations

from typing import Any

import pytest

from bodymap.core.errors import DataError
from bodymap.core.frequency import load_frequency, parse_frequency, unreachable
from bodymap.core.knowledge import load_knowledge
from bodymap.core.regions import load_catalog

AREAS = set(load_catalog().areas)
MUSCLES = {m.id for m in load_knowledge()}
SOURCE = {"title": "A guide", "url": "https://example.org/guide", "used_for": "the order", "grade": "A"}


def entry(**fields: Any) -> dict[str, Any]:
    return {"area": "upper_arm_back", "muscles": ["scalenes"], "grade": "A", "sources": [SOURCE], **fields}


def parse(*entries: dict[str, Any]) -> Any:
    return parse_frequency({"areas": list(entries)}, "frequency.yaml", AREAS, MUSCLES)


def test_the_shipped_file_loads_with_sources_and_grades() -> None:
    guide = load_frequency()
    assert len(guide) >= 1
    for item in guide:
        assert item.muscles and item.sources and item.grade in ("A", "B")
        assert all(s.url.startswith(("http://", "https://")) for s in item.sources)


def test_every_listed_pair_is_reachable() -> None:
    assert unreachable(load_frequency(), load_knowledge()) == []


def test_unreachable_names_a_muscle_without_a_zone_there() -> None:
    guide = parse(entry(area="vertex", muscles=["splenius_capitis", "gastrocnemius"]))
    assert unreachable(guide, load_knowledge()) == [("vertex", "gastrocnemius")]


def test_a_good_entry_parses_in_order() -> None:
    guide = parse(entry(muscles=["scalenes", "triceps_brachii"], note="A note."))
    item = guide["upper_arm_back"]
    assert item.muscles == ("scalenes", "triceps_brachii") and item.note == "A note."
    assert guide.pairs() == [("upper_arm_back", "scalenes"), ("upper_arm_back", "triceps_brachii")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"areas": [entry()], "extra": 1}, "frequency.yaml: expected one top-level key 'areas:'"),
        ({"areas": [entry(colour="red")]}, "area 'upper_arm_back': unknown field 'colour'"),
        ({"areas": [{"area": "upper_arm_back", "grade": "A", "sources": []}]}, "missing field 'muscles'"),
        ({"areas": [entry(area="elbow_nowhere")]}, "field 'area': unknown area 'elbow_nowhere'"),
        ({"areas": [entry(muscles=["bicepz"])]}, "field 'muscles': unknown muscle 'bicepz'"),
        ({"areas": [entry(muscles=[])]}, "field 'muscles': needs at least one muscle"),
        ({"areas": [entry(muscles=["scalenes", "scalenes"])]}, "'scalenes' is listed twice"),
        ({"areas": [entry(grade="C")]}, "field 'grade': 'C' must be one of A, B"),
        ({"areas": [entry(sources=[])]}, "field 'sources': needs at least one public source"),
        (
            {"areas": [entry(sources=[{k: v for k, v in SOURCE.items() if k != "grade"}])]},
            "missing field 'grade'",
        ),
        ({"areas": [entry(sources=[{**SOURCE, "url": "guide.html"}])]}, "field 'url': must be a web address"),
        ({"areas": [entry(), entry()]}, "area 'upper_arm_back', field 'area': listed twice"),
    ],
)
def test_errors_name_the_file_the_entry_and_the_field(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(DataError) as error:
        parse_frequency(raw, "frequency.yaml", AREAS, MUSCLES)
    assert message in str(error.value)
    assert str(error.value).startswith("frequency.yaml")
