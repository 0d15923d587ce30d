"""A searchable list of every region, kept in sync with the map."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from bodymap.core.colour_scale import hex_colour
from bodymap.core.regions import RegionCatalog

REGION_ROLE = Qt.ItemDataRole.UserRole + 1
# a number key on a chosen result: how much it hurts there, as on the map (0 is 10)
_DIGITS = {getattr(Qt.Key, f"Key_{d}"): (d if d else 10) for d in range(10)}
_Index = QModelIndex | QPersistentModelIndex


class RegionListModel(QAbstractListModel):
    """Rows are regions in body order; the text carries the mark, if any."""

    def __init__(self, catalog: RegionCatalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._ids = [r.id for r in catalog]
        self._row = {rid: i for i, rid in enumerate(self._ids)}
        self._marks: dict[str, int] = {}
        self._felt: dict[str, str] = {}  # region -> how it feels there, in words

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        region = self._ids[index.row()]
        info = self._catalog[region]
        intensity = self._marks.get(region)
        felt = self._felt.get(region, "")
        if role == Qt.ItemDataRole.DisplayRole:
            shown = info.label if intensity is None else f"{info.label}  ·  {intensity}/10"
            return f"{shown}  ·  {felt}" if felt else shown
        if role == Qt.ItemDataRole.AccessibleTextRole:
            said = info.label if intensity is None else f"{info.label}, marked {intensity} of 10"
            return f"{said}, {felt}" if felt else said
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{info.label} ({info.view} view)"
        if role == Qt.ItemDataRole.DecorationRole and intensity is not None:
            return QColor(hex_colour(intensity))
        if role == REGION_ROLE:
            return region
        return None

    def set_mark(self, region: str, intensity: int | None, qualities: tuple[str, ...] = ()) -> None:
        if intensity is None:
            self._marks.pop(region, None)
        else:
            self._marks[region] = intensity
        if qualities:
            self._felt[region] = ", ".join(qualities)
        else:
            self._felt.pop(region, None)
        index = self.index(self._row[region], 0)
        self.dataChanged.emit(index, index)

    def index_of(self, region: str) -> QModelIndex:
        return self.index(self._row[region], 0)


class _RegionFilter(QSortFilterProxyModel):
    """Matches every typed word against the label, the id and the everyday words."""

    def __init__(self, catalog: RegionCatalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._text = ""

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10 deprecates invalidateFilter
            self.beginFilterChange()
            self._text = text.strip()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._text = text.strip()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if not self._text:
            return True
        region = self.sourceModel().index(row, 0, parent).data(REGION_ROLE)
        return self._catalog[region].matches(self._text)


class RegionList(QWidget):
    """Type to filter; Down/Up choose a result, Enter marks it, a number key sets how much it
    hurts there, and Enter, a number or Esc hands the keyboard back to the map."""

    region_activated = Signal(str)  # Enter / double click: mark or unmark
    region_selected = Signal(str)  # the current row changed
    intensity_chosen = Signal(str, int)  # a number key on a chosen result
    finished = Signal()  # back to the map

    def __init__(self, catalog: RegionCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Find a region, e.g. shoulder blade")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a region")
        self.model = RegionListModel(catalog)
        self.proxy = _RegionFilter(catalog)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("Regions")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.textChanged.connect(self._typed)
        self.chosen = False  # a result was picked with the arrows: number keys go to it
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.activated.connect(lambda index: self.region_activated.emit(index.data(REGION_ROLE)))
        self.list.selectionModel().currentChanged.connect(self._current_changed)

    def update_region(self, region: str, intensity: int | None, qualities: tuple[str, ...] = ()) -> None:
        self.model.set_mark(region, intensity, qualities)

    def select_region(self, region: str) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(region))
        if index.isValid() and self.list.currentIndex() != index:
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def visible_regions(self) -> list[str]:
        return [self.proxy.index(r, 0).data(REGION_ROLE) for r in range(self.proxy.rowCount())]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.region_selected.emit(current.data(REGION_ROLE))

    def _typed(self, _text: str) -> None:
        self.chosen = False
        if self.proxy.rowCount():  # the first match is the one Enter takes
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _activate_first(self) -> None:
        if self.proxy.rowCount():
            index = self.list.currentIndex() if self.list.currentIndex().isValid() else self.proxy.index(0, 0)
            self.region_activated.emit(index.data(REGION_ROLE))

    def _move(self, by: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        current = self.list.currentIndex()
        row = 0 if not current.isValid() or (not self.chosen and by > 0) else current.row() + by
        index = self.proxy.index(max(0, min(rows - 1, row)), 0)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        self.chosen = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return super().eventFilter(watched, event)
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and watched is self.search:
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate_first()
            self.finished.emit()
            return True
        if key == Qt.Key.Key_Escape:
            self.finished.emit()
            return True
        current = self.list.currentIndex()
        if key in _DIGITS and current.isValid() and (self.chosen or watched is self.list):
            self.intensity_chosen.emit(current.data(REGION_ROLE), _DIGITS[key])
            self.finished.emit()
            return True
        return super().eventFilter(watched, event)
