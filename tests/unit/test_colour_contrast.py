"""The pain's colours stay visible on the skin, in the light and the dark palette."""

from __future__ import annotations

import pytest

from bodymap.core.colour_scale import EDGE_CONTRAST, contrast_ratio, edge_colour, intensity_colour
from bodymap.ui.theme import DARK, LIGHT, MapTheme


def _rgb(theme: MapTheme) -> tuple[int, int, int]:
    return (theme.skin.red(), theme.skin.green(), theme.skin.blue())


def test_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_intensity_has_an_edge_that_stands_out_from_the_skin(theme: MapTheme) -> None:
    skin = _rgb(theme)
    for intensity in range(1, 11):
        edge = edge_colour(intensity_colour(intensity), skin, theme.dark)
        assert contrast_ratio(edge, skin) >= EDGE_CONTRAST, intensity


def test_the_low_end_of_the_scale_is_no_longer_cream_on_beige() -> None:
    """A 1/10 was #e8da8b on the light skin #f1e2d4 (contrast 1.12): it vanished."""
    skin = _rgb(LIGHT)
    assert contrast_ratio(intensity_colour(1), skin) >= 1.3
    assert contrast_ratio(intensity_colour(1), _rgb(DARK)) >= 3.0
    # the steps stay in order: each higher intensity is darker on the light skin
    ratios = [contrast_ratio(intensity_colour(i), skin) for i in range(0, 11)]
    assert ratios == sorted(ratios)
