"""The clinician's PDF, read back as text: what the report promises is in it."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader

from bodymap.core.painlog import LoggedMark, PainLog, new_entry, new_session
from bodymap.core.regions import load_catalog
from bodymap.core.techniques import load_techniques
from bodymap.ui.log.report import write_report

ZONE = timezone(timedelta(hours=1))


def pages_text(path: Path) -> list[str]:
    """Each page's text, runs of white space made one space (table cells wrap) and the font's
    ligatures undone ("ﬁ" is "fi")."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
        for page in PdfReader(path).pages
    ]


def known_log(folder: Path) -> PainLog:
    log = PainLog(folder)
    log.add(
        new_entry(
            [LoggedMark("interscapular.left", 7, "aching"), LoggedMark("neck_side.left", 4)],
            overall=6,
            note="after desk work",
            at=datetime(2026, 3, 2, 8, 30, tzinfo=ZONE),
        )
    )
    log.add(
        new_entry(
            [LoggedMark("interscapular.left", 2), LoggedMark("temple.right", 9, "throbbing")],
            overall=2,
            note="better after the walk",
            at=datetime(2026, 3, 14, 19, 5, tzinfo=ZONE),
        )
    )
    log.add(new_entry([LoggedMark("jaw.right", 5)], at=datetime(2026, 3, 20, 12, 0, tzinfo=ZONE)))
    started = datetime(2026, 3, 3, 9, 0, tzinfo=ZONE)
    for before, after in ((6, 3), (5, 4)):
        log.add_session(
            new_session("scalenes_finger_release", "scalenes", "left", started, 90, True, before, after)
        )
    log.add_session(new_session("ball_against_wall", "rhomboids", "left", started, 120, True, 4, 5))
    return log


@pytest.fixture
def report(tmp_path: Path) -> list[str]:
    with known_log(tmp_path / "data") as log:
        assert write_report(log, tmp_path / "report.pdf") == 3
    return pages_text(tmp_path / "report.pdf")


def test_the_report_gives_the_period_the_average_and_the_sessions(report: list[str]) -> None:
    first = report[0]
    assert first.startswith("Pain report")
    # the date range of the entries, the mean of the ratings given ((6 + 2) / 2), the sessions
    assert (
        "3 entries from 02 Mar 2026 to 20 Mar 2026; average overall pain 4.0/10; 3 self-treatment sessions."
        in first
    )
    assert "not a diagnosis" in first


def test_the_report_names_the_most_painful_places_with_their_average(report: list[str]) -> None:
    text = " ".join(report)
    labels = {r: load_catalog()[r].label for r in ("temple.right", "interscapular.left", "jaw.right")}
    most = re.search(r"Most painful: (.*?) Overall pain over time", text)
    assert most is not None, text
    listed = most.group(1)
    # worst first, each region's average: temple 9, jaw 5, between the blades (7 + 2) / 2, neck 4
    assert listed == (
        f"{labels['temple.right']} 9.0; {labels['jaw.right']} 5.0; {labels['interscapular.left']} 4.5; "
        f"{load_catalog()['neck_side.left'].label} 4.0"
    )


def test_the_report_lists_the_techniques_and_what_they_did(report: list[str]) -> None:
    text = " ".join(report)
    names = {t.id: t.name for t in load_techniques()}
    # the one that helped first: -3 and -1 average -2.0, spread 1.4, less pain both times
    helped = text.index(names["scalenes_finger_release"])
    worse = text.index(names["ball_against_wall"])
    assert helped < worse
    assert "2 -2.0 ± 1.4 2 of 2" in text[helped:worse]
    assert "1 +1.0 ± 0.0 0 of 1" in text[worse:]


def test_the_report_lists_every_entry_with_its_places_intensities_and_notes(report: list[str]) -> None:
    text = " ".join(report)
    table = text[text.index("All entries, newest first") :]
    label = load_catalog()
    rows = [
        f"20 Mar 2026 12:00 – {label['jaw.right'].label} 5",
        f"14 Mar 2026 19:05 2/10 {label['interscapular.left'].label} 2, "
        f"{label['temple.right'].label} 9 throbbing better after the walk",
        f"02 Mar 2026 08:30 6/10 {label['interscapular.left'].label} 7 aching, "
        f"{label['neck_side.left'].label} 4 after desk work",
    ]
    at = [table.find(row) for row in rows]
    assert -1 not in at, (rows, table)
    assert at == sorted(at)  # newest first


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    with PainLog(tmp_path / "data") as log:
        start = datetime(2026, 1, 1, 8, 0, tzinfo=ZONE)
        for day in range(90):
            log.add(
                new_entry(
                    [LoggedMark("jaw.left", day % 11)],
                    overall=day % 11,
                    note=f"day {day}",
                    at=start + timedelta(days=day),
                )
            )
        write_report(log, tmp_path / "long.pdf")
    report = pages_text(tmp_path / "long.pdf")
    table_pages = [page for page in report if "All entries, newest first" in page]
    (first,) = table_pages
    later = report[report.index(first) + 1 :]
    assert later, "90 entries fill more than one page"
    assert all(page.startswith("When Overall Where (intensity, quality) Note") for page in later)
    text = " ".join(report)
    assert all(f"day {day}" in text for day in range(90))  # none lost at a page break
