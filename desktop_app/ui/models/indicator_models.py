"""Item models for typing figures per indicator: the shared grouped model and the Targets table.

Both models hold what the clerk has typed beside what is saved, validate each cell as it
is typed (``domain.numbers`` parses, ``domain.validation`` checks) and hand the changes
to the page, which saves them through the repositories in one call. Rows are grouped by
indicator group: a bold header row per group, then one row per indicator.

A day's progress is ``progress_model.py``, on the same base; the grid that edits both is
``ui/widgets/entry_table.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorGroup, Unit, label
from desktop_app.domain.formatting import format_value
from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.models import Campaign, Indicator
from desktop_app.domain.numbers import (
    NumberParseError,
    format_count,
    format_percent,
    format_rupees,
    parse_count,
    parse_rupees,
)
from desktop_app.ui.i18n import label_text, language, message_text

CodeRole = Qt.ItemDataRole.UserRole + 1  # the indicator code of a row (None on group headers)
ErrorRole = Qt.ItemDataRole.UserRole + 2  # the row's message for the clerk, translated

TARGET_REMOVED = N_("A target cannot be removed; type 0 instead.")

EDITABLE_BG = QBrush(QColor("#ffffff"))
READONLY_BG = QBrush(QColor("#f3f4f6"))
CHANGED_BG = QBrush(QColor("#fff3c4"))
ERROR_BG = QBrush(QColor("#fde2e1"))
GROUP_BG = QBrush(QColor("#e3e8ef"))
GROUP_FG = QBrush(QColor("#1f2933"))
DERIVED_FG = QBrush(QColor("#6b7280"))
ERROR_FG = QBrush(QColor("#b00020"))
WARNING_BG = QBrush(QColor("#ffe0b2"))
WARNING_FG = QBrush(QColor("#8a4b00"))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def parse_amount(text: str, unit: Unit) -> int | None:
    """A typed figure in the indicator's unit (paise for money); '' is None. Raises NumberParseError."""
    text = text.strip()
    if not text:
        return None
    return parse_rupees(text) if unit is Unit.INR else parse_count(text)


def edit_text(value: int | None, unit: Unit) -> str:
    """A figure as the clerk edits it: Indian grouping, 'Rs. …' for money, '' when not set."""
    if value is None:
        return ""
    return format_rupees(value) if unit is Unit.INR else format_count(value)


def check_figure(text: str, unit: Unit) -> tuple[int | None, Message | None]:
    try:
        value = parse_amount(text, unit)
    except NumberParseError as exc:
        return None, exc.message
    if value is not None and (msg := validation.check_amount(value, limit=validation.MAX_PAISE)):
        return None, msg
    return value, None


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class GroupedModel(QAbstractTableModel):
    """Group header rows plus indicator rows; subclasses say what the columns hold."""

    COLUMNS = 0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []  # a row object, or an IndicatorGroup for a header
        self.read_only = False  # an earlier campaign's figures: shown, never edited

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_header(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and self._editable(self._rows[index.row()], index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if isinstance(item, IndicatorGroup):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return label(item, language())
            if role == Qt.ItemDataRole.FontRole:
                return bold()
            if role == Qt.ItemDataRole.BackgroundRole:
                return GROUP_BG
            if role == Qt.ItemDataRole.ForegroundRole:
                return GROUP_FG
            return None
        if role == CodeRole:
            return item.indicator.code
        if role == ErrorRole:
            msg = self._error(item)
            return message_text(msg) if msg is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return label_text(item.indicator.title)  # in full, when the column is narrow
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COLUMNS - 1:
            msg = self._error(item)
            return message_text(msg) if msg is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and self.read_only:
            return READONLY_BG
        return self._data(item, index.column(), role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        self._set(self._rows[index.row()], index.column(), str(value or ""))
        self._row_changed(index.row())
        return True

    # -- shared helpers --------------------------------------------------------------------
    def is_header(self, row: int) -> bool:
        return isinstance(self._rows[row], IndicatorGroup)

    def header_rows(self) -> list[int]:
        return [n for n, item in enumerate(self._rows) if isinstance(item, IndicatorGroup)]

    def indicator_rows(self) -> list[Any]:
        return [item for item in self._rows if not isinstance(item, IndicatorGroup)]

    def row_of(self, code: str) -> int:
        for n, item in enumerate(self._rows):
            if not isinstance(item, IndicatorGroup) and item.indicator.code == code:
                return n
        raise KeyError(code)

    def first_error_row(self) -> int | None:
        return next((n for n, item in enumerate(self._rows)
                     if not isinstance(item, IndicatorGroup) and self._error(item) is not None), None)

    def has_errors(self) -> bool:
        return self.first_error_row() is not None

    def retranslate(self) -> None:
        """Labels follow the current language without losing what was typed."""
        if self._rows:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def set_errors(self, errors: dict[str, Message | str]) -> None:
        """Messages from the repository, by indicator code, shown on their rows."""
        for code, msg in errors.items():
            try:
                n = self.row_of(code)
            except KeyError:
                continue
            row = self._rows[n]
            if row.text is None:
                row.text, row.value = edit_text(row.saved, row.indicator.unit), row.saved
            row.error = msg
            self._row_changed(n)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def _grouped(self, campaign: Campaign, make, keep) -> list[Any]:
        self.read_only = not campaign.current
        rows: list[Any] = []
        for group in IndicatorGroup:
            members = [make(ind) for ind in campaign.indicators if ind.group is group and keep(ind)]
            if members:
                rows.append(group)
                rows += members
        return rows

    # -- for subclasses --------------------------------------------------------------------
    def _editable(self, item: Any, column: int) -> bool:
        raise NotImplementedError

    def _data(self, item: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def _set(self, item: Any, column: int, text: str) -> None:
        raise NotImplementedError

    def _error(self, item: Any) -> Message | str | None:
        raise NotImplementedError


# ------------------------------------------------------------------------------------------
@dataclass
class TargetRow:
    indicator: Indicator
    saved: int | None  # the target in the database (None: not set yet)
    achieved: int
    text: str | None = None  # what the clerk typed (None: untouched)
    value: int | None = None  # ``text`` parsed
    error: Message | str | None = None

    @property
    def current(self) -> int | None:
        return self.saved if self.text is None or self.error is not None else self.value

    @property
    def changed(self) -> bool:
        return self.text is not None and self.error is None and self.value != self.saved

    @property
    def dirty(self) -> bool:
        return self.text is not None and (self.error is not None or self.value != self.saved)


class TargetsModel(GroupedModel):
    """One row per indicator that takes a target; the Target column is editable."""

    COL_INDICATOR, COL_TARGET, COL_ACHIEVED, COL_PERCENT, COL_CHECK = range(5)
    COLUMNS = 5

    def load(self, campaign: Campaign, targets: dict[str, int], achieved: dict[str, int]) -> None:
        self.beginResetModel()
        self._rows = self._grouped(
            campaign, lambda ind: TargetRow(ind, targets.get(ind.code), achieved.get(ind.code, 0)),
            lambda ind: ind.has_target)
        self.endResetModel()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Indicator"), self.tr("Target"), self.tr("Achieved\nso far"),
                self.tr("% of\ntarget"), self.tr("Check")][section]

    # -- what the page asks --------------------------------------------------------------
    def changes(self) -> dict[str, int]:
        return {r.indicator.code: r.value for r in self.indicator_rows() if r.changed}

    def changes_to_existing(self) -> list[str]:
        """Codes whose already-set target is being changed (these need a reason late on)."""
        return [r.indicator.code for r in self.indicator_rows() if r.changed and r.saved is not None]

    def is_dirty(self) -> bool:
        return any(r.dirty for r in self.indicator_rows())

    def revert(self) -> None:
        self.beginResetModel()
        for r in self.indicator_rows():
            r.text, r.value, r.error = None, None, None
        self.endResetModel()

    # -- cells -----------------------------------------------------------------------------
    def _editable(self, item: TargetRow, column: int) -> bool:
        return column == self.COL_TARGET

    def _error(self, item: TargetRow) -> Message | str | None:
        return item.error

    def _set(self, item: TargetRow, column: int, text: str) -> None:
        value, error = check_figure(text, item.indicator.unit)
        if value is None and error is None and item.saved is not None:
            error = Message(TARGET_REMOVED)
        item.text, item.value, item.error = text, value, error

    def _data(self, item: TargetRow, column: int, role: int) -> Any:
        unit = item.indicator.unit
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_INDICATOR:
                return label_text(item.indicator.title)
            if column == self.COL_TARGET:
                if item.text is not None and item.error is not None:
                    return item.text
                return format_value(item.current, unit, language())
            if column == self.COL_ACHIEVED:
                return format_value(item.achieved, unit, language())
            if column == self.COL_PERCENT:
                return format_percent(item.achieved, item.current)
            if column == self.COL_CHECK:
                return message_text(item.error) if item.error is not None else ""
        elif role == Qt.ItemDataRole.EditRole and column == self.COL_TARGET:
            return item.text if item.text is not None else edit_text(item.saved, unit)
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in (self.COL_TARGET, self.COL_ACHIEVED, self.COL_PERCENT) else LEFT
        elif role == Qt.ItemDataRole.BackgroundRole:
            if column == self.COL_TARGET:
                return ERROR_BG if item.error is not None else CHANGED_BG if item.changed else EDITABLE_BG
            return READONLY_BG
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.COL_CHECK:
            return ERROR_FG
        elif role == Qt.ItemDataRole.FontRole and column == self.COL_TARGET and item.changed:
            return bold()
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TARGET:
            if item.saved is not None and item.changed:
                return self.tr("Saved target: %1").replace("%1", format_value(item.saved, unit, language()))
            return None
        return None
