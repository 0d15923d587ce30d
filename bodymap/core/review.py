"""A sheet a clinician can review in one sitting: for every area, the muscles the ranking
names for a mark there alone, in order, with the kind of zone that reaches it and the
published frequency list beside it where one exists; then every muscle: its prevalence and
whether that was measured (data) or is an impression (opinion), what its pain feels like, and
its sources, each with its grade (A, B or C) where it has one.

`bodymap muscles --sheet` prints it; `docs/knowledge-review.md` is that output, kept in step
by a test, so that a reviewer reads what the app does now.
"""

from __future__ import annotations

from bodymap.core.datacheck import Source
from bodymap.core.frequency import FrequencyGuide
from bodymap.core.knowledge import KnowledgeBase
from bodymap.core.marking import DEFAULT_INTENSITY, Mark
from bodymap.core.referral import ReferralEngine
from bodymap.core.regions import RegionCatalog

TOP = 8


def review_sheet(
    knowledge: KnowledgeBase, catalog: RegionCatalog, frequency: FrequencyGuide, top: int = TOP
) -> str:
    engine = ReferralEngine(knowledge, catalog)
    names = {m.id: m.name for m in knowledge}
    lines = [
        "# bodymap's referral knowledge, for review",
        "",
        "Made by `bodymap muscles --sheet` from `data/muscles.yaml` and `data/frequency.yaml`; do not",
        "edit by hand. For each area: the muscles the ranking names for that area marked alone",
        f"(left side, {DEFAULT_INTENSITY}/10), best first, with the model's probability that it is the",
        "source and the kind of zone that reaches the area (E essential, S spillover, L pain at the",
        "trigger point itself, where no zone reaches), then the probability of something else. Where a",
        "published guide lists the usual sources for the area, its order is given beside it (the model",
        "reads it: docs/referral-model.md).",
        "Corrections go to the muscle's entry in `data/muscles.yaml`, with a source.",
        "",
    ]
    for view in ("front", "back"):
        lines += [f"## {view.capitalize()} view", ""]
        for area in (a for a in catalog.areas.values() if a.view == view):
            region = f"{area.id}.left"
            assessment = engine.assess([Mark(region, DEFAULT_INTENSITY)], top=top)
            ranked = assessment.candidates
            lines.append(f"### {area.label} (`{area.id}`)")
            lines.append("")
            if not ranked:
                lines.append("No muscle in the knowledge base refers pain here.")
            for rank, candidate in enumerate(ranked, 1):
                kinds = sorted({e.kind[0].upper() for e in candidate.explained if e.region == region})
                lines.append(
                    f"{rank}. {candidate.muscle.name} ({candidate.side}) — {candidate.probability:.0%}"
                    f" [{'/'.join(kinds) or '-'}]"
                )
            if ranked:
                lines.append(f"Something else: {assessment.something_else:.0%}")
            if area.id in frequency:
                entry = frequency[area.id]
                listed = ", ".join(names[m] for m in entry.muscles)
                source = "; ".join(s.title for s in entry.sources)
                lines += ["", f"Published order (grade {entry.grade}, {source}): {listed}."]
            lines.append("")
    lines += ["## Sources by muscle", ""]
    for muscle in knowledge:
        prevalence = f", prevalence: {muscle.prevalence}" if muscle.prevalence else ""
        if muscle.prevalence and muscle.prevalence_basis:
            prevalence += f" ({muscle.prevalence_basis})"
        lines.append(f"### {muscle.name} (`{muscle.id}`{prevalence})")
        lines.append("")
        if muscle.feels:
            lines += [f"Feels: {muscle.feels}", ""]
        titles = {s.url: s.title for s in muscle.sources}
        for felt in muscle.felt:  # what raises it in the ranking when a mark feels so
            where = ", ".join(felt.areas)
            lines += [f"Felt as {felt.quality} in {where} (grade {felt.grade}, {titles[felt.source]}).", ""]
        lines += [_source_line(s) for s in muscle.sources]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _source_line(source: Source) -> str:
    grade = f"[{source.grade}] " if source.grade else ""
    return f"- {grade}[{source.title}]({source.url}): {source.used_for}"
