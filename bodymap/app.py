"""Command line and GUI entry point.

Commands that print (regions, …) use only `bodymap.core` and never import Qt,
so they start fast. The window and `screenshot` import the UI lazily.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from bodymap import __version__
from bodymap.core.errors import DataError, StorageError, UserError
from bodymap.core.paths import ENV_DATA_DIR, user_data_dir

EXIT_USAGE = 2
# `refer` under its list when no listed muscle accounts for every marked place (see
# referral.no_single_source): a large "something else" then mostly means two sources at once.
MORE_THAN_ONE = (
    "None of these accounts for every place marked: the pain may come from more than one muscle at once."
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one plain line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"bodymap: {message} (see bodymap --help)\n")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size {text!r} is not WIDTHxHEIGHT, e.g. 1280x800") from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"size {text!r} is outside 320x240 to 8000x8000")
    return w, h


def _text(text: str) -> str:
    """Text from the command line as it will be stored: bytes that are not UTF-8 (Python
    keeps them as lone surrogates) would fail later, deep in the log."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            "is not valid UTF-8 text (is your terminal set to another encoding?)"
        ) from None
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bodymap", description="Find the trigger points behind your pain, and treat them.")
    parser.add_argument("--version", action="version", version=f"bodymap {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep all your data (log, settings) in DIR "
        "(default: $BODYMAP_DATA_DIR or your platform's user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("regions", help="list every body-map region: id, label, view")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser(
        "refer", help="rank the muscles whose trigger points likely send pain to these regions"
    )
    p.add_argument(
        "regions",
        nargs="+",
        metavar="REGION[=INTENSITY]",
        help="e.g. interscapular.left=7 (AREA alone marks both sides; intensity 0-10, default 5); "
        "interscapular.left=7:burning also says how it feels",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--top", type=_positive, default=10, metavar="N", help="how many candidates (default 10)")

    p = sub.add_parser("muscles", help="list every muscle in the knowledge base")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--sheet",
        action="store_true",
        help="print the review sheet (Markdown): each area's muscles in order, and every source",
    )

    p = sub.add_parser(
        "safety", help="list every safety rule: id, kind, level, title, message, what raises it, sources"
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("screenshot", help="render the main window offscreen to a PNG")
    p.add_argument("out", metavar="OUT.png", help="the PNG to write")
    p.add_argument("--view", choices=("front", "back", "both"), default="both")
    p.add_argument(
        "--mark",
        nargs="+",
        action="extend",
        default=[],
        metavar="REGION[=I]",
        help="regions to mark, e.g. interscapular.left=7, or palm.left=3:tingling,numb with how it "
        "feels there (AREA alone marks both sides)",
    )
    p.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH")
    p.add_argument("--technique", metavar="ID", help="show the guided routine of this technique")
    p.add_argument(
        "--at",
        type=_seconds,
        metavar="SECONDS",
        help="with --technique: started, this many seconds in (past the end shows the summary)",
    )
    p.add_argument("--paused", action="store_true", help="with --technique --at: paused there")
    p.add_argument(
        "--find",
        metavar="ANSWERS",
        help="show Find it after these answers, e.g. no,yes (empty string: the first press-test)",
    )

    log = sub.add_parser("log", help="your pain log: add, list, export, import, check, restore")
    log_sub = log.add_subparsers(dest="log_command", metavar="ACTION", parser_class=_Parser, required=True)
    p = log_sub.add_parser("add", help="save one entry durably and print its id")
    p.add_argument(
        "regions",
        nargs="*",
        metavar="REGION[=INTENSITY]",
        help="e.g. interscapular.left=7, or palm.left=3:tingling,numb with how it feels there",
    )
    p.add_argument("--overall", type=_level, metavar="N", help="overall pain 0-10")
    p.add_argument("--note", type=_text, default="", metavar="TEXT")
    p.add_argument("--at", metavar="ISO8601", help="when (default now; without an offset: local time)")
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        type=_text,
        metavar="TAG",
        help="what the day was like, e.g. 'poor sleep' or 'weather: cold' (repeat for more)",
    )
    p = log_sub.add_parser("list", help="entries, newest first")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--since", metavar="DATE", help="only entries from this date or time on")
    p = log_sub.add_parser("export", help="write the whole log to a file (atomically)")
    p.add_argument("--format", choices=("csv", "json", "pdf"), required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--from", dest="first", type=_day, metavar="DATE", help="pdf: the report's first day")
    p.add_argument("--to", dest="last", type=_day, metavar="DATE", help="pdf: its last day (both local)")
    p = log_sub.add_parser("import", help="add the entries of a JSON or CSV export (known ones are skipped)")
    p.add_argument("file", metavar="FILE")
    p = log_sub.add_parser("check", help="integrity check: exit 0 when sound, 1 when damaged")
    p.add_argument("--repair", action="store_true", help="recover what is readable into a fresh log")
    p = log_sub.add_parser("restore", help="list backups, or restore one (the current log is kept first)")
    p.add_argument("backup", nargs="?", help="a backup's number in the list, its file name or its path")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2026-09-30") from None


def _level(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number 0-10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0-10")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 0 to 86400 seconds")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.data_dir is not None or os.environ.get(ENV_DATA_DIR) is not None:
            user_data_dir(args.data_dir)  # an empty folder name is refused before anything runs
        if args.command == "regions":
            return _cmd_regions(args)
        if args.command == "refer":
            return _cmd_refer(args)
        if args.command == "muscles":
            return _cmd_muscles(args)
        if args.command == "safety":
            return _cmd_safety(args)
        if args.command == "screenshot":
            return _cmd_screenshot(args)
        if args.command == "log":
            from bodymap.log_commands import run_log_command

            return run_log_command(args)
        return _run_gui(args)
    except UserError as exc:
        print(f"bodymap: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        print(f"bodymap: broken data file: {exc}", file=sys.stderr)
        return 1
    except StorageError as exc:  # a full disk: not the person's mistake, so not status 2
        print(f"bodymap: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `bodymap regions | head`
        return 0


def main_gui() -> int:
    return main([])


# ---------------------------------------------------------------- commands


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _cmd_regions(args: argparse.Namespace) -> int:
    from bodymap.core.regions import load_catalog

    catalog = load_catalog()
    if args.json:
        rows = [
            {"id": r.id, "label": r.label, "view": r.view, "area": r.area, "side": r.side} for r in catalog
        ]
        _print_json(rows)
    else:
        width = max(len(r.id) for r in catalog)
        for r in catalog:
            print(f"{r.id:<{width}}  {r.view:<5}  {r.label}")
    return 0


def _cmd_refer(args: argparse.Namespace) -> int:
    from bodymap.core.knowledge import load_knowledge
    from bodymap.core.marking import parse_mark_specs
    from bodymap.core.referral import ReferralEngine, spot
    from bodymap.core.regions import load_catalog

    catalog = load_catalog()
    marks = parse_mark_specs(args.regions, catalog)
    assessment = ReferralEngine(load_knowledge(), catalog).assess(marks, top=args.top)
    candidates = assessment.candidates
    if args.json:
        from bodymap.core.safety import load_safety
        from bodymap.core.techniques import load_techniques

        library = load_techniques()
        payload = {
            "candidates": [
                {
                    "muscle": c.muscle.id,
                    "name": c.muscle.name,
                    "side": c.side,
                    "score": c.score,
                    "why": c.why,
                    "trigger_points": [
                        {
                            "id": tp.id,
                            "label": tp.label,
                            "region": region,
                            "find": tp.find,
                            "view": where.view,
                            "at": list(where.at),
                        }
                        for tp, region in c.trigger_point_regions()
                        for where in (spot(tp, region),)
                    ],
                    "techniques": [t.id for t in library.for_muscle(c.muscle.id)],
                }
                for c in candidates
            ],
            "safety": [rule.line for rule in load_safety().flags(marks)],
        }
        _print_json(payload)
        return 0
    from bodymap.core.safety import load_safety

    for rule in load_safety().flags(marks):
        print(f"!! {rule.line}")
    if not candidates:
        print("No muscle in the knowledge base refers pain to these regions.")
    for rank, c in enumerate(candidates, 1):
        print(f"{rank:>2}. {c.muscle.name} ({c.side})  {c.probability:.0%}")
        print(f"    {c.why}")
    if candidates:
        print(
            f"    Something else (another cause, or a muscle further down): {assessment.something_else:.0%}"
        )
        from bodymap.core.referral import no_single_source

        if no_single_source(candidates, (m.region for m in marks)):
            print(f"    {MORE_THAN_ONE}")
    return 0


def _cmd_muscles(args: argparse.Namespace) -> int:
    from bodymap.core.knowledge import load_knowledge

    knowledge = load_knowledge()
    if args.json and args.sheet:
        raise UserError("--json and --sheet are two forms: give one")
    if args.sheet:
        from bodymap.core.frequency import load_frequency
        from bodymap.core.regions import load_catalog
        from bodymap.core.review import review_sheet

        sys.stdout.write(review_sheet(knowledge, load_catalog(), load_frequency(knowledge=knowledge)))
        return 0
    if args.json:
        rows = [
            {
                "id": m.id,
                "name": m.name,
                "description": m.description,
                "prevalence": m.prevalence,
                "trigger_points": [
                    {
                        "id": tp.id,
                        "label": tp.label,
                        "area": tp.area,
                        "view": tp.placement.view if tp.placement else None,
                        "at": {side: list(tp.at(side)) for side in ("left", "right")}
                        if tp.placement
                        else None,
                    }
                    for tp in m.trigger_points
                ],
                "sources": [{"title": s.title, "url": s.url} for s in m.sources],
            }
            for m in knowledge
        ]
        _print_json(rows)
    else:
        width = max(len(m.id) for m in knowledge)
        for m in knowledge:
            print(f"{m.id:<{width}}  {m.name}")
    return 0


def _cmd_safety(args: argparse.Namespace) -> int:
    from bodymap.core.safety import load_safety, raised_by

    rules = load_safety()
    if args.json:
        rows = []
        for r in rules:
            row: dict[str, object] = {
                "id": r.id,
                "kind": r.kind,
                "level": r.level,
                "title": r.title,
                "message": r.message,
                "raised_by": raised_by(r),
            }
            if r.when:  # a regions rule, or a checklist sign the map's qualities raise too
                row["when"] = [list(group) for group in r.when]
                row["at_least"] = r.at_least or len(r.when)
            if r.qualities:
                row["qualities"] = list(r.qualities)
            if r.question:
                row["question"] = r.question
            row["sources"] = [
                {"title": s.title, "url": s.url, "used_for": s.used_for, "grade": s.grade} for s in r.sources
            ]
            rows.append(row)
        _print_json(rows)
        return 0
    for n, r in enumerate(rules):
        if n:
            print()
        print(f"{r.id}  [{r.kind}, {r.level}]")
        print(f"  {r.title}")
        print(textwrap.fill(r.message, 96, initial_indent="  ", subsequent_indent="  "))
        print(textwrap.fill(f"Raised by: {raised_by(r)}", 96, initial_indent="  ", subsequent_indent="    "))
        print("  Sources:")
        for s in r.sources:
            print(f"    - [{s.grade}] {s.title}")
            print(f"      {s.url}")
            print(
                textwrap.fill(f"for: {s.used_for}", 96, initial_indent="      ", subsequent_indent="      ")
            )
    return 0


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from bodymap.core.marking import parse_mark_specs
    from bodymap.core.regions import load_catalog

    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise UserError(f"{out} must end in .png")
    try:  # said before Qt starts; every other failure to write is said after rendering
        if not out.parent.is_dir():
            raise UserError(f"folder {out.parent} does not exist")
        if out.is_dir():
            raise UserError(f"cannot write {out}: it is a folder")
    except OSError as exc:  # a name too long for any folder
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    marks = parse_mark_specs(args.mark, load_catalog())  # bad input fails before Qt starts
    if args.technique:
        from bodymap.core.techniques import load_techniques

        if args.technique not in load_techniques():
            raise UserError(f"unknown technique {args.technique!r} (see bodymap refer --json)")
    elif args.at is not None or args.paused:
        raise UserError("--at and --paused need --technique")
    if args.paused and args.at is None:
        raise UserError("--paused needs --at")
    answers = [a.strip() for a in (args.find or "").split(",") if a.strip()]
    bad = [a for a in answers if a not in ("yes", "tender", "no")]
    if bad:
        raise UserError(f"--find answer {bad[0]!r} must be yes, tender or no")
    if args.find is not None and args.technique:
        raise UserError("--find and --technique show different panels: give one")
    if args.find is not None and not marks:
        raise UserError("--find needs --mark: the search tests the likely sources of marked pain")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bodymap.ui.application import render_screenshot

    render_screenshot(
        out,
        marks=marks,
        view=args.view,
        size=args.size,
        data_dir=args.data_dir,
        technique=args.technique or "",
        at=args.at,
        paused=args.paused,
        find=answers if args.find is not None else None,
    )
    print(out, flush=True)
    return 0


def _run_gui(args: argparse.Namespace) -> int:
    from bodymap.ui.application import run_app

    return run_app(data_dir=args.data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
