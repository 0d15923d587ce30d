"""Save the current map to the log: overall pain and an optional note; one click and Enter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.painlog import QUALITIES
from bodymap.ui.log.tag_picker import TagPicker
from bodymap.ui.scrolling import scrolling_down
from bodymap.ui.titles import window_title


@dataclass(frozen=True)
class EntryDetails:
    overall: int | None  # None: no overall rating
    note: str
    qualities: dict[str, str] = field(default_factory=dict)  # region -> aching, burning…
    tags: tuple[str, ...] = ()  # what the day was like: poor sleep, stress, "weather: cold"…


class SaveEntryDialog(QDialog):
    # the weather words of recent entries, offered as the person types (set by whoever opens it)
    weather_suggestions: Sequence[str] = ()

    def __init__(
        self,
        summary: str,
        overall: int | None,
        regions: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # a new entry only: an entry of the past is changed in edit_entry_dialog.py
        self.setWindowTitle(window_title("Save to log"))
        self.overall = QSlider(Qt.Orientation.Horizontal)
        self.overall.setRange(0, 10)
        self.overall.setValue(overall or 0)
        self.overall.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.overall.setAccessibleName("Overall pain, 0 to 10")
        self.value = QLabel()
        self.overall.valueChanged.connect(lambda v: self.value.setText(f"{v}/10"))
        self.value.setText(f"{overall or 0}/10")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional: what you were doing, what helped…")
        self.note.setAccessibleName("Note")
        what = QLabel(summary)
        what.setWordWrap(True)
        form = QFormLayout()
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.overall)
        row_layout.addWidget(self.value)
        form.addRow("Overall pain now:", row)
        form.addRow("Note:", self.note)
        # how each marked place feels (optional): aching, burning, sharp…
        self.qualities: dict[str, QComboBox] = {}
        feel_rows = QWidget()
        feel = QFormLayout(feel_rows)
        feel.setContentsMargins(0, 0, 0, 0)
        for region, label in regions:  # every place: none left without a choice
            choice = QComboBox()
            choice.addItem("—", None)
            for quality in QUALITIES:
                choice.addItem(quality, quality)
            choice.setAccessibleName(f"How it feels: {label}")
            self.qualities[region] = choice
            feel.addRow(f"{label}:", choice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        if self.qualities:
            layout.addWidget(QLabel("How does each place feel? (optional; what you set on the map is kept)"))
            # many places scroll inside the dialog, which stays within a small screen
            scroll = scrolling_down(feel_rows)
            room = (parent or self).screen().availableGeometry().height()
            scroll.setMinimumHeight(min(feel_rows.sizeHint().height(), room // 3))
            self.feel_area = scroll
            layout.addWidget(scroll, 1)
        # context tags for the new entry
        self.tags = TagPicker(self.weather_suggestions)
        layout.addWidget(QLabel("What was today like? (optional)"))
        layout.addWidget(self.tags)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.note.setFocus()  # type a note or just press Enter

    def details(self) -> EntryDetails:
        qualities = {r: c.currentData() for r, c in self.qualities.items() if c.currentData()}
        return EntryDetails(self.overall.value(), self.note.text().strip(), qualities, self.tags.tags())

    @classmethod
    def ask(
        cls, parent: QWidget, summary: str, overall: int, regions: Sequence[tuple[str, str]] = ()
    ) -> EntryDetails | None:
        """The person's overall rating, note and how each place feels, or None when they cancel.
        Tests replace this."""
        dialog = cls(summary, overall, regions, parent)
        return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None
