"""Change an entry of the past: when it was, its places, how much and how each hurt, the
overall rating (or none) and the note (which may be cleared)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bodymap.core.history_view import moved
from bodymap.core.marking import MAX_INTENSITY, MIN_INTENSITY
from bodymap.core.painlog import QUALITIES, Entry, LoggedMark
from bodymap.core.regions import RegionCatalog
from bodymap.ui.log.tag_picker import TagPicker
from bodymap.ui.titles import window_title

WHEN_FORMAT = "ddd d MMM yyyy, HH:mm"


class EditEntryDialog(QDialog):
    def __init__(self, entry: Entry, catalog: RegionCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title("Edit entry"))
        self.entry = entry
        self.catalog = catalog
        # region -> [intensity, qualities]: what the Save button stores, in the entry's order
        self.places: dict[str, tuple[int, tuple[str, ...]]] = {
            m.region: (m.intensity, m.qualities) for m in entry.marks
        }

        wall = entry.at.replace(tzinfo=None)  # the clock time the person saw when saving
        self.when = QDateTimeEdit(
            QDateTime(
                QDate(wall.year, wall.month, wall.day),
                QTime(wall.hour, wall.minute, wall.second, wall.microsecond // 1000),
            )
        )
        self.when.setDisplayFormat(WHEN_FORMAT)
        self.when.setCalendarPopup(True)
        now = QDateTime.currentDateTime().addSecs(60)
        self.when.setMaximumDateTime(max(now, self.when.dateTime()))  # not moved into the future
        self.when.setAccessibleName("When")
        self.overall = QSlider(Qt.Orientation.Horizontal)
        self.overall.setRange(0, 10)
        self.overall.setPageStep(1)
        self.overall.setValue(entry.overall or 0)
        self.overall.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.overall.setAccessibleName("Overall pain then, 0 to 10")
        self.value = QLabel(f"{entry.overall or 0}/10")
        self.overall.valueChanged.connect(lambda v: self.value.setText(f"{v}/10"))
        # an entry saved without a rating keeps none unless the person gives one
        self.unrated = QCheckBox("No overall ra&ting")
        self.unrated.toggled.connect(self._rated)
        self.unrated.setChecked(entry.overall is None)
        self._rated(entry.overall is None)
        self.note = QLineEdit(entry.note)
        self.note.setPlaceholderText("Optional: what you were doing, what helped…")
        self.note.setAccessibleName("Note")
        self.note.setClearButtonEnabled(True)

        rating = QWidget()
        rating_row = QHBoxLayout(rating)
        rating_row.setContentsMargins(0, 0, 0, 0)
        rating_row.addWidget(self.overall, 1)
        rating_row.addWidget(self.value)
        rating_row.addWidget(self.unrated)
        form = QFormLayout()
        form.addRow("&When:", self.when)
        overall_label = QLabel("&Overall pain then:")
        overall_label.setBuddy(self.overall)
        form.addRow(overall_label, rating)
        form.addRow("&Note:", self.note)

        # the places: a list, and the one chosen in it shown beside
        self.list = QListWidget()
        self.list.setAccessibleName("Places marked")
        self.list.setWordWrap(True)  # a long place name and its qualities read whole
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.intensity = QSpinBox()
        self.intensity.setRange(MIN_INTENSITY, MAX_INTENSITY)
        self.intensity.setSuffix("/10")
        self.intensity.setAccessibleName("How much it hurt there, 0 to 10")
        self.felt: dict[str, QCheckBox] = {}
        felt = QGridLayout()
        for i, quality in enumerate(QUALITIES):
            box = QCheckBox(quality)
            box.toggled.connect(self._place_changed)
            self.felt[quality] = box
            felt.addWidget(box, i // 4, i % 4)
        self.remove = QPushButton("&Remove this place")
        self.place_title = QLabel()
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.place_title)
        how_much = QFormLayout()
        how_much.addRow("How &much:", self.intensity)
        detail_layout.addLayout(how_much)
        detail_layout.addWidget(QLabel("How it felt (tick any):"))
        detail_layout.addLayout(felt)
        detail_layout.addWidget(self.remove)
        detail_layout.addStretch(1)
        self.detail = detail
        self.add_choice = QComboBox()
        self.add_choice.setAccessibleName("Place to add")
        self.add_button = QPushButton("&Add")
        adding = QHBoxLayout()
        add_label = QLabel("Add a pla&ce:")  # every control has its Alt key
        add_label.setBuddy(self.add_choice)
        adding.addWidget(add_label)
        adding.addWidget(self.add_choice, 1)
        adding.addWidget(self.add_button)
        places = QGroupBox("&Places")
        places_layout = QVBoxLayout(places)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(self.list, 1)
        side_by_side.addWidget(detail, 1)
        places_layout.addLayout(side_by_side, 1)
        places_layout.addLayout(adding)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # what the day was like, as saved; tags the picker has no place for are kept untouched
        self.tags = TagPicker(alt_keys=False)
        self._other_tags = self.tags.show_tags(entry.tags)
        context = QGroupBox("What the &day was like")
        QVBoxLayout(context).addWidget(self.tags)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(places, 1)
        layout.addWidget(context)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._show_place)
        self.intensity.valueChanged.connect(self._place_changed)
        self.remove.clicked.connect(self._remove_place)
        self.add_button.clicked.connect(self._add_place)
        # Enter on the place chosen adds it: it would otherwise press Save, the dialog's default
        for key in ("Return", "Enter"):
            QShortcut(
                QKeySequence(key), self.add_choice, self._add_place, context=Qt.ShortcutContext.WidgetShortcut
            )
        self._fill_list()
        self.resize(640, 520)
        self.note.setFocus()

    def _rated(self, unrated: bool) -> None:
        self.overall.setEnabled(not unrated)
        self.value.setEnabled(not unrated)

    def _label(self, region: str) -> str:
        return self.catalog[region].label if region in self.catalog else region

    def _fill_list(self, current: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for region in self.places:
            item = QListWidgetItem(self._item_text(region))
            item.setData(Qt.ItemDataRole.UserRole, region)
            self.list.addItem(item)
        self.list.blockSignals(False)
        regions = list(self.places)
        self.list.setCurrentRow(regions.index(current) if current in regions else (0 if regions else -1))
        self._show_place(self.list.currentRow())
        self.add_choice.clear()
        for info in sorted(self.catalog, key=lambda r: r.label):
            if info.id not in self.places:
                self.add_choice.addItem(info.label, info.id)

    def _item_text(self, region: str) -> str:
        intensity, qualities = self.places[region]
        return f"{self._label(region)}: {intensity}/10" + (f", {', '.join(qualities)}" if qualities else "")

    def current_region(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_place(self, _row: int) -> None:
        region = self.current_region()
        self.detail.setEnabled(region is not None)
        intensity, qualities = self.places.get(region or "", (MIN_INTENSITY, ()))
        self.place_title.setText(self._label(region) if region else "No places: add one below.")
        for widget in (self.intensity, *self.felt.values()):
            widget.blockSignals(True)
        self.intensity.setValue(intensity)
        for quality, box in self.felt.items():
            box.setChecked(quality in qualities)
        for widget in (self.intensity, *self.felt.values()):
            widget.blockSignals(False)

    def _place_changed(self) -> None:
        region = self.current_region()
        if region is None:
            return
        qualities = tuple(q for q, box in self.felt.items() if box.isChecked())
        self.places[region] = (self.intensity.value(), qualities)
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._item_text(region))

    def _remove_place(self) -> None:
        region = self.current_region()
        if region is None:
            return
        row = self.list.currentRow()
        del self.places[region]
        regions = list(self.places)
        self._fill_list(regions[min(row, len(regions) - 1)] if regions else None)
        (self.list if regions else self.add_choice).setFocus()

    def _add_place(self) -> None:
        region = self.add_choice.currentData()
        if not region:
            return
        self.places[region] = (self.intensity.maximum() // 2, ())
        self._fill_list(region)
        self.intensity.setFocus()
        self.intensity.selectAll()

    def moment(self) -> datetime:
        wall = self.when.dateTime().toPython()
        assert isinstance(wall, datetime)
        return moved(
            self.entry.at, wall.replace(second=self.entry.at.second, microsecond=self.entry.at.microsecond)
        )

    def edited(self) -> Entry:
        """The entry as the dialog shows it: what Save stores."""
        marks = tuple(LoggedMark(r, i, q) for r, (i, q) in self.places.items())
        overall = None if self.unrated.isChecked() else self.overall.value()
        tags = tuple(dict.fromkeys(self.tags.tags() + self._other_tags))
        note = self.note.text().strip()
        return replace(self.entry, at=self.moment(), overall=overall, note=note, marks=marks, tags=tags)

    @classmethod
    def ask(cls, parent: QWidget, entry: Entry, catalog: RegionCatalog) -> Entry | None:
        """The entry as the person changed it, or None when they cancel. Tests replace this."""
        dialog = cls(entry, catalog, parent)
        return dialog.edited() if dialog.exec() == QDialog.DialogCode.Accepted else None
