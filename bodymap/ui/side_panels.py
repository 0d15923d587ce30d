"""The panels that take the side panel's place: the guided routine player and Find it,
each with the map beside it. They open through the session, which may say no."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter, QStackedWidget, QStatusBar, QTabWidget, QWidget

from bodymap.core.closeups import phase_spot, step_spots
from bodymap.core.referral import Spot, highlight
from bodymap.core.regions import RegionCatalog
from bodymap.core.session import Session, candidate_key
from bodymap.ui.map.body_map_widget import MIN_FIGURE_WIDTH, BodyMapWidget
from bodymap.ui.map.body_scene import BodyScene
from bodymap.ui.notices import Notice
from bodymap.ui.treat.technique_panel import TechniquePanel

if TYPE_CHECKING:
    from bodymap.core.countdown import Clock, Phase
    from bodymap.core.painlog import PainLog
    from bodymap.ui.find.guided_search_panel import GuidedSearchPanel
    from bodymap.ui.treat.technique_player import TechniquePlayer


class PanelWindow(Protocol):
    """The main window as these panels use it (no import of the window: no circle)."""

    settings: QSettings | None
    catalog: RegionCatalog
    scene: BodyScene
    map: BodyMapWidget
    tabs: QTabWidget
    technique_panel: TechniquePanel
    side_stack: QStackedWidget
    splitter: QSplitter

    def statusBar(self) -> QStatusBar: ...
    def as_parent(self) -> QWidget: ...
    def ask_checklist(self) -> bool: ...
    def ask_about_you(self) -> bool: ...
    def log(self) -> PainLog | None: ...
    def show_candidate(self, key: str) -> None: ...


class SidePanels:
    def __init__(self, window: PanelWindow, session: Session) -> None:
        self.window = window
        self.parent = window.as_parent()  # of the dialogs and timers opened from here
        self.session = session
        self.player: TechniquePlayer | None = None
        self.search_panel: GuidedSearchPanel | None = None
        self._sizes_before: list[int] = []
        session.search_changed.connect(self._search_moved)

    # -- the guided routine
    def open_player(self, technique_id: str, clock: Clock | None = None) -> TechniquePlayer | None:
        """A technique's cautions, ready to start; or why not (an urgent warning stands).
        Before the first treatment, the warning-signs checklist."""
        window, session = self.window, self.session
        first_time = window.settings is not None and not session.checklist_seen
        if first_time and not window.ask_checklist():
            return None  # closed without answering: no treatment without it
        if session.about_you() is not None and not session.profile.asked and not window.ask_about_you():
            return None  # asked once before the first treatment; cancelled, nothing starts
        if not session.permissions().may_treat:
            self._warn_urgent()
            return None
        window.log()  # open (once): the routine's record and the over-treatment check need it
        routine = session.open_routine(technique_id, clock)
        if routine is None:
            return None
        # the player is first needed well after start-up: import it then
        from bodymap.core.cautions import cautions_for
        from bodymap.ui.treat.cues import Cues
        from bodymap.ui.treat.routine_runner import RoutineRunner
        from bodymap.ui.treat.technique_player import TechniquePlayer

        runner = RoutineRunner(
            routine.run, routine.run.clock, begin=session.start_routine, parent=self.parent
        )
        knowledge = session.engine().knowledge
        treated = [knowledge[routine.muscle]] if routine.muscle in knowledge else []
        cautions = cautions_for(routine.technique, treated, session.safety_rules())
        # what may rule it out for this person (an unanswered About you question) comes first
        cautions = [*session.cautions_first(routine.technique), *cautions]
        player = TechniquePlayer(runner, Cues(self.parent, runner), routine.warning, cautions)
        player.closed.connect(self.close_player)
        player.session_recorded.connect(lambda _summary, before, after: session.finish_routine(before, after))
        runner.state_changed.connect(window.statusBar().clearMessage)  # the player speaks now
        player.again_requested.connect(lambda: self._again(technique_id))
        self.player = player
        self._show(player)
        # each step shows where it presses: the dot moves, the close-up follows
        spots = step_spots(routine.technique, knowledge[routine.muscle], routine.side) if treated else ()
        if spots:
            runner.phase_changed.connect(lambda: self._show_step(spots, routine.run.phase))
            self._show_step(spots, routine.run.phase)
        window.statusBar().showMessage(f"{routine.technique.name}: read the cautions, then Start (Enter).")
        return player

    def _show_step(self, spots: tuple[Spot | None, ...], phase: Phase) -> None:
        """Where this phase of the routine presses: the muscle outlined, one dot, close up
        (on the other side in a hold's second side)."""
        where = phase_spot(spots, phase.step, phase.side)
        if self.player is None or where is None:
            return
        window, routine = self.window, self.session.routine
        muscle = (f"{routine.muscle}.{where.region.rsplit('.', 1)[1]}",) if routine else ()
        tip = f"Press here: {where.trigger_point.label}"
        dot = (where.trigger_point.id, tip, where.view, where.at)
        window.scene.show_highlight(set(), set(), [dot], muscle)
        window.map.show_view_of(where.view)
        window.map.follow([where.region], muscle)

    def _warn_urgent(self) -> None:
        """Treatment and Find it wait: the first urgent warning that stands unread, said again."""
        first = self.session.urgent_unread()[0]
        Notice.warn(self.parent, "Not now: get help first", f"{first.title}. {first.message}")

    def _again(self, technique_id: str) -> None:
        self.close_player()
        self.open_player(technique_id)

    def close_player(self) -> None:
        player, self.player = self.player, None
        if player is None:
            return
        player.shut_down()  # records a routine that ran, through session_recorded
        player.runner.deleteLater()
        self.session.close_routine()
        self._leave(player)
        self.window.show_candidate(self.session.shown)  # the step's dot gives way to the candidate
        self.window.technique_panel.list.setFocus()

    # -- Find it
    def open_search(self) -> GuidedSearchPanel | None:
        session = self.session
        if session.urgent_unread():
            self._warn_urgent()
            return None
        self.close_player()
        self.close_search()
        if not session.start_search():
            return None
        from bodymap.ui.find.guided_search_panel import GuidedSearchPanel

        names = {candidate_key(c): f"{c.muscle.name}, {c.side}" for c in session.candidates}
        panel = GuidedSearchPanel(session, names)
        panel.treat_requested.connect(self._treat_found)
        panel.closed.connect(self.close_search)
        self.search_panel = panel
        self._show(panel)
        self._search_moved()
        return panel

    def close_search(self) -> None:
        self.session.end_search()

    def _search_moved(self) -> None:
        """Show where to press now (or the muscle found) on the map; or take the panel away
        once the search has ended."""
        window, session, panel = self.window, self.session, self.search_panel
        if panel is None:
            return
        if session.search is None:
            self.search_panel = None
            panel.disconnect_session()
            self._leave(panel)
            window.show_candidate(session.shown)
            return
        test = session.search_test
        if test is None:
            leader, _ = session.search.leader()
            window.show_candidate(candidate_key(leader))
            found = highlight(leader)
            window.map.follow([s.region for s in found.trigger_points], found.muscle)
            if session.search.none_of_these:
                window.statusBar().showMessage("None of these press-tests brought on your pain.", 10000)
                return
            result = "Found it" if session.search.found else "Most likely"
            window.statusBar().showMessage(
                f"{result}: {leader.muscle.name}, {leader.side}. Treat it shows how to release it.", 10000
            )
            return
        window.statusBar().showMessage("Press where the map shows, then answer.", 10000)
        shown = highlight(session.search.candidates[test.key])
        tip = f"Press here: {test.trigger_point.label}"
        where = test.spot
        marker = (test.trigger_point.id, tip, where.view, where.at)
        window.scene.show_highlight(shown.essential, shown.spillover, [marker], shown.muscle)
        window.map.show_view_of(where.view)
        window.map.follow([test.region], shown.muscle)  # the neck, say: close enough to press

    def _treat_found(self, key: str) -> None:
        window = self.window
        self.close_search()
        self.session.choose(key)
        window.tabs.setCurrentWidget(window.technique_panel)
        window.technique_panel.list.setFocus()
        candidate = self.session.shown_candidate()
        if candidate is not None:
            window.statusBar().showMessage(
                f"Found: {candidate.muscle.name}, {candidate.side}. Pick a technique and Start.", 10000
            )

    # -- the side panel's place
    def _show(self, panel: QWidget) -> None:
        """A panel in place of the side panel, wider, with both figures still beside it."""
        window = self.window
        window.side_stack.addWidget(panel)
        window.side_stack.setCurrentWidget(panel)
        self._sizes_before = window.splitter.sizes()
        total = sum(self._sizes_before)
        room_for_map = 2 * MIN_FIGURE_WIDTH + 8
        wide = max(self._sizes_before[1], min(total * 11 // 20, total - room_for_map))
        window.splitter.setSizes([total - wide, wide])
        panel.setFocus()

    def _leave(self, panel: QWidget) -> None:
        self.window.side_stack.removeWidget(panel)
        panel.deleteLater()
        if self._sizes_before and self.window.side_stack.count() == 1:
            self.window.splitter.setSizes(self._sizes_before)
