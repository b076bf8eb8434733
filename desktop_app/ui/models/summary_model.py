"""Targets vs achievement as a table model: group header rows, then one row per indicator."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_app.domain.choices import label
from desktop_app.domain.formatting import format_value
from desktop_app.domain.numbers import format_count, format_percent
from desktop_app.reports.summary import IndicatorRow, Summary
from desktop_app.ui.i18n import label_text, language

COL_CATEGORY, COL_TARGET, COL_ACHIEVED, COL_PERCENT, COL_BAR = range(5)
PercentRole = Qt.ItemDataRole.UserRole + 1


class SummaryTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, IndicatorRow | None]] = []

    def set_summary(self, summary: Summary) -> None:
        self.beginResetModel()
        self._rows = []
        for group in summary.groups:
            self._rows.append((label(group.group, language()), None))
            self._rows += [("", row) for row in group.rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Category"), self.tr("Target"), self.tr("Achievement"), self.tr("% of target"),
                self.tr("Progress")][section]

    def indicator_row(self, row: int) -> IndicatorRow | None:
        return self._rows[row][1]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group_title, row = self._rows[index.row()]
        col = index.column()
        if row is None:  # a group header
            if role == Qt.ItemDataRole.DisplayRole and col == COL_CATEGORY:
                return group_title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_CATEGORY:
                return label_text(row.indicator.title)
            if col == COL_TARGET:
                return format_count(row.target) if row.indicator.has_target else "–"
            if col == COL_ACHIEVED:
                return format_value(row.achieved, row.indicator.unit, language())
            if col == COL_PERCENT:
                return format_percent(row.achieved, row.target) if row.indicator.has_target else "–"
        if role == PercentRole and col == COL_BAR:
            return row.percent
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_TARGET, COL_ACHIEVED, COL_PERCENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
