"""Paints a small progress bar in a table cell from the model's percent role."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


class PercentBarDelegate(QStyledItemDelegate):
    def __init__(self, role: int, parent=None):
        super().__init__(parent)
        self.role = role

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        pct = index.data(self.role)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        if pct is None:
            return
        rect: QRect = option.rect.adjusted(6, 7, -6, -7)
        painter.save()
        painter.fillRect(rect, QColor("#e4e7eb"))
        filled = QRect(rect)
        filled.setWidth(int(rect.width() * min(pct, 100.0) / 100.0))
        painter.fillRect(filled, QColor("#2e7d32" if pct >= 100 else "#f9a825" if pct >= 60 else "#c62828"))
        painter.restore()
