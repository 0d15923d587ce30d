"""A searchable list of every region, kept in sync with the map."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from bodymap.core.colour_scale import hex_colour
from bodymap.core.regions import RegionCatalog, RegionInfo

REGION_ROLE = Qt.ItemDataRole.UserRole + 1


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

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self._text:
            return True
        region = self.sourceModel().index(row, 0, parent).data(REGION_ROLE)
        info: RegionInfo = self._catalog[region]
        return info.matches(self._text)


class RegionList(QWidget):
    region_activated = Signal(str)  # Enter / double click: mark or unmark
    region_selected = Signal(str)  # the current row changed

    def __init__(self, catalog: RegionCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.search = QLineEdit(placeholderText="Find a region, e.g. shoulder blade")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a region")
        self.model = QStandardItemModel(self)
        self._rows: dict[str, QStandardItem] = {}
        for info in catalog:
            item = QStandardItem(self._text(info, None))
            item.setData(info.id, REGION_ROLE)
            item.setEditable(False)
            item.setAccessibleText(info.label)  # type: ignore[attr-defined]
            item.setToolTip(f"{info.label} ({info.view} view)")
            self.model.appendRow(item)
            self._rows[info.id] = item
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
        self.search.returnPressed.connect(self._activate_first)
        self.list.activated.connect(lambda index: self.region_activated.emit(index.data(REGION_ROLE)))
        self.list.selectionModel().currentChanged.connect(self._current_changed)

    @staticmethod
    def _text(info: RegionInfo, intensity: int | None) -> str:
        return info.label if intensity is None else f"{info.label}  ·  {intensity}/10"

    def update_region(self, region: str, intensity: int | None) -> None:
        item = self._rows[region]
        item.setText(self._text(self._catalog[region], intensity))
        if intensity is None:
            item.setIcon(QIcon())
        else:
            pix = QPixmap(12, 12)
            pix.fill(QColor(hex_colour(intensity)))
            item.setIcon(QIcon(pix))
        item.setAccessibleText(  # type: ignore[attr-defined]
            self._catalog[region].label + ("" if intensity is None else f", marked {intensity} of 10")
        )

    def select_region(self, region: str) -> None:
        index = self.proxy.mapFromSource(self.model.indexFromItem(self._rows[region]))
        if index.isValid() and self.list.currentIndex() != index:
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def visible_regions(self) -> list[str]:
        return [self.proxy.index(r, 0).data(REGION_ROLE) for r in range(self.proxy.rowCount())]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.region_selected.emit(current.data(REGION_ROLE))

    def _activate_first(self) -> None:
        if self.proxy.rowCount():
            index = self.list.currentIndex() if self.list.currentIndex().isValid() else self.proxy.index(0, 0)
            self.region_activated.emit(index.data(REGION_ROLE))
