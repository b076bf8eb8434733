"""Item models for typing figures per indicator: the Targets table and a day's progress.

Both models hold what the clerk has typed beside what is saved, validate each cell as it
is typed (``domain.numbers`` parses, ``domain.validation`` checks) and hand the changes
to the page, which saves them through the repositories in one call. Rows are grouped by
indicator group: a bold header row per group, then one row per indicator.

The view and delegate that edit these models live here too: ``EntryTableView`` (Tab
jumps between the editable cells only) and ``EntryDelegate`` (commits as you type, so
totals and % follow each keystroke; Enter asks the page to save; Esc undoes the cell).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorGroup, IndicatorSource, Unit, label
from desktop_app.domain.formatting import format_value
from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.models import Campaign, Indicator, ProgressEntry
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

_EDITABLE_BG = QBrush(QColor("#ffffff"))
_READONLY_BG = QBrush(QColor("#f3f4f6"))
_CHANGED_BG = QBrush(QColor("#fff3c4"))
_ERROR_BG = QBrush(QColor("#fde2e1"))
_GROUP_BG = QBrush(QColor("#e3e8ef"))
_GROUP_FG = QBrush(QColor("#1f2933"))
_DERIVED_FG = QBrush(QColor("#6b7280"))
_ERROR_FG = QBrush(QColor("#b00020"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


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


def _check(text: str, unit: Unit) -> tuple[int | None, Message | None]:
    try:
        value = parse_amount(text, unit)
    except NumberParseError as exc:
        return None, exc.message
    if value is not None and (msg := validation.check_amount(value, limit=validation.MAX_PAISE)):
        return None, msg
    return value, None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class _GroupedModel(QAbstractTableModel):
    """Group header rows plus indicator rows; subclasses say what the columns hold."""

    COLUMNS = 0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []  # a row object, or an IndicatorGroup for a header

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
        if self._editable(self._rows[index.row()], index.column()):
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
                return _bold()
            if role == Qt.ItemDataRole.BackgroundRole:
                return _GROUP_BG
            if role == Qt.ItemDataRole.ForegroundRole:
                return _GROUP_FG
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


class TargetsModel(_GroupedModel):
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
        value, error = _check(text, item.indicator.unit)
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
            return _RIGHT if column in (self.COL_TARGET, self.COL_ACHIEVED, self.COL_PERCENT) else _LEFT
        elif role == Qt.ItemDataRole.BackgroundRole:
            if column == self.COL_TARGET:
                return _ERROR_BG if item.error is not None else _CHANGED_BG if item.changed else _EDITABLE_BG
            return _READONLY_BG
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.COL_CHECK:
            return _ERROR_FG
        elif role == Qt.ItemDataRole.FontRole and column == self.COL_TARGET and item.changed:
            return _bold()
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TARGET:
            if item.saved is not None and item.changed:
                return self.tr("Saved target: %1").replace("%1", format_value(item.saved, unit, language()))
            return None
        return None


# ------------------------------------------------------------------------------------------
_REGISTER = {
    IndicatorSource.SCRAP_REVENUE: "scrap", IndicatorSource.SCRAP_SPACE: "scrap",
    IndicatorSource.SITES_COMPLETED: "sites", IndicatorSource.EVENTS_HELD: "events",
    IndicatorSource.EVENT_PARTICIPANTS: "events",
}


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
    def remark_changed(self) -> bool:
        return self.remark is not None and self.remark != self.saved_remark

    @property
    def dirty(self) -> bool:
        return (self.text is not None and (self.error is not None or self.value != self.saved)) \
            or self.remark_changed


class ProgressModel(_GroupedModel):
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
            item.value, item.error = _check(text, item.indicator.unit)
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
                msg = self._error(item)
                return message_text(msg) if msg is not None else ""
        elif role == Qt.ItemDataRole.EditRole:
            if column == self.COL_DAY:
                return item.text if item.text is not None else edit_text(item.saved, unit)
            if column == self.COL_REMARK:
                return item.current_remark
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = (self.COL_TARGET, self.COL_BEFORE, self.COL_DAY, self.COL_TOTAL, self.COL_PERCENT)
            return _RIGHT if column in numeric else _LEFT
        elif role == Qt.ItemDataRole.BackgroundRole:
            if derived or column not in (self.COL_DAY, self.COL_REMARK):
                return _READONLY_BG
            if column == self.COL_DAY:
                return _ERROR_BG if item.error is not None else _CHANGED_BG if item.value_changed else _EDITABLE_BG
            return _ERROR_BG if item.remark_error is not None else _CHANGED_BG if item.remark_changed else _EDITABLE_BG
        elif role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_CHECK:
                return _ERROR_FG
            if derived:
                return _DERIVED_FG
        elif role == Qt.ItemDataRole.FontRole:
            if derived and column == self.COL_REMARK:
                font = QFont()
                font.setItalic(True)
                return font
            if column == self.COL_TOTAL or (column == self.COL_DAY and item.value_changed):
                return _bold()
        elif role == Qt.ItemDataRole.ToolTipRole and derived:
            return self._derived_note(item)
        return None


# ------------------------------------------------------------------------------------------
class EntryDelegate(QStyledItemDelegate):
    """A line editor that commits on every keystroke; Enter saves, Esc restores the cell."""

    submit_requested = Signal()

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setMaxLength(1000)
        if index.data(Qt.ItemDataRole.TextAlignmentRole) == _RIGHT:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setProperty("original", index.data(Qt.ItemDataRole.EditRole) or "")
        editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        # Only once: later dataChanged (from our own live commits) must not move the cursor.
        if not editor.property("loaded"):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setProperty("loaded", True)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
                self.submit_requested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                obj.setText(obj.property("original") or "")
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(obj, event)


class EntryTableView(QTableView):
    """A grid for typing figures: Tab and Shift+Tab go from editable cell to editable cell,
    typing starts editing, Enter and Esc are left to the page (save / undo)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.delegate = EntryDelegate(self)
        self.setItemDelegate(self.delegate)
        self._shares: dict[int, tuple[float, int, int]] = {}

    def set_column_shares(self, shares: dict[int, tuple[float, int, int]]) -> None:
        """Columns sized as a share of the width, within (minimum, maximum) pixels; the others
        fit their contents and the last one takes what is left."""
        self._shares = shares
        for col in shares:
            self.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._fit_columns()

    def _fit_columns(self) -> None:
        width = self.viewport().width()
        for col, (share, low, high) in self._shares.items():
            self.setColumnWidth(col, max(low, min(high, int(width * share))))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        model.modelReset.connect(self._apply_spans)
        self._apply_spans()

    def _apply_spans(self) -> None:
        model = self.model()
        self.clearSpans()
        for row in model.header_rows():
            self.setSpan(row, 0, 1, model.columnCount())

    def editable_cells(self) -> list[QModelIndex]:
        model = self.model()
        if model is None:
            return []
        return [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable]

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802
        forward = action == QAbstractItemView.CursorAction.MoveNext
        if forward or action == QAbstractItemView.CursorAction.MovePrevious:
            cells = self.editable_cells()
            if not cells:
                return QModelIndex()
            current = self.currentIndex()
            if not current.isValid():
                return cells[0] if forward else cells[-1]
            pos = (current.row(), current.column())
            if forward:
                return next((c for c in cells if (c.row(), c.column()) > pos), QModelIndex())
            return next((c for c in reversed(cells) if (c.row(), c.column()) < pos), QModelIndex())
        return super().moveCursor(action, modifiers)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() or not (self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable):
            cells = self.editable_cells()
            if cells:
                self.setCurrentIndex(cells[0])

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) \
                and self.state() != QAbstractItemView.State.EditingState:
            event.ignore()  # the page saves (Enter) or undoes (Esc)
            return
        super().keyPressEvent(event)

    def focus_cell(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
