"""The map and the knowledge base, parsed and checked when bodymap is built, not at every start.

Parsing `assets/bodymap.svg` costs about 100 ms and the YAML knowledge base another 100;
the window needs the map before its first frame. So `tools/prepare_data.py` parses and
checks the shipped sources once and writes the result as plain JSON into
`bodymap/prepared/`, which is part of the package (it ships in the wheel beside the
modules, never in a user's folder). Each file records the size and CRC-32 of the source
files it was made from: a loader uses it only when the sources it was asked for are those,
and parses the sources otherwise (an edited map before the tool is run again, or
another file given on purpose). `tests/unit/test_prepared.py` holds the shipped files to
what parsing the sources gives, so a source changed without running the tool fails it.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from bodymap import resources

T = TypeVar("T")

FORMAT = 3  # bump when the plain-data form of any prepared file changes


@dataclass(frozen=True)
class Prepared(Generic[T]):
    """One prepared form: how to parse its sources, and how it is kept as plain data."""

    name: str
    parse: Callable[[list[Path]], T]  # from these sources, checked
    to_data: Callable[[T], Any]
    from_data: Callable[[Any], T]

    def load(self, sources: list[Path]) -> T:
        """The prepared form when it was made from exactly `sources`, else a fresh parse."""
        stored = _read(self.name)
        if stored is not None and stored.get("sources") == digests(sources):
            return self.from_data(stored["data"])
        return self.parse(sources)

    def prepare(self, sources: list[Path]) -> dict[str, Any]:
        """The content of the prepared file, parsed from `sources` now."""
        return {"format": FORMAT, "sources": digests(sources), "data": self.to_data(self.parse(sources))}


def digests(sources: list[Path]) -> list[str]:
    """What identifies each source's content: an edit changes it. (Not a defence against
    tampering: whoever may write the sources in bodymap's folder may write the code too.)
    CRC-32 from zlib rather than a hashlib digest: loading hashlib's OpenSSL took 2-3 ms
    before the window's first frame."""
    digest = []
    for source in sources:
        content = source.read_bytes()
        digest.append(f"{len(content)}:{zlib.crc32(content):08x}")
    return digest


def _read(name: str) -> dict[str, Any] | None:
    try:
        stored = json.loads(resources.prepared_path(f"{name}.json").read_bytes())
    except (OSError, ValueError):
        return None  # not built, or not readable: the sources are parsed instead
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        return None
    return stored


def write(path: Path, content: dict[str, Any]) -> None:
    """One prepared file, compact; keys keep their order (the map's regions are in drawing order)."""
    path.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
