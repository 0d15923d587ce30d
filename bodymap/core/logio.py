"""The pain log out and in: JSON and CSV, lossless both ways, every file written atomically.

JSON (docs/log-format.md): {"format": "bodymap-log", "version": 1, "entries": [...],
"sessions": [...]}. CSV: one row per entry or session, `kind` telling which; marks as
`region=intensity[:quality]` joined by `;`. Times are ISO 8601 with the person's offset.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bodymap.core.errors import UserError
from bodymap.core.painlog import Entry, LoggedMark, PainLog, PressAnswer, Session

FORMAT = "bodymap-log"
FORMAT_VERSION = 1
CSV_FIELDS = [
    "kind",
    "uid",
    "time",
    "overall",
    "note",
    "marks",
    "deleted",
    "technique",
    "muscle",
    "side",
    "duration_s",
    "completed",
    "pain_before",
    "pain_after",
    "tests",
]


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; on success it is flushed to disk and
    renamed over `path`, so a crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(f"folder {path.parent} does not exist")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o600)  # health data: the owner's alone
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    with atomic_target(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as out:
        write(out)


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "uid": entry.uid,
        "time": entry.at.isoformat(),
        "overall": entry.overall,
        "note": entry.note,
        "marks": [
            {"region": m.region, "intensity": m.intensity, **({"quality": m.quality} if m.quality else {})}
            for m in entry.marks
        ],
        **({"deleted": True} if entry.deleted else {}),
        **({"tests": [_test_json(t) for t in entry.tests]} if entry.tests else {}),
    }


def _test_json(test: PressAnswer) -> dict[str, str]:
    return {
        "muscle": test.muscle,
        "side": test.side,
        "trigger_point": test.trigger_point,
        "answer": test.answer,
    }


def _session_json(s: Session) -> dict[str, Any]:
    return {
        "uid": s.uid,
        "technique": s.technique,
        "muscle": s.muscle,
        "side": s.side,
        "started": s.started.isoformat(),
        "duration_s": s.duration_s,
        "completed": s.completed,
        "pain_before": s.pain_before,
        "pain_after": s.pain_after,
    }


def export_json(log: PainLog, path: Path) -> int:
    entries = log.entries(include_deleted=True)
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported": datetime.now().astimezone().isoformat(),
        "entries": [_entry_json(e) for e in reversed(entries)],
        "sessions": [_session_json(s) for s in reversed(log.sessions())],
    }
    write_atomically(path, lambda out: json.dump(payload, out, ensure_ascii=False, indent=1))
    return len(entries)


def export_csv(log: PainLog, path: Path) -> int:
    rows = 0
    blank = [""] * (len(CSV_FIELDS) - 8)

    def write(out: TextIO) -> None:
        nonlocal rows
        writer = csv.writer(out)
        writer.writerow(CSV_FIELDS)
        for uid, at, overall, note, marks, deleted, tests in log.export_rows():
            writer.writerow(
                [
                    "entry",
                    uid,
                    at.isoformat(),
                    "" if overall is None else overall,
                    note,
                    marks,
                    int(deleted),
                    *blank,
                    tests,
                ]
            )
            rows += 1
        for s in reversed(log.sessions()):
            writer.writerow(
                [
                    "session",
                    s.uid,
                    s.started.isoformat(),
                    "",
                    "",
                    "",
                    "",
                    s.technique,
                    s.muscle,
                    s.side,
                    repr(s.duration_s),
                    int(s.completed),
                    "" if s.pain_before is None else s.pain_before,
                    "" if s.pain_after is None else s.pain_after,
                    "",
                ]
            )
            rows += 1

    write_atomically(path, write)
    return rows


# -- reading back


class _Reader:
    """Turns rows of an export into entries and sessions, naming the row at fault."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> UserError:
        return UserError(f"{self.source}, {where}: {message}")

    def time(self, where: str, text: object) -> datetime:
        if not isinstance(text, str):
            raise self.fail(where, "time is missing")
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise self.fail(where, f"time {text!r} is not ISO 8601") from None
        if moment.tzinfo is None:
            raise self.fail(where, f"time {text!r} has no offset from UTC")
        return moment

    def level(self, where: str, value: object, what: str, optional: bool = True) -> int | None:
        if value in (None, "") and optional:
            return None
        try:
            number = int(str(value))
        except ValueError:
            raise self.fail(where, f"{what} {value!r} is not a whole number") from None
        if not 0 <= number <= 10:
            raise self.fail(where, f"{what} {number} is outside 0-10")
        return number

    def uid(self, where: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "uid is missing")
        return value.strip()


def _parse_marks(reader: _Reader, where: str, text: str) -> tuple[LoggedMark, ...]:
    marks = []
    for part in filter(None, text.split(";")):
        region, _, rest = part.partition("=")
        value, _, quality = rest.partition(":")
        level = reader.level(where, value, f"intensity of {region}", optional=False)
        assert level is not None
        marks.append(LoggedMark(region.strip(), level, quality or None))
    return tuple(marks)


def _parse_tests(reader: _Reader, where: str, text: str) -> tuple[PressAnswer, ...]:
    found = []
    for part in filter(None, text.split(";")):
        spot, _, answer = part.partition("=")
        pieces = spot.split(":")
        if len(pieces) != 3:
            raise reader.fail(where, f"press-test {part!r} is not muscle:side:trigger_point=answer")
        found.append(PressAnswer(pieces[0], pieces[1], pieces[2], answer))
    return tuple(found)


def read_json(path: Path) -> tuple[list[Entry], list[Session]]:
    reader = _Reader(path.name)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path.name} is not valid JSON (line {exc.lineno}): {exc.msg}") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise UserError(f"{path.name} is not a bodymap log export")
    if not isinstance(payload.get("version"), int) or payload["version"] > FORMAT_VERSION:
        raise UserError(f"{path.name} comes from a newer bodymap (format version {payload.get('version')})")
    entries, sessions = [], []
    for key in ("entries", "sessions"):
        if not isinstance(payload.get(key, []), list):
            raise UserError(f"{path.name}: {key!r} must be a list")
    for i, raw in enumerate(payload.get("entries", [])):
        where = f"entry #{i + 1}"
        if not isinstance(raw, dict):
            raise reader.fail(where, "must be an object")
        if not isinstance(raw.get("marks", []), list):
            raise reader.fail(where, "marks must be a list")
        marks = []
        for m in raw.get("marks", []):
            if not isinstance(m, dict):
                raise reader.fail(where, f"mark {m!r} must be an object with region and intensity")
            level = reader.level(where, m.get("intensity"), f"intensity of {m.get('region')}", optional=False)
            assert level is not None
            marks.append(LoggedMark(str(m.get("region", "")), level, m.get("quality")))
        tests = raw.get("tests", [])
        if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
            raise reader.fail(where, "tests must be a list of objects")
        entries.append(
            Entry(
                uid=reader.uid(where, raw.get("uid")),
                at=reader.time(where, raw.get("time")),
                overall=reader.level(where, raw.get("overall"), "overall pain"),
                note=str(raw.get("note", "")),
                marks=tuple(marks),
                deleted=bool(raw.get("deleted", False)),
                tests=tuple(
                    PressAnswer(*(str(t.get(k, "")) for k in ("muscle", "side", "trigger_point", "answer")))
                    for t in tests
                ),
            )
        )
    for i, raw in enumerate(payload.get("sessions", [])):
        where = f"session #{i + 1}"
        if not isinstance(raw, dict):
            raise reader.fail(where, "must be an object")
        sessions.append(_session(reader, where, raw, raw.get("started")))
    return entries, sessions


def _session(reader: _Reader, where: str, raw: dict[str, Any], started: object) -> Session:
    try:
        duration = float(raw.get("duration_s", ""))
    except ValueError:
        raise reader.fail(where, f"duration {raw.get('duration_s')!r} is not a number") from None
    completed = raw.get("completed")
    return Session(
        uid=reader.uid(where, raw.get("uid")),
        technique=str(raw.get("technique", "")),
        muscle=str(raw.get("muscle", "")),
        side=str(raw.get("side", "")),
        started=reader.time(where, started),
        duration_s=duration,
        completed=completed in (True, 1, "1", "true", "True"),
        pain_before=reader.level(where, raw.get("pain_before"), "pain before"),
        pain_after=reader.level(where, raw.get("pain_after"), "pain after"),
    )


def read_csv(path: Path) -> tuple[list[Entry], list[Session]]:
    reader = _Reader(path.name)
    try:
        # newline="": the csv module, not Python, decides what ends a row, so notes keep their \r\n
        with open(path, encoding="utf-8", newline="") as source:
            text = source.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from None
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a note may be long; the default stops at 128 kB
    rows = csv.DictReader(io.StringIO(text, newline=""))
    if rows.fieldnames is None or not {"kind", "uid", "time"} <= set(rows.fieldnames):
        raise UserError(f"{path.name} is not a bodymap CSV export (no kind, uid and time columns)")
    entries, sessions = [], []
    for n, row in enumerate(rows, start=2):
        where = f"line {n}"
        if row["kind"] == "entry":
            entries.append(
                Entry(
                    uid=reader.uid(where, row["uid"]),
                    at=reader.time(where, row["time"]),
                    overall=reader.level(where, row.get("overall"), "overall pain"),
                    note=row.get("note") or "",
                    marks=_parse_marks(reader, where, row.get("marks") or ""),
                    deleted=row.get("deleted") == "1",
                    tests=_parse_tests(reader, where, row.get("tests") or ""),
                )
            )
        elif row["kind"] == "session":
            sessions.append(_session(reader, where, row, row["time"]))
        else:
            raise reader.fail(where, f"kind {row['kind']!r} must be entry or session")
    return entries, sessions


def read_export(path: Path) -> tuple[list[Entry], list[Session]]:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} does not exist")
    if path.suffix.lower() == ".json":
        return read_json(path)
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    raise UserError(f"{path.name}: import reads .json or .csv exports")
