"""Context tags when an entry is saved: a tick for each common one, and the weather in the
person's own words (their earlier words offered as they type; nothing is looked up)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QCompleter, QGridLayout, QLabel, QLineEdit, QWidget

from bodymap.core.painlog import TAG_MAX
from bodymap.core.quick_log import COMMON_TAGS, WEATHER, entry_tags

# Alt+letter ticks each one (Alt+S stays the dialog's Save)
KEYED = {
    "long sitting": "&Long sitting",
    "poor sleep": "&Poor sleep",
    "stress": "S&tress",
    "exercise": "E&xercise",
}


class TagPicker(QWidget):
    def __init__(
        self, weather_suggestions: Sequence[str] = (), parent: QWidget | None = None, alt_keys: bool = True
    ) -> None:
        """`alt_keys=False` where the dialog's own Alt keys would clash (Edit entry reaches the
        picker with one key of its own, then Tab)."""
        super().__init__(parent)
        keyed = KEYED if alt_keys else {}
        self.boxes = {tag: QCheckBox(keyed.get(tag, tag.capitalize())) for tag in COMMON_TAGS}
        self.weather = QLineEdit()
        self.weather.setMaxLength(TAG_MAX - len(WEATHER))
        self.weather.setPlaceholderText("Weather, in your words: cold and damp…")
        self.weather.setAccessibleName("Weather (optional)")
        if weather_suggestions:
            completer = QCompleter(list(weather_suggestions), self.weather)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.weather.setCompleter(completer)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # the ticks in one row: the dialog stays short enough for a small screen
        for column, box in enumerate(self.boxes.values()):
            grid.addWidget(box, 0, column)
        weather_label = QLabel("&Weather:" if alt_keys else "Weather:")
        weather_label.setBuddy(self.weather)
        grid.addWidget(weather_label, 1, 0)
        grid.addWidget(self.weather, 1, 1, 1, len(self.boxes) - 1)

    def show_tags(self, tags: Sequence[str]) -> tuple[str, ...]:
        """Tick and fill in an entry's saved tags; returns those it has no place for (a second
        weather, a tag an import brought), which an edit must keep as they are."""
        others = []
        for tag in tags:
            if tag in self.boxes:
                self.boxes[tag].setChecked(True)
            elif tag.startswith(WEATHER) and not self.weather.text():
                self.weather.setText(tag.removeprefix(WEATHER))
            else:
                others.append(tag)
        return tuple(others)

    def tags(self) -> tuple[str, ...]:
        """The ticked tags and the weather, as they will be kept (what cannot be shown dropped)."""
        weather = "".join(ch for ch in self.weather.text() if ch.isprintable()).replace(";", ",")
        return entry_tags([t for t, box in self.boxes.items() if box.isChecked()], weather)
