"""The review sheet a clinician reads is what the app does now."""

from __future__ import annotations

from bodymap.core.frequency import load_frequency
from bodymap.core.knowledge import load_knowledge
from bodymap.core.regions import load_catalog
from bodymap.core.review import review_sheet
from bodymap.resources import _PACKAGE


def sheet() -> str:
    knowledge = load_knowledge()
    return review_sheet(knowledge, load_catalog(), load_frequency(knowledge=knowledge))


def test_the_committed_sheet_is_up_to_date() -> None:
    committed = (_PACKAGE.parent / "docs" / "knowledge-review.md").read_text(encoding="utf-8")
    assert committed == sheet(), "run: bodymap muscles --sheet > docs/knowledge-review.md"


def test_every_area_and_every_muscle_is_on_it() -> None:
    text = sheet()
    for area in load_catalog().areas:
        assert f"(`{area}`)" in text
    for muscle in load_knowledge():
        assert f"(`{muscle.id}`" in text
        assert all(source.url in text for source in muscle.sources)
    # the knot: the area marked alone names its usual local and referring muscles
    knot = text.split("(`interscapular`)")[1].split("###")[0]
    assert "Rhomboids" in knot and "Scalenes" in knot
