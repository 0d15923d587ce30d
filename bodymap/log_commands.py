"""`bodymap log …`: the pain log from the command line. Core only, except the PDF report."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from bodymap.core.errors import UserError
from bodymap.core.logio import export_csv, export_json, read_export
from bodymap.core.marking import parse_mark_specs
from bodymap.core.painlog import LoggedMark, PainLog, new_entry, parse_time
from bodymap.core.paths import user_data_dir
from bodymap.core.regions import RegionCatalog, load_catalog


def open_log(data_dir: str | None) -> PainLog:
    log = PainLog(user_data_dir(data_dir))
    if log.report.recovered_from is not None:
        backup = log.latest_backup()
        offer = f"; the latest backup is {backup}" if backup else ""
        print(
            f"bodymap: the pain log was damaged and has been moved aside to {log.report.recovered_from}; "
            f"a new log was started{offer}",
            file=sys.stderr,
        )
    return log


def check_regions(marks: list[LoggedMark], catalog: RegionCatalog, source: str) -> None:
    for mark in marks:
        if mark.region not in catalog:
            catalog.resolve(mark.region)  # raises with the closest names
            raise UserError(f"{source}: region {mark.region!r} is not a single region (name its side)")


def run_log_command(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except sqlite3.DatabaseError as exc:  # damage found while reading: say so, keep the file
        print(f"bodymap: the pain log is damaged ({exc}); run `bodymap log check`", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    action = args.log_command
    if action == "add":
        catalog = load_catalog()
        marks = [LoggedMark(m.region, m.intensity) for m in parse_mark_specs(args.regions, catalog)]
        if not marks and args.overall is None and not args.note:
            raise UserError("nothing to log: give regions, --overall or --note")
        at = parse_time(args.at) if args.at is not None else None
        with open_log(args.data_dir) as log:
            entry = log.add(new_entry(marks, args.overall, args.note, at))
        print(entry.uid)
        return 0
    if action == "list":
        since = parse_time(args.since) if args.since is not None else None
        with open_log(args.data_dir) as log:
            entries = log.entries(since=since)
        if args.json:
            from bodymap.core.logio import _entry_json

            json.dump([_entry_json(e) for e in entries], sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            for e in entries:
                overall = "–" if e.overall is None else f"{e.overall}/10"
                places = ", ".join(f"{m.region} {m.intensity}" for m in e.marks)
                note = f"  “{e.note}”" if e.note else ""
                print(f"{e.at:%Y-%m-%d %H:%M %z}  {overall:>5}  {places}{note}  [{e.uid[:8]}]")
        return 0
    if action == "export":
        out = Path(args.output)
        if out.suffix.lower() != f".{args.format}":
            raise UserError(f"{out} should end in .{args.format}")
        with open_log(args.data_dir) as log:
            if args.format == "csv":
                rows = export_csv(log, out)
            elif args.format == "json":
                rows = export_json(log, out)
            else:
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                from bodymap.ui.log.report import write_report

                rows = write_report(log, out)
        print(f"{out}: {rows} {'rows' if args.format == 'csv' else 'entries'}")
        return 0
    if action == "import":
        entries, sessions = read_export(Path(args.file))
        catalog = load_catalog()
        for entry in entries:
            check_regions(list(entry.marks), catalog, Path(args.file).name)
        with open_log(args.data_dir) as log:
            added, added_sessions = log.import_items(entries, sessions)
        skipped = len(entries) - added
        print(f"{added} entries and {added_sessions} sessions added, {skipped} entries already in the log")
        return 0
    if action == "check":
        folder = user_data_dir(args.data_dir)
        with open_log(args.data_dir) as log:
            problems = log.check()
            count = log.count(include_deleted=True)
        if problems:
            print(f"{folder}: the pain log is damaged:", *problems, sep="\n  ")
            return 1
        print(f"{log.path}: sound ({count} entries, checked {datetime.now():%Y-%m-%d %H:%M})")
        return 0
    raise UserError(f"unknown log action {action!r}")
