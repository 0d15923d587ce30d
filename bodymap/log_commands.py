"""`bodymap log …`: the pain log from the command line. Core only, except the PDF report."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bodymap.core import words
from bodymap.core.errors import UserError
from bodymap.core.logbackups import describe
from bodymap.core.logio import export_csv, export_json, read_export_items
from bodymap.core.marking import parse_mark_specs
from bodymap.core.painlog import (
    LogDamaged,
    LoggedMark,
    PainLog,
    explain,
    is_damage,
    new_entry,
    parse_time,
)
from bodymap.core.paths import user_data_dir
from bodymap.core.quick_log import entry_tags
from bodymap.core.regions import RegionCatalog, load_catalog


def open_log(data_dir: str | None, repair: bool = True) -> PainLog:
    log = PainLog(user_data_dir(data_dir), repair=repair)
    say_what_opening_found(log)
    return log


def say_what_opening_found(log: PainLog) -> None:
    report = log.report
    if report.repair is not None and report.recovered_from is not None:
        print(
            f"bodymap: the pain log was damaged ({report.repair.reason}) and has been repaired: "
            f"{report.repair.summary()}. The damaged file is kept at {report.recovered_from}",
            file=sys.stderr,
        )
    if report.wal_damaged is not None:
        lost = report.wal_damaged.lost_saves
        print(
            f"bodymap: the pain log's write-ahead file was damaged: the last {lost} "
            f"{'save' if lost == 1 else 'saves'} before it could not be read back; "
            f"a copy is kept at {report.wal_damaged.kept}",
            file=sys.stderr,
        )


def check_regions(marks: list[LoggedMark], catalog: RegionCatalog, source: str) -> None:
    for mark in marks:
        if mark.region not in catalog:
            catalog.resolve(mark.region)  # raises with the closest names
            raise UserError(f"{source}: region {mark.region!r} is not a single region (name its side)")


def run_log_command(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except sqlite3.Error as exc:  # while reading or writing: damage, or a problem of the moment
        folder = user_data_dir(args.data_dir)
        if is_damage(exc):
            advice = "run `bodymap log check --repair`"
            print(f"bodymap: the pain log is damaged ({exc}); {advice}", file=sys.stderr)
        else:
            print(f"bodymap: {explain(exc, folder / 'painlog.sqlite')}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    action = args.log_command
    if action == "add":
        catalog = load_catalog()
        specs = parse_mark_specs(args.regions, catalog)  # REGION=I:burning,tingling says how it feels
        marks = [LoggedMark(m.region, m.intensity, m.qualities) for m in specs]
        if not marks and args.overall is None and not args.note:
            raise UserError("nothing to log: give regions, --overall or --note")
        at = parse_time(args.at) if args.at is not None else None
        tags = entry_tags(args.tag)  # trimmed, each once; one that cannot be kept is one sentence
        with open_log(args.data_dir) as log:
            entry = log.add(replace(new_entry(marks, args.overall, args.note, at), tags=tags))
        print(entry.uid)
        return 0
    if action == "list":
        since = parse_time(args.since) if args.since is not None else None
        with open_log(args.data_dir) as log:  # streamed: a long log is printed as it is read
            listed = log.stream_entries(since=since)
            if args.json:
                from bodymap.core.logio import _entry_json, write_json_array

                write_json_array((_entry_json(e) for e in listed), sys.stdout)
                sys.stdout.write("\n")
            else:
                for e in listed:
                    overall = "–" if e.overall is None else f"{e.overall}/10"
                    places = ", ".join(_listed_mark(m) for m in e.marks)
                    note = f"  “{e.note}”" if e.note else ""
                    context = f"  ({'; '.join(e.tags)})" if e.tags else ""
                    print(f"{e.at:%Y-%m-%d %H:%M %z}  {overall:>5}  {places}{note}{context}  [{e.uid[:8]}]")
        return 0
    if action == "export":
        out = Path(args.output)
        if out.suffix.lower() != f".{args.format}":
            raise UserError(f"{out} should end in .{args.format}")
        first, last = getattr(args, "first", None), getattr(args, "last", None)
        if (first or last) and args.format != "pdf":
            raise UserError("--from and --to choose the PDF report's period; csv and json hold the whole log")
        if first and last and first > last:
            raise UserError(f"--from {first} comes after --to {last}")
        with open_log(args.data_dir) as log:
            if args.format == "csv":
                rows = export_csv(log, out)
            elif args.format == "json":
                rows = export_json(log, out)
            else:
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                from bodymap.ui.log.report import write_report

                rows = write_report(log, out, first=first, last=last)
        print(f"{out}: {words.count(rows, 'row' if args.format == 'csv' else 'entry')}")
        return 0
    if action == "import":
        entries, sessions, flares = read_export_items(Path(args.file))
        catalog = load_catalog()
        for entry in entries:
            check_regions(list(entry.marks), catalog, Path(args.file).name)
        with open_log(args.data_dir) as log:
            added, added_sessions = log.import_items(entries, sessions, flares)
        skipped = len(entries) - added
        print(
            f"{words.count(added, 'entry')} and {words.count(added_sessions, 'session')} added, "
            f"{words.count(skipped, 'entry')} already in the log"
        )
        return 0
    if action == "check":
        return _check(args)
    if action == "restore":
        return _restore(args)
    raise UserError(f"unknown log action {action!r}")


def _check(args: argparse.Namespace) -> int:
    """Exit 0 when sound, 1 when damaged (repaired only with --repair)."""
    try:
        log = open_log(args.data_dir, repair=args.repair)
    except LogDamaged as exc:
        advice = "`bodymap log check --repair` recovers what is readable"
        print(f"the pain log is damaged: {exc}; {advice}")
        return 1
    with log:
        problems = log.check()
        if problems and args.repair:
            log.repair("; ".join(problems[:2]))
            say_what_opening_found(log)
            problems = log.check()
        count = log.count(include_deleted=True)
        repaired = log.report.repair
    if problems:
        print(f"{log.path}: the pain log is damaged:", *problems, sep="\n  ")
        print("`bodymap log check --repair` recovers what is readable into a fresh log, keeping these bytes")
        return 1
    if repaired is not None or log.report.wal_damaged is not None:
        print(f"{log.path}: damage was found and repaired; now sound ({words.count(count, 'entry')})")
        return 1
    print(f"{log.path}: sound ({words.count(count, 'entry')}, checked {datetime.now():%Y-%m-%d %H:%M})")
    return 0


def _restore(args: argparse.Namespace) -> int:
    with open_log(args.data_dir) as log:
        backups = [describe(p) for p in log.backups()]
        if args.backup is None:
            if not backups:
                print("no backups yet (one is made each day the log is used)")
            for number, info in enumerate(backups, 1):
                entries = "cannot be read" if info.entries is None else words.count(info.entries, "entry")
                label = info.label.replace("-", " ") or "last good copy before damage"
                note = f" · kept: {label}" if info.kept else ""
                print(f"{number:>3}  {info.made:%Y-%m-%d %H:%M}  {entries}{note}  {info.path.name}")
            return 0
        chosen = _choose(args.backup, [b.path for b in backups])
        before = log.restore_from(chosen)
        count = log.count()
    kept = f"; the log as it was is kept as {before}" if before else ""
    print(f"restored {chosen.name}: {words.count(count, 'entry')}{kept}")
    return 0


def _choose(wanted: str, backups: list[Path]) -> Path:
    if wanted.isdigit() and 1 <= int(wanted) <= len(backups):
        return backups[int(wanted) - 1]
    for path in backups:
        if wanted in (path.name, str(path)):
            return path
    given = Path(wanted).expanduser()
    if given.is_file():
        return given
    raise UserError(f"no backup {wanted!r}: run `bodymap log restore` to list them")


def _listed_mark(mark: LoggedMark) -> str:
    """`interscapular.left 7 burning/tingling`: a place, how much, and how it felt."""
    felt = f" {'/'.join(mark.qualities)}" if mark.qualities else ""
    return f"{mark.region} {mark.intensity}{felt}"
