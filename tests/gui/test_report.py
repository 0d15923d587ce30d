"""The clinician's PDF, read back as text: page one's summary, the chart, every entry, the
period and "page n of N" on every page, table headers repeated; the period from the command
line and from File > Export…"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QColor, QTextDocument
from pytestqt.qtbot import QtBot

from bodymap.app import main
from bodymap.core.painlog import Entry, LoggedMark, PainLog, local_day, new_entry, new_session
from bodymap.core.profile import Personal, PersonalStore, Profile, load_about_you
from bodymap.core.regions import load_catalog
from bodymap.core.report_summary import Period
from bodymap.core.safety import load_safety
from bodymap.core.techniques import load_techniques
from bodymap.ui.log.daily_chart import OVERALL, chart_image
from bodymap.ui.log.report import write_report
from bodymap.ui.log.report_dialog import ReportChoice, ReportDialog
from bodymap.ui.main_window import MainWindow
from bodymap.ui.notices import Notice
from tools.make_demo_log import generate

ZONE = timezone(timedelta(hours=1))
END = datetime(2026, 12, 1, 23, tzinfo=ZONE)  # the demo year's last day
ENTRIES_HEADER = "When Overall Where (intensity, how it felt) Note"
STAMP = re.compile(r"\d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d")  # an entry's row in the table


def pages_text(path: Path) -> list[str]:
    """Each page's text, runs of white space made one space (table cells wrap) and the font's
    ligatures undone ("ﬁ" is "fi")."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split())
        for page in PdfReader(path).pages
    ]


def label(region: str) -> str:
    return load_catalog()[region].label


@pytest.fixture(scope="module")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo year (tools/make_demo_log.py): ~3 entries a day, a knot between the shoulder
    blades most days, rarer temple pain, sessions and press-tests, a few days without entries."""
    folder = tmp_path_factory.mktemp("demo")
    entries, sessions = generate(days=365, per_day=3, seed=1, end=END, skip=0.04)
    with PainLog(folder, backup_daily=False) as log:
        log.import_items(entries, sessions)
    return folder


NINETY = Period(date(2026, 9, 3), date(2026, 12, 1))


@pytest.fixture(scope="module")
def ninety_days(demo_year: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    with PainLog(demo_year) as log:
        write_report(log, out, first=NINETY.first, last=NINETY.last)
    return pages_text(out)


def in_period(folder: Path, period: Period) -> list[Entry]:
    """The period's entries worked out here, by each entry's own local day."""
    with PainLog(folder) as log:
        return [
            e for e in log.entries() if period.first <= date.fromisoformat(local_day(e.at)) <= period.last
        ]


def test_page_one_of_ninety_days_has_every_summary_item(demo_year: Path, ninety_days: list[str]) -> None:
    first = ninety_days[0]
    entries = in_period(demo_year, NINETY)
    days = {local_day(e.at) for e in entries}
    rated = [e.overall for e in entries if e.overall is not None]
    assert "Pain report 3 Sep 2026 – 1 Dec 2026 (90 days)" in first
    mean = f"{round(sum(rated) / len(rated), 1):g}/10 ({len(rated)} rated)"
    worst = max(rated)
    assert f"{len(days)} of 90 {len(entries)} {mean} {worst}/10 (on " in first
    assert len(days) < 90  # the demo leaves some days without an entry
    for caption in (
        "Start (first 7 days)",
        "End (last 7 days)",
        "Change, end against start",
        "Average over the period",
        "How often (share of entries)",
        "green better",
        # as change_word decides: a change of exactly half a point is better or worse
        "grey the same (less than half a point apart)",
        "Where it hurts most: how often × how much",
        "Techniques tried",
        "Press-tests",
        "Warning signs (as the checklist stands now): not recorded",
        "About you: not answered.",
    ):
        assert caption in first, caption
    # the ranking: the daily knot first, the rare temple lower though it hurts more when it comes
    knot = [m.intensity for e in entries for m in e.marks if m.region == "interscapular.left"]
    temple = [m.intensity for e in entries for m in e.marks if m.region == "temple.left"]
    assert 0 < len(temple) < len(knot) / 10 and sum(temple) / len(temple) > sum(knot) / len(knot)
    ranking = first[first.index("how often × how much") :]
    share = f"{len(knot)} of {len(entries)} entries ({len(knot) / len(entries):.0%})"
    assert ranking.index(f"{label('interscapular.left')} {share}") < ranking.index(label("temple.left"))
    # the start and the end of the knot, with its change in words
    assert re.search(
        re.escape(label("interscapular.left")) + r" .*? \d(\.\d)? → \d(\.\d)? (better|worse|same)", ranking
    )
    names = {t.id: t.name for t in load_techniques()}
    assert names["scalenes_finger_release"] in first
    assert "Rhomboids, Along the inner edge of the shoulder blade (left)" in first


def test_every_page_is_dated_and_numbered_and_the_table_repeats_its_header(
    demo_year: Path, ninety_days: list[str]
) -> None:
    total = len(ninety_days)
    assert total >= 5
    for number, page in enumerate(ninety_days, 1):
        assert page.startswith("Pain report · 3 Sep 2026 – 1 Dec 2026 made "), number
        assert page.endswith(f"page {number} of {total}"), number
    (start,) = [i for i, page in enumerate(ninety_days) if "Entries, newest first" in page]
    assert start == 1 and "Overall pain, day by day" in ninety_days[1]  # the chart, then the entries
    for page in ninety_days[start + 1 :]:
        after_header = page.split(" made ", 1)[1].split(" ", 3)[3]  # past "made 2 Dec 2026"
        assert after_header.startswith(ENTRIES_HEADER), page[:200]
    rows = sum(len(STAMP.findall(page)) for page in ninety_days[start:])
    assert rows == len(in_period(demo_year, NINETY))  # every entry, none lost at a page break


def test_an_entry_is_never_split_across_two_pages(tmp_path: Path) -> None:
    """Entries of two to five places and notes of one to three lines, so row heights vary and rows
    meet the foot of a page: each page of the table must start with an entry's date, not with the
    rest of the entry before it (which read like an undated entry of its own), and an entry with
    tags and no note shows its tags on its first line."""
    places = ["interscapular.left", "neck_side.right", "temple.left", "occiput.right", "shoulder_side.left"]
    note = "worse after a long day at the desk and turning my head to the left while driving home"
    with PainLog(tmp_path / "data") as log:
        for i in range(60):
            marks = [
                LoggedMark(r, 3 + (i + k) % 6, ("aching", "burning"))
                for k, r in enumerate(places[: 2 + i % 4])
            ]
            entry = new_entry(
                marks,
                5,
                (note + " ") * (i % 3),
                at=datetime(2026, 11, 1, 8, tzinfo=ZONE) + timedelta(hours=11 * i),
            )
            log.add(replace(entry, tags=("stress",) if i % 5 == 0 else ()))
        write_report(log, tmp_path / "rows.pdf", first=date(2026, 11, 1), last=date(2026, 11, 30))
    pages = pages_text(tmp_path / "rows.pdf")
    (start,) = [i for i, page in enumerate(pages) if "Entries, newest first" in page]
    assert len(pages) - start >= 3
    for page in pages[start + 1 :]:
        rest = page.split("(and what the day was like) ", 1)[1]
        assert STAMP.match(rest), rest[:120]


def test_tags_without_a_note_stand_on_the_entry_s_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below an empty first line, a day's tags sat just above the next entry and read as its own."""
    import bodymap.ui.log.report as report

    documents: list[QTextDocument] = []
    printing = report._print
    monkeypatch.setattr(
        report, "_print", lambda document, *rest: (documents.append(document), printing(document, *rest))
    )
    with PainLog(tmp_path / "data") as log:
        entry = new_entry([LoggedMark("interscapular.left", 6)], 5, at=datetime(2026, 11, 2, 8, tzinfo=ZONE))
        log.add(replace(entry, tags=("stress",)))
        write_report(log, tmp_path / "tags.pdf", first=date(2026, 11, 1), last=date(2026, 11, 30))
    (document,) = documents
    table = list(report._tables(document.rootFrame()))[-1]  # the entries, last
    note = table.cellAt(1, 3)
    text = document.toPlainText()[note.firstPosition() : note.lastPosition()]
    assert text == "stress"


def test_a_new_user_with_two_entries_on_one_day(tmp_path: Path) -> None:
    with PainLog(tmp_path / "data") as log:
        log.add(
            new_entry([LoggedMark("interscapular.left", 6)], 5, at=datetime(2026, 12, 2, 8, 30, tzinfo=ZONE))
        )
        log.add(
            new_entry(
                [LoggedMark("interscapular.left", 4), LoggedMark("neck_side.left", 3)],
                4,
                "evening",
                at=datetime(2026, 12, 2, 20, 10, tzinfo=ZONE),
            )
        )
        assert write_report(log, tmp_path / "new.pdf") == 2
    first, second = pages_text(tmp_path / "new.pdf")
    assert "2 Dec 2026 – 2 Dec 2026 (1 day)" in first and "1 of 1 2 4.5/10 (2 rated) 5/10" in first
    assert "All on one day: there is no start and end to compare." in first
    assert ENTRIES_HEADER not in first  # no lonely table header at the foot of page one
    assert "One day logged: 2 Dec, average 4.5/10" in second
    assert (
        f"02 Dec 2026 20:10 4/10 {label('interscapular.left')} 4; {label('neck_side.left')} 3 evening"
        in second
    )
    assert second.endswith("page 2 of 2")
    assert len(PdfReader(tmp_path / "new.pdf").pages[1].images) == 1  # the chart, with its dot


def test_a_period_without_entries_says_so_without_an_empty_chart(demo_year: Path, tmp_path: Path) -> None:
    with PainLog(demo_year) as log:
        assert write_report(log, tmp_path / "none.pdf", first=date(2020, 1, 1), last=date(2020, 2, 1)) == 0
    first, second = pages_text(tmp_path / "none.pdf")
    assert "1 Jan 2020 – 1 Feb 2020 (32 days)" in first and "0 of 32 0 – (0 rated) –" in first
    assert "No places were marked in this period." in first
    assert "No pain ratings in this period." in second and "No entries in this period." in second
    assert "yet" not in second  # a report is read after the fact
    assert not PdfReader(tmp_path / "none.pdf").pages[1].images  # not a week of other days, empty


def test_one_day_is_drawn_as_a_dot(qtbot: QtBot) -> None:
    """Not an empty chart: the day's point is there, in the line's colour."""
    image = chart_image([("2026-12-02", 4.5, 5)], QSize(600, 300), scale=1)
    target = QColor(OVERALL)

    def near(x: int, y: int) -> bool:
        c = image.pixelColor(x, y)
        return (
            abs(c.red() - target.red()) + abs(c.green() - target.green()) + abs(c.blue() - target.blue()) < 60
        )

    # the legend's sample line sits in its top left corner; the dot is in the plot's middle
    dot = [(x, y) for x in range(150, image.width()) for y in range(60, image.height()) if near(x, y)]
    assert len(dot) >= 20


def test_the_report_chart_spans_its_period_and_never_runs_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-day report drew its chart's axis three days past the day it was made."""
    import bodymap.ui.log.report as report
    from bodymap.ui.log.daily_chart import DAY_S, period_range

    day = (date(2026, 12, 3) - date(1970, 1, 1)).days * DAY_S
    assert period_range(date(2026, 12, 3), date(2026, 12, 3)) == (day + DAY_S - 7 * DAY_S, day + DAY_S)
    assert period_range(date(2026, 9, 4), date(2026, 12, 3)) == (day - 90 * DAY_S, day + DAY_S)
    asked: list[object] = []
    drawing = report.chart_image
    monkeypatch.setattr(
        report, "chart_image", lambda *a, **k: (asked.append(k.get("period")), drawing(*a, **k))[1]
    )
    with PainLog(tmp_path / "data") as log:
        log.add(new_entry([LoggedMark("jaw.left", 3)], 4, at=datetime(2026, 12, 3, 9, tzinfo=ZONE)))
        write_report(log, tmp_path / "one.pdf", first=date(2026, 12, 3), last=date(2026, 12, 3))
    assert asked == [(date(2026, 12, 3), date(2026, 12, 3))]


def known_log(folder: Path) -> PainLog:
    log = PainLog(folder)
    log.add(
        new_entry(
            [LoggedMark("interscapular.left", 7, ("aching",)), LoggedMark("neck_side.left", 4)],
            overall=6,
            note="after desk work",
            at=datetime(2026, 3, 2, 8, 30, tzinfo=ZONE),
        )
    )
    log.add(
        new_entry(
            [LoggedMark("interscapular.left", 2), LoggedMark("temple.right", 9, ("throbbing",))],
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


def test_the_known_log_in_figures(tmp_path: Path) -> None:
    with known_log(tmp_path / "data") as log:
        assert write_report(log, tmp_path / "report.pdf") == 3
    report = pages_text(tmp_path / "report.pdf")
    text = " ".join(report)
    assert "2 Mar 2026 – 20 Mar 2026 (19 days)" in report[0]
    assert "3 of 19 3 4/10 (2 rated) 6/10 (on 2 Mar 2026)" in report[0]
    # how often × how much: the knot (2 of 3 entries at 4.5 on average) and the temple (1 of 3
    # at 9) weigh the same, 3.0; the one marked more often comes first; then jaw 5/3, neck 4/3
    ranking = report[0][report[0].index("Place Marked in") :]
    at = [
        ranking.index(f"{label('interscapular.left')} 2 of 3 entries (67%) 4.5/10"),
        ranking.index(f"{label('temple.right')} 1 of 3 entries (33%) 9/10"),
        ranking.index(f"{label('jaw.right')} 1 of 3 entries (33%) 5/10"),
        ranking.index(f"{label('neck_side.left')} 1 of 3 entries (33%) 4/10"),
    ]
    assert at == sorted(at)
    names = {t.id: t.name for t in load_techniques()}
    helped, worse = text.index(names["scalenes_finger_release"]), text.index(names["ball_against_wall"])
    assert helped < worse
    assert "2 -2.0 ± 1.4 2 of 2" in text[helped:worse] and "1 +1.0 ± 0.0 0 of 1" in text[worse:]
    rows = [
        f"20 Mar 2026 12:00 – {label('jaw.right')} 5",
        f"14 Mar 2026 19:05 2/10 {label('interscapular.left')} 2; {label('temple.right')} 9 (throbbing) "
        "better after the walk",
        f"02 Mar 2026 08:30 6/10 {label('interscapular.left')} 7 (aching); {label('neck_side.left')} 4 "
        "after desk work",
    ]
    found = [text.find(row) for row in rows]
    assert -1 not in found and found == sorted(found), (rows, text)


def test_the_sections_follow_the_choice(tmp_path: Path) -> None:
    with known_log(tmp_path / "data") as log:
        write_report(log, tmp_path / "summary.pdf", sections=())
        write_report(log, tmp_path / "entries.pdf", sections=("entries",))
    (only,) = pages_text(tmp_path / "summary.pdf")
    assert "Techniques tried" in only and ENTRIES_HEADER not in only and "day by day" not in only
    summary, second = pages_text(tmp_path / "entries.pdf")
    assert ENTRIES_HEADER not in summary and ENTRIES_HEADER in second and "day by day" not in second


def test_warning_signs_and_about_you_are_shown_as_stored(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rule = load_safety().of_kind("checklist")[0]
    about = load_about_you()
    yes_no = [q for q in about.questions if "yes" in q.choices][:2]
    with known_log(folder) as log:
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("safety/checklist_seen", True)
        settings.setValue("safety/ticked", [])
        settings.sync()
        write_report(log, tmp_path / "none.pdf", sections=())
        settings.setValue("safety/ticked", [rule.id])
        settings.sync()
        answers = {yes_no[0].id: "yes", yes_no[1].id: "no"}
        PersonalStore(folder).save(Personal(Profile(answers, asked=True)))
        write_report(log, tmp_path / "ticked.pdf", sections=())
    (none,) = pages_text(tmp_path / "none.pdf")
    assert "Warning signs (as the checklist stands now): none ticked." in none
    (ticked,) = pages_text(tmp_path / "ticked.pdf")
    assert f"Warning signs (as the checklist stands now): ticked: {rule.title}." in ticked
    assert f"About you: {yes_no[0].text} yes." in ticked and yes_no[1].text not in ticked


def test_the_command_line_chooses_the_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    with known_log(data):
        pass
    out = tmp_path / "march.pdf"
    base = ["--data-dir", str(data), "log", "export", "--format", "pdf", "-o", str(out)]
    assert main([*base, "--from", "2026-03-10", "--to", "2026-03-16"]) == 0
    assert "march.pdf: 1 entry" in capsys.readouterr().out
    first = pages_text(out)[0]
    assert first.startswith("Pain report · 10 Mar 2026 – 16 Mar 2026") and "1 of 7 1 2/10" in first
    assert main([*base, "--from", "2026-03-10"]) == 0  # to the log's last day
    assert pages_text(out)[0].startswith("Pain report · 10 Mar 2026 – 20 Mar 2026")
    for wrong, said in (
        (["--from", "2026-13-01"], "'2026-13-01' is not a date such as 2026-09-30"),
        (["--from", "2026-03-16", "--to", "2026-03-10"], "--from 2026-03-16 comes after --to 2026-03-10"),
    ):
        assert run([*base, *wrong]) == 2
        err = capsys.readouterr().err
        assert said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    csv = ["--data-dir", str(data), "log", "export", "--format", "csv", "-o", str(tmp_path / "x.csv")]
    assert run([*csv, "--from", "2026-03-10"]) == 2
    assert "csv and json hold the whole log" in capsys.readouterr().err


def run(argv: list[str]) -> int:
    """The command line's exit status, whether argparse or the command gave it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_the_report_dialog_offers_the_last_90_days_and_refuses_dates_backwards(qtbot: QtBot) -> None:
    today = date(2026, 12, 2)
    dialog = ReportDialog(today=today)
    qtbot.addWidget(dialog)
    assert dialog.period.currentText() == "Last 90 days"
    assert dialog.choice() == ReportChoice(date(2026, 9, 4), today, ("chart", "entries"))
    dialog.period.setCurrentIndex(dialog.period.findText("All"))
    dialog.boxes["entries"].setChecked(False)
    assert dialog.choice() == ReportChoice(None, None, ("chart",))
    dialog.period.setCurrentIndex(dialog.period.findText("Choose dates…"))
    assert dialog.dates.isVisibleTo(dialog)
    dialog.first.setDate(dialog.last.date().addDays(1))
    assert dialog.choice() is None
    dialog._accept()
    assert dialog.problem.isVisibleTo(dialog) and "comes after the last" in dialog.problem.text()
    assert dialog.result() == 0  # not accepted


def test_file_export_writes_the_chosen_period(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = window.log()
    assert log is not None
    today = date.today()
    for days_ago in (40, 3, 1):
        when = datetime.combine(today - timedelta(days=days_ago), datetime.min.time()).astimezone()
        log.add(new_entry([LoggedMark("jaw.left", 3)], 3, at=when + timedelta(hours=12)))
    week = ReportChoice(today - timedelta(days=6), today, ("entries",))
    monkeypatch.setattr(ReportDialog, "ask", classmethod(lambda cls, parent: week))
    monkeypatch.setattr(Notice, "save_file", classmethod(lambda cls, p, t, s, f: str(tmp_path / "week.pdf")))
    assert window.logs.export_log() == tmp_path / "week.pdf"
    first, second = pages_text(tmp_path / "week.pdf")
    assert f"{words_day(week.first)} – {words_day(today)} (7 days)" in first
    assert (
        "2 of 7 2 3/10" in first and len(STAMP.findall(second)) == 2
    )  # the entry of 40 days ago is not in it
    cancelled = []
    monkeypatch.setattr(ReportDialog, "ask", classmethod(lambda cls, parent: cancelled.append(1)))
    assert window.logs.export_log() is None and cancelled == [1]


def words_day(day: date | None) -> str:
    assert day is not None
    return f"{day.day} {day:%b %Y}"


def test_the_days_context_and_the_flares_are_in_the_report(tmp_path: Path) -> None:
    """What the day was like (tags, weather in the person's words) beside each entry's note,
    and the period's flares in a sentence beside the daily chart."""
    with PainLog(tmp_path / "data") as log:
        at = datetime(2026, 3, 2, 8, 30, tzinfo=ZONE)
        tagged = new_entry([LoggedMark("interscapular.left", 7, ("burning",))], 6, "desk day", at=at)
        log.add(replace(tagged, tags=("long sitting", "poor sleep")))
        log.start_flare(at - timedelta(hours=2))
        log.end_flare(at + timedelta(hours=30))
        write_report(log, tmp_path / "report.pdf")
    text = " ".join(pages_text(tmp_path / "report.pdf"))
    assert "Flares: 1 flare; it lasted 1 day 8 h" in text
    assert "desk day long sitting, poor sleep" in text
    assert "left 7 (burning)" in text
    with PainLog(tmp_path / "quiet") as log:
        log.add(tagged)
        write_report(log, tmp_path / "quiet.pdf")
    assert "Flares" not in " ".join(pages_text(tmp_path / "quiet.pdf"))  # no app instructions for a clinician


def test_the_body_pictures_say_front_back_left_and_right_at_a_size_read_on_paper(qtbot: QtBot) -> None:
    """The map's own captions shrank with the figures to about 3 pt: too small to tell the
    person's left from right. The picture carries its own, LABEL_PX of the page high."""
    import bodymap.ui.log.report as report

    catalog = load_catalog()
    drawn = report._BodyPictures(catalog, ["front", "back"], {"interscapular.left"})
    shown = 220.0  # pixels of the page the picture is given
    image, aspect = drawn.picture({"interscapular.left": "#cc0000"}, shown)
    assert aspect == pytest.approx(image.width() / image.height())
    to_page = shown / image.width()
    rows_with_ink = [
        y
        for y in range(image.height() // 4)
        if any(image.pixelColor(x, y).lightness() < 128 for x in range(0, image.width(), 2))
    ]
    assert rows_with_ink and rows_with_ink[0] * to_page < 4  # the words stand at the very top
    first_run_end = next((y for y in rows_with_ink if y + 1 not in rows_with_ink), rows_with_ink[-1])
    assert (first_run_end - rows_with_ink[0] + 1) * to_page >= report.LABEL_PX * 0.6  # capitals' height
    assert all(c.isVisible() for c in drawn.scene._captions)  # the map's own come back for the window
