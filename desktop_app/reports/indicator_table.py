"""The ministries' table in a workbook: Category | श्रेणी | Target | Achievement | % of target,
one block per indicator group, in English and Hindi.

Written one way for the two workbooks that show it: the office's report.xlsx (its own
figures) and headquarters' consolidated workbook (the sum of every office's), so a ministry
reads the same table whichever it is handed.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app import workbook_writer as xl
from desktop_app.domain.choices import LABELS, IndicatorGroup, Unit
from desktop_app.reports.summary import IndicatorGroupRows, IndicatorRow

DASH = "–"  # the ministries' tables show an en dash where there is no target
RIGHT = xl.PLAIN.but(align="right")


def grouped(rows: Iterable[IndicatorRow]) -> tuple[IndicatorGroupRows, ...]:
    """*rows* by indicator group, in the groups' fixed order (empty groups left out)."""
    rows = list(rows)
    out = []
    for group in IndicatorGroup:
        members = tuple(r for r in rows if r.indicator.group is group)
        if members:
            out.append(IndicatorGroupRows(group, members))
    return tuple(out)


def amount_cell(value: int | None, unit: Unit, style: xl.CellStyle = xl.PLAIN) -> xl.Cell:
    """A target or achievement: rupees for money (*value* in paise), a count otherwise, an
    en dash for none."""
    if value is None:
        return xl.text_cell(DASH, style.but(align="right"))
    if unit is Unit.INR:
        return xl.rupees_cell(value, style)
    return xl.number_cell(value, style=style)


def write_indicator_table(sheet: xl.Sheet, groups: Iterable[IndicatorGroupRows],
                          achievement_header: str) -> None:
    """The header row, then for each group a shaded group row and one row per indicator."""
    sheet.append([xl.text_cell(t, xl.HEADER) for t in (
        "Category", "श्रेणी", "Target\nलक्ष्य", f"{achievement_header}\nउपलब्धि",
        "% of target\nलक्ष्य का %")])
    for group in groups:
        label = LABELS[group.group]
        sheet.append([xl.text_cell(label.en, xl.GROUP), xl.text_cell(label.hi, xl.GROUP)]
                     + [xl.text_cell(None, xl.GROUP) for _ in range(3)])
        for row in group.rows:
            ind = row.indicator
            sheet.append([xl.text_cell(ind.title.en), xl.text_cell(ind.title.hi),
                          amount_cell(row.target, ind.unit), amount_cell(row.achieved, ind.unit),
                          xl.percent_cell(row.percent / 100) if row.percent is not None
                          else xl.text_cell(DASH, RIGHT)])
