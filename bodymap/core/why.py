"""The reason shown with a candidate: about that muscle, in plain words.

It says where the muscle's trigger points are and whether that place is itself marked: when it is
not, the muscle is a *hidden* source (the scalenes in the side of the neck sending a knot to the
shoulder blade), and that comes first, because it is what a person would not guess. Then which
marked places it explains and whether they are its main pain areas, how published pain guides
rank it for those places (data/frequency.yaml), whether a marked quality matches what a source
says its symptoms feel like there (its `felt`), and what its pain usually feels like (the
muscle's `feels` in data/muscles.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bodymap.core.regions import RegionCatalog

if TYPE_CHECKING:
    from bodymap.core.knowledge import Muscle

# Where a guide lists the muscle this high for a marked place, it is a *usual* source there.
USUAL_PLACE = 3
_PREPOSITIONS = ("between ", "beside ", "where ", "behind ")


def place(catalog: RegionCatalog, area: str) -> str:
    """An area's label as it reads inside a sentence: "the side of the neck"."""
    label = catalog.areas[area].label
    lowered = label[0].lower() + label[1:]
    if ", " in lowered:  # a list heading ("Forearm, thumb side") reads in a sentence turned round
        whole, part = lowered.split(", ", 1)
        return f"the {part} of the {whole}"
    return f"the area {lowered}" if lowered.startswith(_PREPOSITIONS) else f"the {lowered}"


def _listing(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def why_sentence(
    catalog: RegionCatalog,
    listed: Mapping[str, Mapping[str, tuple[int, int]]],
    muscle: Muscle,
    side: str,
    explained: Sequence[tuple[str, str, str]],
    marked: set[str],
    felt: Sequence[tuple[str, str, str]] = (),
) -> str:
    """`side`: left, right or both; `explained`: the marked regions the muscle accounts for, as
    (region, zone kind, trigger point id), strongest first; `listed`: area -> muscle -> (its
    place in the guide's list, the list's length); `felt`: marked qualities that match its
    sources, as (region, quality, the source's title)."""
    sides = ("left", "right") if side == "both" else (side,)
    # none when the muscle reaches the marks only by how they feel (its `felt`): all its points
    used = [tp for tp in muscle.trigger_points if any(e[2] == tp.id for e in explained)] or list(
        muscle.trigger_points
    )
    tp_areas = list(dict.fromkeys(tp.area for tp in used))
    hidden = not any(f"{a}.{s}" in marked for a in tp_areas for s in sides)
    # the explained places, by area, main ones first (explained is sorted strongest first)
    areas: dict[str, str] = {}
    for region, kind, _ in explained:
        area = catalog[region].area
        if areas.get(area) != "essential":
            areas[area] = kind
    main = [a for a, kind in areas.items() if kind == "essential"]
    # "local" (pain at the point itself) needs no sentence of its own: "its trigger points lie
    # where you marked" says it
    spill = [a for a, kind in areas.items() if kind == "spillover"]
    ranks = sorted(
        (listed[a][muscle.id][0], listed[a][muscle.id][1], a) for a in areas if muscle.id in listed.get(a, {})
    )
    # a *usual* source of this pain: a pain guide ranks it high for a marked place, or every
    # marked place it explains is one of its main pain areas and it is a common source
    usual = (bool(ranks) and ranks[0][0] <= USUAL_PLACE) or (
        bool(main) and not spill and muscle.prevalence == "common"
    )

    where = _listing([place(catalog, a) for a in tp_areas[:2]])
    side_text = "both sides" if side == "both" else side
    reaches = f" to {_listing([place(catalog, a) for a in main[:3]])}" if main else ""
    sentences = []
    if hidden:
        where_cap = where[0].upper() + where[1:]
        lead = f"{where_cap} is a usual hidden source" if usual else f"Possibly a hidden source in {where}"
        sentences.append(
            f"{lead}: its trigger points there ({side_text}) send pain{reaches}, often without hurting "
            "where they are."
        )
    else:
        at = f"Its trigger points lie where you marked, at {where} ({side_text})"
        elsewhere = [a for a in main if a not in tp_areas]
        if elsewhere:
            sentences.append(
                f"{at}, and send pain to {_listing([place(catalog, a) for a in elsewhere[:3]])}."
            )
        elif main:
            sentences.append(f"{at}; its pain is felt mostly there.")
        else:
            # the marked place is only a spillover zone of points lying there: their main pain
            # goes elsewhere, which is worth knowing before pressing them
            away = dict.fromkeys(
                z.area for tp in used for z in tp.zones if z.kind == "essential" and z.area not in tp_areas
            )
            if away:
                sentences.append(
                    f"{at}, but send pain mostly to {_listing([place(catalog, a) for a in away][:3])}."
                )
            else:
                sentences.append(f"{at}.")
    if spill:
        also = _listing([place(catalog, a) for a in spill[:3]])
        sentences.append(f"{'They' if main else 'It'} can also reach {also}, less often.")
    if ranks:
        rank, length, area = ranks[0]
        order = "first" if rank == 1 else f"{_ordinal(rank)} of {length}"
        sentences.append(f"Pain guides list it {order} for pain in {place(catalog, area)}.")
    by_source: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    for region, quality, title in felt:
        qualities, areas_felt = by_source.setdefault(title, ({}, {}))
        qualities[quality] = None
        areas_felt[catalog[region].area] = None
    for title, (qualities, areas_felt) in by_source.items():
        where_felt = _listing([place(catalog, a) for a in areas_felt])
        sentences.append(
            f"You marked {where_felt} as {_listing(list(qualities))}: {title} says it can feel so."
        )
    if muscle.feels:
        sentences.append(muscle.feels)
    return " ".join(sentences)


def second_source(catalog: RegionCatalog, left: Sequence[str]) -> str:
    """What Find it adds when the muscle it found leaves marked places unexplained (`left`,
    `Candidate.unexplained`): they may have a second source. "" when it leaves none."""
    if not left:
        return ""
    areas = list(dict.fromkeys(catalog[r].area for r in left))
    rest = _listing([place(catalog, a) for a in areas[:3]])
    return (
        f"It does not account for the pain at {rest}, which may have a second source: after "
        f"treating this one, mark {'that place' if len(areas) == 1 else 'those places'} alone and "
        "run Find it again."
    )
