"""The start-up cache: parsed once, read back after, and never an error when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.core import startup_cache
from bodymap.core.startup_cache import cached, pack, unpack


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(startup_cache, "user_cache_dir", lambda: folder)
    return folder


class Builds:
    """A parse that counts how often it runs."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> dict[str, object]:
        self.count += 1
        return {"shape": (("M", 1.5, 2.0), ("Z",)), "labels": ["neck — left"], "n": 3}


def _load(source: Path, build: Builds, fmt: int = 1) -> dict[str, object]:
    return cached("thing", fmt, [source], build, lambda v: v, lambda d: d)


def test_parsed_once_then_read_back_as_it_was(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "map.svg"
    source.write_text("<svg/>")
    build = Builds()
    first = _load(source, build)
    again = _load(source, build)
    assert build.count == 1
    assert again == first and isinstance(again["shape"], tuple)  # tuples come back as tuples


def test_an_edited_source_or_a_new_format_is_parsed_again(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "map.svg"
    source.write_text("<svg/>")
    build = Builds()
    _load(source, build)
    source.write_text("<svg><g/></svg>")
    _load(source, build)
    _load(source, build, fmt=2)
    assert build.count == 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short
        lambda blob: blob[:-3] + bytes([blob[-3] ^ 0x40]) + blob[-2:],  # one flipped bit
        lambda blob: b"",
        lambda blob: b"\x00\xff" * 300,
        lambda blob: pack("key", ("not", "a", "pair"))[:40] + blob[40:],  # someone else's header
    ],
)
def test_a_damaged_file_is_parsed_again_and_replaced(cache_dir: Path, tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "map.svg"
    source.write_text("<svg/>")
    build = Builds()
    expected = _load(source, build)
    path = cache_dir / "thing.cache"
    path.write_bytes(damage(path.read_bytes()))
    assert _load(source, build) == expected
    assert build.count == 2
    assert unpack(path.read_bytes()) is not None  # written afresh, intact


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    monkeypatch.setattr(startup_cache, "user_cache_dir", lambda: blocker / "cache")  # a folder under a file
    source = tmp_path / "map.svg"
    source.write_text("<svg/>")
    build = Builds()
    assert _load(source, build) == _load(source, build)
    assert build.count == 2


def test_unpack_refuses_what_is_not_a_cache_file() -> None:
    assert unpack(b"") is None
    assert unpack(b'{"key": 1}') is None
    blob = pack("k", {"a": 1})
    assert unpack(blob) == ("k", {"a": 1})
    assert unpack(blob[:-1]) is None
