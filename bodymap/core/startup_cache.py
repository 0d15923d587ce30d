"""A small cache of what start-up parses from the shipped files (the map, the areas).

Parsing the map's SVG and YAML costs more than a third of the window's start-up.
The parsed result is kept as plain data (tuples, dicts, strings, numbers) in the
interpreter's own `marshal` format, the one Python keeps compiled modules in:
it comes back as tuples, ready to use, in a fifth of the time JSON took to read and
convert. Entries are keyed by the app and Python versions and each source file's
path, size and mtime, so an edited file is parsed again; a checksum turns away a
damaged file before it is read. A missing, stale or damaged cache is never an error.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bodymap import __version__
from bodymap.core.paths import user_cache_dir

T = TypeVar("T")

_MAGIC = b"bodymap start-up cache 2\n"
_CRC_BYTES = 4


def _key(fmt: int, sources: list[Path]) -> str:
    parts = [__version__, sys.version, str(fmt)]
    for source in sources:
        stat = source.stat()
        parts.append(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def cached(
    name: str,
    fmt: int,
    sources: list[Path],
    build: Callable[[], T],
    to_data: Callable[[T], Any],
    from_data: Callable[[Any], T],
) -> T:
    """`build()` once per change of the sources; bump `fmt` when the plain-data form changes."""
    key = _key(fmt, sources)
    path = user_cache_dir() / f"{name}.cache"
    try:
        stored = unpack(path.read_bytes())
        if stored is not None and stored[0] == key:
            return from_data(stored[1])
    except (OSError, ValueError, EOFError, KeyError, TypeError, IndexError, AttributeError):
        pass
    value = build()
    _write(path, pack(key, to_data(value)))
    return value


def pack(key: str, data: Any) -> bytes:
    body = marshal.dumps((key, data))
    return _MAGIC + zlib.crc32(body).to_bytes(_CRC_BYTES, "big") + body


def unpack(blob: bytes) -> tuple[str, Any] | None:
    """(key, data), or None for anything that is not an intact cache file of ours."""
    start = len(_MAGIC) + _CRC_BYTES
    if not blob.startswith(_MAGIC) or len(blob) <= start:
        return None
    body = memoryview(blob)[start:]
    if zlib.crc32(body) != int.from_bytes(blob[len(_MAGIC) : start], "big"):
        return None
    stored = marshal.loads(body)
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], str)):
        return None
    return stored


def _write(path: Path, blob: bytes) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        path.with_suffix(".json").unlink(missing_ok=True)  # the JSON cache of earlier versions
    except OSError:
        pass  # a read-only cache folder only costs start-up time
