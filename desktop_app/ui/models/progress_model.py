"""A day's progress as an item model: one editable row per entered indicator, derived ones greyed.

What the clerk types sits beside what is saved; each cell is checked as it is typed and
the page saves the whole day through ``ProgressRepository.save_day``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorSource
from desktop_app.domain.dates import looks_like_date
from desktop_app.domain.formatting import format_value
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import Campaign, Indicator, ProgressEntry
from desktop_app.domain.numbers import format_percent
from desktop_app.ui.i18n import label_text, language, message_text
from desktop_app.ui.models.indicator_models import (
    CHANGED_BG,
    DERIVED_FG,
    EDITABLE_BG,
    ERROR_BG,
    ERROR_FG,
    LEFT,
    READONLY_BG,
    RIGHT,
    WARNING_BG,
    WARNING_FG,
    GroupedModel,
    bold,
    check_figure,
    edit_text,
)

_REGISTER = {
    IndicatorSource.SCRAP_REVENUE: "scrap", IndicatorSource.SCRAP_SPACE: "scrap",
    IndicatorSource.SITES_COMPLETED: "sites", IndicatorSource.EVENTS_HELD: "events",
    IndicatorSource.EVENT_PARTICIPANTS: "events",
}


def check_day_figure(text: str, indicator: Indicator) -> tuple[int | None, Message | None]:
    """A figure typed for one day: a number, not negative, within the template's daily maximum.
    A date typed by mistake (06.12.2026, or 06122026 far above the maximum) is named as one."""
    value, error = check_figure(text, indicator.unit)
    if error is None and value is not None:
        error = validation.check_daily_figure(value, indicator)
        if error is not None and looks_like_date(text, digits_too=True):
            error = Message(validation.LOOKS_LIKE_DATE, text=text.strip())
    elif error is not None and looks_like_date(text):
        error = Message(validation.LOOKS_LIKE_DATE, text=text.strip())
    return (None, error) if error is not None else (value, None)


@dataclass
class ProgressRow:
    indicator: Indicator
    target: int | None
    before: int  # achieved up to the day before
    saved: int | None  # this day's saved figure (for a derived indicator: the register's)
    saved_remark: str = ""
    text: str | None = None  # typed figure (None: untouched)
    value: int | None = None
    error: Message | str | None = None
    remark: str | None = None  # typed remark (None: untouched)
    remark_error: Message | str | None = None

    @property
    def current(self) -> int | None:
        return self.saved if self.text is None else self.value

    @property
    def current_remark(self) -> str:
        return self.saved_remark if self.remark is None else self.remark

    @property
    def total(self) -> int | None:
        if self.error is not None:
            return None
        return self.before + (self.current or 0)

    @property
    def value_changed(self) -> bool:
        return self.text is not None and self.error is None and self.value != self.saved

    @property
    def warning(self) -> Message | None:
        """A typed figure that is plausible but unusually large: saved once the clerk confirms."""
        if not self.value_changed:
            return None
        return validation.unusual_figure(self.value, self.indicator)

    @property
    def remark_changed(self) -> bool:
        return self.remark is not None and self.remark != self.saved_remark

    @property
    def dirty(self) -> bool:
        return (self.text is not None and (self.error is not None or self.value != self.saved)) \
            or self.remark_changed


class ProgressModel(GroupedModel):
    """A day's figures: one editable row per entered indicator, derived ones greyed."""

    (COL_INDICATOR, COL_TARGET, COL_BEFORE, COL_DAY, COL_REMARK, COL_TOTAL, COL_PERCENT,
     COL_CHECK) = range(8)
    COLUMNS = 8

    def load(self, campaign: Campaign, *, targets: dict[str, int], before: dict[str, int],
             entries: dict[str, ProgressEntry], derived_before: dict[str, int],
             derived_upto: dict[str, int]) -> None:
        """``before``: entered totals up to the day before; ``derived_*``: register totals."""

        def make(ind: Indicator) -> ProgressRow:
            target = targets.get(ind.code) if ind.has_target else None
            if not ind.entered:
                prev = derived_before.get(ind.code, 0)
                return ProgressRow(ind, target, prev, derived_upto.get(ind.code, 0) - prev)
            entry = entries.get(ind.code)
            return ProgressRow(ind, target, before.get(ind.code, 0), entry.value if entry else None,
                               entry.remark if entry else "")

        self.beginResetModel()
        self._rows = self._grouped(campaign, make, lambda _ind: True)
        self.endResetModel()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        # Two-line headers keep the figures' columns narrow enough for a 1366x768 screen at 125%.
        return [self.tr("Indicator"), self.tr("Target"), self.tr("Before\nthis day"), self.tr("This day"),
                self.tr("Remark"), self.tr("Up to\nthis day"), self.tr("% of\ntarget"),
                self.tr("Check")][section]

    # -- what the page asks --------------------------------------------------------------
    def day_changes(self) -> tuple[dict[str, int | None], dict[str, str]]:
        """(values, remarks) for ``save_day``: only the rows the clerk changed.

        A remark without a figure is kept with a figure of 0 (e.g. "nothing received today").
        """
        values: dict[str, int | None] = {}
        remarks: dict[str, str] = {}
        for r in self.indicator_rows():
            if not r.indicator.entered or not (r.value_changed or r.remark_changed):
                continue
            value = r.current
            remark = r.current_remark.strip()
            if value is None and remark:
                value = 0
            values[r.indicator.code] = value
            remarks[r.indicator.code] = remark
        return values, remarks

    def is_dirty(self) -> bool:
        return any(r.dirty for r in self.indicator_rows() if r.indicator.entered)

    def unusual(self) -> list[tuple[Indicator, int, Message]]:
        """The changed figures that are unusually large for one day (asked about before saving)."""
        return [(r.indicator, r.value, r.warning) for r in self.indicator_rows()
                if r.indicator.entered and r.warning is not None]

    def has_derived(self) -> bool:
        return any(not r.indicator.entered for r in self.indicator_rows())

    def revert(self) -> None:
        self.beginResetModel()
        for r in self.indicator_rows():
            r.text, r.value, r.error, r.remark, r.remark_error = None, None, None, None, None
        self.endResetModel()

    # -- cells -----------------------------------------------------------------------------
    def _editable(self, item: ProgressRow, column: int) -> bool:
        return item.indicator.entered and column in (self.COL_DAY, self.COL_REMARK)

    def _error(self, item: ProgressRow) -> Message | str | None:
        return item.error if item.error is not None else item.remark_error

    def _set(self, item: ProgressRow, column: int, text: str) -> None:
        if column == self.COL_DAY:
            item.text = text
            item.value, item.error = check_day_figure(text, item.indicator)
        else:
            item.remark = text
            item.remark_error = validation.check_text(text, limit=1000, multiline=True)

    def _derived_note(self, item: ProgressRow) -> str:
        register = _REGISTER.get(item.indicator.source)
        if register == "scrap":
            return self.tr("From the scrap register")
        if register == "sites":
            return self.tr("From the sites register")
        return self.tr("From the events register")

    def _data(self, item: ProgressRow, column: int, role: int) -> Any:
        unit = item.indicator.unit
        lang = language()
        derived = not item.indicator.entered
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_INDICATOR:
                return label_text(item.indicator.title)
            if column == self.COL_TARGET:
                return format_value(item.target, unit, lang) if item.indicator.has_target else "–"
            if column == self.COL_BEFORE:
                return format_value(item.before, unit, lang)
            if column == self.COL_DAY:
                if item.error is not None:
                    return item.text
                return "" if item.current is None else format_value(item.current, unit, lang)
            if column == self.COL_REMARK:
                return self._derived_note(item) if derived else item.current_remark
            if column == self.COL_TOTAL:
                return format_value(item.total, unit, lang)
            if column == self.COL_PERCENT:
                if not item.indicator.has_target or item.total is None:
                    return "–"
                return format_percent(item.total, item.target)
            if column == self.COL_CHECK:
                msg = self._error(item) or item.warning
                return message_text(msg) if msg is not None else ""
        elif role == Qt.ItemDataRole.EditRole:
            if column == self.COL_DAY:
                return item.text if item.text is not None else edit_text(item.saved, unit)
            if column == self.COL_REMARK:
                return item.current_remark
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = (self.COL_TARGET, self.COL_BEFORE, self.COL_DAY, self.COL_TOTAL, self.COL_PERCENT)
            return RIGHT if column in numeric else LEFT
        elif role == Qt.ItemDataRole.BackgroundRole:
            if derived or column not in (self.COL_DAY, self.COL_REMARK):
                return READONLY_BG
            if column == self.COL_DAY:
                if item.error is not None:
                    return ERROR_BG
                if item.warning is not None:
                    return WARNING_BG
                return CHANGED_BG if item.value_changed else EDITABLE_BG
            return ERROR_BG if item.remark_error is not None else CHANGED_BG if item.remark_changed else EDITABLE_BG
        elif role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_CHECK:
                return ERROR_FG if self._error(item) is not None else WARNING_FG
            if derived:
                return DERIVED_FG
        elif role == Qt.ItemDataRole.FontRole:
            if derived and column == self.COL_REMARK:
                font = QFont()
                font.setItalic(True)
                return font
            if column == self.COL_TOTAL or (column == self.COL_DAY and item.value_changed):
                return bold()
        elif role == Qt.ItemDataRole.ToolTipRole and derived:
            return self._derived_note(item)
        return None
