"""The side panel fits: on every page a person meets (the knot with its candidates, Find it,
Treat it, the player mid-hold, an urgent warning), at 800×600, 1280×800 and 1920×1080, in a
light and a dark palette, no text is clipped and nothing overlaps (tests/gui/layout_check.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from bodymap.core.marking import parse_mark_specs
from bodymap.core.regions import load_catalog
from bodymap.ui.application import ShiftedClock, build_window, render_screenshot
from bodymap.ui.main_window import MainWindow
from tests.gui.layout_check import misfits

KNOT = ["interscapular.left=7", "scapula_medial_border.left=5"]
URGENT = ["upper_chest.left=8", "upper_arm_inner.left=6"]
SIZES = [(800, 600), (1280, 800), (1920, 1080)]
TECHNIQUE = "rhomboids_ball_on_wall"


def dark_palette() -> QPalette:
    """A dark palette as a desktop theme sets it: the main roles, not every one."""
    role = QPalette.ColorRole
    palette = QPalette()
    for name, colour in (
        (role.Window, QColor(45, 45, 48)),
        (role.WindowText, QColor(230, 230, 230)),
        (role.Base, QColor(30, 30, 32)),
        (role.Text, QColor(230, 230, 230)),
        (role.Button, QColor(55, 55, 58)),
        (role.ButtonText, QColor(230, 230, 230)),
        (role.Highlight, QColor(42, 130, 218)),
        (role.HighlightedText, QColor(255, 255, 255)),
    ):
        palette.setColor(name, colour)
    return palette


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    if request.param == "dark":
        app.setPalette(dark_palette())
    yield request.param
    app.setPalette(before)


def _window(qtbot: QtBot, tmp_path: Path, marks: list[str], size: tuple[int, int] = SIZES[1]) -> MainWindow:
    window = build_window(str(tmp_path), remember=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.apply_marks(parse_mark_specs(marks, window.catalog))
    return window


def _open(window: MainWindow, page: str) -> None:
    if page == "find":
        assert window.open_search() is not None
    elif page == "treat":
        assert window.open_player(TECHNIQUE) is not None
    elif page == "hold":
        clock = ShiftedClock()
        player = window.open_player(TECHNIQUE, clock)
        assert player is not None
        player.start()
        while not player.pressure_row.isVisibleTo(player):  # on to the first hold, pressure check shown
            clock.shift(2.0)
            player.runner.catch_up()
            assert not player.runner.session.over, "the routine has a hold with a pressure check"
        clock.shift(5.0)  # a few seconds into it
        player.runner.catch_up()
        player.settle()


def _settle(window: MainWindow) -> None:
    for _ in range(3):  # new text asks for a layout, which is done on the next pass
        QApplication.processEvents()


@pytest.mark.parametrize("page", ["knot", "find", "treat", "hold", "urgent"])
def test_the_side_panel_fits(qtbot: QtBot, tmp_path: Path, palette: str, page: str) -> None:
    problems = []
    for size in SIZES:  # each opened at its size, as a person would meet it
        window = _window(qtbot, tmp_path, URGENT if page == "urgent" else KNOT, size)
        _open(window, page)
        _settle(window)
        where = f"{page}, {size[0]}×{size[1]}, {palette}"
        if (window.width(), window.height()) != size:
            problems.append(
                f"{where}: the window cannot be this size, it is {window.width()}×{window.height()}"
            )
        problems += [f"{where}: {p}" for p in misfits(window.side_stack)]
        window.close()
    assert not problems, "\n".join(problems)


def test_likely_sources_cards_stay_clear_of_their_scroll_bar(qtbot: QtBot, tmp_path: Path) -> None:
    """A long name ("6. Serratus posterior superior — left") once widened every card past the
    list at 800×600, so the percentages and the ends of the lines went under its scroll bar."""
    for size in SIZES:
        window = _window(qtbot, tmp_path, KNOT, size)
        _settle(window)
        panel = window.referral
        viewport = panel._scroll.viewport().width()
        cards = [card for card in panel._cards if card.isVisible()]
        assert len(cards) == 6
        assert all(card.width() <= viewport for card in cards), (size, viewport, [c.width() for c in cards])
        window.close()


def test_find_its_press_timer_text_fits_its_bar(qtbot: QtBot, tmp_path: Path) -> None:
    """At 800×600 "12 s, from when you press Space" wrapped inside the bar, cut at top and bottom."""
    for size in SIZES:
        window = _window(qtbot, tmp_path, KNOT, size)
        panel = window.open_search()
        assert panel is not None
        _settle(window)
        bar = panel.press_time
        text = bar.format()
        assert text and bar.fontMetrics().horizontalAdvance(text) + 12 <= bar.width(), (
            size,
            text,
            bar.width(),
        )
        window.close()


def test_start_the_routine_is_in_view_without_scrolling_at_1280_by_800(
    qtbot: QtBot, tmp_path: Path, palette: str
) -> None:
    """At the foot of Treat it, "Start the guided routine" was below the fold of a 1280×800
    screen: the side panel had to be scrolled to find the main next step."""
    window = _window(qtbot, tmp_path, KNOT)
    _settle(window)
    button = window.technique_panel.start_button
    viewport = window.side_page.viewport()
    top_left = button.mapTo(viewport, button.rect().topLeft())
    bottom_right = button.mapTo(viewport, button.rect().bottomRight())
    assert (
        button.isVisible() and viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)
    )


def test_treat_it_shows_three_techniques_at_1280_by_800(qtbot: QtBot, tmp_path: Path, palette: str) -> None:
    window = _window(qtbot, tmp_path, KNOT)
    _settle(window)
    techniques: QListWidget = window.technique_panel.list
    assert techniques.count() >= 3
    viewport = techniques.viewport().rect()
    whole = [
        r
        for r in range(techniques.count())
        if viewport.contains(techniques.visualItemRect(techniques.item(r)))
    ]
    assert len(whole) >= 3, f"only {len(whole)} technique(s) shown whole in {viewport.height()} px"


def test_alternate_rows_are_readable_in_either_palette(qtbot: QtBot, tmp_path: Path, palette: str) -> None:
    window = _window(qtbot, tmp_path, KNOT)
    techniques = window.technique_panel.list
    colours = techniques.palette()
    text = colours.color(QPalette.ColorRole.Text)
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
        assert _contrast(text, colours.color(role)) >= 4.5, f"{role.name} against the text"


def test_the_side_panel_grows_on_a_large_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, KNOT)
    window.resize(1280, 800)
    _settle(window)
    width_small = window.side_stack.width()
    point_small = window.side_page.widget().font().pointSizeF()
    window.resize(1920, 1080)
    _settle(window)
    assert window.side_stack.width() >= 1920 * 0.28, "the panel takes its share of a wide window"
    assert window.side_stack.width() > width_small
    assert window.side_page.widget().font().pointSizeF() > point_small, "and its type a step up"
    assert window.referral.card(window.referral.keys()[0]).font().pointSizeF() == pytest.approx(
        point_small * 1.2
    )
    assert not misfits(window.side_stack)
    window.resize(1280, 800)
    _settle(window)
    assert window.side_page.widget().font().pointSizeF() == point_small


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_layout_check_can_fail(qtbot: QtBot) -> None:
    """The checker itself: a clipped label and two overlapping buttons are found."""
    from PySide6.QtWidgets import QLabel, QPushButton

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(200, 100)
    label = QLabel("a sentence long enough to need several lines at this width", root)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 80, 14)
    QPushButton("Yes", root).setGeometry(0, 40, 100, 30)
    QPushButton("No", root).setGeometry(50, 50, 100, 30)
    root.show()
    assert QGuiApplication.platformName() == "offscreen"
    found = misfits(root)
    assert any("wrapped text" in p for p in found)
    assert any("overlap" in p for p in found)


def test_the_pressure_verdict_is_readable_in_either_palette(
    qtbot: QtBot, tmp_path: Path, palette: str
) -> None:
    window = _window(qtbot, tmp_path, KNOT)
    _open(window, "hold")
    player = window.panels.player
    assert player is not None
    background = player.palette().color(QPalette.ColorRole.Window)
    for felt in (9, 5):  # too strong for 4–6, then right
        player.pressure_felt(felt)
        colour = QColor(player.pressure_label.styleSheet().removeprefix("color: ").rstrip(";"))
        assert colour.isValid()
        assert _contrast(colour, background) >= 4.5, f"{felt}: {colour.name()} on {background.name()}"


@pytest.mark.parametrize("size", [SIZES[0], SIZES[1]])
def test_a_screenshot_shows_what_the_window_paints(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    """`bodymap screenshot` reads the frame back rather than painting again: a frame read
    before the wrapped labels settled showed the colour scale's numbers cut off at 800×600."""
    marks = parse_mark_specs(["upper_arm_front.left=6"], load_catalog())
    out = tmp_path / "shot.png"
    render_screenshot(out, marks, size=size)
    window = build_window(None, remember=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.apply_marks(marks)
    window.show()
    window.map.settle()
    _settle(window)
    painted = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    assert QImage(str(out)).convertToFormat(QImage.Format.Format_RGB888) == painted
