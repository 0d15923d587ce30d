"""A small JSON cache for things parsed from the shipped files at start-up.

Parsing the map's SVG and YAML costs more than a third of the window's start-up;
reading the parsed result back as JSON costs a few milliseconds. Entries are keyed
by the app version and each source file's path, size and mtime, so an edited file
is parsed again. A missing, stale or damaged cache is never an error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bodymap import __version__
from bodymap.core.paths import user_cache_dir

T = TypeVar("T")


def _key(fmt: int, sources: list[Path]) -> str:
    parts = [__version__, str(fmt)]
    for source in sources:
        stat = source.stat()
        parts.append(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def cached(
    name: str,
    fmt: int,
    sources: list[Path],
    build: Callable[[], T],
    to_json: Callable[[T], Any],
    from_json: Callable[[Any], T],
) -> T:
    """`build()` once per change of the sources; bump `fmt` when the JSON form changes."""
    key = _key(fmt, sources)
    path = user_cache_dir() / f"{name}.json"
    try:
        with path.open("r", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") == key:
            return from_json(data["value"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        pass
    value = build()
    _write(path, {"key": key, "value": to_json(value)})
    return value


def _write(path: Path, payload: dict[str, Any]) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs start-up time
