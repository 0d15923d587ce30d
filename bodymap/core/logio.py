"""The pain log out and in: JSON and CSV, lossless both ways, every file written atomically.

JSON (docs/log-format.md): {"format": "bodymap-log", "version": 1, "entries": [...],
"sessions": [...], "flares": [...]}. CSV: one row per entry, session or flare, `kind` telling
which; marks as `region=intensity[:quality…]` joined by `;`, tags joined by `;`. Times are
ISO 8601 with the person's offset. Exports of older versions (one `quality` per mark, no
tags or flares) read as before.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from bodymap.core.errors import StorageError, UserError
from bodymap.core.painlog import (
    Entry,
    Flare,
    LoggedMark,
    PainLog,
    PressAnswer,
    Session,
    check_flare,
    validate_entry,
    validate_session,
)
from bodymap.core.paths import remove_stale_partials

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
    "tags",
    "ended",
]


class LogItems(NamedTuple):
    """What an export holds."""

    entries: list[Entry]
    sessions: list[Session]
    flares: list[Flare]


# The temporary file of an export: `.NAME.XXXXXXXX.partial` beside it (mkstemp's 8 characters).
_PARTIAL_NAME_BYTES = 200  # of NAME in it: a long file name must still leave room for the rest
_MKSTEMP_LETTERS = "[a-z0-9_]{8}"
_USER_ERRNOS = {
    errno.EACCES: "you may not write to {folder}",
    errno.EPERM: "you may not write to {folder}",
    errno.EROFS: "{folder} is on a read-only disk",
    errno.ENAMETOOLONG: "the file name is too long for {folder}",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "{folder} is not a folder",
    errno.ENOENT: "folder {folder} does not exist",
}


def _partial_base(path: Path) -> str:
    name = path.name
    while len(os.fsencode(name)) > _PARTIAL_NAME_BYTES:
        name = name[:-1]
    return name


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # not POSIX, or the file system will not say
        return 255


def _partial_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{_partial_base(path)}.") + _MKSTEMP_LETTERS + re.escape(".partial"))


def write_failure(path: Path, exc: OSError) -> Exception:
    """An OSError met while writing `path`, as one plain sentence: a UserError when the
    person can fix it by choosing another place, a StorageError (exit 1) when the machine
    failed (a full disk, an I/O error)."""
    folder = path.parent
    if exc.errno in _USER_ERRNOS:
        return UserError(f"cannot write {path}: " + _USER_ERRNOS[exc.errno].format(path=path, folder=folder))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(f"cannot write {path}: the disk is full; nothing was changed")
    return StorageError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed")


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; on success it is flushed to disk and
    renamed over `path`, so a crash leaves the old file or the new one, never half of one.
    Temporary files of this same target left by a write that was killed are removed first.
    Failing to write is one plain sentence (see `write_failure`), never a traceback."""
    path = Path(path)
    try:
        if not path.parent.is_dir():
            raise UserError(f"folder {path.parent} does not exist")
        if len(os.fsencode(path.name)) > _name_max(path.parent):
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
        if path.is_dir():
            raise OSError(errno.EISDIR, os.strerror(errno.EISDIR))
        remove_stale_partials(path.parent, _partial_pattern(path))
        handle, name = tempfile.mkstemp(prefix=f".{_partial_base(path)}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        raise write_failure(path, exc) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o600)  # health data: the owner's alone
        os.replace(temporary, path)
    except OSError as exc:
        raise write_failure(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    with atomic_target(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as out:
        write(out)


def _entry_json(entry: Entry) -> dict[str, Any]:
    found: dict[str, Any] = {
        "uid": entry.uid,
        "time": entry.at.isoformat(),
        "overall": entry.overall,
        "note": entry.note,
        "marks": [_mark_json(m) for m in entry.marks],
    }
    if entry.tags:
        found["tags"] = list(entry.tags)
    if entry.deleted:
        found["deleted"] = True
    if entry.tests:
        found["tests"] = [_test_json(t) for t in entry.tests]
    return found


def _mark_json(mark: LoggedMark) -> dict[str, Any]:
    found: dict[str, Any] = {"region": mark.region, "intensity": mark.intensity}
    if mark.qualities:
        found["qualities"] = list(mark.qualities)
    return found


def _flare_json(flare: Flare) -> dict[str, Any]:
    return {
        "uid": flare.uid,
        "started": flare.started.isoformat(),
        "ended": None if flare.ended is None else flare.ended.isoformat(),
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


# One object at a time through json's C encoder (an indent would turn it off), so a long log
# is written at the encoder's speed and in the memory of one entry, not of the whole log.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def write_json_array(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array of `items`, one a line, written as they come; returns how many."""
    count = 0
    encode = _ENCODER.encode
    out.write("[")
    for item in items:
        out.write((",\n" if count else "\n") + encode(item))
        count += 1
    out.write("\n]" if count else "]")
    return count


def _write_json_texts(texts: Iterable[str], out: TextIO) -> int:
    """As write_json_array, for items already encoded."""
    count = 0
    out.write("[")
    for text in texts:
        out.write((",\n" if count else "\n") + text)
        count += 1
    out.write("\n]" if count else "]")
    return count


def export_json(log: PainLog, path: Path) -> int:
    """The whole log, oldest first, streamed from the store: the same document as ever
    ({"format", "version", "exported", "entries", "sessions"}), an entry or session a line."""
    head = {"format": FORMAT, "version": FORMAT_VERSION, "exported": datetime.now().astimezone().isoformat()}
    count = 0

    def write(out: TextIO) -> None:
        nonlocal count
        out.write(_ENCODER.encode(head)[:-1] + ', "entries": ')
        made_by_sqlite = log.stream_entry_json()  # the same objects, without Python objects between
        if made_by_sqlite is not None:
            count = _write_json_texts(made_by_sqlite, out)
        else:
            entries = log.stream_entries(include_deleted=True, oldest_first=True)
            count = write_json_array((_entry_json(e) for e in entries), out)
        out.write(', "sessions": ')
        write_json_array((_session_json(s) for s in log.stream_sessions()), out)
        out.write(', "flares": ')
        write_json_array((_flare_json(f) for f in reversed(log.flares())), out)
        out.write("}\n")

    write_atomically(path, write)
    return count


# A spreadsheet runs a cell as a formula when it starts with one of these (OWASP, "CSV
# Injection"; ASVS 1.2.10 adds the NUL character), also after leading spaces in some programs.
_FORMULA_FIRST = frozenset("=+-@\t\r\0")
_QUOTED_FIRST = _FORMULA_FIRST | {"'"}


def _cell(text: str) -> str:
    """A text cell as written to CSV: one single quote in front when a spreadsheet could take
    it for a formula, or when it already starts with a quote (so that import, which takes
    exactly one leading quote off every cell that has one, gives back the exact text)."""
    if text[:1] in _QUOTED_FIRST or text.lstrip()[:1] in _FORMULA_FIRST:
        return "'" + text
    return text


def _uncell(text: str) -> str:
    return text[1:] if text[:1] == "'" else text


def export_csv(log: PainLog, path: Path) -> int:
    rows = 0
    blank = [""] * (len(CSV_FIELDS) - 10)

    def write(out: TextIO) -> None:
        nonlocal rows
        # every cell quoted, as OWASP advises: a separator in a note never starts a cell, and a
        # row cut short never ends in a closing quote (import relies on it)
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(CSV_FIELDS)
        for uid, at, overall, note, marks, deleted, tests, tags in log.export_rows():
            writer.writerow(
                [
                    "entry",
                    _cell(uid),
                    at.isoformat(),
                    "" if overall is None else overall,
                    _cell(note),
                    _cell(marks),
                    int(deleted),
                    *blank,
                    _cell(tests),
                    _cell(tags),
                    "",
                ]
            )
            rows += 1
        for s in reversed(log.sessions()):
            writer.writerow(
                [
                    "session",
                    _cell(s.uid),
                    s.started.isoformat(),
                    "",
                    "",
                    "",
                    "",
                    _cell(s.technique),
                    _cell(s.muscle),
                    _cell(s.side),
                    repr(s.duration_s),
                    int(s.completed),
                    "" if s.pain_before is None else s.pain_before,
                    "" if s.pain_after is None else s.pain_after,
                    "",
                    "",
                    "",
                ]
            )
            rows += 1
        for f in reversed(log.flares()):
            cells = ["flare", _cell(f.uid), f.started.isoformat()] + [""] * (len(CSV_FIELDS) - 4)
            writer.writerow([*cells, "" if f.ended is None else f.ended.isoformat()])
            rows += 1

    write_atomically(path, write)
    return rows


# -- reading back

_NESTING = "nested too deeply to be an export"


def _show(value: object) -> str:
    """A value in a message: its repr, cut short (a line, not a screenful)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Reader:
    """Turns rows of an export into entries and sessions, naming the row at fault."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> UserError:
        return UserError(f"{self.source}, {where}: {message}")

    def time(self, where: str, text: object) -> datetime:
        if text is None or text == "":
            raise self.fail(where, "time is missing")
        if not isinstance(text, str):
            raise self.fail(where, f"time {_show(text)} must be ISO 8601 text")
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise self.fail(where, f"time {_show(text)} is not ISO 8601") from None
        if moment.tzinfo is None:
            raise self.fail(where, f"time {_show(text)} has no offset from UTC")
        return moment

    def level(self, where: str, value: object, what: str, optional: bool = True) -> int | None:
        if value in (None, "") and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.fail(where, f"{what} {_show(value)} is not a whole number")
        try:
            number = int(value)
        except ValueError:  # not digits, or too many of them for int()
            raise self.fail(where, f"{what} {_show(value)} is not a whole number") from None
        if not 0 <= number <= 10:
            raise self.fail(where, f"{what} {_show(number)} is outside 0-10")
        return number

    def uid(self, where: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "uid is missing")
        return value.strip()

    def text(self, where: str, value: object, what: str) -> str:
        """A text field; missing or null is empty."""
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(where, f"{what} must be text, not {_show(value)}")
        return value

    def flag(self, where: str, value: object, what: str) -> bool:
        """true/false in JSON (missing is false), 1/0 in CSV."""
        if value in (None, False, True, 0, 1, "0", "1") and not isinstance(value, float):
            return value in (True, 1, "1")
        raise self.fail(where, f"{what} {_show(value)} must be true or false (1 or 0)")

    def entry(self, where: str, entry: Entry) -> Entry:
        try:
            validate_entry(entry)
        except UserError as exc:
            raise self.fail(where, str(exc)) from None
        return entry

    def session(self, where: str, session: Session) -> Session:
        try:
            validate_session(session)
        except UserError as exc:
            raise self.fail(where, str(exc)) from None
        return session


def _parse_marks(reader: _Reader, where: str, text: str) -> tuple[LoggedMark, ...]:
    marks = []
    for part in filter(None, text.split(";")):
        region, equals, rest = part.partition("=")
        if not equals:
            raise reader.fail(where, f"mark {_show(part)} is not region=intensity[:quality…]")
        value, *qualities = rest.split(":")
        level = reader.level(where, value, f"intensity of {region}", optional=False)
        assert level is not None
        marks.append(LoggedMark(region.strip(), level, tuple(q for q in qualities if q)))
    return tuple(marks)


def _parse_tags(text: str) -> tuple[str, ...]:
    return tuple(filter(None, text.split(";")))


def _flare(reader: _Reader, where: str, raw: dict[str, Any], started: object) -> Flare:
    ended = raw.get("ended")
    flare = Flare(
        uid=reader.uid(where, raw.get("uid")),
        started=reader.time(where, started),
        ended=None if ended in (None, "") else reader.time(where, ended),
    )
    try:
        check_flare(flare)
    except UserError as exc:
        raise reader.fail(where, str(exc)) from None
    return flare


def _parse_tests(reader: _Reader, where: str, text: str) -> tuple[PressAnswer, ...]:
    found = []
    for part in filter(None, text.split(";")):
        spot, _, answer = part.partition("=")
        pieces = spot.split(":")
        if len(pieces) != 3:
            raise reader.fail(where, f"press-test {_show(part)} is not muscle:side:trigger_point=answer")
        found.append(PressAnswer(pieces[0], pieces[1], pieces[2], answer))
    return tuple(found)


class _NotJson(ValueError):
    pass


def _no_constant(name: str) -> object:
    raise _NotJson(f"{name} is not a number JSON allows")


def read_json(path: Path) -> tuple[list[Entry], list[Session]]:
    entries, sessions, _ = read_json_items(path)
    return entries, sessions


def read_json_items(path: Path) -> LogItems:
    reader = _Reader(path.name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from None
    try:
        payload = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path.name} is not valid JSON (line {exc.lineno}): {exc.msg}") from None
    except RecursionError:
        raise UserError(f"{path.name} is {_NESTING}") from None
    except _NotJson as exc:  # NaN, Infinity: Python's json reads them, JSON has none
        raise UserError(f"{path.name} is not valid JSON: {exc}") from None
    except ValueError:  # int() refuses numbers of thousands of digits
        raise UserError(f"{path.name} is not a bodymap log export: a number in it is too long") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise UserError(f"{path.name} is not a bodymap log export")
    version = payload.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UserError(f"{path.name}: format version {_show(version)} is not one bodymap wrote")
    if version > FORMAT_VERSION:
        raise UserError(f"{path.name} comes from a newer bodymap (format version {version})")
    entries: list[Entry] = []
    sessions: list[Session] = []
    flares: list[Flare] = []
    for key in ("entries", "sessions", "flares"):
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
                raise reader.fail(where, f"mark {_show(m)} must be an object with region and intensity")
            region = m.get("region")
            if not isinstance(region, str):
                raise reader.fail(where, f"a mark's region must be text, not {_show(region)}")
            level = reader.level(where, m.get("intensity"), f"intensity of {region}", optional=False)
            assert level is not None
            qualities = m.get("qualities", [])
            if not isinstance(qualities, list):
                raise reader.fail(where, f"the qualities of {region} must be a list")
            if m.get("quality"):  # format of versions before several qualities per place
                qualities = [*qualities, m.get("quality")]
            felt = tuple(reader.text(where, q, f"quality of {region}") for q in qualities)
            marks.append(LoggedMark(region, level, felt))
        tags = raw.get("tags", [])
        if not isinstance(tags, list):
            raise reader.fail(where, "tags must be a list")
        tests = raw.get("tests", [])
        if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
            raise reader.fail(where, "tests must be a list of objects")
        entry = Entry(
            uid=reader.uid(where, raw.get("uid")),
            at=reader.time(where, raw.get("time")),
            overall=reader.level(where, raw.get("overall"), "overall pain"),
            note=reader.text(where, raw.get("note"), "note"),
            marks=tuple(marks),
            deleted=reader.flag(where, raw.get("deleted"), "deleted"),
            tests=tuple(
                PressAnswer(*(reader.text(where, t.get(k), f"press-test {k}") for k in PRESS_TEST_KEYS))
                for t in tests
            ),
            tags=tuple(reader.text(where, t, "tag") for t in tags),
        )
        entries.append(reader.entry(where, entry))
    for i, raw in enumerate(payload.get("sessions", [])):
        where = f"session #{i + 1}"
        if not isinstance(raw, dict):
            raise reader.fail(where, "must be an object")
        sessions.append(_session(reader, where, raw, raw.get("started")))
    for i, raw in enumerate(payload.get("flares", [])):
        where = f"flare #{i + 1}"
        if not isinstance(raw, dict):
            raise reader.fail(where, "must be an object")
        flares.append(_flare(reader, where, raw, raw.get("started")))
    return LogItems(entries, sessions, flares)


PRESS_TEST_KEYS = ("muscle", "side", "trigger_point", "answer")


def _session(reader: _Reader, where: str, raw: dict[str, Any], started: object) -> Session:
    duration_s = raw.get("duration_s")
    if isinstance(duration_s, bool) or not isinstance(duration_s, (int, float, str)):
        raise reader.fail(where, f"duration {_show(duration_s)} is not a number of seconds")
    try:
        duration = float(duration_s)
    except (ValueError, OverflowError):
        raise reader.fail(where, f"duration {_show(duration_s)} is not a number of seconds") from None
    session = Session(
        uid=reader.uid(where, raw.get("uid")),
        technique=reader.text(where, raw.get("technique"), "technique"),
        muscle=reader.text(where, raw.get("muscle"), "muscle"),
        side=reader.text(where, raw.get("side"), "side"),
        started=reader.time(where, started),
        duration_s=duration,
        completed=reader.flag(where, raw.get("completed"), "completed"),
        pain_before=reader.level(where, raw.get("pain_before"), "pain before"),
        pain_after=reader.level(where, raw.get("pain_after"), "pain after"),
    )
    return reader.session(where, session)


def read_csv(path: Path) -> tuple[list[Entry], list[Session]]:
    entries, sessions, _ = read_csv_items(path)
    return entries, sessions


def read_csv_items(path: Path) -> LogItems:
    """A CSV export, all or nothing: a row with the wrong number of fields (a file cut short,
    a stray comma), a bad value or an unknown kind fails the whole file, naming its line."""
    reader = _Reader(path.name)
    try:
        # newline="": the csv module, not Python, decides what ends a row, so notes keep their \\r\\n;
        # utf-8-sig: a spreadsheet that saved the file may have put a byte-order mark first
        with open(path, encoding="utf-8-sig", newline="") as source:
            text = source.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from None
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a note may be long; the default stops at 128 kB
    # strict: a quoted note cut short by the end of the file is an error, not a shorter note
    lines = csv.reader(io.StringIO(text, newline=""), strict=True)
    entries: list[Entry] = []
    sessions: list[Session] = []
    flares: list[Flare] = []
    start = 1
    try:
        header = next(lines, None)
        if header is None or not {"kind", "uid", "time"} <= set(header):
            raise UserError(f"{path.name} is not a bodymap CSV export (no kind, uid and time columns)")
        start = lines.line_num + 1
        where = ""
        for cells in lines:
            where, start = f"line {start}", lines.line_num + 1
            if cells == []:
                continue  # a blank line
            if len(cells) != len(header):
                raise reader.fail(
                    where, f"has {len(cells)} fields, the header {len(header)}: cut short or damaged?"
                )
            row = dict(zip(header, map(_uncell, cells), strict=True))
            if row["kind"] == "entry":
                entry = Entry(
                    uid=reader.uid(where, row["uid"]),
                    at=reader.time(where, row["time"]),
                    overall=reader.level(where, row.get("overall"), "overall pain"),
                    note=row.get("note") or "",
                    marks=_parse_marks(reader, where, row.get("marks") or ""),
                    deleted=reader.flag(where, row.get("deleted", "0"), "deleted"),
                    tests=_parse_tests(reader, where, row.get("tests") or ""),
                    tags=_parse_tags(row.get("tags") or ""),
                )
                entries.append(reader.entry(where, entry))
            elif row["kind"] == "session":
                sessions.append(_session(reader, where, row, row["time"]))
            elif row["kind"] == "flare":
                flares.append(_flare(reader, where, row, row["time"]))
            else:
                raise reader.fail(where, f"kind {_show(row['kind'])} must be entry, session or flare")
    except csv.Error as exc:
        raise reader.fail(f"line {start}", f"is not valid CSV ({exc})") from None
    # Every row bodymap writes ends in a line break and its last cell in a quote: without
    # either, the last row may have lost its last fields and still look whole.
    if where and not text.endswith(("\n", "\r", '"')):
        raise reader.fail(where, "ends without a line break: the file looks cut short")
    return LogItems(entries, sessions, flares)


def read_export(path: Path) -> tuple[list[Entry], list[Session]]:
    entries, sessions, _ = read_export_items(path)
    return entries, sessions


def read_export_items(path: Path) -> LogItems:
    """Entries, sessions and flares of a JSON or CSV export; UserError naming what is wrong."""
    path = Path(path)
    try:
        if path.is_dir():
            raise UserError(f"{path} is a folder, not an export file")
        if not path.is_file():
            raise UserError(f"{path} does not exist")
    except OSError as exc:  # a name too long for any folder, a loop of links
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".json":
        return read_json_items(path)
    if path.suffix.lower() == ".csv":
        return read_csv_items(path)
    raise UserError(f"{path.name}: import reads .json or .csv exports")
