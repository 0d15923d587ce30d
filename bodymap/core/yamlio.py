"""Safe YAML loading: the C loader when present, never an unsafe one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The C loader when pyyaml was built with libyaml, the pure-Python one otherwise.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    with path.open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)
