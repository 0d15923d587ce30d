"""The main window's safety side: red flags from the map and the checklist, the banner that
holds back treatment until an urgent warning is read, and the first-run notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bodymap.core.safety import SafetyRule, SafetyRules
    from bodymap.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class SafetyMixin(_Base):
    def _load_safety(self) -> SafetyRules:
        if self._safety is None:
            from bodymap.core.safety import load_safety

            self._safety = load_safety
        return self._safety()

    def _update_safety(self) -> None:
        self.flags = self._load_safety().flags(self.model.marks(), self.ticked)
        self.acknowledged &= {r.id for r in self.flags}  # a flag that comes back must be read again
        self.safety_banner.show_flags(self.flags, bool(self.urgent_unread()))
        if self.urgent_unread():
            self.statusBar().showMessage(f"Get help now: {self.flags[0].title}")
        why = "Read the warning at the top first: treatment and press-tests wait until you have."
        blocked = bool(self.urgent_unread())
        self.technique_panel.set_blocked(why if blocked else "")
        self.find_button.setEnabled(bool(self.candidates) and not blocked)
        self.find_button.setToolTip(
            why if blocked else "A few guided presses tell which muscle sends the pain"
        )

    def urgent_unread(self) -> list[SafetyRule]:
        return [r for r in self.flags if r.level == "urgent" and r.id not in self.acknowledged]

    def _acknowledge(self) -> None:
        self.acknowledged |= {r.id for r in self.flags if r.level == "urgent"}
        self._update_safety()

    def ask_checklist(self) -> bool:
        """The warning-signs checklist; False when the person cancels it."""
        from bodymap.ui.safety.safety_views import ChecklistDialog  # dialogs load when first shown

        ticked = ChecklistDialog.ask(self, self._load_safety().of_kind("checklist"), self.ticked)
        if ticked is None:
            return False
        self.ticked = ticked
        if self.settings is not None:
            self.settings.setValue("safety/ticked", sorted(ticked))
        self._update_safety()
        return True

    def first_run(self) -> None:
        """The safety notice, once, before anything else (always in Help afterwards)."""
        if self.settings is None or self.settings.value("safety/notice_accepted", False, bool):
            return
        if self.show_safety_notice():
            self.settings.setValue("safety/notice_accepted", True)

    def show_safety_notice(self) -> bool:
        """The safety and self-care notice; True when the person accepts it."""
        from bodymap.ui.safety.safety_views import SafetyNoticeDialog

        return SafetyNoticeDialog.ask(self)

    def _setting_list(self, key: str) -> list[str]:
        if self.settings is None:
            return []
        value = self.settings.value(key, [])
        return [value] if isinstance(value, str) else list(value or [])
