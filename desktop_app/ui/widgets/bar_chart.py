"""Horizontal bars of % of target, drawn with QPainter (QtCharts would add 160 MB).

It paints before the dashboard's first paint is done, so it uses ``first_paint`` rather
than ``Qt`` (which would build 93 Python enums at that moment).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.ui.first_paint import ALIGN_LEFT, ALIGN_RIGHT, ALIGN_VCENTER, fill_rect
from desktop_app.ui.widgets.progress_delegate import TRACK, bar_colour


class PercentBarChart(QWidget):
    """One bar per (label, percent) pair; 100% is marked, over-achievement is capped visually."""

    ROW = 22

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: list[tuple[str, float]]) -> None:
        self._rows = rows
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, float]]:
        return list(self._rows)

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self._rows)) * self.ROW + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)  # its pen is the widget's text colour (QPainter takes it from the palette)
        metrics = self.fontMetrics()
        label_w = min(int(self.width() * 0.42), max((metrics.horizontalAdvance(t) for t, _ in self._rows), default=0) + 8)
        pct_w = metrics.horizontalAdvance("100%") + 10
        bar_w = max(10, self.width() - label_w - pct_w - 8)
        for i, (label, pct) in enumerate(self._rows):
            y = 4 + i * self.ROW
            elided = _elide_right(metrics, label, label_w - 8)
            painter.drawText(QRectF(0, y, label_w - 8, self.ROW - 4), ALIGN_RIGHT | ALIGN_VCENTER, elided)
            track = QRectF(label_w, y + 4, bar_w, self.ROW - 12)
            fill_rect(painter, track, TRACK)
            fill = track.adjusted(0, 0, -(bar_w * (1 - min(pct, 100.0) / 100.0)), 0)
            if fill.width() > 0:
                fill_rect(painter, fill, bar_colour(pct))
            painter.drawText(QRectF(label_w + bar_w + 6, y, pct_w, self.ROW - 4),
                             ALIGN_LEFT | ALIGN_VCENTER, f"{pct:.0f}%")
        painter.end()


def _elide_right(metrics, text: str, width: int) -> str:
    """``text`` cut to ``width`` pixels with "…" — what ``QFontMetrics.elidedText`` does,
    whose ``Qt.TextElideMode`` argument would build the ``Qt`` enums before the first paint."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:mid].rstrip() + "…") <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
