"""Paints a small progress bar in a table cell from the model's percent role.

The cell's background and selection are the base delegate's (the model gives the bar column
no text); the bar is filled through ``ui/first_paint.py`` — ``QStyle`` or a ``QColor`` here
would build ~120 Python enums during the dashboard's first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyledItemDelegate

from desktop_app.ui.first_paint import fill_rect

TRACK, DONE, NEAR, BEHIND = 0xE4E7EB, 0x2E7D32, 0xF9A825, 0xC62828


class PercentBarDelegate(QStyledItemDelegate):
    def __init__(self, role: int, parent=None):
        super().__init__(parent)
        self.role = role

    def paint(self, painter, option, index) -> None:
        pct = index.data(self.role)
        super().paint(painter, option, index)
        if pct is None:
            return
        rect: QRect = option.rect.adjusted(6, 7, -6, -7)
        fill_rect(painter, rect, TRACK)
        filled = QRect(rect)
        filled.setWidth(int(rect.width() * min(pct, 100.0) / 100.0))
        if filled.width() > 0:
            fill_rect(painter, filled, bar_colour(pct))


def bar_colour(pct: float) -> int:
    """Green at the target, amber from 60%, red below: the dashboard's bars and chart."""
    return DONE if pct >= 100 else NEAR if pct >= 60 else BEHIND
