"""Strict reading of the YAML data files: every error names the file, the entry and the field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from bodymap.core.errors import DataError

_SOURCE_KEYS = {"title", "url", "used_for"}
# How much a source is worth (docs/muscles-format.md): A a Travell & Simons-derived reference,
# clinical guidance or a peer-reviewed study; B a named author's book or a practitioner page
# restating them, or a standard anatomy reference; C any other practitioner page (corroboration
# only).
GRADES = ("A", "B", "C")
T = TypeVar("T")


class ById(Generic[T]):
    """Entries of a data file by id, in file order: iterate, count, look up, test."""

    def __init__(self, entries: dict[str, T]) -> None:
        self._entries = entries

    def __iter__(self) -> Iterator[T]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, entry_id: str) -> T:
        return self._entries[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries


def read_yaml_file(path: Path) -> object:
    """The file's YAML, or a DataError saying what is wrong with it (never a traceback)."""
    from bodymap.core.yamlio import load_yaml

    try:
        return load_yaml(path)
    except OSError as exc:
        raise DataError(f"{path.name}: cannot read ({exc.strerror})") from exc
    except Exception as exc:  # yaml's errors: report where
        raise DataError(f"{path.name}: not valid YAML ({exc})".replace("\n", " ")) from exc


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    used_for: str
    grade: str = ""  # one of GRADES; "" where the file does not grade its sources yet


class Checker:
    """Reads one entry's fields and raises DataError naming file, entry and field."""

    def __init__(self, file: str, where: str, raw: object, allowed: set[str], required: set[str]) -> None:
        self.file, self.entry = file, where
        self.where = f"{file}: {where}"
        if not isinstance(raw, dict):
            raise DataError(f"{self.where}: expected a mapping of fields")
        self.raw: dict[str, Any] = raw
        unknown = sorted(set(raw) - allowed, key=str)
        if unknown:
            raise DataError(f"{self.where}: unknown field {unknown[0]!r}")
        missing = sorted(required - set(raw))
        if missing:
            raise DataError(f"{self.where}: missing field {missing[0]!r}")

    def fail(self, field: str, message: str) -> DataError:
        return DataError(f"{self.where}, field {field!r}: {message}")

    def text(self, field: str, default: str | None = None) -> str:
        value = self.raw.get(field, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "must be non-empty text")
        return " ".join(value.split())

    def texts(self, field: str) -> tuple[str, ...]:
        value = self.raw.get(field, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(field, "must be a list of non-empty texts")
        return tuple(" ".join(v.split()) for v in value)

    def nested(self, field: str, allowed: set[str], required: set[str]) -> Checker:
        """A checker for a mapping inside this entry, e.g. a technique's pressure."""
        return Checker(self.file, f"{self.entry}, {field}", self.raw.get(field), allowed, required)

    def whole(self, field: str, low: int, high: int, default: int | None = None) -> int:
        value = self.raw.get(field, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(field, f"must be a whole number from {low} to {high}")
        return value

    def choices(self, field: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = self.texts(field)
        if not values:
            raise self.fail(field, "needs at least one entry")
        for value in values:
            if value not in allowed:
                raise self.fail(field, f"{value!r} must be one of {', '.join(allowed)}")
        return values

    def items(self, field: str) -> list[Any]:
        value = self.raw.get(field, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            raise self.fail(field, "must be a list")
        return value


def identifier(check: Checker, field: str) -> str:
    value = check.text(field)
    if not value.replace("_", "").isalnum() or not value[0].isalpha() or value.lower() != value:
        raise check.fail(field, f"{value!r} must be a snake_case id")
    return value


def sources(check: Checker, file: str, entry: str, graded: bool = False) -> tuple[Source, ...]:
    """The entry's public sources: at least one, each a web address with what it was used for
    and, where `graded`, its grade (optional elsewhere)."""
    found = []
    required = _SOURCE_KEYS | {"grade"} if graded else _SOURCE_KEYS
    for i, raw in enumerate(check.items("sources")):
        src = Checker(file, f"{entry}, source #{i + 1}", raw, _SOURCE_KEYS | {"grade"}, required)
        url = src.text("url")
        if not url.startswith(("http://", "https://")):
            raise src.fail("url", "must be a web address")
        grade = src.raw.get("grade", "")
        if "grade" in src.raw and grade not in GRADES:
            raise src.fail("grade", f"{grade!r} must be one of {', '.join(GRADES)}")
        found.append(Source(src.text("title"), url, src.text("used_for"), grade))
    if not found:
        raise check.fail("sources", "needs at least one public source")
    return tuple(found)
