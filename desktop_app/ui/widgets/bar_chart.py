"""Horizontal bars of % of target, drawn with QPainter (QtCharts would add 160 MB)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


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
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        label_w = min(int(self.width() * 0.42), max((metrics.horizontalAdvance(t) for t, _ in self._rows), default=0) + 8)
        pct_w = metrics.horizontalAdvance("100%") + 10
        bar_w = max(10, self.width() - label_w - pct_w - 8)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        for i, (label, pct) in enumerate(self._rows):
            y = 4 + i * self.ROW
            painter.setPen(text_color)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(QRectF(0, y, label_w - 8, self.ROW - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            track = QRectF(label_w, y + 4, bar_w, self.ROW - 12)
            painter.fillRect(track, QColor("#e4e7eb"))
            fill = track.adjusted(0, 0, -(bar_w * (1 - min(pct, 100.0) / 100.0)), 0)
            colour = "#2e7d32" if pct >= 100 else ("#f9a825" if pct >= 60 else "#c62828")
            painter.fillRect(fill, QColor(colour))
            painter.drawText(QRectF(label_w + bar_w + 6, y, pct_w, self.ROW - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{pct:.0f}%")
        painter.end()
