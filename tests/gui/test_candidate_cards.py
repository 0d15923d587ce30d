"""The likely-sources cards without a mouse: Tab walks them in rank order, Space, Return or Enter
chooses one, and a screen reader hears each card's muscle, side and match."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from bodymap.core.knowledge import load_knowledge
from bodymap.core.marking import parse_mark_specs
from bodymap.core.referral import Candidate, ReferralEngine
from bodymap.core.regions import load_catalog
from bodymap.ui.main_window import MainWindow
from bodymap.ui.sources.referral_panel import CandidateCard, ReferralPanel, percent

KNOT = ("scapula_medial_border.left=7", "interscapular.left=7")


@pytest.fixture(scope="module")
def engine() -> ReferralEngine:
    return ReferralEngine(load_knowledge(), load_catalog())


def ranked(engine: ReferralEngine, *specs: str) -> list[Candidate]:
    return engine.rank(parse_mark_specs(list(specs), engine.catalog), top=10)


class Page(QWidget):
    """The panel between two other controls, as in the window."""

    def __init__(self) -> None:
        super().__init__()
        self.before, self.panel, self.after = QLineEdit(), ReferralPanel(), QLineEdit()
        layout = QVBoxLayout(self)
        for widget in (self.before, self.panel, self.after):
            layout.addWidget(widget)
        self.resize(420, 900)


@pytest.fixture
def page(qtbot: QtBot) -> Page:
    shown = Page()
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitActive(shown)
    return shown


def focused_card() -> str:
    widget = QApplication.focusWidget()
    return widget.key if isinstance(widget, CandidateCard) else f"not a card: {widget!r}"


def test_tab_walks_the_cards_in_rank_order_then_leaves(
    qtbot: QtBot, page: Page, engine: ReferralEngine
) -> None:
    many = ranked(engine, *KNOT)
    assert len(many) >= 6
    page.panel.set_candidates(many[:6], "")
    page.panel.set_candidates(many[:3], "")  # fewer now: the cards left over are hidden, not in the way
    keys = page.panel.keys()
    assert len(keys) == 3
    page.before.setFocus()
    qtbot.waitUntil(page.before.hasFocus)
    QTest.keyClick(page.before, Qt.Key.Key_Tab)  # the list's scroll area is a stop of its own
    for key in keys:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert focused_card() == key
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.after
    QTest.keyClick(page.after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused_card() == keys[-1]


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_space_return_and_enter_choose_the_focused_card(
    qtbot: QtBot, page: Page, engine: ReferralEngine, key: Qt.Key
) -> None:
    page.panel.set_candidates(ranked(engine, *KNOT), "")
    second = page.panel.keys()[1]
    card = page.panel.card(second)
    card.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(card.hasFocus)
    with qtbot.waitSignal(page.panel.candidate_selected, timeout=2000) as chosen:
        QTest.keyClick(card, key)
    assert chosen.args == [second]


def test_other_keys_choose_nothing(qtbot: QtBot, page: Page, engine: ReferralEngine) -> None:
    page.panel.set_candidates(ranked(engine, *KNOT), "")
    card = page.panel.card(page.panel.keys()[0])
    chosen: list[str] = []
    page.panel.candidate_selected.connect(chosen.append)
    for key in (Qt.Key.Key_A, Qt.Key.Key_Escape, Qt.Key.Key_5):
        QTest.keyClick(card, key)
    assert chosen == []


def test_each_card_is_named_by_rank_muscle_side_and_probability(page: Page, engine: ReferralEngine) -> None:
    candidates = ranked(engine, *KNOT)
    page.panel.set_candidates(candidates, "")
    for rank, candidate in enumerate(candidates, start=1):
        card = page.panel.card(f"{candidate.muscle.id}:{candidate.side}")
        name = card.accessibleName()
        assert (
            name
            == f"{rank}. {candidate.muscle.name}, {candidate.side}, {percent(candidate.probability)} likely"
        )
        assert card.accessibleDescription() == candidate.why  # the reason, read after the name
        assert card.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_names_follow_the_cards_as_they_are_reused(page: Page, engine: ReferralEngine) -> None:
    page.panel.set_candidates(ranked(engine, *KNOT), "")
    both = ranked(engine, "neck_side=6", "occiput=6", "neck_back=6")
    assert both[0].side == "both"
    page.panel.set_candidates(both, "")
    top = page.panel.card(page.panel.keys()[0])
    assert (
        top.accessibleName() == f"1. {both[0].muscle.name}, both sides, {percent(both[0].probability)} likely"
    )
    keys = page.panel.keys()
    names = [page.panel.card(k).accessibleName() for k in keys]
    assert [n.split(".", 1)[0] for n in names] == [str(i) for i in range(1, len(both) + 1)]


def test_in_the_window_a_card_chosen_with_the_keyboard_is_shown_on_the_map(
    qtbot: QtBot, window: MainWindow
) -> None:
    for spec in KNOT:
        region, intensity = spec.split("=")
        window.session.set_intensity(region, int(intensity))
    second = window.referral.keys()[1]
    card = window.referral.card(second)
    assert window.session.shown != second  # not the best match: choosing it changes the map
    window.activateWindow()
    qtbot.waitActive(window)
    # the cards come right after their list in the window's Tab order, in rank order
    scroll = window.referral.findChild(QScrollArea)
    scroll.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(scroll.hasFocus)
    keys = window.referral.keys()
    for key in keys:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert focused_card() == key
        if key == second:
            break
    QTest.keyClick(card, Qt.Key.Key_Return)
    assert window.session.shown == second and window.session.chosen
    assert card.selected
    assert window.scene.highlighted_muscles() == [second.replace(":", ".")]
