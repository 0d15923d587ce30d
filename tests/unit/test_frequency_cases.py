"""The symptom-guide validation cases (tests/data/frequency_cases.yaml) are well-formed and
name only areas and muscles that exist, and tools/validate_referral.py measures them. No figure
is asserted: the cases measure the ranking, they are not a target."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bodymap.core.knowledge import load_knowledge
from bodymap.core.regions import load_catalog
from bodymap.core.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "data" / "frequency_cases.yaml"
CASE_KEYS = {"area", "muscles", "basis", "source", "note"}


def cases() -> list[dict[str, Any]]:
    raw = load_yaml(CASES)
    assert isinstance(raw, dict) and set(raw) == {"cases"}
    found = raw["cases"]
    assert isinstance(found, list)
    return found


def validate_tool() -> ModuleType:
    path = ROOT / "tools" / "validate_referral.py"
    spec = importlib.util.spec_from_file_location("validate_referral", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_there_are_at_least_25_cases() -> None:
    assert len(cases()) >= 25


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.get('area')}:{'-'.join(c.get('muscles', []))}")
def test_each_case_is_well_formed_and_its_ids_exist(case: dict[str, Any]) -> None:
    areas = load_catalog().areas
    muscles = {m.id for m in load_knowledge()}
    assert set(case) == CASE_KEYS, sorted(set(case) ^ CASE_KEYS)
    assert case["area"] in areas
    listed = case["muscles"]
    assert isinstance(listed, list) and listed, "needs at least one muscle"
    assert len(set(listed)) == len(listed), "a muscle is listed twice"
    assert set(listed) <= muscles, sorted(set(listed) - muscles)
    assert case["basis"] in ("order", "first", "set", "reach")
    if case["basis"] in ("order", "set"):
        assert len(listed) >= 2, f"'{case['basis']}' compares at least two muscles"
    assert set(case["source"]) == {"title", "url"}
    assert str(case["source"]["url"]).startswith(("http://", "https://"))
    assert isinstance(case["note"], str) and case["note"].strip()


def test_each_figure_counts_only_the_cases_whose_guide_says_it() -> None:
    """A guide that only lists muscles that can send pain somewhere says nothing of order or of
    a first place; an unranked "most common" group says which, not in what order."""
    tool = validate_tool()
    from bodymap.core.referral import ReferralEngine

    engine = ReferralEngine(load_knowledge(), load_catalog())
    knot = ["rhomboids", "middle_trapezius", "scalenes"]
    measured = {
        basis: tool.evaluate(engine, {"area": "interscapular", "muscles": knot, "basis": basis})
        for basis in ("order", "first", "set", "reach")
    }
    assert measured["order"].spearman is not None and measured["order"].top3_overlap is not None
    assert measured["order"].same_first is not None and measured["first"].same_first is not None
    for basis in ("first", "set", "reach"):
        assert measured[basis].spearman is None and measured[basis].top3_overlap is None, basis
    assert measured["set"].same_first is None and measured["reach"].same_first is None
    assert measured["set"].set_share is not None
    assert all(measured[b].set_share is None for b in ("order", "first", "reach"))
    assert all(r.reached == 3 for r in measured.values())  # reach counts for every case
    summary = tool.summarise(list(measured.values()))
    assert summary["by_basis"] == {"order": 1, "first": 1, "set": 1, "reach": 1}
    assert (summary["spearman_cases"], summary["same_first_cases"], summary["set_cases"]) == (1, 2, 1)


def test_every_listed_pair_is_reachable() -> None:
    """Each (area, muscle) pair of the cases has a referral zone (essential or spillover, either
    side) in data/muscles.yaml, so the ranking can return the muscle for that area at all."""
    zones = {m.id: {z.area for tp in m.trigger_points for z in tp.zones} for m in load_knowledge()}
    missing = [(c["area"], m) for c in cases() for m in c["muscles"] if c["area"] not in zones[m]]
    assert missing == []


def test_the_same_area_and_order_is_not_recorded_twice_from_one_page() -> None:
    seen = [(c["area"], tuple(c["muscles"]), c["source"]["url"]) for c in cases()]
    assert len(seen) == len(set(seen))


def test_spearman_and_ranks() -> None:
    tool = validate_tool()
    assert tool.spearman([0.0, 1.0, 2.0], [0.0, 1.0, 2.0]) == pytest.approx(1.0)
    assert tool.spearman([0.0, 1.0, 2.0], [2.0, 1.0, 0.0]) == pytest.approx(-1.0)
    assert tool.spearman([0.0, 1.0], [3.0, 3.0]) is None
    assert tool.average_ranks([5.0, 1.0, 5.0]) == [2.5, 1.0, 2.5]


def test_the_tool_measures_every_case() -> None:
    tool = validate_tool()
    from bodymap.core.referral import ReferralEngine

    engine = ReferralEngine(load_knowledge(), load_catalog())
    results = [tool.evaluate(engine, case) for case in cases()]
    summary = tool.summarise(results)
    assert summary["cases"] == len(cases())
    assert summary["pairs"] == sum(len(c["muscles"]) for c in cases())
    for key in ("same_first", "set_share", "reach"):
        assert summary[key] is None or 0.0 <= summary[key] <= 1.0
    assert summary["spearman"] is None or -1.0 <= summary["spearman"] <= 1.0
    assert sum(summary["by_basis"].values()) == len(cases())
