"""Safe YAML loading: the C loader when present, never an unsafe one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader
except AttributeError:  # pyyaml built without libyaml
    _Loader = yaml.SafeLoader


def load_yaml(path: Path) -> Any:
    with path.open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader
