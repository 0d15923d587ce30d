"""Make a realistic pain log for looking at the history, the clinician report and the benchmarks.

A person with a knot between the left shoulder blade and the spine most days over DAYS days:
flares that come and go, neck and (rarely) temple pain on bad days, a few entries a day, some
days with no entry at all, a Find it search now and then whose press-tests find the rhomboids
and the middle trapezius, and treatment sessions whose true effect is known (the scalene
release helps most, heat a little, the rhomboid ball barely), so that "what helps me" can be
checked by eye and by tests. Made with the public PainLog API; the same seed gives the same log.

    python tools/make_demo_log.py DATA_DIR [--days 365] [--per-day 3] [--seed 1] [--skip 0.04] [--end DATE]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bodymap.core.painlog import Entry, LoggedMark, PainLog, PressAnswer, Session

# technique -> (muscle, true mean change in pain, spread)
TRUE_EFFECTS = {
    "scalenes_finger_release": ("scalenes", -2.5, 1.0),
    "heat_and_ice": ("rhomboids", -1.0, 1.0),
    "rhomboids_ball_on_wall": ("rhomboids", -0.3, 1.0),
    "upper_trapezius_pincer_release": ("upper_trapezius", -1.5, 1.0),
}
NOTES = ["", "", "", "long day at the desk", "slept badly", "after the gym", "better after a walk", "stress"]
# a Find it search's press-tests: (muscle, trigger point, chance it brings on the familiar pain)
PRESSED = [
    ("rhomboids", "rhomboids_border", 0.7),
    ("middle_trapezius", "middle_trapezius_interscapular", 0.5),
    ("levator_scapulae", "levator_scapulae_lower", 0.15),
    ("scalenes", "scalenes_middle", 0.1),
]


def _mark(region: str, intensity: int, *qualities: str) -> LoggedMark:
    return LoggedMark(region, intensity, qualities=tuple(qualities))


def _press_tests(rng: random.Random) -> tuple[PressAnswer, ...]:
    found = []
    for muscle, point, familiar in PRESSED[: rng.randint(2, len(PRESSED))]:
        roll = rng.random()
        answer = "yes" if roll < familiar else "tender" if roll < familiar + 0.3 else "no"
        found.append(PressAnswer(muscle, "left", point, answer))
    return tuple(found)


def generate(
    days: int = 365, per_day: int = 3, seed: int = 1, end: datetime | None = None, skip: float = 0.0
) -> tuple[list[Entry], list[Session]]:
    """DAYS days of PER_DAY entries each, but for a share SKIP of days left without any."""
    rng = random.Random(seed)
    end = end or datetime.now().astimezone().replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=days)
    entries: list[Entry] = []
    sessions: list[Session] = []
    for day in range(days):
        date = start + timedelta(days=day)
        # a slow season of flares and calm, plus day-to-day noise
        base = 4 + 2.5 * math.sin(day / 23) + 1.5 * math.sin(day / 7.3) + rng.gauss(0, 0.8)
        if skip and rng.random() < skip:  # now and then a day with no entry: a gap in the chart
            continue
        for k in range(per_day):
            at = date.replace(hour=8) + timedelta(hours=k * 12 / max(1, per_day) + rng.random() * 2)
            knot = _clamp(base + rng.gauss(0, 1))
            marks = []
            if rng.random() < 0.9:  # the knot between the shoulder blades, most of the time
                marks.append(_mark("interscapular.left", knot, "aching"))
                marks.append(_mark("scapula_medial_border.left", _clamp(knot - 1 + rng.gauss(0, 1))))
            if knot >= 6:
                marks.append(_mark("neck_side.left", _clamp(knot - 2 + rng.gauss(0, 1)), "tingling"))
            if knot >= 7 and rng.random() < 0.12:  # rare, and fierce when it comes
                marks.append(_mark("temple.left", _clamp(knot + 1), "throbbing"))
            if rng.random() < 0.15:
                marks.append(_mark("neck_back.right", _clamp(3 + rng.gauss(0, 1.5))))
            entries.append(
                Entry(
                    uuid.UUID(int=rng.getrandbits(128)).hex,
                    at,
                    _clamp(knot + rng.gauss(0, 0.7)),
                    rng.choice(NOTES),
                    tuple(m for m in marks if m.intensity),  # a place that does not hurt is not marked
                    tests=_press_tests(rng) if rng.random() < 0.03 else (),
                )
            )
            if knot >= 5 and rng.random() < 0.5:
                technique = rng.choice(list(TRUE_EFFECTS))
                muscle, effect, spread = TRUE_EFFECTS[technique]
                after = _clamp(knot + rng.gauss(effect, spread))
                sessions.append(
                    Session(
                        uuid.UUID(int=rng.getrandbits(128)).hex,
                        technique,
                        muscle,
                        "left",
                        at + timedelta(minutes=10),
                        rng.uniform(120, 420),
                        rng.random() < 0.9,
                        knot,
                        after,
                    )
                )
    return entries, sessions


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data_dir")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", type=float, default=0.04, help="share of days with no entry")
    parser.add_argument("--end", help="the last day (ISO date, default today): the same log on any day")
    args = parser.parse_args()
    end = datetime.fromisoformat(args.end).replace(hour=23).astimezone() if args.end else None
    entries, sessions = generate(args.days, args.per_day, args.seed, end, args.skip)
    with PainLog(Path(args.data_dir), backup_daily=False) as log:
        added = log.import_items(entries, sessions)
    print(f"{args.data_dir}: {added[0]} entries and {added[1]} sessions added")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
