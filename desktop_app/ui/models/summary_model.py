"""Targets vs achievement as a table model: group header rows, then one row per indicator.

A ``QStandardItemModel`` filled once per refresh: the view's thousand ``data()`` calls per
paint stay in C++, and no Python ``headerData``/``data`` override receives a ``Qt`` enum
before the first paint (see ``ui/first_paint.py``).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from desktop_app.domain.choices import label
from desktop_app.domain.formatting import format_value
from desktop_app.domain.numbers import format_count, format_percent
from desktop_app.reports.summary import IndicatorRow, Summary
from desktop_app.ui.first_paint import (
    ALIGN_RIGHT,
    ALIGN_VCENTER,
    FONT_ROLE,
    TEXT_ALIGNMENT_ROLE,
    USER_ROLE,
)
from desktop_app.ui.i18n import label_text, language

COL_CATEGORY, COL_TARGET, COL_ACHIEVED, COL_PERCENT, COL_BAR = range(5)
PercentRole = USER_ROLE + 1
_NUMBER_ALIGNMENT = ALIGN_RIGHT | ALIGN_VCENTER


class SummaryTableModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(0, 5, parent)
        self._rows: list[IndicatorRow | None] = []

    def set_summary(self, summary: Summary) -> None:
        self.setRowCount(0)
        self.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Target"), self.tr("Achievement"),
                                        self.tr("% of target"), self.tr("Progress")])
        self._rows = []
        bold = QFont()
        bold.setBold(True)
        for group in summary.groups:
            title = _item(label(group.group, language()))
            title.setData(bold, FONT_ROLE)
            self.appendRow([title] + [_item() for _ in range(4)])
            self._rows.append(None)
            for row in group.rows:
                self.appendRow(_indicator_items(row))
                self._rows.append(row)

    def indicator_row(self, row: int) -> IndicatorRow | None:
        return self._rows[row]


def _item(text: str = "") -> QStandardItem:
    item = QStandardItem(text) if text else QStandardItem()
    item.setEditable(False)
    return item


def _indicator_items(row: IndicatorRow) -> list[QStandardItem]:
    ind = row.indicator
    target = _item(format_count(row.target) if ind.has_target else "–")
    achieved = _item(format_value(row.achieved, ind.unit, language()))
    percent = _item(format_percent(row.achieved, row.target) if ind.has_target else "–")
    for item in (target, achieved, percent):
        item.setData(_NUMBER_ALIGNMENT, TEXT_ALIGNMENT_ROLE)
    bar = _item()
    bar.setData(row.percent, PercentRole)
    return [_item(label_text(ind.title)), target, achieved, percent, bar]
