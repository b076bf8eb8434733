"""The register tables (scrap, sites, events) as one paged item model over a repository.

Rows come from ``RegisterRepository.page`` 200 at a time (``canFetchMore``/``fetchMore``),
so a register of 100,000 rows opens with one small query; sorting, search, the filter
combo and the date range are applied by the repository (ORDER BY / WHERE), never in
Python. Each register's columns are a small spec list: the record field shown (and
sorted by), the header, and the domain formatter that turns the stored value into text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.domain.choices import (
    DisposalMode,
    EventType,
    ScrapCategory,
    SiteStatus,
    label,
    unit_label,
)
from desktop_app.domain.dates import format_date
from desktop_app.domain.numbers import format_count, format_rupees
from desktop_app.ui.i18n import language

PAGE_SIZE = 200
RowIdRole = Qt.ItemDataRole.UserRole + 1
_CONTEXT = "RegisterTableModel"

_Row = dict[str, Any]


def format_quantity(value: float | None) -> str:
    """A quantity with Indian grouping and at most two decimals: 1,250 or 12.5."""
    if value is None:
        return "–"
    whole, _, frac = f"{abs(float(value)):.2f}".partition(".")
    frac = frac.rstrip("0")
    sign = "-" if float(value) < 0 else ""
    return sign + format_count(int(whole)) + (f".{frac}" if frac else "")


@dataclass(frozen=True)
class Column:
    """One column: the record field it shows and sorts by, its header, its text."""

    field: str
    header: str  # English; translated in the RegisterTableModel context
    text: Callable[[_Row], str]
    numeric: bool = False
    wide: bool = False  # the free-text column that takes the spare width


def _plain(name: str) -> Callable[[_Row], str]:
    return lambda row: row[name] or ""


def _date(name: str) -> Callable[[_Row], str]:
    return lambda row: format_date(row[name], blank="–")


def _count(name: str) -> Callable[[_Row], str]:
    return lambda row: format_count(row[name])


def _vocab(name: str, vocabulary: type[StrEnum]) -> Callable[[_Row], str]:
    def text(row: _Row) -> str:
        try:
            return label(vocabulary(row[name]), language())
        except (ValueError, KeyError):
            return str(row[name] or "")
    return text


def _quantity(row: _Row) -> str:
    return f"{format_quantity(row['quantity'])} {unit_label(row['quantity_unit'] or '', language())}".strip()


SCRAP_COLUMNS = (
    Column("disposal_date", QT_TRANSLATE_NOOP("RegisterTableModel", "Date"), _date("disposal_date")),
    Column("item", QT_TRANSLATE_NOOP("RegisterTableModel", "Item"), _plain("item"), wide=True),
    Column("category", QT_TRANSLATE_NOOP("RegisterTableModel", "Category"), _vocab("category", ScrapCategory)),
    Column("quantity", QT_TRANSLATE_NOOP("RegisterTableModel", "Quantity"), _quantity, numeric=True),
    Column("revenue_paise", QT_TRANSLATE_NOOP("RegisterTableModel", "Revenue"),
           lambda row: format_rupees(row["revenue_paise"], lang=language()), numeric=True),
    Column("space_freed_sqft", QT_TRANSLATE_NOOP("RegisterTableModel", "Sq ft freed"),
           _count("space_freed_sqft"), numeric=True),
    Column("mode", QT_TRANSLATE_NOOP("RegisterTableModel", "Mode"), _vocab("mode", DisposalMode)),
    Column("buyer", QT_TRANSLATE_NOOP("RegisterTableModel", "Buyer"), _plain("buyer")),
    Column("receipt_no", QT_TRANSLATE_NOOP("RegisterTableModel", "Receipt no."), _plain("receipt_no")),
)
(COL_DATE, COL_ITEM, COL_CATEGORY, COL_QUANTITY, COL_REVENUE, COL_SPACE, COL_MODE, COL_BUYER,
 COL_RECEIPT) = range(len(SCRAP_COLUMNS))

SITE_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("RegisterTableModel", "Site"), _plain("name"), wide=True),
    Column("location", QT_TRANSLATE_NOOP("RegisterTableModel", "Location"), _plain("location")),
    Column("status", QT_TRANSLATE_NOOP("RegisterTableModel", "Status"), _vocab("status", SiteStatus)),
    Column("target_date", QT_TRANSLATE_NOOP("RegisterTableModel", "Target date"), _date("target_date")),
    Column("completed_date", QT_TRANSLATE_NOOP("RegisterTableModel", "Completed on"), _date("completed_date")),
    Column("remarks", QT_TRANSLATE_NOOP("RegisterTableModel", "Remarks"), _plain("remarks")),
)
(COL_SITE_NAME, COL_SITE_LOCATION, COL_SITE_STATUS, COL_SITE_TARGET_DATE, COL_SITE_COMPLETED_DATE,
 COL_SITE_REMARKS) = range(len(SITE_COLUMNS))

EVENT_COLUMNS = (
    Column("event_date", QT_TRANSLATE_NOOP("RegisterTableModel", "Date"), _date("event_date")),
    Column("event_type", QT_TRANSLATE_NOOP("RegisterTableModel", "Type"), _vocab("event_type", EventType)),
    Column("title", QT_TRANSLATE_NOOP("RegisterTableModel", "Title"), _plain("title"), wide=True),
    Column("venue", QT_TRANSLATE_NOOP("RegisterTableModel", "Venue"), _plain("venue")),
    Column("participants", QT_TRANSLATE_NOOP("RegisterTableModel", "Participants"), _count("participants"),
           numeric=True),
)
(COL_EVENT_DATE, COL_EVENT_TYPE, COL_EVENT_TITLE, COL_EVENT_VENUE,
 COL_EVENT_PARTICIPANTS) = range(len(EVENT_COLUMNS))

COLUMNS_OF_TABLE = {
    "scrap_disposal": SCRAP_COLUMNS,
    "cleanliness_site": SITE_COLUMNS,
    "event": EVENT_COLUMNS,
}


@dataclass
class Query:
    """What the clerk asked to see: applied by the repository, not in Python."""

    search: str = ""
    filters: dict[str, Any] | None = None
    date_from: date | None = None
    date_to: date | None = None

    def kwargs(self) -> dict[str, Any]:
        return {"search": self.search, "filters": self.filters or None,
                "date_from": self.date_from, "date_to": self.date_to}


class RegisterTableModel(QAbstractTableModel):
    """One register's live rows for the current campaign, fetched a page at a time."""

    def __init__(self, repo: Any, campaign_id: str, parent=None, *,
                 columns: tuple[Column, ...] | None = None,
                 sort_column: int = 0, descending: bool = False):
        super().__init__(parent)
        self.repo = repo
        self.campaign_id = campaign_id
        self.columns = columns or COLUMNS_OF_TABLE[repo.table]
        self.query = Query()
        self.sort_column = sort_column
        self.descending = descending
        self._rows: list[_Row] = []
        self._total = 0

    # -- what is shown -----------------------------------------------------------------
    def reload(self) -> None:
        """Count and fetch the first page again (after a save, a sort or a new filter)."""
        self.beginResetModel()
        self._total = self.repo.count(self.campaign_id, **self.query.kwargs())
        self._rows = self._fetch(0) if self._total else []
        self.endResetModel()

    def set_query(self, *, search: str = "", filters: dict[str, Any] | None = None,
                  date_from: date | None = None, date_to: date | None = None) -> None:
        self.query = Query(search.strip(), {k: v for k, v in (filters or {}).items() if v}, date_from, date_to)
        self.reload()

    def total(self) -> int:
        """How many rows match the query (only some may be fetched yet)."""
        return self._total

    def _fetch(self, offset: int) -> list[_Row]:
        return self.repo.page(self.campaign_id, offset=offset, limit=PAGE_SIZE,
                              order_by=self.columns[self.sort_column].field,
                              descending=self.descending, **self.query.kwargs())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        rows = self._fetch(len(self._rows))
        if not rows:  # the table shrank under us (another page deleted rows)
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- finding rows ------------------------------------------------------------------------
    def record_id(self, row: int) -> str | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str, *, fetch_up_to: int = 2000) -> int:
        """The row showing this record, fetching further pages up to ``fetch_up_to`` rows; -1."""
        while True:
            for i, row in enumerate(self._rows):
                if row["id"] == record_id:
                    return i
            if not self.canFetchMore() or len(self._rows) >= fetch_up_to:
                return -1
            self.fetchMore()

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CONTEXT, column.header)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == RowIdRole:
            return row["id"]
        if role == Qt.ItemDataRole.ToolTipRole and column.wide:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def retranslate(self) -> None:
        """Headers and vocabulary labels follow the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
