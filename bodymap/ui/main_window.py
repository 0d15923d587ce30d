"""The main window: the body map, and the side panel where the person says how much."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bodymap import __version__
from bodymap.core.colour_scale import hex_colour
from bodymap.core.geometry import BodyGeometry
from bodymap.core.marking import Mark
from bodymap.core.referral import Candidate, LazyReferralEngine, ReferralEngine, highlight
from bodymap.core.regions import RegionCatalog
from bodymap.core.reminder import parse_clock
from bodymap.ui.log.reminder import Reminder
from bodymap.ui.map.body_map_widget import BodyMapWidget
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.map.intensity_panel import IntensityPanel
from bodymap.ui.map.marks_model import MarksModel
from bodymap.ui.notices import Notice
from bodymap.ui.safety.safety_banner import SafetyBanner
from bodymap.ui.sources.referral_panel import ReferralPanel, candidate_key
from bodymap.ui.theme import theme_for
from bodymap.ui.treat.technique_panel import TechniquePanel
from bodymap.ui.window_log import LogMixin
from bodymap.ui.window_safety import SafetyMixin
from bodymap.ui.window_treatment import TreatmentMixin

if TYPE_CHECKING:
    from bodymap.core.countdown import Clock
    from bodymap.core.painlog import PainLog, PressAnswer
    from bodymap.core.safety import SafetyRule, SafetyRules
    from bodymap.core.techniques import TechniqueLibrary
    from bodymap.ui.find.guided_search_panel import GuidedSearchPanel
    from bodymap.ui.log.history_window import HistoryWindow
    from bodymap.ui.map.region_list import RegionList
    from bodymap.ui.treat.technique_player import TechniquePlayer

DEFAULT_SIZE = (1280, 800)


class MainWindow(TreatmentMixin, SafetyMixin, LogMixin, QMainWindow):
    """The window and its wiring. The treatment, safety and pain-log sides live in their own
    modules (window_treatment, window_safety, window_log) as mixins of this class."""

    def __init__(
        self,
        catalog: RegionCatalog,
        geometry: BodyGeometry,
        engine: ReferralEngine | LazyReferralEngine,
        techniques: Callable[[], TechniqueLibrary],
        settings: QSettings | None = None,
        open_log: Callable[[], PainLog] | None = None,
        safety: Callable[[], SafetyRules] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("bodymap — where does it hurt?")
        self.catalog = catalog
        self.engine = engine
        self._load_techniques = techniques  # read on first need, like the knowledge base
        self.settings = settings
        self.player: TechniquePlayer | None = None
        self.search_panel: GuidedSearchPanel | None = None
        self.search_answers: tuple[PressAnswer, ...] = ()  # the last search, saved with the next entry
        self._open_log = open_log
        self._log: PainLog | None = None
        self.history: HistoryWindow | None = None
        self._safety = safety  # the rules, read on first need (the first mark)
        self.flags: list[SafetyRule] = []  # the red flags that stand now
        self.acknowledged: set[str] = set()  # urgent flags the person has read
        self.ticked: set[str] = set(self._setting_list("safety/ticked"))  # the warning-signs checklist
        self.safety_banner = SafetyBanner()
        self.reminder = Reminder(self)
        self.reminder.fired.connect(lambda text: self.statusBar().showMessage(text, 60_000))
        self.clock: Clock = time.monotonic  # routines run on it; tests give their own
        self._sizes_before_player: list[int] = []
        self.candidates: list[Candidate] = []
        self.selected_candidate = ""  # "muscle:side" of the candidate shown on the map
        self._candidate_picked = False  # chosen by the person, rather than simply the best
        self.model = MarksModel(catalog, self)
        self.scene = BodyScene(catalog, geometry, theme_for(self.palette()))
        self.map = BodyMapWidget(self.scene)
        self.intensity = IntensityPanel()
        self._region_list: RegionList | None = None  # built just after the first paint
        self.referral = ReferralPanel()
        self.technique_panel = TechniquePanel()
        self.find_button = QPushButton("Find it: press-test the candidates…")
        self.find_button.setToolTip("A few guided presses tell which muscle really sends the pain (Ctrl+I)")
        self.find_button.setEnabled(False)
        self.finding = QLabel()
        self.finding.setWordWrap(True)
        self.finding.setTextFormat(Qt.TextFormat.PlainText)
        self.finding.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.clear_button = QPushButton("Clear all")
        self.clear_button.setToolTip("Remove every mark (can be undone)")
        self.save_button = QPushButton("Save to log…")
        self.save_button.setToolTip("Keep today's map in your private pain log (Ctrl+S)")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 8, 8, 8)
        side_layout.addWidget(self.safety_banner)
        how_much = QGroupBox("How much does it hurt?")
        how_much_layout = QVBoxLayout(how_much)
        how_much_layout.addWidget(self.intensity)
        how_much_layout.addWidget(self.save_button)
        side_layout.addWidget(how_much)
        sources_box = QGroupBox("Likely sources")
        sources_layout = QVBoxLayout(sources_box)
        sources_layout.addWidget(self.referral, 1)
        sources_layout.addWidget(self.finding)
        sources_layout.addWidget(self.find_button)
        lists = QSplitter(Qt.Orientation.Vertical)  # the person decides how much room each gets
        lists.setChildrenCollapsible(False)
        lists.addWidget(sources_box)
        regions_page = QWidget()
        regions_layout = QVBoxLayout(regions_page)
        regions_layout.setContentsMargins(4, 4, 4, 4)
        regions_layout.addWidget(self.summary)
        regions_layout.addWidget(self.clear_button)
        self._regions_layout = regions_layout
        self.tabs = QTabWidget()
        self.tabs.addTab(self.technique_panel, "Treat it")
        self.tabs.addTab(regions_page, "Regions")
        lists.addWidget(self.tabs)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 2)
        side_layout.addWidget(lists, 1)
        side.setMinimumWidth(300)

        # the player takes the side panel's place while a routine runs
        self.side_stack = QStackedWidget()
        self.side_stack.addWidget(side)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.map)
        splitter.addWidget(self.side_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        splitter.setSizes([DEFAULT_SIZE[0] - 380, 380])
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self._build_menus()
        self._connect()
        self._refresh_summary()
        self.statusBar().showMessage("Click where it hurts. Hover to see a region's name.")
        self.resize(*DEFAULT_SIZE)
        self._restore()

    # -- construction
    def _build_menus(self) -> None:
        undo = self.model.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.model.undo_stack.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [
            k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys
        ]
        redo.setShortcuts(redo_keys)
        self.undo_action, self.redo_action = undo, redo
        standard = QKeySequence.StandardKey
        clear = self._action("&Clear all marks", self.model.clear, "Ctrl+Shift+Backspace")
        save = self._action("&Save to log…", self.save_to_log, standard.Save)
        history = self._action("&History…", self.show_history, "Ctrl+H")
        remind = self._action("Daily &reminder…", self.ask_reminder)
        find_it = self._action("Find &it: press-test the candidates…", self.open_search, "Ctrl+I")
        quit_action = self._action("&Quit", self.close, standard.Quit)
        find = self._action("&Find a region", self._find_region, standard.Find)

        menu = self.menuBar().addMenu("&File")
        menu.addActions([save, history, find_it, remind])
        menu.addSeparator()
        menu.addAction(quit_action)
        menu = self.menuBar().addMenu("&Edit")
        menu.addActions([undo, redo])
        menu.addSeparator()
        menu.addActions([find, clear])

        menu = self.menuBar().addMenu("&View")
        for mode, text, key in (
            ("both", "Front && back", "Ctrl+1"),
            ("front", "Front", "Ctrl+2"),
            ("back", "Back", "Ctrl+3"),
        ):
            menu.addAction(self._action(text, lambda _=False, m=mode: self.map.set_mode(m), key))
        menu.addSeparator()
        menu.addActions(
            [
                self._action("Zoom &in", lambda: self.map.current_view().zoom_in(), standard.ZoomIn),
                self._action("Zoom &out", lambda: self.map.current_view().zoom_out(), standard.ZoomOut),
                self._action("&Reset zoom", self._reset_zoom, "Ctrl+0"),
            ]
        )

        menu = self.menuBar().addMenu("&Help")
        menu.addActions(
            [
                self._action("&Safety and self-care…", self.show_safety_notice),
                self._action("&Warning signs checklist…", self.ask_checklist),
            ]
        )
        menu.addSeparator()
        menu.addActions(
            [
                self._action("&Keyboard and mouse", self._show_keys),
                self._action("&About bodymap", self._show_about),
            ]
        )

    def _action(
        self, text: str, slot: Callable[[], object], *keys: str | QKeySequence.StandardKey
    ) -> QAction:
        """A menu command with its shortcuts (a standard key brings all of the platform's).

        Made as QAction(parent), then named: QAction(text, parent) has PySide weigh the
        icon overload too, which builds every enum of QIcon (2 ms of start-up)."""
        action = QAction(self)
        action.setText(text)
        shortcuts: list[QKeySequence] = []
        for key in keys:
            shortcuts += (
                QKeySequence.keyBindings(key)
                if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)]
            )
        if shortcuts:
            action.setShortcuts(shortcuts)
        action.triggered.connect(slot)
        return action

    def _connect(self) -> None:
        scene, model = self.scene, self.model
        scene.region_clicked.connect(self._region_clicked)
        scene.region_hovered.connect(self._region_hovered)
        scene.region_wheeled.connect(model.step_intensity)
        for view in self.map.views.values():
            view.focus_moved.connect(model.set_current)
            view.toggle_requested.connect(model.toggle)
            view.intensity_requested.connect(model.set_intensity)
            view.unmark_requested.connect(self._unmark)
        model.marks_changed.connect(self._marks_changed)
        model.current_changed.connect(self._current_changed)
        self.intensity.intensity_chosen.connect(model.set_intensity)
        self.intensity.unmark_requested.connect(self._unmark)
        self.clear_button.clicked.connect(model.clear)
        self.save_button.clicked.connect(self.save_to_log)
        self.find_button.clicked.connect(self.open_search)
        self.safety_banner.acknowledged.connect(self._acknowledge)
        self.referral.candidate_selected.connect(self._candidate_selected)
        self.referral.candidate_hovered.connect(self._candidate_hovered)
        scene.trigger_point_clicked.connect(self._trigger_point_clicked)
        self.technique_panel.technique_started.connect(self.open_player)

    # -- reactions (wiring only: the model and core decide)
    def _region_clicked(self, region: str) -> None:
        self.model.toggle(region)

    def _unmark(self, region: str) -> None:
        if self.model.intensity(region) is not None:
            self.model.toggle(region)

    def _region_hovered(self, region: str) -> None:
        if region:
            info = self.catalog[region]
            intensity = self.model.intensity(region)
            extra = "" if intensity is None else f" · {intensity}/10"
            self.statusBar().showMessage(f"{info.label}{extra}")
        else:
            self.statusBar().clearMessage()

    def _marks_changed(self, regions: list[str]) -> None:
        for region in regions:
            intensity = self.model.intensity(region)
            self.scene.set_region_fill(region, None if intensity is None else QColor(hex_colour(intensity)))
            if self._region_list is not None:
                self._region_list.update_region(region, intensity)
        current = self.model.current
        if current in regions:
            self._current_changed(current)
        self._refresh_summary()
        self._update_referral()
        self._update_safety()

    def _update_referral(self) -> None:
        """Rank the likely sources for the marks and keep the chosen one on the map."""
        self.candidates = self.engine.rank(self.model.marks(), top=10)
        keys = [candidate_key(c) for c in self.candidates]
        # Follow the best candidate unless the person picked one that is still listed.
        if not self._candidate_picked or self.selected_candidate not in keys:
            self.selected_candidate = keys[0] if keys else ""
            self._candidate_picked = False
        self.referral.set_candidates(self.candidates, self.selected_candidate)
        self._show_candidate(self.selected_candidate)
        self._show_techniques()
        self.search_answers = ()  # a new pattern: earlier answers no longer belong to it

    def _candidate_selected(self, key: str) -> None:
        self.selected_candidate = key
        self._candidate_picked = True
        self.referral.show_selected(key)
        self._show_candidate(key)
        self._show_techniques()

    def _candidate_hovered(self, key: str) -> None:
        self._show_candidate(key or self.selected_candidate)

    def _show_candidate(self, key: str) -> None:
        candidate = next((c for c in self.candidates if candidate_key(c) == key), None)
        self.finding.setVisible(False)
        if candidate is None:
            self.scene.clear_highlight()
            return
        shown = highlight(candidate)
        markers = [
            (tp.id, f"{tp.label} — click for how to find it", region) for tp, region in shown.trigger_points
        ]
        self.scene.show_highlight(shown.essential, shown.spillover, markers, shown.muscle)

    def _show_techniques(self) -> None:
        candidate = self._selected()
        if candidate is None:
            self.technique_panel.show_techniques("", ())
            return
        side = "" if candidate.side == "both" else f", {candidate.side}"
        techniques = self._load_techniques().for_muscle(candidate.muscle.id)
        log = self._log  # what helped this person, once the log is open (never opened just for this)
        from bodymap.core.effects import by_technique, personal_order

        effects = by_technique(log.sessions()) if log is not None else []
        ordered = personal_order(techniques, effects, lambda t: t.id)
        self.technique_panel.show_techniques(
            f"Treat {candidate.muscle.name}{side}",
            tuple(t for t, _ in ordered),
            {t.id: note for t, note in ordered if note},
        )

    def _selected(self) -> Candidate | None:
        return next((c for c in self.candidates if candidate_key(c) == self.selected_candidate), None)

    def _find_region(self) -> None:
        self.close_player()
        self.tabs.setCurrentIndex(1)
        self.region_list.search.setFocus()
        self.region_list.search.selectAll()

    def _trigger_point_clicked(self, tp_id: str) -> None:
        for candidate in self.candidates:
            for tp in candidate.muscle.trigger_points:
                if tp.id == tp_id:
                    self.finding.setText(f"How to find it — {candidate.muscle.name}, {tp.label}: {tp.find}")
                    self.finding.setVisible(True)
                    self.statusBar().showMessage(f"{candidate.muscle.name}: {tp.label}")
                    return

    def _current_changed(self, region: str) -> None:
        label = self.catalog[region].label if region else ""
        self.intensity.show_region(region, label, self.model.intensity(region) if region else None)
        if region:
            if self._region_list is not None:
                self._region_list.select_region(region)
            view = self.catalog[region].view
            self.map.show_view_of(view)
            if self.map.views[view].focus_region != region:
                self.map.views[view].move_focus_to(region)
            for other, map_view in self.map.views.items():
                if other != view and map_view.focus_region:
                    map_view._focus_region = ""
            self.scene.set_focused_region(region)

    def _refresh_summary(self) -> None:
        marks = self.model.marks()
        if not marks:
            self.summary.setText("Nothing marked yet.")
        else:
            worst = max(marks, key=lambda m: m.intensity)
            self.summary.setText(
                f"{len(marks)} marked · worst: {self.catalog[worst.region].label} {worst.intensity}/10"
            )
        self.clear_button.setEnabled(bool(marks))

    def _reset_zoom(self) -> None:
        for view in self.map.views.values():
            view.reset_zoom()

    def _show_keys(self) -> None:
        Notice.inform(
            self,
            "Keyboard and mouse",
            "Click a region to mark or unmark it. Mouse wheel over a region: more or less pain.\n"
            "Ctrl+wheel, pinch or +/−: zoom. Drag empty space or with the middle button: pan. "
            "Ctrl+0: reset zoom.\n\n"
            "On the map: arrow keys move between regions, Tab goes through them in order, "
            "Space marks or unmarks, 1–9 and 0 (=10) set how much it hurts, Delete unmarks.\n"
            "Ctrl+F: find a region by name. Ctrl+Z / Ctrl+Shift+Z: undo / redo.",
        )

    def _show_about(self) -> None:
        Notice.about(
            self,
            "About bodymap",
            f"bodymap {__version__}\n\nMark where it hurts, find the trigger points that may send the "
            "pain there, and treat them yourself. Education and self-care, not a diagnosis. "
            "Everything you enter stays on this computer.",
        )

    # -- state kept between runs
    def _restore(self) -> None:
        if self.settings is None:
            return
        self.reminder.set_time(parse_clock(str(self.settings.value("reminder/time", ""))))
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        mode = self.settings.value("map/mode")
        if mode in ("both", "front", "back"):
            self.map.set_mode(str(mode))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_player()  # no timer, sound or voice outlives the window
        self.close_search()
        self.reminder.stop()
        if self.history is not None:
            self.history.close()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
            self.settings.setValue("map/mode", self.map.mode)
            self.settings.sync()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.scene.set_theme(theme_for(self.palette()))
        super().changeEvent(event)

    @property
    def region_list(self) -> RegionList:
        """The searchable list of regions (the Regions tab), in step with the map.

        Not on screen when the window opens (the Treat it tab is), so it is built just
        after the first paint (warm_up), or sooner if something asks for it."""
        if self._region_list is None:
            from bodymap.ui.map.region_list import RegionList

            regions = RegionList(self.catalog)
            for mark in self.model.marks():
                regions.update_region(mark.region, mark.intensity)
            if self.model.current:
                regions.select_region(self.model.current)
            regions.region_selected.connect(self.model.set_current)
            regions.region_activated.connect(self.model.toggle)
            self._regions_layout.insertWidget(1, regions, 1)
            self._region_list = regions
        return self._region_list

    def warm_up(self) -> None:
        """Load what the first click will need (the knowledge base) while nobody waits."""
        _ = self.region_list
        if isinstance(self.engine, LazyReferralEngine):
            _ = self.engine.engine
        self._load_techniques()
        self.log()  # opens the log (and takes the day's backup) before anyone saves
        # the charts' library costs a quarter of a second: pay it at idle, not when History opens
        QTimer.singleShot(1500, self, lambda: importlib.import_module("pyqtgraph"))

    # -- used by the command line's screenshot and by tests
    def apply_marks(self, marks: list[Mark]) -> None:
        if marks:
            self.model.set_marks(marks)
            self.model.set_current(marks[-1].region)


def settings_at(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)
