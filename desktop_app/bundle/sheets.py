"""The typed sheets of report.xlsx: one per table, a header row of stable column codes.

This module is the one description of those sheets. The office's workbook writes each
column from it (``Column.value``), the About sheet documents every code from it (sheet,
code, meaning, unit), and headquarters' import reads the cells back with it
(``Column.read``). A column code never changes meaning; a new column gets a new code at
the end of its sheet.

Rows are given as plain mappings shaped like the database rows (ISO text dates,
vocabulary codes), which is what the repositories return; ``value`` turns them into
cell values: dates become real dates, money stays integer paise, codes stay codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from desktop_app.domain.choices import (
    DisposalMode,
    EventType,
    PhotoRole,
    ScrapCategory,
    SiteStatus,
)

TEXT, INT, FLOAT, DATE = "text", "int", "float", "date"
KINDS = (TEXT, INT, FLOAT, DATE)
_CELL_TYPE = {TEXT: str, INT: int, FLOAT: float, DATE: date}


def _codes(vocabulary: Any) -> str:
    return "one of " + ", ".join(v.value for v in vocabulary)


@dataclass(frozen=True)
class Column:
    """One column of a typed sheet: its code (the header cell), what it means, its unit."""

    code: str
    meaning: str
    kind: str = TEXT
    unit: str = ""
    nullable: bool = False
    width: float = 14
    getter: Callable[[Mapping[str, Any]], Any] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.code}: unknown kind {self.kind!r}")

    def value(self, row: Mapping[str, Any]) -> Any:
        """The cell value of this column for a database-shaped *row*."""
        return self.convert(self.getter(row) if self.getter is not None else row[self.code])

    def convert(self, raw: Any) -> Any:
        """A stored value as the cell value: ISO text dates become dates, codes stay text."""
        if raw is None:
            return None
        if self.kind == DATE:
            return raw if isinstance(raw, date) else date.fromisoformat(raw)
        if self.kind == TEXT:
            return str(getattr(raw, "value", raw))
        if self.kind == INT:
            return int(raw)
        return float(raw)

    def read(self, cell: Any) -> Any:
        """The stored value from a cell read back (openpyxl or calamine); ValueError if wrong.

        Empty cells read back as None in nullable columns, as ``""`` in other text columns.
        """
        if cell is None or cell == "":
            if self.nullable:
                return None
            if self.kind == TEXT:
                return ""
            raise ValueError(f"{self.code}: a value is required")
        if self.kind == TEXT:
            if not isinstance(cell, str):
                raise ValueError(f"{self.code}: expected text, found {cell!r}")
            return cell
        if self.kind == DATE:
            if isinstance(cell, datetime):
                if cell.time() != datetime.min.time():
                    raise ValueError(f"{self.code}: expected a date without a time, found {cell!r}")
                return cell.date()
            if isinstance(cell, date):
                return cell
            raise ValueError(f"{self.code}: expected a date, found {cell!r}")
        if isinstance(cell, bool) or not isinstance(cell, int | float):
            raise ValueError(f"{self.code}: expected a number, found {cell!r}")
        if self.kind == INT:
            if cell != int(cell):
                raise ValueError(f"{self.code}: expected a whole number, found {cell!r}")
            return int(cell)
        return float(cell)


@dataclass(frozen=True)
class SheetSpec:
    """A typed sheet: its name, what one row is, its columns in order."""

    name: str
    meaning: str
    columns: tuple[Column, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.columns)

    def values(self, row: Mapping[str, Any]) -> list[Any]:
        """The cells of one row (the fast path: only what needs converting is converted)."""
        out = []
        for column in self.columns:
            raw = row[column.code] if column.getter is None else column.getter(row)
            out.append(raw if raw is None or type(raw) is _CELL_TYPE[column.kind]
                       else column.convert(raw))
        return out

    def cells(self, rows: Iterable[Mapping[str, Any]]) -> Iterator[list[Any]]:
        """The cells of many database-shaped rows, fast (100,000-row registers).

        SQLite's column affinities already give text columns ``str``, integer columns
        ``int`` and real columns ``float``, so only the ISO dates are converted here; the
        workbook writer types each cell by its value (text stays text whatever it holds).
        Sheets with computed columns go through ``values``.
        """
        if any(c.getter is not None for c in self.columns):
            yield from map(self.values, rows)
            return
        yield from self.ordered_cells(map(itemgetter(*self.codes), rows))

    def ordered_cells(self, rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        """``cells`` for rows whose values are in column order already (a query that
        selected exactly the sheet's codes)."""
        dates = [i for i, c in enumerate(self.columns) if c.kind == DATE]
        for row in rows:
            cells = list(row)
            for i in dates:
                value = cells[i]
                if value.__class__ is str:
                    cells[i] = date.fromisoformat(value)
            yield cells

    def read_row(self, cells: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
        """A row of cells read back → {code: value}; missing trailing cells count as empty."""
        cells = list(cells) + [None] * (len(self.columns) - len(cells))
        return {c.code: c.read(v) for c, v in zip(self.columns, cells)}


_ID = Column("id", "Stable identifier of the record (the same in every bundle)", unit="UUID",
             width=38)
_INDICATOR = Column("indicator_code", "Indicator code from the campaign template (see the "
                    "indicators table on the About sheet)", width=26)

TARGETS = SheetSpec("targets", "One row per indicator target set in the preparatory phase", (
    _ID,
    _INDICATOR,
    Column("value", "Target for the whole campaign", INT,
           "the indicator's unit (count; paise for money; sq ft)"),
    Column("reason", "Why the target was changed after the campaign started", width=30),
))

PROGRESS = SheetSpec("progress", "One row per indicator per day: what was achieved that day", (
    _ID,
    _INDICATOR,
    Column("entry_date", "Day the work was done", DATE, "date", width=12),
    Column("value", "Achieved that day (cumulative achievement is the sum)", INT,
           "the indicator's unit (count; paise for money; sq ft)"),
    Column("remark", "Remark", width=30),
    Column("entered_by", "Clerk who entered the figure", width=18),
))

SCRAP = SheetSpec("scrap", "One row per scrap disposal", (
    _ID,
    Column("disposal_date", "Date of disposal", DATE, "date", width=12),
    Column("item", "Item disposed of", width=30),
    Column("category", f"Scrap category: {_codes(ScrapCategory)}", width=12),
    Column("quantity", "Quantity disposed of", FLOAT, "see quantity_unit", width=10),
    Column("quantity_unit", "Unit of the quantity (nos, kg, tonne, sets, sq ft, litre)", width=10),
    Column("mode", f"Mode of disposal: {_codes(DisposalMode)}", width=12),
    Column("buyer", "Buyer", width=24),
    Column("receipt_no", "Receipt or reference number", width=20),
    Column("revenue_paise", "Revenue earned", INT, "paise (1 rupee = 100 paise)"),
    Column("space_freed_sqft", "Office space freed", INT, "sq ft"),
    Column("remarks", "Remarks", width=30),
))

SITES = SheetSpec("sites", "One row per cleanliness site", (
    _ID,
    Column("name", "Name of the site", width=30),
    Column("location", "Where the site is", width=24),
    Column("latitude", "Latitude", FLOAT, "degrees (WGS 84)", nullable=True, width=11),
    Column("longitude", "Longitude", FLOAT, "degrees (WGS 84)", nullable=True, width=11),
    Column("status", f"Status: {_codes(SiteStatus)}", width=12),
    Column("target_date", "Date by which the site is to be cleaned", DATE, "date",
           nullable=True, width=12),
    Column("completed_date", "Date the cleaning was completed", DATE, "date", nullable=True,
           width=12),
    Column("remarks", "Remarks", width=30),
))

EVENTS = SheetSpec("events", "One row per event", (
    _ID,
    Column("event_date", "Date of the event", DATE, "date", width=12),
    Column("event_type", f"Type of event: {_codes(EventType)}", width=18),
    Column("title", "Title", width=36),
    Column("venue", "Venue", width=24),
    Column("participants", "Number of participants", INT, "persons"),
    Column("description", "Description", width=40),
))

PHOTOS = SheetSpec("photos", "One row per photo attached to a record (a photo attached twice "
                   "has two rows); the file is photos/<sha256>.jpg in this or an earlier bundle", (
    Column("id", "Stable identifier of the attachment", unit="UUID", width=38),
    Column("sha256", "SHA-256 of the photo file, also its name", unit="64 hex digits", width=66),
    Column("target_kind", "Kind of record the photo belongs to: site, event or scrap", width=10),
    Column("target_id", "id of that record on the sites, events or scrap sheet", unit="UUID",
           width=38),
    Column("role", f"What the photo shows: {_codes(PhotoRole)}", width=8),
    Column("caption", "Caption", width=30),
    Column("taken_at", "When the photo was taken, as the camera recorded it (ISO 8601, with "
           "its UTC offset when the camera wrote one); empty if unknown", nullable=True,
           width=26),
    Column("latitude", "Latitude where the photo was taken (from the camera)", FLOAT,
           "degrees (WGS 84)", nullable=True, width=11),
    Column("longitude", "Longitude where the photo was taken (from the camera)", FLOAT,
           "degrees (WGS 84)", nullable=True, width=11),
    Column("width", "Width of the stored photo", INT, "pixels", width=8),
    Column("height", "Height of the stored photo", INT, "pixels", width=8),
    Column("bytes", "Size of the photo file", INT, "bytes", width=10),
))

SHEETS: tuple[SheetSpec, ...] = (TARGETS, PROGRESS, SCRAP, SITES, EVENTS, PHOTOS)
SHEETS_BY_NAME = {s.name: s for s in SHEETS}
