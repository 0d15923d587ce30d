"""Make a realistic pain log for looking at the history and for the benchmarks.

A person with a knot between the left shoulder blade and the spine over DAYS days: flares
that come and go, neck and head pain on bad days, a few entries a day, and treatment
sessions whose true effect is known (the scalene release helps most, heat a little, the
rhomboid ball barely), so that "what helps me" can be checked by eye and by tests.

    python tools/make_demo_log.py DATA_DIR [--days 365] [--per-day 3] [--seed 1]
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

from bodymap.core.painlog import Entry, LoggedMark, PainLog, Session

# technique -> (muscle, true mean change in pain, spread)
TRUE_EFFECTS = {
    "scalenes_finger_release": ("scalenes", -2.5, 1.0),
    "heat_and_ice": ("rhomboids", -1.0, 1.0),
    "rhomboids_ball_on_wall": ("rhomboids", -0.3, 1.0),
    "upper_trapezius_pincer_release": ("upper_trapezius", -1.5, 1.0),
}
NOTES = ["", "", "", "long day at the desk", "slept badly", "after the gym", "better after a walk", "stress"]


def generate(
    days: int = 365, per_day: int = 3, seed: int = 1, end: datetime | None = None
) -> tuple[list[Entry], list[Session]]:
    rng = random.Random(seed)
    end = end or datetime.now().astimezone().replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=days)
    entries: list[Entry] = []
    sessions: list[Session] = []
    for day in range(days):
        date = start + timedelta(days=day)
        # a slow season of flares and calm, plus day-to-day noise
        base = 4 + 2.5 * math.sin(day / 23) + 1.5 * math.sin(day / 7.3) + rng.gauss(0, 0.8)
        for k in range(per_day):
            at = date.replace(hour=8) + timedelta(hours=k * 12 / max(1, per_day) + rng.random() * 2)
            knot = _clamp(base + rng.gauss(0, 1))
            marks = [
                LoggedMark("interscapular.left", knot, "aching"),
                LoggedMark("scapula_medial_border.left", _clamp(knot - 1 + rng.gauss(0, 1))),
            ]
            if knot >= 6:
                marks.append(LoggedMark("neck_side.left", _clamp(knot - 2 + rng.gauss(0, 1)), "tingling"))
            if knot >= 7 and rng.random() < 0.5:
                marks.append(LoggedMark("temple.left", _clamp(knot - 2), "throbbing"))
            if rng.random() < 0.15:
                marks.append(LoggedMark("neck_back.right", _clamp(3 + rng.gauss(0, 1.5))))
            entries.append(
                Entry(
                    uuid.UUID(int=rng.getrandbits(128)).hex,
                    at,
                    _clamp(knot + rng.gauss(0, 0.7)),
                    rng.choice(NOTES),
                    tuple(marks),
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
    args = parser.parse_args()
    entries, sessions = generate(args.days, args.per_day, args.seed)
    with PainLog(Path(args.data_dir), backup_daily=False) as log:
        added = log.import_items(entries, sessions)
    print(f"{args.data_dir}: {added[0]} entries and {added[1]} sessions added")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
