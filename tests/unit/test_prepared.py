"""The map and the knowledge base prepared at build time (bodymap/prepared/) are what parsing
the shipped sources gives: a source edited without running tools/prepare_data.py fails here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import bodymap
from bodymap import resources
from bodymap.core import geometry, prepared
from bodymap.core.geometry import Shape
from bodymap.core.prepared import Prepared, digests
from bodymap.core.prepared_forms import shipped

FORMS = {form.name: (form, sources) for form, sources in shipped()}


def _shipped_file(name: str) -> dict[str, Any]:
    path = resources.prepared_path(f"{name}.json")
    assert path.is_file(), f"{path} is missing: run python tools/prepare_data.py"
    content: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return content


@pytest.mark.parametrize("name", sorted(FORMS))
def test_the_shipped_prepared_file_is_what_the_sources_give(name: str) -> None:
    form, sources = FORMS[name]
    content = _shipped_file(name)
    assert content["sources"] == digests(sources), (
        f"{name}.json was made from other versions of {', '.join(s.name for s in sources)}: "
        "run python tools/prepare_data.py"
    )
    fresh = json.loads(json.dumps(form.prepare(sources)))  # as the file holds it
    assert content == fresh, f"{name}.json differs from its sources: run python tools/prepare_data.py"


@pytest.mark.parametrize("name", ["catalog", "muscles", "techniques"])
def test_loading_the_prepared_file_gives_what_parsing_gives(name: str) -> None:
    form, sources = FORMS[name]
    loaded, parsed = form.from_data(_shipped_file(name)["data"]), form.parse(sources)
    if name == "catalog":
        assert list(loaded.areas.items()) == list(parsed.areas.items())  # body order too
        assert list(loaded) == list(parsed)
    else:
        assert loaded == parsed


def test_the_prepared_geometry_is_the_parsed_geometry() -> None:
    form, sources = FORMS["geometry"]
    loaded, parsed = form.from_data(_shipped_file("geometry")["data"]), form.parse(sources)
    for part in ("regions", "outlines", "muscles", "region_views"):
        # the same shapes, in the same (drawing) order
        assert list(getattr(loaded, part).items()) == list(getattr(parsed, part).items()), part
    assert loaded.landmarks == parsed.landmarks
    for view, outline in loaded.outlines.items():
        # bounds come with the prepared form, and match what the curves give when worked out afresh
        assert outline.bounds == Shape(outline.commands).bounds == parsed.outlines[view].bounds
    assert all(type(c) is tuple for s in loaded.regions.values() for c in s.commands)


def test_a_map_other_than_the_prepared_one_is_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = geometry._parse_geometry

    def parse(svg_path: Path) -> geometry.BodyGeometry:
        calls.append(svg_path)
        return real(svg_path)

    monkeypatch.setattr(geometry, "_parse_geometry", parse)
    shipped_svg = resources.asset_path("bodymap.svg")
    geometry.PREPARED_GEOMETRY.load([shipped_svg])
    assert calls == []  # the shipped map comes prepared
    edited = tmp_path / "bodymap.svg"
    edited.write_bytes(shipped_svg.read_bytes().replace(b"</svg>", b"<!-- edited --></svg>"))
    geometry.PREPARED_GEOMETRY.load([edited])
    assert calls == [edited]


def test_a_missing_or_unreadable_prepared_file_means_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "prepared_path", lambda name: tmp_path / name)
    form = Prepared("numbers", lambda sources: [s.name for s in sources], list, list)
    source = tmp_path / "source.txt"
    source.write_text("one", encoding="utf-8")
    assert form.load([source]) == ["source.txt"]  # none there
    (tmp_path / "numbers.json").write_text("{not json", encoding="utf-8")
    assert form.load([source]) == ["source.txt"]
    prepared.write(tmp_path / "numbers.json", {**form.prepare([source]), "data": ["prepared"]})
    assert form.load([source]) == ["prepared"]
    source.write_text("two", encoding="utf-8")
    assert form.load([source]) == ["source.txt"]  # made from another version of the source


def test_prepared_files_live_inside_the_package() -> None:
    package = Path(bodymap.__file__).resolve().parent
    assert resources.prepared_path("geometry.json").parent == package / "prepared"
