"""The main window's treatment side: the guided routine player and the Find it search, each
shown in place of the side panel with the map beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from bodymap.core.referral import highlight
from bodymap.ui.map.body_map_widget import MIN_FIGURE_WIDTH
from bodymap.ui.notices import Notice
from bodymap.ui.sources.referral_panel import candidate_key

if TYPE_CHECKING:
    from bodymap.core.countdown import Clock
    from bodymap.core.techniques import Technique
    from bodymap.ui.find.guided_search_panel import GuidedSearchPanel
    from bodymap.ui.main_window import MainWindow
    from bodymap.ui.treat.technique_player import TechniquePlayer

    _Base = MainWindow
else:
    _Base = object


class TreatmentMixin(_Base):
    def open_player(self, technique_id: str, clock: Clock | None = None) -> TechniquePlayer | None:
        """Show a technique's cautions, ready to start, in place of the side panel; or say why
        not (an urgent warning stands)."""
        # the player is first needed well after start-up: import it then
        from bodymap.ui.treat.cues import Cues
        from bodymap.ui.treat.routine_runner import RoutineRunner
        from bodymap.ui.treat.technique_player import TechniquePlayer

        if self.settings is not None and not self.settings.value("safety/checklist_seen", False, bool):
            if not self.ask_checklist():
                return None  # the person closed the checklist: no treatment without it
            self.settings.setValue("safety/checklist_seen", True)
        if self.urgent_unread():
            first = self.urgent_unread()[0]
            Notice.warn(self, "Not now: get help first", f"{first.title}. {first.message}")
            return None
        self.close_player()
        technique = self._load_techniques()[technique_id]
        # show the muscle being treated on the map, if it is among the candidates
        selected = self._selected()
        if selected is None or selected.muscle.id not in technique.muscles:
            match = next((c for c in self.candidates if c.muscle.id in technique.muscles), None)
            if match is not None:
                self._candidate_selected(candidate_key(match))
        runner = RoutineRunner(technique, clock or self.clock, parent=self)
        from bodymap.core.safety import guards_for

        guards = guards_for(self._load_safety(), technique)
        player = TechniquePlayer(runner, Cues(self, runner), self._over_treatment(technique), guards)
        player.closed.connect(self.close_player)
        player.session_recorded.connect(
            lambda summary, before, after: self._record_session(technique_id, summary, before, after)
        )
        runner.state_changed.connect(self.statusBar().clearMessage)  # the player speaks now
        player.again_requested.connect(lambda: self.open_player(technique_id))
        self.player = player
        self._show_in_side(player)
        self.statusBar().showMessage(f"{technique.name}: read the cautions, then Start (Enter).")
        return player

    def _over_treatment(self, technique: Technique) -> str:
        log = self.log()
        selected = self._selected()
        if log is None:
            return ""
        muscle = (
            selected.muscle.id
            if selected and selected.muscle.id in technique.muscles
            else technique.muscles[0]
        )
        now = datetime.now().astimezone()
        from bodymap.core.safety import over_treatment

        return over_treatment(technique, muscle, log.sessions(now - timedelta(days=31)), now)

    def close_player(self) -> None:
        player, self.player = self.player, None
        if player is None:
            return
        player.shut_down()
        player.runner.deleteLater()
        self._leave_side(player)
        self.technique_panel.list.setFocus()

    def _show_in_side(self, panel: QWidget) -> None:
        """A panel (the player, the search) in place of the side panel, wider, the map beside it."""
        self.side_stack.addWidget(panel)
        self.side_stack.setCurrentWidget(panel)
        self._sizes_before_player = self.splitter.sizes()
        total = sum(self._sizes_before_player)
        # as wide as it can be while both figures still fit beside it
        room_for_map = 2 * MIN_FIGURE_WIDTH + 8
        wide = max(self._sizes_before_player[1], min(total * 11 // 20, total - room_for_map))
        self.splitter.setSizes([total - wide, wide])
        panel.setFocus()

    def _leave_side(self, panel: QWidget) -> None:
        self.side_stack.removeWidget(panel)
        panel.deleteLater()
        if self._sizes_before_player:
            self.splitter.setSizes(self._sizes_before_player)

    def open_search(self) -> GuidedSearchPanel | None:
        from bodymap.core.guided_search import GuidedSearch
        from bodymap.ui.find.guided_search_panel import GuidedSearchPanel

        if not self.candidates:
            return None
        if self.urgent_unread():
            first = self.urgent_unread()[0]
            Notice.warn(self, "Not now: get help first", f"{first.title}. {first.message}")
            return None
        self.close_player()
        self.close_search()
        search = GuidedSearch(self.candidates)
        names = {candidate_key(c): f"{c.muscle.name}, {c.side}" for c in self.candidates}
        panel = GuidedSearchPanel(search, names)
        panel.answered.connect(self._search_moved)
        panel.treat_requested.connect(self._treat_found)
        panel.closed.connect(self.close_search)
        self.search_panel = panel
        # the marks stay as they are while searching: their undo would pull the candidates away
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._show_in_side(panel)
        self._search_moved()
        self.statusBar().showMessage("Press where the map shows, then answer.", 8000)
        return panel

    def close_search(self) -> None:
        panel, self.search_panel = self.search_panel, None
        if panel is not None:
            self._leave_side(panel)
            self.undo_action.setEnabled(self.model.undo_stack.canUndo())
            self.redo_action.setEnabled(self.model.undo_stack.canRedo())
            self._show_candidate(self.selected_candidate)

    def _search_moved(self) -> None:
        """Show where to press now (or the muscle found) on the map; keep the answers for the log."""
        panel = self.search_panel
        if panel is None:
            return
        search = panel.search
        from bodymap.core.painlog import PressAnswer

        self.search_answers = tuple(
            PressAnswer(s.test.muscle, s.test.side, s.test.trigger_point.id, s.answer) for s in search.steps
        )
        test = panel.test
        if test is None:
            leader, _ = search.leader()
            self._show_candidate(candidate_key(leader))
            self.statusBar().showMessage(panel.result.text() + ": Treat it shows how to release it.", 10000)
            return
        self.statusBar().showMessage("Press where the map shows, then answer.", 10000)
        candidate = search.candidates[test.key]
        shown = highlight(candidate)
        tip = f"Press here: {test.trigger_point.label}"
        self.scene.show_highlight(
            shown.essential, shown.spillover, [(test.trigger_point.id, tip, test.region)], shown.muscle
        )
        self.map.show_view_of(self.catalog[test.region].view)

    def _treat_found(self, key: str) -> None:
        self.close_search()
        self._candidate_selected(key)
        self.tabs.setCurrentWidget(self.technique_panel)
        self.technique_panel.list.setFocus()
        candidate = self._selected()
        if candidate is not None:
            self.statusBar().showMessage(
                f"Found: {candidate.muscle.name}, {candidate.side}. Pick a technique and Start.", 10000
            )
