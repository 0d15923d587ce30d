"""Measure today's ranking against the symptom-guide cases.

Each case of tests/data/frequency_cases.yaml names one body area, the muscles a public guide
gives as sources of pain there, and what the guide says of how often each is the cause (its
`basis`). For each case the area is marked alone, on the left side, at intensity 5, and
ReferralEngine ranks the muscles. Each figure counts only the cases whose guide says what the
figure compares:

- spearman: rank correlation between the guide's order and the engine's order of the same
  muscles (a listed muscle the engine does not return shares the last place), mean over the
  cases that rank at least two muscles (basis: order);
- same_first: share of the cases naming a first muscle (order, first) whose first muscle is
  the engine's first candidate;
- top3_overlap: mean number of muscles shared by the guide's first three and the engine's first
  three, over the ranked cases (order; a case listing fewer than three counts against what it
  lists);
- set_share: for a guide's unranked group of usual sources (set), the share of the group among
  the engine's first as many places as the group has muscles, mean over those cases;
- reach: share of listed (area, muscle) pairs the engine can return at all for that mark, over
  every case (reach cases say only that the muscle can send pain there).

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


BASES = ("order", "first", "set", "reach")


@dataclass(frozen=True)
class Result:
    area: str
    expected: tuple[str, ...]
    ranked: tuple[str, ...]
    basis: str
    spearman: float | None  # order cases of two or more muscles
    same_first: bool | None  # order and first cases
    top3_overlap: int | None  # order cases
    set_share: float | None  # set cases
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
    basis = case["basis"]
    ranked = tuple(c.muscle.id for c in engine.rank([Mark(f"{area}.left", 5)]))
    position = {m: i for i, m in enumerate(ranked)}
    missing = len(ranked)  # a muscle not returned shares the place after the last one
    engine_places = [float(position.get(m, missing)) for m in expected]
    rho = None
    if basis == "order" and len(expected) >= 2:
        rho = spearman([float(i) for i in range(len(expected))], engine_places)
        if rho is None:
            rho = 0.0  # none of them returned, or all tied: no agreement with the order
    return Result(
        area=area,
        expected=expected,
        ranked=ranked,
        basis=basis,
        spearman=rho,
        same_first=(bool(ranked) and ranked[0] == expected[0]) if basis in ("order", "first") else None,
        top3_overlap=len(set(expected[:3]) & set(ranked[:3])) if basis == "order" else None,
        set_share=len(set(expected) & set(ranked[: len(expected)])) / len(expected)
        if basis == "set"
        else None,
        reached=sum(1 for m in expected if m in position),
    )


def _mean(values: list[float], digits: int) -> float | None:
    return round(sum(values) / len(values), digits) if values else None


def summarise(results: list[Result]) -> dict[str, Any]:
    if not results:
        return {"cases": 0}
    rhos = [r.spearman for r in results if r.spearman is not None]
    firsts = [r.same_first for r in results if r.same_first is not None]
    overlaps = [float(r.top3_overlap) for r in results if r.top3_overlap is not None]
    shares = [r.set_share for r in results if r.set_share is not None]
    pairs = sum(len(r.expected) for r in results)
    return {
        "cases": len(results),
        "by_basis": {b: sum(1 for r in results if r.basis == b) for b in BASES},
        "spearman": _mean(rhos, 3),
        "spearman_cases": len(rhos),
        "same_first": _mean([float(f) for f in firsts], 3),
        "same_first_count": sum(firsts),
        "same_first_cases": len(firsts),
        "top3_overlap": _mean(overlaps, 2),
        "set_share": _mean(shares, 3),
        "set_cases": len(shares),
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
                    "basis": r.basis,
                    "expected": r.expected,
                    "engine_top5": r.ranked[:5],
                    "spearman": r.spearman,
                    "same_first": r.same_first,
                    "set_share": r.set_share,
                    "reached": r.reached,
                }
                for r in results
            ]
        print(json.dumps({**report, "referral_cases": referral}, indent=2))
        return 0
    if args.detail:
        for r in results:
            rho = "    -" if r.spearman is None else f"{r.spearman:+.2f}"
            first = "-" if r.same_first is None else "Y" if r.same_first else "n"
            share = "   -" if r.set_share is None else f"{r.set_share:.2f}"
            print(
                f"{r.area:22} {r.basis:5}  rho {rho}  first {first}  set {share}  "
                f"reach {r.reached}/{len(r.expected)}  guide {list(r.expected)}  engine {list(r.ranked[:5])}"
            )
        print()
    for name, figures in report.items():
        if figures.get("cases"):
            counts = ", ".join(f"{n} {b}" for b, n in figures["by_basis"].items())
            print(
                f"{name:19} cases {figures['cases']:2} ({counts})  spearman {figures['spearman']} "
                f"(over {figures['spearman_cases']})  same-first {figures['same_first']} "
                f"({figures['same_first_count']} of {figures['same_first_cases']})  "
                f"top-3 overlap {figures['top3_overlap']}  set share {figures['set_share']} "
                f"(over {figures['set_cases']})  reach {figures['reach']} (of {figures['pairs']} pairs)"
            )
    for half, figures in referral.items():
        print(
            f"referral cases {half:8} {figures['cases']:2}  top-1 {figures['top1']}  top-3 {figures['top3']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
