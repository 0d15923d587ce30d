"""Parse and check the shipped map and knowledge base into bodymap/prepared/ (see
bodymap/core/prepared.py). Run it after editing assets/bodymap.svg or data/*.yaml;
tests/unit/test_prepared.py fails until you do.

    python tools/prepare_data.py          # write the prepared files
    python tools/prepare_data.py --check  # exit 1 when one is missing or out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bodymap import resources
from bodymap.core.prepared import write
from bodymap.core.prepared_forms import shipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that the prepared files are current")
    args = parser.parse_args()
    stale = []
    for form, sources in shipped():
        path = resources.prepared_path(f"{form.name}.json")
        content = form.prepare(sources)
        if args.check:
            try:
                current = json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(content))
            except (OSError, ValueError):
                current = False
            if not current:
                stale.append(path.name)
            continue
        path.parent.mkdir(exist_ok=True)
        write(path, content)
        print(f"{path}: from {', '.join(s.name for s in sources)}")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python tools/prepare_data.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
