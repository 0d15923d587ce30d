"""What a person would see as clipped or overlapping text, found by walking the widgets.

`misfits(root)` returns one sentence per problem (empty when everything fits):

- a word-wrapped label whose text needs more height than it has (cut through the letters);
- a label on one line whose text is wider or taller than the label;
- a button whose text does not fit inside it;
- a scroll area (or list) so squeezed that it shows less than a few lines, or a list that
  cannot show its first row whole;
- two visible sibling widgets that overlap;
- a painted legend whose numbers fall outside it.

Widgets inside a scroll area are checked against their own size (the scroll area shows the
rest), and the scroll area itself against the room it has."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QListView,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from bodymap.ui.map.intensity_panel import IntensityLegend

# a scroll area shows at least this many lines of its content (or all of it when shorter)
MIN_VISIBLE_LINES = 6
SLACK = 1  # rounding of fractional font metrics


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text().replace("\n", " ")[:50]
    return f"{type(widget).__name__}{' ' + repr(text) if text else ''} ({widget.width()}×{widget.height()})"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _in_viewport_only(widget: QWidget) -> bool:
    """Scroll bars and a scroll area's viewport are drawn by the scroll area: not siblings."""
    return isinstance(widget, QScrollBar) or widget.objectName() in (
        "qt_scrollarea_viewport",
        "qt_scrollarea_hcontainer",
        "qt_scrollarea_vcontainer",
    )


def _label_misfit(label: QLabel) -> str:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"{_name(label)}: its wrapped text needs {needed} px of height"
        return ""
    hint = label.sizeHint()
    if hint.width() > label.width() + SLACK:
        return f"{_name(label)}: its text needs {hint.width()} px of width"
    if label.fontMetrics().height() > label.contentsRect().height() + SLACK:
        return f"{_name(label)}: its text needs {label.fontMetrics().height()} px of height"
    return ""


def _button_misfit(button: QAbstractButton) -> str:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return ""
    metrics = button.fontMetrics()
    lines = text.split("\n")
    wide = max(metrics.horizontalAdvance(line) for line in lines)
    high = metrics.height() * len(lines)
    inner = button.contentsRect().adjusted(4, 2, -4, -2)
    if wide > inner.width() + SLACK or high > inner.height() + SLACK:
        return f"{_name(button)}: its text needs {wide}×{high} px"
    return ""


def _scroll_misfit(area: QAbstractScrollArea) -> str:
    viewport = area.viewport()
    if area.horizontalScrollBar().isVisibleTo(area):
        return f"{_name(area)}: its content is wider than it, cut at the side"
    lines = area.fontMetrics().lineSpacing() * MIN_VISIBLE_LINES
    if isinstance(area, QListView):
        model = area.model()
        if model is None or model.rowCount() == 0:
            return ""
        first = area.visualRect(model.index(0, 0))
        if first.height() > viewport.height() + SLACK:
            return (
                f"{_name(area)}: its first row ({first.height()} px) does not fit in {viewport.height()} px"
            )
        content = sum(area.visualRect(model.index(r, 0)).height() for r in range(model.rowCount()))
    elif isinstance(area, QTextEdit):
        content = round(area.document().size().height())
    else:
        inner = area.widget() if hasattr(area, "widget") else None  # QScrollArea
        content = inner.height() if isinstance(inner, QWidget) else 0
        if isinstance(inner, QWidget):  # lines of the text it holds, not of its own font
            texts = [t for t in inner.findChildren(QLabel) if t.isVisibleTo(inner) and t.text()]
            lines = max([lines, *(t.fontMetrics().lineSpacing() * MIN_VISIBLE_LINES for t in texts[:3])])
    wanted = min(content, lines)
    if viewport.height() + SLACK < wanted:
        shown = f"shows {viewport.height()} px of {content} px"
        return f"{_name(area)}: {shown} (less than {MIN_VISIBLE_LINES} lines)"
    return ""


def _legend_misfit(legend: IntensityLegend) -> str:
    inside = legend.rect()
    metrics = legend.fontMetrics()
    for text, box in legend.number_boxes():
        drawn = QRect(box.toAlignedRect())
        if not inside.contains(drawn) or metrics.horizontalAdvance(text) > drawn.width():
            return f"{_name(legend)}: the number {text} falls outside it"
    return ""


def _overlaps(parent: QWidget, root: QWidget) -> list[str]:
    children = [
        c
        for c in parent.findChildren(QWidget, options=_direct())
        if not c.isWindow() and _shown(c, root) and not _in_viewport_only(c)
    ]
    found = []
    for i, a in enumerate(children):
        for b in children[i + 1 :]:
            common = a.geometry().intersected(b.geometry())
            if common.width() > SLACK and common.height() > SLACK:
                found.append(f"{_name(a)} and {_name(b)} overlap in {type(parent).__name__}")
    return found


def _direct():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def misfits(root: QWidget) -> list[str]:
    """Every text that does not fit, and every overlap, among the shown widgets under root."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if (widget.isWindow() and widget is not root) or not _shown(widget, root):
            continue
        if isinstance(widget, QLabel):
            problems.append(_label_misfit(widget))
        elif isinstance(widget, QAbstractButton):
            problems.append(_button_misfit(widget))
        elif isinstance(widget, QAbstractScrollArea):
            problems.append(_scroll_misfit(widget))
        elif isinstance(widget, IntensityLegend):
            problems.append(_legend_misfit(widget))
        problems.extend(_overlaps(widget, root))
    return [p for p in problems if p]
