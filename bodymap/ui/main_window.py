"""The main window: the body map, and the side panel where the person says how much.

It renders the core session (bodymap/core/session.py) and forwards what the person does
to the session's commands; the rules live there. The pain log's dialogs are in
ui/log/log_actions.py, the treatment and Find it panels in ui/side_panels.py."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bodymap import __version__
from bodymap.core.colour_scale import hex_colour
from bodymap.core.continuity import Continuity, Draft
from bodymap.core.errors import StorageError, UserError
from bodymap.core.geometry import BodyGeometry
from bodymap.core.marking import Mark
from bodymap.core.paths import create_private_file
from bodymap.core.referral import highlight
from bodymap.core.reminder import parse_clock
from bodymap.core.session import Permissions, Session
from bodymap.ui.log.log_actions import LogActions
from bodymap.ui.log.quick_log_actions import QuickLogActions
from bodymap.ui.log.quick_log_bar import QuickLogBar
from bodymap.ui.log.reminder import Reminder
from bodymap.ui.map.body_map_widget import BodyMapWidget
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.map.intensity_panel import IntensityPanel
from bodymap.ui.map.quality_panel import QualityPanel
from bodymap.ui.notices import Notice
from bodymap.ui.safety.safety_banner import SafetyBanner
from bodymap.ui.side_panels import SidePanels
from bodymap.ui.sources.referral_panel import ReferralPanel
from bodymap.ui.theme import theme_for
from bodymap.ui.titles import window_title
from bodymap.ui.treat.technique_panel import TechniquePanel

if TYPE_CHECKING:
    from bodymap.core.countdown import Clock
    from bodymap.core.painlog import PainLog
    from bodymap.core.safety import SafetyRule
    from bodymap.ui.find.guided_search_panel import GuidedSearchPanel
    from bodymap.ui.log.history_window import HistoryWindow
    from bodymap.ui.map.region_list import RegionList
    from bodymap.ui.shortcuts_window import ShortcutsWindow
    from bodymap.ui.treat.technique_player import TechniquePlayer

DEFAULT_SIZE = (1280, 800)
DRAFT_DELAY_MS = 400  # unsaved marks are kept this long after the last change
SIDE_MIN_WIDTH = 300
LARGE_WIDTH = 1600  # from here on the side panel's type is a step larger


def side_width(window_width: int) -> int:
    """The side panel's share of the window: wider on a large screen, never too narrow."""
    return max(SIDE_MIN_WIDTH + 40, min(700, round(window_width * 0.31)))


BASE_POINT_SIZE = "bodymap_base_point_size"  # a widget's own size of type, before scaling


def side_type_scale(window_width: int) -> float:
    """The side panel's type: a step up on a large window, read from further back."""
    return 1.2 if window_width >= LARGE_WIDTH else 1.0


SEARCH_TIP = "A few guided presses tell which muscle really sends the pain (Ctrl+I)"


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        geometry: BodyGeometry,
        settings: QSettings | None = None,
        open_log: Callable[[], PainLog] | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(window_title("Where does it hurt?"))
        self.session = session
        self.catalog = session.catalog
        self.settings = settings
        self.safety_banner = SafetyBanner()
        self.reminder = Reminder(self)
        self.reminder.fired.connect(lambda text: self.statusBar().showMessage(text, 60_000))
        self.scene = BodyScene(self.catalog, geometry, theme_for(self.palette()))
        self.map = BodyMapWidget(self.scene)
        self.intensity = IntensityPanel()
        self.qualities = QualityPanel()  # how it feels at the current place
        self._region_list: RegionList | None = None  # built just after the first paint
        self._shortcuts: ShortcutsWindow | None = None  # Help > Keyboard shortcuts…, when asked
        self.referral = ReferralPanel()
        self.technique_panel = TechniquePanel()
        self.find_button = QPushButton("Find it: press-test the candidates…")
        self.find_button.setToolTip(SEARCH_TIP)
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
        how_much_layout.addWidget(self.qualities)
        how_much_layout.addWidget(self.save_button)
        self.quick_bar = QuickLogBar()  # "Same as last time", "Flare started" / "Flare over"
        how_much_layout.addWidget(self.quick_bar)
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
        lists.setStretchFactor(0, 1)
        lists.setStretchFactor(1, 1)
        side_layout.addWidget(lists, 1)
        self.lists = lists
        self._lists_chosen = False  # the person dragged this divider: their split stays
        lists.splitterMoved.connect(self._lists_moved)
        lists.installEventFilter(self)
        side.setMinimumWidth(SIDE_MIN_WIDTH)
        # A short window (800×600, or a long warning on top) scrolls the panel as a whole
        # rather than squeezing the likely sources and the techniques into slivers.
        self._side = side
        self._sources_box = sources_box
        self.side_page = QScrollArea()
        self.side_page.setWidget(side)
        self.side_page.setWidgetResizable(True)
        self.side_page.setFrameShape(QFrame.Shape.NoFrame)
        self.side_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll_bar = self.side_page.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.side_page.setMinimumWidth(SIDE_MIN_WIDTH + scroll_bar)

        # the player or Find it takes the side panel's place while it runs
        self.side_stack = QStackedWidget()
        self.side_stack.addWidget(self.side_page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.map)
        splitter.addWidget(self.side_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        splitter.setSizes([DEFAULT_SIZE[0] - side_width(DEFAULT_SIZE[0]), side_width(DEFAULT_SIZE[0])])
        self.splitter = splitter
        self._side_width_chosen = False  # the person dragged the divider: their width stays
        splitter.splitterMoved.connect(self._side_width_moved)
        self._side_scale = 1.0  # the side panel's type, times its usual size
        self.setCentralWidget(splitter)
        self.logs = LogActions(self, session, open_log)
        # History's Flares tab follows a flare started or ended here
        self.quick = QuickLogActions(self, session, self.quick_bar, history=lambda: self.logs.history)
        self.logs.log_changed.connect(self.quick.follow_log)
        self.panels = SidePanels(self, session)
        # unsaved marks kept in the data folder until saved, cleared or discarded
        self.continuity = Continuity(session, draft) if draft is not None else None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._keep_draft)
        self._quitting = False  # File > Quit: ask about unsaved marks before closing
        self._build_menus()
        self._connect()
        self._refresh_summary()
        self._show_safety()
        self._show_permissions(session.permissions())
        self.statusBar().showMessage("Click where it hurts. Hover to see a region's name.")
        self.resize(*DEFAULT_SIZE)
        self._restore()

    # -- construction
    def _build_menus(self) -> None:
        standard = QKeySequence.StandardKey
        self.undo_action = self._action("&Undo", self.session.undo, standard.Undo)
        redo_keys: list[str | QKeySequence.StandardKey] = ["Ctrl+Shift+Z", standard.Redo]
        self.redo_action = self._action("&Redo", self.session.redo, *redo_keys)
        clear = self._action("&Clear all marks", self.session.clear, "Ctrl+Shift+Backspace")
        save = self._action("&Save to log…", self.save_to_log, standard.Save)
        history = self._action("&History…", self.show_history, "Ctrl+H")
        remind = self._action("Daily &reminder…", self.logs.ask_reminder)
        self.find_action = self._action("Find &it: press-test the candidates…", self.open_search, "Ctrl+I")
        quit_action = self._action("&Quit", self.quit, standard.Quit, "Ctrl+Q")
        last = self.quick.same_action  # Ctrl+L
        find = self._action("&Find a region", self._find_region, standard.Find)

        menu = self.menuBar().addMenu("&File")
        restore = self._action("Restore from a &backup…", self.logs.restore_backup)
        menu.addActions([save, last, self.quick.flare_action, history, self.find_action, remind])
        menu.addSeparator()
        menu.addActions(
            [
                self._action("&Export…", self.logs.export_log, "Ctrl+E"),
                self._action("I&mport…", self.logs.import_log),
                self._action("Back &up now", self.logs.back_up_now),
                restore,
            ]
        )
        menu.addSeparator()
        menu.addAction(quit_action)
        menu = self.menuBar().addMenu("&Edit")
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions([find, clear])

        menu = self.menuBar().addMenu("&View")
        for mode, text, key in (
            ("both", "Front && back", "Ctrl+1"),
            ("front", "Front", "Ctrl+2"),
            ("back", "Back", "Ctrl+3"),
        ):
            menu.addAction(self._action(text, partial(self.map.set_mode, mode), key))
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
                self._action("About &you…", self.ask_about_you),
            ]
        )
        menu.addSeparator()
        menu.addActions(
            [
                self._action("&Keyboard shortcuts…", self.show_keys, "F1"),
                self._action("&About bodymap", self._show_about),
            ]
        )
        self._show_undo()

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
            found = (
                QKeySequence.keyBindings(key)
                if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)]
            )
            shortcuts += [k for k in found if k not in shortcuts]
        if shortcuts:
            action.setShortcuts(shortcuts)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _connect(self) -> None:
        scene, session = self.scene, self.session
        scene.region_clicked.connect(session.toggle)
        scene.region_hovered.connect(self._region_hovered)
        scene.region_wheeled.connect(session.step_intensity)
        for view in self.map.views.values():
            view.focus_moved.connect(session.set_current)
            view.toggle_requested.connect(session.toggle)
            view.intensity_requested.connect(session.set_intensity)
            view.unmark_requested.connect(session.unmark)
            view.quality_requested.connect(session.toggle_quality)
        self.intensity.intensity_chosen.connect(session.set_intensity)
        self.intensity.unmark_requested.connect(session.unmark)
        self.qualities.quality_toggled.connect(session.toggle_quality)
        self.clear_button.clicked.connect(session.clear)
        self.save_button.clicked.connect(self.save_to_log)
        self.find_button.clicked.connect(self.open_search)
        self.safety_banner.acknowledged.connect(session.acknowledge)
        self.safety_banner.doctor_confirmed.connect(self.confirm_doctor_checked)
        self.referral.candidate_selected.connect(session.choose)
        self.referral.candidate_hovered.connect(self._candidate_hovered)
        scene.trigger_point_clicked.connect(self._trigger_point_clicked)
        self.technique_panel.technique_started.connect(self.open_player)
        # the session speaks; the window renders
        session.marks_changed.connect(self._marks_changed)
        session.current_changed.connect(self._current_changed)
        session.candidates_changed.connect(self._candidates_changed)
        session.safety_changed.connect(self._show_safety)
        session.permissions_changed.connect(self._show_permissions)
        session.search_changed.connect(self._show_undo)
        session.search_changed.connect(lambda: self.referral.show_found(session.found))
        session.refused.connect(lambda why: self.statusBar().showMessage(why, 8000))
        session.marks_changed.connect(lambda _regions: self._draft_changed())

    # -- rendering the session
    def _marks_changed(self, regions: list[str]) -> None:
        for region in regions:
            intensity = self.session.intensity(region)
            self.scene.set_region_fill(region, None if intensity is None else QColor(hex_colour(intensity)))
            self.scene.set_region_qualities(region, self.session.qualities(region))
            if self._region_list is not None:
                self._region_list.update_region(region, intensity, self.session.qualities(region))
        if self.session.current in regions:
            self._current_changed(self.session.current)
        self._refresh_summary()
        self._show_undo()

    def _candidates_changed(self) -> None:
        session = self.session
        self.referral.set_candidates(
            session.candidates, session.shown, session.something_else, session.found, session.no_single_source
        )
        if session.search is None:
            self.show_candidate(session.shown)
        heading, offers = session.treatments()
        self.technique_panel.show_techniques(
            heading,
            tuple(o.technique for o in offers),
            {o.technique.id: o.note for o in offers if o.note},
            {o.technique.id: f"{o.lock.reason} {o.lock.instead}" for o in offers if o.lock},
        )
        self._balance_lists()  # the techniques' rows may need another height

    def _candidate_hovered(self, key: str) -> None:
        if self.session.search is None:
            self.show_candidate(key or self.session.shown)

    def show_candidate(self, key: str) -> None:
        """One candidate on the map: its zones, its muscle, its trigger points."""
        candidate = self.session.candidate(key)
        self.finding.setVisible(False)
        story = key == self.session.shown  # not a card merely hovered: the map follows it
        if candidate is None:
            self.scene.clear_highlight()
            if story:
                self.map.follow([])
            return
        shown = highlight(candidate)
        markers = [
            (s.trigger_point.id, f"{s.trigger_point.label} — click for how to find it", s.view, s.at)
            for s in shown.trigger_points
        ]
        self.scene.show_highlight(shown.essential, shown.spillover, markers, shown.muscle)
        if story:  # on the head, the neck or a hand: a close-up, the dots large enough to press
            self.map.follow([s.region for s in shown.trigger_points], shown.muscle)

    def _show_safety(self) -> None:
        session = self.session
        urgent = session.urgent_unread()
        self.safety_banner.show_flags(session.flags, bool(urgent), bool(session.doctor_check_needed()))
        if urgent:
            self.statusBar().showMessage(f"Get help now: {urgent[0].title}")

    def _show_permissions(self, allowed: Permissions) -> None:
        self.technique_panel.set_blocked(allowed.why_not_treat)
        self.find_button.setEnabled(allowed.may_search)
        self.find_action.setEnabled(allowed.may_search)
        self.find_button.setToolTip(allowed.why_not_search or SEARCH_TIP)
        if not allowed.may_treat:
            self.panels.close_player()  # an urgent warning now stands: no routine goes on

    def _show_undo(self) -> None:
        session = self.session
        self.undo_action.setEnabled(session.can_undo)
        self.redo_action.setEnabled(session.can_redo)
        self.undo_action.setText(f"&Undo {session.undo_text}".strip())
        self.redo_action.setText(f"&Redo {session.redo_text}".strip())
        self.clear_button.setEnabled(bool(session.marks()) and not session.marks_locked)

    def _region_hovered(self, region: str) -> None:
        if region:
            info = self.catalog[region]
            intensity = self.session.intensity(region)
            extra = "" if intensity is None else f" · {intensity}/10"
            felt = ", ".join(self.session.qualities(region))
            self.statusBar().showMessage(f"{info.label}{extra}{f' · {felt}' if felt else ''}")
        else:
            self.statusBar().clearMessage()

    def _find_region(self) -> None:
        self.panels.close_player()
        self.tabs.setCurrentIndex(1)
        self.region_list.search.setFocus()
        self.region_list.search.selectAll()

    def _region_found(self, region: str) -> None:
        """Enter on a found region marks it; one already marked stays marked (Delete unmarks)."""
        if self.session.intensity(region) is None:
            self.session.mark(region)
        else:
            self.session.set_current(region)

    def _back_to_map(self) -> None:
        """Ctrl+F is done (Enter, a number or Esc): the keyboard goes back to the map, on the
        region just found."""
        region = self.session.current
        shown = self.map.shown()
        view = self.map.views[self.catalog[region].view if region else "back" if shown == "back" else "front"]
        self.map.show_view_of(view.view)
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if region:
            view.move_focus_to(region)

    def _trigger_point_clicked(self, tp_id: str) -> None:
        for candidate in self.session.candidates:
            for tp in candidate.muscle.trigger_points:
                if tp.id == tp_id:
                    self.finding.setText(f"How to find it — {candidate.muscle.name}, {tp.label}: {tp.find}")
                    self.finding.setVisible(True)
                    self.statusBar().showMessage(f"{candidate.muscle.name}: {tp.label}")
                    return

    def _current_changed(self, region: str) -> None:
        label = self.catalog[region].label if region else ""
        self.intensity.show_region(region, label, self.session.intensity(region) if region else None)
        marked = bool(region) and self.session.intensity(region) is not None
        self.qualities.show_region(region, self.session.qualities(region) if region else (), marked)
        if region:
            if self._region_list is not None:
                self._region_list.select_region(region)
            view = self.catalog[region].view
            self.map.show_view_of(view)
            if self.map.views[view].focus_region != region:
                self.map.views[view].move_focus_to(region)
            for other, map_view in self.map.views.items():
                if other != view:
                    map_view.forget_focus()
            self.scene.set_focused_region(region)

    def _refresh_summary(self) -> None:
        marks = self.session.marks()
        if not marks:
            self.summary.setText("Nothing marked yet.")
        else:
            worst = max(marks, key=lambda m: m.intensity)
            self.summary.setText(
                f"{len(marks)} marked · worst: {self.catalog[worst.region].label} {worst.intensity}/10"
            )

    def _reset_zoom(self) -> None:
        for view in self.map.views.values():
            view.reset_zoom()

    # -- what the menus and buttons open
    def open_player(self, technique_id: str, clock: Clock | None = None) -> TechniquePlayer | None:
        return self.panels.open_player(technique_id, clock)

    def open_search(self) -> GuidedSearchPanel | None:
        return self.panels.open_search()

    def save_to_log(self) -> None:
        self.logs.save_to_log()

    def show_history(self) -> HistoryWindow | None:
        return self.logs.show_history()

    def log(self) -> PainLog | None:
        return self.logs.log()

    def ask_checklist(self) -> bool:
        """The warning-signs checklist; False when the person cancels it."""
        from bodymap.ui.safety.safety_views import ChecklistDialog  # dialogs load when first shown

        rules = self.session.safety_rules().of_kind("checklist")
        ticked = ChecklistDialog.ask(self, rules, self.session.ticked)
        if ticked is None:
            return False
        self.session.set_ticked(ticked)
        if self.settings is not None:
            self.settings.setValue("safety/ticked", sorted(ticked))
            self.settings.setValue("safety/checklist_seen", True)
        return True

    def ask_about_you(self) -> bool:
        """The About you questions; False when the person cancels them."""
        from bodymap.ui.safety.about_you_dialog import AboutYouDialog

        about = self.session.about_you()
        if about is None:
            return True  # this window keeps no profile (screenshots)
        answers = AboutYouDialog.ask(self, about, self.session.profile.answers)
        if answers is None:
            return False
        self.session.set_profile(answers)
        return True

    def confirm_doctor_checked(self) -> None:
        """The person says a doctor has checked the pain a read urgent warning points at."""
        if Notice.confirm(
            self,
            "Has a doctor checked this pain?",
            "Only say yes if a doctor (or an emergency service) has seen you about this pain since "
            "it began, and found it safe to treat yourself. bodymap remembers the date and asks "
            "again after a month, or when the pain moves.",
        ):
            self.session.confirm_doctor_checked()

    def first_run(self) -> None:
        """The safety notice, once, before anything else (always in Help afterwards);
        declined, it comes again at the next start."""
        if self.settings is None or self.settings.value("safety/notice_accepted", False, bool):
            return
        if self.show_safety_notice():
            self.settings.setValue("safety/notice_accepted", True)

    def show_safety_notice(self) -> bool:
        """The safety and self-care notice; True when the person accepts it."""
        from bodymap.ui.safety.safety_views import SafetyNoticeDialog

        return SafetyNoticeDialog.ask(self)

    def show_keys(self) -> ShortcutsWindow:
        """Help > Keyboard shortcuts…: every key, the menus' read from the menus themselves."""
        from bodymap.ui.shortcuts_window import PANEL_KEYS, ShortcutsWindow, menu_keys

        rows = menu_keys(self.menuBar().actions()) + list(PANEL_KEYS)  # as the menus read now
        if self._shortcuts is None:
            self._shortcuts = ShortcutsWindow(rows, self)
        else:
            self._shortcuts.set_rows(rows)
        self._shortcuts.show()
        self._shortcuts.raise_()
        return self._shortcuts

    def _show_about(self) -> None:
        Notice.about(
            self,
            "About",
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
            self._side_width_chosen = True
        mode = self.settings.value("map/mode")
        if mode in ("both", "front", "back"):
            self.map.set_mode(str(mode))

    def quit(self) -> None:
        """File > Quit (Ctrl+Q): close, asking first about unsaved marks."""
        self._quitting = True
        try:
            self.close()
        finally:
            self._quitting = False

    def _may_close(self) -> bool:
        """Unsaved marks: Save (to the log), Discard or Cancel (the window stays)."""
        keeper = self.continuity
        if keeper is None or not keeper.unsaved:
            return True
        choice = Notice.save_or_discard(
            self,
            "Save your marks?",
            f"{keeper.unsaved_sentence()} Save them before you go? Kept unsaved, they are offered again "
            "at the next start.",
        )
        if choice == "save":
            self.save_to_log()
            return not keeper.unsaved  # the save dialog cancelled, or the save failed: stay
        if choice == "discard":
            keeper.discard()
            return True
        return False

    def _draft_changed(self) -> None:
        if self.continuity is not None:
            self._draft_timer.start()  # one write after a run of clicks

    def _keep_draft(self) -> None:
        if self.continuity is None:
            return
        try:
            self.continuity.flush()
        except (UserError, StorageError) as exc:  # a full disk: the map goes on, the log is apart
            self.statusBar().showMessage(f"Your unsaved marks could not be kept for next time: {exc}", 10000)

    def offer_draft(self) -> None:
        """At start-up: marks left unsaved last time, offered back ("Continue where you left off")."""
        keeper = self.continuity
        if keeper is None or self.session.marks():
            return
        marks, kept = keeper.kept()
        if not marks:
            return
        when = f" on {kept:%A %d %B at %H:%M}" if kept is not None else ""
        count = len(marks)
        if Notice.offer(
            self,
            "Continue where you left off?",
            f"You marked {count} place{'s' if count != 1 else ''}{when} without saving to your log. "
            "Put them back on the map?",
        ):
            keeper.restore()
            self.statusBar().showMessage("Your marks from last time are back. Save to log keeps them.", 10000)
        else:
            keeper.discard()

    def closeEvent(self, event: QCloseEvent) -> None:
        # closed by the person (the title bar, File > Quit), not by the program or a signal
        if (event.spontaneous() or self._quitting) and not self._may_close():
            event.ignore()
            return
        self._draft_timer.stop()
        self._keep_draft()
        self.panels.close_player()  # no timer, sound or voice outlives the window
        self.panels.close_search()
        self.reminder.stop()
        self.logs.close()
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
            self.settings.setValue("map/mode", self.map.mode)
            self.settings.sync()
        super().closeEvent(event)

    def _lists_moved(self) -> None:
        self._lists_chosen = True

    def _balance_lists(self) -> None:
        """Treat it gets what shows three techniques and the summary (at least two fifths);
        the likely sources get the rest, until the person drags the divider."""
        total = sum(self.lists.sizes())
        if self._lists_chosen or total <= 0:
            return
        sources_least = self._sources_box.minimumSizeHint().height()
        treat = max(self.tabs.minimumSizeHint().height(), round(total * 0.4))
        treat = min(treat, max(self.tabs.minimumSizeHint().height(), total - sources_least))
        if self.lists.sizes()[1] != treat:
            self.lists.setSizes([total - treat, treat])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lists and event.type() == QEvent.Type.Resize:
            self._balance_lists()
        return super().eventFilter(watched, event)

    def _side_width_moved(self) -> None:
        if self.side_stack.currentWidget() is self.side_page:
            self._side_width_chosen = True

    def _scale_side_type(self, scale: float) -> None:
        """Every text of the side panel at `scale` times its own size: the panel's font, and
        the texts that set a size of their own (small print, the reasons of the candidates)."""
        if scale == self._side_scale:
            return
        side = self._side
        widgets = [w for w in [side, *side.findChildren(QWidget)] if w.font().pointSizeF() > 0]
        # each one's own size first: setting a parent's font changes its children's
        for widget in widgets:
            if not isinstance(widget.property(BASE_POINT_SIZE), float):
                # made while the panel was scaled, it was made at the scaled size
                widget.setProperty(BASE_POINT_SIZE, widget.font().pointSizeF() / self._side_scale)
        for widget in widgets:
            font = widget.font()
            font.setPointSizeF(float(widget.property(BASE_POINT_SIZE)) * scale)
            widget.setFont(font)
        self._side_scale = scale

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.width()
        self._scale_side_type(side_type_scale(width))
        if not self._side_width_chosen and self.side_stack.currentWidget() is self.side_page:
            total = sum(self.splitter.sizes()) or width
            wanted = side_width(width)
            self.splitter.setSizes([total - wanted, wanted])

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
            for mark in self.session.marks():
                regions.update_region(mark.region, mark.intensity, mark.qualities)
            if self.session.current:
                regions.select_region(self.session.current)
            regions.region_selected.connect(self.session.set_current)
            regions.region_activated.connect(self._region_found)
            regions.intensity_chosen.connect(self.session.set_intensity)
            regions.finished.connect(self._back_to_map)
            self._regions_layout.insertWidget(1, regions, 1)
            self._region_list = regions
        return self._region_list

    def warm_up(self) -> None:
        """Load what the first click will need (the knowledge base) while nobody waits."""
        _ = self.region_list
        self.session.warm_up()
        self.logs.log()  # opens the log (and takes the day's backup) before anyone saves
        self.quick.attach()  # a flare going on, and "Same as last time" offered on an empty map
        # the charts' library costs a quarter of a second: pay it at idle, not when History opens
        QTimer.singleShot(1500, self, lambda: importlib.import_module("pyqtgraph"))

    # -- used by the command line's screenshot and by tests
    def apply_marks(self, marks: list[Mark]) -> None:
        if marks:
            self.session.set_marks(marks)
            self.session.set_current(marks[-1].region)

    def as_parent(self) -> QWidget:
        """The window as the parent of the dialogs and timers its parts open."""
        return self

    def geometry_of_map(self) -> BodyGeometry:
        return self.scene.geometry

    def urgent_unread(self) -> list[SafetyRule]:
        return self.session.urgent_unread()


def settings_at(path: Path) -> QSettings:
    """The window's settings in an INI file readable by its owner alone (0600): it names the
    cautions read and the routines followed. Qt keeps the mode of the file it finds."""
    with contextlib.suppress(OSError):  # a folder we may not write to: Qt then keeps them in memory
        create_private_file(path)
    return QSettings(str(path), QSettings.Format.IniFormat)
