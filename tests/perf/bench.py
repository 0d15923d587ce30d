"""bodymap benchmarks: `python tests/perf/bench.py --json` prints one JSON object.

Budgets live in BUDGETS below (the shared design notes fix them). Figures that depend on the
machine's speed are ratios against a baseline measured in the same run. Not part of the
default test run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BUDGETS = {
    "first_paint_ratio": 1.3,
    "click_repaint_ms": 16.0,
    "refer_ms": 1.0,
    "panel_update_ms": 16.0,
    "countdown_drift_ms": 20.0,
    "log_add_ms": 10.0,
    "history_open_ms": 300.0,
    "export_csv_s": 2.0,
    "rss_mb": 250.0,
    "guided_search_success": 0.9,  # a floor, not a ceiling
    # --scale: a 1,000,000-entry log
    "log_add_1m_ms": 100.0,
    "export_json_1m_s": 15.0,
    "export_peak_mb_1m": 300.0,
    "history_all_1m_ms": 300.0,
}
AT_LEAST = {"guided_search_success"}
LOG_ENTRIES = 100_000
SCALE_ENTRIES = 1_000_000

TWELVE = [
    "interscapular.left=7",
    "scapula_medial_border.left=6",
    "neck_side.left=5",
    "upper_chest.left=4",
    "shoulder_front.left=3",
    "upper_arm_front.left=3",
    "thumb_index.left=2",
    "occiput.left=5",
    "temple.left=4",
    "scapula.left=3",
    "suprascapular.left=3",
    "shoulder_top.left=5",
]

# The baseline: a bare PySide6 main window, shown and left to the event loop.
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""
PROBE = Path(__file__).resolve().parent / "first_paint_probe.py"


def _to_first_paint(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `cmd` under the probe to its first frame painted."""
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(PROBE), *cmd], check=True, env=env, capture_output=True, text=True, cwd=ROOT
    ).stdout
    painted = [line for line in out.splitlines() if line.startswith("first-paint ")]
    if not painted:
        raise RuntimeError(f"{cmd}: ended without painting a window")
    return float(painted[-1].split()[1]) - start


def _settle_data_dir(folder: Path) -> None:
    """The person has read the first-run safety notice already (it is a dialog of its own)."""
    (folder / "settings.ini").write_text("[safety]\nnotice_accepted=true\n", encoding="utf-8")


def first_paint_ratio(folder: Path, runs: int = 21) -> dict[str, float]:
    """`python -m bodymap` on a 100,000-entry log to its first painted frame, against a
    bare PySide6 main window, both measured by the same probe (first_paint_probe.py)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("BODYMAP_DATA_DIR", None)
    _settle_data_dir(folder)
    # An installed app starts from compiled bytecode (pip compiles it at install);
    # a checkout under PYTHONDONTWRITEBYTECODE would compile every module on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "bodymap")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare_window.py"
        script.write_text(BARE_WINDOW, encoding="utf-8")
        bare = [str(script)]
        app = ["-m", "bodymap", "--data-dir", str(folder)]
        _to_first_paint(bare, env)  # warm the file cache for both
        _to_first_paint(app, env)
        bare_times, app_times = [], []
        for _ in range(runs):  # alternate, so machine noise hits both alike
            bare_times.append(_to_first_paint(bare, env))
            app_times.append(_to_first_paint(app, env))
    b, a = statistics.median(bare_times), statistics.median(app_times)
    return {
        "first_paint_ratio": round(a / b, 3),
        "first_paint_app_s": round(a, 3),
        "first_paint_bare_s": round(b, 3),
    }


@contextlib.contextmanager
def _shown_window():  # type: ignore[no-untyped-def]
    """The real main window at the default size, shown offscreen, with throwaway data."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest

    from bodymap.ui.application import _application, build_window

    _application()
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(tmp, remember=False)
        window.resize(1280, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        yield window
        window.close()


def click_repaint_ms(clicks: int = 240) -> dict[str, float]:
    """Mouse click on a region -> that region repainted on screen (synchronous repaint)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    with _shown_window() as window:
        regions = [
            "interscapular.left",
            "scapula_medial_border.right",
            "neck_side.left",
            "upper_chest.right",
            "scapula.left",
            "shoulder_top.right",
            "occiput.left",
            "upper_arm_inner.left",
        ]
        times = []
        for i in range(clicks):
            region = regions[i % len(regions)]
            view = window.map.views[window.catalog[region].view]
            x, y = window.scene.geometry.centre(region)
            point = view.mapFromScene(window.scene.to_scene(view.view, x, y))
            start = time.perf_counter()
            QTest.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
            )
            view.viewport().repaint()  # paint now, as the next frame would
            times.append((time.perf_counter() - start) * 1000)
    return {"click_repaint_ms": round(statistics.median(times), 3)}


def refer_ms(runs: int = 500) -> dict[str, float]:
    """Engine ranking for 12 marked regions (the engine built once, as the app does)."""
    from bodymap.core.knowledge import load_knowledge
    from bodymap.core.marking import parse_mark_specs
    from bodymap.core.referral import ReferralEngine
    from bodymap.core.regions import load_catalog

    catalog = load_catalog()
    engine = ReferralEngine(load_knowledge(), catalog)
    marks = parse_mark_specs(TWELVE, catalog)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        engine.rank(marks)
        times.append((time.perf_counter() - start) * 1000)
    return {"refer_ms": round(statistics.median(times), 4)}


def panel_update_ms(folder: Path, clicks: int = 200) -> dict[str, float]:
    """Map click -> referral panel rebuilt and the top candidate highlighted, painted, with the
    100,000-entry log open in the window (as the app opens it at idle after the first paint)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bodymap.core.marking import parse_mark_specs

    _settle_data_dir(folder)
    with _shown_window_on(folder) as window:
        window.warm_up()
        log = window.log()
        assert log is not None and log.count() >= LOG_ENTRIES, "the bench must click with the big log open"
        window.apply_marks(parse_mark_specs(TWELVE[:6], window.catalog))
        region = "occiput.left"  # toggled on and off: the ranking changes every click
        view = window.map.views["back"]
        x, y = window.scene.geometry.centre(region)
        point = view.mapFromScene(window.scene.to_scene("back", x, y))
        times = []
        for _ in range(clicks):
            start = time.perf_counter()
            QTest.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
            )
            QApplication.sendPostedEvents()  # layout of the rebuilt panel
            window.referral.repaint()
            view.viewport().repaint()
            times.append((time.perf_counter() - start) * 1000)
    return {"panel_update_ms": round(statistics.median(times), 3)}


def countdown_drift_ms() -> dict[str, float]:
    """A real 60 s routine of 5 holds in the window's player: the worst gap between a hold's
    planned end (start + the durations before it) and the moment its cue went out."""
    from PySide6.QtCore import QEventLoop

    from bodymap.core.countdown import PhaseKind
    from bodymap.core.techniques import TechniqueLibrary
    from tests.routines import technique

    routine = technique(  # 5 x 10 s holds, 4 x 2 s rests and a 2 s close: exactly 60 s
        {"text": "Hold.", "hold": 10, "reps": 5, "rest": 2, "ready": 0},
        {"text": "Breathe out.", "seconds": 2, "ready": 0},
        technique_id="drift",
    )
    with _shown_window() as window:
        window.session._techniques = lambda: TechniqueLibrary([routine])  # as the GUI tests do
        player = window.open_player("drift")
        player.cues.play = lambda words, tone=None: None  # no beeps from the bench
        planned: list[float] = []
        errors: list[float] = []
        started = 0.0

        def cued(event) -> None:  # type: ignore[no-untyped-def]
            if event.phase.kind is PhaseKind.WORK and routine.steps[event.phase.step].timing == "hold":
                errors.append(abs(time.monotonic() - planned[len(errors)]) * 1000)

        player.runner.phase_ended.connect(cued)
        loop = QEventLoop()
        player.runner.routine_ended.connect(loop.quit)
        started = time.monotonic()
        player.start()
        end = started
        for phase in player.runner.session.phases:
            end += phase.seconds
            if phase.kind is PhaseKind.WORK and routine.steps[phase.step].timing == "hold":
                planned.append(end)
        loop.exec()
        total = time.monotonic() - started
    return {
        "countdown_drift_ms": round(max(errors), 3),
        "countdown_holds": len(errors),
        "countdown_routine_s": round(total, 3),
    }


@contextlib.contextmanager
def _big_log():  # type: ignore[no-untyped-def]
    """A folder holding a realistic 100,000-entry log (10 a day for 10,000 days)."""
    from bodymap.core.painlog import PainLog
    from tools.make_demo_log import generate

    with tempfile.TemporaryDirectory() as tmp:
        entries, sessions = generate(days=LOG_ENTRIES // 10, per_day=10, seed=3)
        with PainLog(Path(tmp), backup_daily=False) as log:
            log.import_items(entries, sessions)
            assert log.count() == LOG_ENTRIES
        yield Path(tmp)


def log_figures(folder: Path) -> dict[str, float]:
    """Durable adds, CSV export and the history view on the 100,000-entry log."""
    from bodymap.core.logio import export_csv
    from bodymap.core.painlog import LoggedMark, PainLog, new_entry

    figures: dict[str, float] = {}
    with PainLog(folder, backup_daily=False) as log:
        marks = [
            LoggedMark(r, 6)
            for r in ("interscapular.left", "neck_side.left", "occiput.left", "temple.left", "scapula.left")
        ]
        times = []
        for _ in range(200):
            start = time.perf_counter()
            log.add(new_entry(marks, overall=5, note="bench"))
            times.append((time.perf_counter() - start) * 1000)
        figures["log_add_ms"] = round(statistics.median(times), 3)
        start = time.perf_counter()
        export_csv(log, folder / "export.csv")
        figures["export_csv_s"] = round(time.perf_counter() - start, 3)
    with _shown_window_on(folder) as window:
        import pyqtgraph  # noqa: F401 - the app imports it at idle after start-up, before History is opened
        from PySide6.QtWidgets import QApplication

        window.log()
        start = time.perf_counter()
        history = window.show_history()
        assert history is not None
        QApplication.processEvents()
        history.plot.repaint()
        figures["history_open_ms"] = round((time.perf_counter() - start) * 1000, 1)
    return figures


# Builds the 1,000,000-entry log in a process of its own: the entries take gigabytes in
# Python, which the bench itself must not hold (a process forked from it would count them).
BUILD_MILLION = """
import sys
from pathlib import Path
from bodymap.core.painlog import PainLog
from tools.make_demo_log import generate
entries, sessions = generate(days=int(sys.argv[2]) // 40, per_day=40, seed=3)
with PainLog(Path(sys.argv[1]), backup_daily=False) as log:
    log.import_items(entries, sessions)
    assert log.count() == int(sys.argv[2])
"""

# Runs a command and says how long it took and its peak memory: from a small process, so that
# the figure is the command's alone (ru_maxrss of a child forked from the bench would count
# the bench's own pages until the child runs the command).
MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


@contextlib.contextmanager
def _million_log():  # type: ignore[no-untyped-def]
    """A folder holding a 1,000,000-entry log (40 a day for 25,000 days, the dates a person
    can log), through the real schema and import. Built once per run: it takes a minute."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-c", BUILD_MILLION, tmp, str(SCALE_ENTRIES)], check=True, cwd=ROOT)
        _settle_data_dir(Path(tmp))
        yield Path(tmp)


def _bodymap(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "bodymap", "--data-dir", str(folder), *args]


def _run_measured(cmd: list[str]) -> tuple[float, float]:
    """Run `cmd` to its end: (wall seconds, peak resident MB of that process alone)."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], cwd=ROOT, capture_output=True, text=True, check=True
    )
    wall, peak_kb, status = out.stdout.split()
    if status != "0":
        raise RuntimeError(f"{cmd}: exit {status}: {out.stderr}")
    return float(wall), int(peak_kb) / 1024  # kB on Linux


def scale_figures(folder: Path, adds: int = 15) -> dict[str, float]:
    """The log at 1,000,000 entries: `log add` and `log export --format json` as whole
    processes, and History on "All" in the window."""
    figures: dict[str, float] = {}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "bodymap")], check=True)
    add = _bodymap(folder, "log", "add", "interscapular.left=6", "neck_side.left=4", "--overall", "5")
    _run_measured(add)  # warm the file cache
    figures["log_add_1m_ms"] = round(statistics.median(_run_measured(add)[0] * 1000 for _ in range(adds)), 1)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "log.json"
        wall, peak = _run_measured(_bodymap(folder, "log", "export", "--format", "json", "-o", str(out)))
        assert out.stat().st_size > 100 * SCALE_ENTRIES
    figures["export_json_1m_s"] = round(wall, 2)
    figures["export_peak_mb_1m"] = round(peak, 1)
    figures.update(_history_all_ms(folder))
    return figures


def _history_all_ms(folder: Path) -> dict[str, float]:
    """History opened from the window and set to "All", charts and tables drawn."""
    with _shown_window_on(folder) as window:
        import pyqtgraph  # noqa: F401 - imported at idle after start-up, before History is opened
        from PySide6.QtWidgets import QApplication

        from bodymap.ui.log.history_window import PERIODS

        window.warm_up()
        assert window.log() is not None
        start = time.perf_counter()
        history = window.show_history()
        assert history is not None
        history.period.setCurrentIndex(next(i for i, (_, days) in enumerate(PERIODS) if days == 0))
        QApplication.processEvents()
        history.plot.repaint()
        history.repaint()
        elapsed = (time.perf_counter() - start) * 1000
        history.close()
    return {"history_all_1m_ms": round(elapsed, 1)}


RSS_SCRIPT = """
import sys
from bodymap.ui.application import _application, build_window
app = _application()
window = build_window(sys.argv[1])
window.resize(1280, 800)
window.show()
app.processEvents()
window.warm_up()
app.processEvents()
import pyqtgraph
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        print(int(line.split()[1]) / 1024)
"""


def rss_mb(folder: Path) -> dict[str, float]:
    """Resident memory of the app with its main window open on the 100,000-entry log."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(folder)], env=env, capture_output=True, text=True, check=True
    ).stdout
    return {"rss_mb": round(float(out.strip().splitlines()[-1]), 1)}


@contextlib.contextmanager
def _shown_window_on(folder: Path):  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest

    from bodymap.ui.application import _application, build_window

    _application()
    window = build_window(str(folder))
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    yield window
    window.close()


def guided_search() -> dict[str, float]:
    """1,000 simulated people (tests/simulated_users.py): found within 4 press-tests; and the
    same with people who miss the spot one time in five, to show how it holds up."""
    from bodymap.core.knowledge import load_knowledge
    from bodymap.core.referral import ReferralEngine
    from bodymap.core.regions import load_catalog
    from tests import simulated_users

    engine = ReferralEngine(load_knowledge(), load_catalog())
    figures = simulated_users.run(engine, users=1000, seed=7, budget=4)
    clumsy = {**simulated_users.PERSON, "source": {"yes": 0.8, "tender": 0.13, "no": 0.07}}
    worse = simulated_users.run(engine, users=1000, seed=7, budget=4, noise=clumsy)
    figures["guided_search_success_miss20"] = worse["guided_search_success"]
    return figures


GROUPS = (
    "first_paint",
    "click_repaint",
    "refer",
    "panel_update",
    "log",
    "rss",
    "guided_search",
    "countdown_drift",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=GROUPS,
        default=list(GROUPS),
        metavar="NAME",
        help=f"run only these figures ({', '.join(GROUPS)}; default all)",
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also the 1,000,000-entry figures (log_add_1m_ms, export_json_1m_s, export_peak_mb_1m, "
        "history_all_1m_ms): building that log takes a few minutes",
    )
    args = parser.parse_args()
    only = set(args.only)
    figures: dict[str, float] = {}
    if only & {"first_paint", "log", "rss", "panel_update"}:
        with _big_log() as folder:
            if "first_paint" in only:  # first: the others add entries and settings
                figures.update(first_paint_ratio(folder))
            if "log" in only:
                figures.update(log_figures(folder))
            if "rss" in only:
                figures.update(rss_mb(folder))
            if "panel_update" in only:
                figures.update(panel_update_ms(folder))
    if "click_repaint" in only:
        figures.update(click_repaint_ms())
    if "refer" in only:
        figures.update(refer_ms())
    if args.scale:
        with _million_log() as folder:
            figures.update(scale_figures(folder))
    if "guided_search" in only:
        figures.update(guided_search())
    if "countdown_drift" in only:
        figures.update(countdown_drift_ms())
    over = {
        k: v
        for k, v in figures.items()
        if k in BUDGETS and (v < BUDGETS[k] if k in AT_LEAST else v > BUDGETS[k])
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            budget = f"  (budget {BUDGETS[key]})" if key in BUDGETS else ""
            print(f"{key:>20}: {value}{budget}")
    if over:
        print(f"over budget: {over}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
