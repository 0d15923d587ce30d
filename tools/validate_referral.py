"""Measure today's ranking against frequency-ordered symptom-guide cases.

Each case of tests/data/frequency_cases.yaml names one body area and the muscles a public
guide gives as the usual sources of pain there, most frequent first. For each case the area is
marked alone, on the left side, at intensity 5, and ReferralEngine ranks the muscles. Figures:

- spearman: rank correlation between the guide's order and the engine's order of the same
  muscles (a listed muscle the engine does not return shares the last place), mean over the
  cases that list at least two muscles and say their order is meaningful (basis: order);
- same_first: share of cases whose first muscle is the engine's first candidate;
- top3_overlap: mean number of muscles shared by the guide's first three and the engine's first
  three (cases listing fewer than three count against what they list);
- reach: share of listed (area, muscle) pairs the engine can return at all for that mark.

All figures are also split into head-neck-shoulder areas and the rest. Nothing is asserted:
this is a measurement.

    python tools/validate_referral.py [--cases FILE] [--json] [--detail]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import Mark
from bodymap.core.referral import ReferralEngine
from bodymap.core.regions import load_catalog
from bodymap.core.yamlio import load_yaml

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "frequency_cases.yaml"
REFERRAL_CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "referral_cases.yaml"

# The app's core: head, face, neck and shoulder girdle (the shoulder blade above its spine
# included). Everything else (upper back below the spine of the blade, chest, arm, hand) is "rest".
HEAD_NECK_SHOULDER = frozenset(
    {
        "vertex",
        "back_of_head",
        "side_of_head",
        "occiput",
        "mastoid",
        "forehead",
        "eyebrow",
        "eye",
        "temple",
        "ear",
        "cheek",
        "nose_mouth",
        "jaw",
        "chin",
        "throat",
        "neck_side",
        "neck_back",
        "neck_shoulder_angle",
        "shoulder_top",
        "suprascapular",
        "shoulder_front",
        "shoulder_side",
        "shoulder_back",
    }
)


@dataclass(frozen=True)
class Result:
    area: str
    expected: tuple[str, ...]
    ranked: tuple[str, ...]
    ordered: bool
    spearman: float | None
    same_first: bool
    top3_overlap: int
    reached: int


def average_ranks(values: list[float]) -> list[float]:
    """Ranks 1..n of values (smallest first), ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float | None:
    """Spearman's rho as the Pearson correlation of average ranks; None when either side is constant."""
    ra, rb = average_ranks(a), average_ranks(b)
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    if va == 0 or vb == 0:
        return None
    return float(cov / (va * vb) ** 0.5)


def evaluate(engine: ReferralEngine, case: dict[str, Any]) -> Result:
    area = case["area"]
    expected = tuple(case["muscles"])
    ranked = tuple(c.muscle.id for c in engine.rank([Mark(f"{area}.left", 5)]))
    position = {m: i for i, m in enumerate(ranked)}
    missing = len(ranked)  # a muscle not returned shares the place after the last one
    engine_places = [float(position.get(m, missing)) for m in expected]
    ordered = case.get("basis") == "order" and len(expected) >= 2
    rho = spearman([float(i) for i in range(len(expected))], engine_places) if ordered else None
    if ordered and rho is None:
        rho = 0.0  # none of them returned, or all tied: no agreement with the order
    return Result(
        area=area,
        expected=expected,
        ranked=ranked,
        ordered=ordered,
        spearman=rho,
        same_first=bool(ranked) and ranked[0] == expected[0],
        top3_overlap=len(set(expected[:3]) & set(ranked[:3])),
        reached=sum(1 for m in expected if m in position),
    )


def summarise(results: list[Result]) -> dict[str, Any]:
    if not results:
        return {"cases": 0}
    rhos = [r.spearman for r in results if r.spearman is not None]
    pairs = sum(len(r.expected) for r in results)
    return {
        "cases": len(results),
        "spearman": round(sum(rhos) / len(rhos), 3) if rhos else None,
        "spearman_cases": len(rhos),
        "same_first": round(sum(r.same_first for r in results) / len(results), 3),
        "same_first_count": sum(r.same_first for r in results),
        "top3_overlap": round(sum(r.top3_overlap for r in results) / len(results), 2),
        "reach": round(sum(r.reached for r in results) / pairs, 3),
        "pairs": pairs,
    }


def tuning_half(index: int) -> bool:
    """The referral cases are split once, by position, into a half the model's numbers may be
    chosen on (even positions) and a half that is only ever measured (odd positions)."""
    return index % 2 == 0


def referral_figures(engine: ReferralEngine, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Top-1 and top-3: the referenced source muscle (any of `expect`) among the first one or three."""
    from bodymap.core.marking import parse_mark_specs

    catalog = engine.catalog
    top1 = top3 = 0
    for case in cases:
        ranked = [c.muscle.id for c in engine.rank(parse_mark_specs(case["marks"], catalog), top=10)]
        top1 += bool(ranked) and ranked[0] in case["expect"]
        top3 += any(m in ranked[:3] for m in case["expect"])
    n = max(len(cases), 1)
    return {"cases": len(cases), "top1": round(top1 / n, 3), "top3": round(top3 / n, 3)}


def referral_report(engine: ReferralEngine) -> dict[str, Any]:
    cases = load_yaml(REFERRAL_CASES)["cases"]
    return {
        "tune": referral_figures(engine, [c for i, c in enumerate(cases) if tuning_half(i)]),
        "measure": referral_figures(engine, [c for i, c in enumerate(cases) if not tuning_half(i)]),
        "all": referral_figures(engine, cases),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--detail", action="store_true", help="also print each case")
    args = parser.parse_args()
    cases = load_yaml(args.cases)["cases"]
    engine = ReferralEngine(load_knowledge(), load_catalog())
    results = [evaluate(engine, case) for case in cases]
    report: dict[str, Any] = {
        "all": summarise(results),
        "head_neck_shoulder": summarise([r for r in results if r.area in HEAD_NECK_SHOULDER]),
        "rest": summarise([r for r in results if r.area not in HEAD_NECK_SHOULDER]),
    }
    referral = referral_report(engine)
    if args.json:
        if args.detail:
            report["cases"] = [
                {
                    "area": r.area,
                    "expected": r.expected,
                    "engine_top5": r.ranked[:5],
                    "spearman": r.spearman,
                    "same_first": r.same_first,
                    "reached": r.reached,
                }
                for r in results
            ]
        print(json.dumps({**report, "referral_cases": referral}, indent=2))
        return 0
    if args.detail:
        for r in results:
            rho = "    -" if r.spearman is None else f"{r.spearman:+.2f}"
            print(
                f"{r.area:22} rho {rho}  first {'Y' if r.same_first else 'n'}  top3 {r.top3_overlap}  "
                f"reach {r.reached}/{len(r.expected)}  guide {list(r.expected)}  engine {list(r.ranked[:5])}"
            )
        print()
    for name, figures in report.items():
        if figures.get("cases"):
            print(
                f"{name:19} cases {figures['cases']:2}  spearman {figures['spearman']} "
                f"(over {figures['spearman_cases']})  same-first {figures['same_first']} "
                f"({figures['same_first_count']})  top-3 overlap {figures['top3_overlap']}  "
                f"reach {figures['reach']} (of {figures['pairs']} pairs)"
            )
    for half, figures in referral.items():
        print(
            f"referral cases {half:8} {figures['cases']:2}  top-1 {figures['top1']}  top-3 {figures['top3']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
