"""The shipped knowledge base, and the loader's checks on bad data."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bodymap import resources
from bodymap.core.datacheck import Checker, sources
from bodymap.core.errors import DataError
from bodymap.core.knowledge import load_knowledge, parse_knowledge
from bodymap.core.regions import load_areas
from bodymap.core.yamlio import load_yaml

DESIGN_MUSCLES = [
    "upper_trapezius",
    "middle_trapezius",
    "lower_trapezius",
    "levator_scapulae",
    "rhomboids",
    "scalenes",
    "sternocleidomastoid",
    "suboccipitals",
    "splenius_capitis",
    "splenius_cervicis",
    "posterior_cervicals",
    "serratus_posterior_superior",
    "serratus_anterior",
    "infraspinatus",
    "supraspinatus",
    "teres_minor",
    "teres_major",
    "latissimus_dorsi",
    "subscapularis",
    "pectoralis_major",
    "pectoralis_minor",
    "deltoid",
    "iliocostalis_thoracis",
    "longissimus_thoracis",
    "thoracic_multifidi",
]


@functools.cache
def _shipped() -> Any:
    return load_yaml(resources.data_path("muscles.yaml"))


@pytest.fixture
def raw() -> Any:
    return copy.deepcopy(_shipped())


def test_shipped_knowledge_covers_the_design_muscles() -> None:
    knowledge = load_knowledge()
    assert len(knowledge) >= 30
    for muscle_id in DESIGN_MUSCLES:
        assert muscle_id in knowledge, muscle_id


def test_every_muscle_cites_a_public_source_and_says_how_to_find_its_points() -> None:
    for muscle in load_knowledge():
        assert muscle.sources, muscle.id
        assert all(s.url.startswith(("http://", "https://")) for s in muscle.sources)
        for tp in muscle.trigger_points:
            assert len(tp.find) > 40, tp.id
            assert any(z.kind == "essential" for z in tp.zones), tp.id


def test_every_area_has_a_muscle_that_refers_pain_there() -> None:
    """No marked region is left without candidates."""
    referred = {z.area for m in load_knowledge() for tp in m.trigger_points for z in tp.zones}
    missing = sorted(set(load_areas()) - referred)
    assert missing == [], missing


def test_the_scalenes_caution_about_a_pulse_is_kept() -> None:
    scalenes = load_knowledge()["scalenes"]
    assert any("pulse" in c.lower() for c in scalenes.cautions)


def _parse(data: Any) -> None:
    parse_knowledge(data, "muscles.yaml", load_areas())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["muscles"][0].update(colour="red"), r"muscle 'upper_trapezius': unknown field 'colour'"),
        (
            lambda d: d["muscles"][0]["trigger_points"][0].update(area="elbow_middle"),
            r"trigger point 'upper_trapezius_tp1', field 'area': unknown area 'elbow_middle'",
        ),
        (
            lambda d: d["muscles"][0]["trigger_points"][0]["refers"].update(essential=["knee_middle"]),
            r"field 'refers': unknown area 'knee_middle'",
        ),
        (lambda d: d["muscles"].append(copy.deepcopy(d["muscles"][0])), r"is used twice"),
        (lambda d: d["muscles"][0].update(sources=[]), r"field 'sources': needs at least one public source"),
        (
            lambda d: d["muscles"][0].update(also_check=[{"muscle": "unicornis", "why": "x"}]),
            r"field 'also_check': unknown muscle 'unicornis'",
        ),
        (lambda d: d["muscles"][0].update(prevalence="often"), r"field 'prevalence'"),
        (
            lambda d: d["muscles"][0].update(prevalence_basis="hunch"),
            r"muscle 'upper_trapezius', field 'prevalence_basis': 'hunch' must be one of data, opinion",
        ),
        (
            lambda d: d["muscles"][0]["sources"][0].update(grade="D"),
            r"muscle 'upper_trapezius', source #1, field 'grade': 'D' must be one of A, B, C",
        ),
        (
            lambda d: d["muscles"][0]["sources"][0].pop("grade"),
            r"muscle 'upper_trapezius', source #1: missing field 'grade'",
        ),
        (lambda d: d["muscles"][0].pop("name"), r"missing field 'name'"),
    ],
)
def test_bad_data_names_file_entry_and_field(raw: Any, mutate: Any, message: str) -> None:
    data = copy.deepcopy(raw)
    mutate(data)
    with pytest.raises(DataError, match=rf"^muscles\.yaml: .*{message}"):
        _parse(data)


def test_a_source_needs_a_grade_only_where_the_file_is_graded() -> None:
    entry = {"sources": [{"title": "T", "url": "https://example.org", "used_for": "zones"}]}
    check = Checker("f.yaml", "entry 'x'", entry, {"sources"}, {"sources"})
    assert sources(check, "f.yaml", "entry 'x'")[0].grade == ""
    with pytest.raises(DataError, match=r"^f\.yaml: entry 'x', source #1: missing field 'grade'"):
        sources(check, "f.yaml", "entry 'x'", graded=True)


def test_every_muscle_source_is_graded_and_every_prevalence_says_its_basis() -> None:
    for muscle in load_knowledge():
        assert all(s.grade in ("A", "B", "C") for s in muscle.sources), muscle.id
        if muscle.prevalence:
            assert muscle.prevalence_basis in ("data", "opinion"), muscle.id


def test_a_broken_file_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "muscles.yaml"
    bad.write_text("muscles: [ {id: x\n")
    with pytest.raises(DataError, match=r"muscles\.yaml: not valid YAML"):
        load_knowledge(bad)


def test_a_field_given_twice_is_a_data_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    # YAML would keep the second value: a leftover `grade: C` under an A source downgraded it
    twice = tmp_path / "muscles.yaml"
    twice.write_text(
        "muscles:\n  - id: x\n    sources:\n      - title: T\n        grade: A\n        grade: C\n"
    )
    with pytest.raises(
        DataError, match=r"muscles\.yaml: not valid YAML \(the key 'grade' is given twice.*line 6"
    ):
        load_knowledge(twice)


# --- property test: any mutation of the shipped data gives a DataError or a valid base, never a crash

_ODD_VALUES = st.one_of(
    st.none(),
    st.integers(-3, 3),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.booleans(),
    st.floats(allow_nan=True),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


_MUTATION = st.tuples(
    st.integers(0, 10_000),  # which node (modulo the number of nodes)
    st.sampled_from(["replace", "delete", "add_key"]),
    st.text(min_size=1, max_size=6),  # a new key
    _ODD_VALUES,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(size=st.integers(1, 3), mutations=st.lists(_MUTATION, min_size=1, max_size=3))
def test_mutated_data_gives_only_data_errors(size: int, mutations: list[Any]) -> None:
    doc = copy.deepcopy(_shipped())
    doc["muscles"] = doc["muscles"][:size]  # a few muscles keep each example fast
    for which, action, new_key, value in mutations:
        paths = _paths(doc)[1:]
        if not paths:
            break
        path = paths[which % len(paths)]
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(value)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[new_key] = copy.deepcopy(value)
    try:
        _parse(doc)
    except DataError as exc:
        assert str(exc).startswith("muscles.yaml: ")


def test_every_muscle_has_a_shape_on_the_map_on_both_sides() -> None:
    from bodymap.core.geometry import load_geometry

    shapes = load_geometry().muscles
    for muscle in load_knowledge():
        for side in ("left", "right"):
            assert f"{muscle.id}.{side}" in shapes, f"{muscle.id}.{side}"
    assert {key.rsplit(".", 1)[0] for key in shapes} <= set(load_knowledge().muscles)
