"""One voice: what the data tells a person to do never goes against the guards.

The guards (data/safety.yaml, kind guard) and the first-run notice say: never press into the
front of the neck or the throat (the carotid artery and the windpipe are there), and move off
a pulse. Every text in data/ - muscle descriptions, "how to find it", cautions, technique
summaries, steps, stop rules, the rules themselves - is read sentence by sentence for an
instruction to press, slide or move toward those places. A warning is not an instruction:
"never press the throat" is fine, "ease the SCM toward the throat" is not.

Hold lengths agree too: no technique holds a spot on a muscle longer than another technique
for that muscle says a spot may be held, and each technique that presses says what its holds
are for (a short press to test whether a spot sends the pain, a longer one to release it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bodymap import resources
from bodymap.core.techniques import Technique, load_techniques
from bodymap.core.yamlio import load_yaml

DATA = resources.data_path("muscles.yaml").parent
_NOT_TEXT = {"sources", "id", "url"}  # citations say what a page says; ids and links are names

# places the guards keep fingers and balls off (the side of the neck is not one: the
# scalenes and the SCM are worked there)
_PLACE = (
    r"(?:(?:the|your|a|any|an)\s+)?"
    r"(?:(?:front|middle)\s+(?:and\s+side\s+)?of\s+(?:the|your)\s+(?:neck|throat)(?:\s+bones)?"
    r"|side\s+of\s+(?:the|your)\s+throat"
    r"|throat|windpipe|trachea|voice\s*box|adam's\s+apple|larynx"
    r"|carotid(?:\s+artery)?|jugular(?:\s+vein)?|pulse|artery|arteries)\b"
)
# what a person is told to do with a finger, a thumb or a ball
VERB = re.compile(
    r"^(?:press|push|dig|rub|slide|ease|move|walk|work|hold|squeeze|pinch|roll|lean|place|put"
    r"|rest|sink|stroke|massage|knead|grip|reach|hook|glide)(?:es|s|ing)?$",
    re.IGNORECASE,
)
_PREPOSITIONS = r"on|onto|into|in|over|against|toward|towards|at|to"
# where it goes: toward a place, or the place itself as what the verb acts on
TOWARD_PLACE = re.compile(rf"(?:\b(?:{_PREPOSITIONS})\s+|(?<=\s)|^)" + _PLACE, re.IGNORECASE)
_PREPOSITION = re.compile(rf"^(?:{_PREPOSITIONS})$", re.IGNORECASE)
# words just before the verb that make it a warning or a statement, not an instruction
_NOT_AN_ORDER = {"never", "not", "don't", "avoid", "without", "nothing", "no"}
_NOT_AN_ORDER |= {"can", "could", "may", "might", "would", "will"}
_REACH = 8  # words between the verb and where it goes


def _order(lead: list[str]) -> bool:
    """`lead` are the words up to a guarded place (its preposition included): do they tell a
    person to go there - a verb close enough, not a warning, not a statement?"""
    if not lead or not (VERB.match(lead[-1]) or _PREPOSITION.match(lead[-1])):
        return False  # "move off a pulse", "if you feel a pulse": nothing sends you there
    near = lead[-_REACH - 2 :]
    verbs = [i for i, word in enumerate(near) if VERB.match(word)]
    if not verbs:
        return False
    at = len(lead) - len(near) + verbs[-1]
    if at == 0 and lead[0].lower().endswith("ing"):
        return False  # "Pressing at the front of the neck can ...": a subject, not an order
    return not _NOT_AN_ORDER & {word.lower() for word in lead[max(0, at - 3) : at]}


def orders_toward_guarded_places(text: str) -> list[str]:
    """The sentences of `text` that tell a person to press, slide or move toward a place the
    guards forbid (the front of the neck, the throat, the carotid, a pulse)."""
    found = []
    for sentence in re.split(r"(?<=[.;:!?])\s+", " ".join(text.split())):
        for match in TOWARD_PLACE.finditer(sentence):
            first = match.group(0).split()[0]
            lead = re.findall(r"[\w']+", sentence[: match.start()])
            if _PREPOSITION.match(first):
                lead.append(first)
            if _order(lead):
                found.append(sentence)
                break
    return found


def _texts(node: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        name = node.get("id", "")
        for key, value in node.items():
            if key not in _NOT_TEXT:
                yield from _texts(value, f"{where}/{name}.{key}" if name else f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


def every_text() -> list[tuple[str, str]]:
    """(where, text) for every string in every data file, citations left out."""
    return [pair for path in sorted(DATA.glob("*.yaml")) for pair in _texts(load_yaml(path), path.name)]


@pytest.mark.parametrize(
    "text",
    [
        "With the opposite hand, ease the SCM toward the throat and slide the finger pads in behind it.",
        "Slide the pads in behind it, onto the front of the neck bones.",
        "Find where the collarbone meets the shoulder, then slide toward the throat along the collarbone.",
        "Press firmly over the pulse and hold.",
        "Hold the ball on the carotid for 30 seconds.",
        "Press the carotid gently.",
        "Pinch the side of the throat gently.",
        "Walk your fingers in toward the windpipe.",
    ],
)
def test_an_order_toward_a_guarded_place_is_found(text: str) -> None:
    assert orders_toward_guarded_places(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Never press straight down into the front of the neck; lift the muscle instead.",
        "Do not press on a pulse: move your fingers off it.",
        "A large artery runs here: never press on a pulse (move your fingers off it).",
        "Lift the SCM cord away from the neck so nothing presses into the front of the throat.",
        "If you feel a pulse, let go and take hold further from the throat.",
        "Pressing at the front and side of the neck can press on the carotid artery.",
        "Place the finger pads on the side of the neck bones, in front of the trapezius.",
        "Move your fingers off any pulse you feel.",
        "A lump-in-the-throat feeling can come from this muscle.",
        "Move off a pulse at once.",
        "To work the muscle at the side of the neck, pinch it gently and lift it away from your throat.",
        "Squeeze its tender spots, so nothing presses into the front of the throat.",
    ],
)
def test_a_warning_or_a_statement_is_not_an_order(text: str) -> None:
    assert orders_toward_guarded_places(text) == []


def test_no_text_in_data_tells_a_person_to_press_where_the_guards_forbid() -> None:
    texts = every_text()
    assert len(texts) > 1000  # every file was read
    wrong = [f"{where}: {s}" for where, text in texts for s in orders_toward_guarded_places(text)]
    assert not wrong, "\n".join(wrong)


# -- holds

_PRESSING = {"pressure", "ball", "roller"}  # on the muscle itself (acupressure holds a named point)
_CAP = re.compile(
    r"\b(?:longer|more)\s+than\s+(?:about\s+)?(\d+)\s+seconds?\b|\bno\s+longer\s+than\s+(\d+)\b",
    re.IGNORECASE,
)
TECHNIQUES = list(load_techniques())


def _said(technique: Technique) -> list[str]:
    pressure = [technique.pressure.note] if technique.pressure else []
    return [technique.summary, technique.stop_rule, *technique.cautions, *pressure]


def hold_cap(technique: Technique) -> int | None:
    """The longest a spot may be held, as the technique's own words say ("do not hold one spot
    for more than about 30 seconds"), or None when they set no limit."""
    caps = [int(a or b) for text in _said(technique) for a, b in _CAP.findall(text)]
    caps += [int(a or b) for step in technique.steps for a, b in _CAP.findall(step.text)]
    return min(caps) if caps else None


def longest_hold(technique: Technique) -> int:
    return max((s.seconds for s in technique.steps if s.timing == "hold"), default=0)


def test_holds_on_a_muscle_agree_between_its_techniques() -> None:
    """Agree: for every muscle, no pressing technique holds a spot on it longer than the
    shortest limit any pressing technique for the same muscle states."""
    clashes = []
    muscles = {m for t in TECHNIQUES for m in t.muscles}
    for muscle in sorted(muscles):
        pressing = [t for t in TECHNIQUES if muscle in t.muscles and t.kind in _PRESSING]
        capped = [(cap, t.id) for t in pressing if (cap := hold_cap(t)) is not None]
        if not capped:
            continue
        cap, said_by = min(capped)
        clashes += [
            f"{muscle}: {t.id} holds {longest_hold(t)} s, {said_by} says at most {cap} s"
            for t in pressing
            if longest_hold(t) > cap
        ]
    assert not clashes, "\n".join(clashes)


def test_the_hold_limits_are_read() -> None:
    """The limits the test above works from are there to read."""
    by_id = {t.id: t for t in TECHNIQUES}
    assert hold_cap(by_id["levator_scapulae_ball_on_wall"]) == 30
    assert hold_cap(by_id["rhomboids_ball_on_wall"]) == 30


HOLDS_FOR = re.compile(
    r"(?:short|quick)\s+(?:press|presses|hold|holds)[^.]*\b(?:whether|test|tell)\b"
    r"|(?:longer|long|held|holds?|hold)\b[^.]*\b(?:release|releases|ease|eases|soften|softens|let go)\b",
    re.IGNORECASE,
)


def holds_are_for(technique: Technique) -> list[str]:
    """The sentences of its summary and steps that say what its holds are for."""
    texts = [technique.summary, *(s.text for s in technique.steps)]
    return [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if HOLDS_FOR.search(s)]


HOLDING = [t for t in TECHNIQUES if t.kind in _PRESSING | {"acupressure"} and longest_hold(t)]


@pytest.mark.parametrize("technique", HOLDING, ids=lambda t: t.id)
def test_each_pressing_technique_says_what_its_holds_are_for(technique: Technique) -> None:
    assert holds_are_for(technique), f"{technique.id}: say what the holds are for (test or release)"
