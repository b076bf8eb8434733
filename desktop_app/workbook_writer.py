"""Excel workbooks written the FieldDesk way, for every workbook we make: the office's
report.xlsx and headquarters' consolidated workbook.

Written with XlsxWriter's public API in ``constant_memory`` mode: each row leaves memory
as soon as the next one starts, so a 100,000-row register costs no more memory than a
100-row one (rows go in order, sheet by sheet). Why XlsxWriter and not openpyxl's
write-only mode: ``docs/decisions/0002-workbook-writer.md``.

* **Text is always text.** Every ``str`` is written with ``write_string`` as an inline
  string (the workbook's ``strings_to_*`` options are off too): a clerk's
  ``=HYPERLINK(…)``, ``+91…``, ``-``, ``#N/A`` or ``@x`` never becomes a formula or an
  error value in Excel or LibreOffice.
* **Nothing can break the file.** Characters XML 1.0 cannot hold (C0 controls other than
  tab, newline and carriage return; lone surrogates; U+FFFE/U+FFFF) become U+FFFD; text
  longer than Excel's 32,767 characters is cut there. A carriage return is written as
  OOXML's ``_x000D_`` escape, which Excel, LibreOffice and python-calamine read back as
  one (openpyxl leaves it as it is: ``openpyxl.utils.escape.unescape`` decodes it).
* **Numbers stay numbers**, shown the Indian way by number formats (12,34,567 and
  Rs. 6,91,389); dates are real dates shown ``dd.mm.yyyy``.
* **Sheets people print**: column widths, frozen header, A4 fit to width, header and
  footer, title rows repeated on every page (``Sheet.page_setup``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.utility import xl_cell_to_rowcol, xl_rowcol_to_cell

# --- number formats -------------------------------------------------------------------------


def indian_format(prefix: str = "", decimals: int = 0) -> str:
    """An Excel number format grouping digits the Indian way (12,34,567; 1,23,45,678).

    Excel has no lakh grouping of its own, so the format picks a pattern by size:
    crores, lakhs, then plain thousands. *prefix* is literal text such as ``"Rs. "``.
    """
    lit = f'"{prefix}"' if prefix else ""
    frac = "." + "0" * decimals if decimals else ""
    return (f"[>=10000000]{lit}##\\,##\\,##\\,##0{frac};"
            f"[>=100000]{lit}##\\,##\\,##0{frac};"
            f"{lit}##,##0{frac}")


COUNT_FORMAT = indian_format()
RUPEES_FORMAT = indian_format("Rs. ")
RUPEES_PAISE_FORMAT = indian_format("Rs. ", 2)
PERCENT_FORMAT = "0%"
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"

MAX_CELL_CHARS = 32_767
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """*value* made safe for a cell: XML-illegal characters become U+FFFD, at most 32,767 chars.

    Entry validation already refuses control characters; this is the last guard, so a
    bad character that slipped in (an old database, an import) costs one character, not
    a workbook Excel refuses to open.
    """
    if _XML_ILLEGAL.search(value):
        value = _XML_ILLEGAL.sub("\ufffd", value)
    return value[:MAX_CELL_CHARS]


def rupees(paise: int) -> tuple[int | float, str]:
    """The cell value and number format for an amount of *paise*.

    Rupees are written as a number (paise / 100): a whole-rupee amount as an integer with
    the ``Rs. 6,91,389`` format, any other with two decimals (``Rs. 6,91,389.50``), so
    the paise show only when there are some. Machines read the paise from the typed
    sheets, which keep integer paise.
    """
    if paise % 100 == 0:
        return paise // 100, RUPEES_FORMAT
    return paise / 100, RUPEES_PAISE_FORMAT


# --- styles and cells -----------------------------------------------------------------------


@dataclass(frozen=True)
class CellStyle:
    """The few looks our workbooks use (``Workbook.format`` turns one into XlsxWriter's)."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    fill: str | None = None  # "RRGGBB"
    align: str | None = None  # "left" | "right" | "center"
    wrap: bool = False
    border_bottom: bool = False
    number_format: str | None = None

    def but(self, **changes: Any) -> CellStyle:
        return CellStyle(**{**self.__dict__, **changes})

    def properties(self) -> dict[str, Any]:
        """XlsxWriter's format properties for this look."""
        props: dict[str, Any] = {}
        if self.bold:
            props["bold"] = True
        if self.italic:
            props["italic"] = True
        if self.size:
            props["font_size"] = self.size
        if self.fill:
            props.update(pattern=1, bg_color=f"#{self.fill}")
        if self.align:
            props["align"] = self.align
        if self.wrap:
            props.update(text_wrap=True, valign="top")
        if self.border_bottom:
            props["bottom"] = 1
        if self.number_format:
            props["num_format"] = self.number_format
        return props


PLAIN = CellStyle()
TITLE = CellStyle(bold=True, size=14)
HEADER = CellStyle(bold=True, fill="D9E1F2", border_bottom=True, wrap=True)
GROUP = CellStyle(bold=True, fill="F2F2F2")
TOTAL = CellStyle(bold=True)
NOTE = CellStyle(italic=True)


@dataclass(frozen=True)
class Cell:
    """A value and its look, for ``Sheet.append``: text stays text, numbers and dates keep
    their number format."""

    value: Any
    style: CellStyle = PLAIN
    number_format: str | None = None


def text_cell(value: str | None, style: CellStyle = PLAIN) -> Cell:
    """A cell that holds *value* as text, whatever it looks like (``=…``, ``#N/A``, ``+91…``)."""
    return Cell(None if value is None or value == "" else str(value), style)


def number_cell(value: int | float | None, number_format: str = COUNT_FORMAT,
                style: CellStyle = PLAIN) -> Cell:
    """A number with a display format (Indian grouping by default); None leaves it empty."""
    if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
        raise TypeError(f"number_cell needs a number, got {type(value).__name__}")
    return Cell(value, style, number_format)


def rupees_cell(paise: int | None, style: CellStyle = PLAIN) -> Cell:
    """An amount of money (integer paise) shown as ``Rs. 6,91,389`` (see ``rupees``)."""
    if paise is None:
        return Cell(None, style)
    value, number_format = rupees(paise)
    return number_cell(value, number_format, style)


def percent_cell(fraction: float | None, style: CellStyle = PLAIN) -> Cell:
    """A fraction (0.86) shown as ``86%``; None leaves it empty."""
    return number_cell(fraction, PERCENT_FORMAT, style)


def date_cell(value: date | None, style: CellStyle = PLAIN) -> Cell:
    """A real date (not text) shown ``dd.mm.yyyy``."""
    return Cell(value, style, DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT)


def cell(value: Any, style: CellStyle = PLAIN) -> Cell:
    """Any value as the right kind of cell: text stays text, dates are dates."""
    if value is None or isinstance(value, str):
        return text_cell(value, style)
    if isinstance(value, date):
        return date_cell(value, style)
    return number_cell(value, style.number_format or "General", style)


# --- sheet layout --------------------------------------------------------------------------------


def text_width(texts: Iterable[Any], *, minimum: float = 6, maximum: float = 60) -> float:
    """A column width fitting *texts* (Devanagari is a little wider than Latin)."""
    widest = 0.0
    for text in texts:
        if text is None:
            continue
        s = str(text)
        wide = sum(1 for ch in s if "\u0900" <= ch <= "\u097f")
        widest = max(widest, len(s) + 0.25 * wide)
    return max(minimum, min(maximum, widest + 2))


def header_footer_text(text: str, limit: int = 80) -> str:
    """Text for an Excel header or footer: ``&`` doubled (it starts a code), kept short."""
    text = clean_text(text).replace("\n", " ")
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return text.replace("&", "&&")


# --- the workbook -------------------------------------------------------------------------------

OnRows = Callable[[int], None]  # called with the number of rows just written
ROWS_PER_CHUNK = 1000


class Workbook:
    """An .xlsx file written sheet by sheet, row by row (see the module's notes). Use it as
    a context manager: the file is written when the block ends, and an error or a Cancel
    inside it leaves no file under *path* (nor XlsxWriter's temporary files)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True,  # rows leave memory as they are written
            "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False,  # text stays text, even through write()
        })
        self._formats: dict[tuple[CellStyle, str | None], Any] = {}

    def add_sheet(self, title: str) -> Sheet:
        return Sheet(self, self._book.add_worksheet(title))

    def format(self, style: CellStyle, number_format: str | None = None) -> Any:
        """XlsxWriter's format for *style* (and *number_format*), made once; None for none."""
        key = (style, number_format or style.number_format)
        if key not in self._formats:
            props = style.but(number_format=key[1]).properties()
            self._formats[key] = self._book.add_format(props) if props else None
        return self._formats[key]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self._book.close()  # the file: deflated parts, like any Excel file
            except FileCreateError as error:
                # XlsxWriter wraps the OSError (no such folder, a full disk): raise the
                # OSError itself, which callers already turn into one line.
                cause = error.args[0] if error.args else None
                if isinstance(cause, OSError):
                    raise cause from None
                raise
            return
        try:  # closing is XlsxWriter's one way to release its temporary files
            self._book.close()
        except Exception:  # noqa: BLE001 - the first error is the one to report
            pass
        self.path.unlink(missing_ok=True)


class Sheet:
    """One worksheet: set its layout, then ``append`` rows of cells and ``stream`` many rows
    of plain values, in order."""

    def __init__(self, book: Workbook, worksheet: Any):
        self.book = book
        self.ws = worksheet
        self.rows = 0  # rows written so far (the next one is row rows + 1)

    @property
    def title(self) -> str:
        return self.ws.get_name()

    def set_column_widths(self, widths: Sequence[float]) -> None:
        """Column widths in Excel's character units."""
        for index, width in enumerate(widths):
            self.ws.set_column(index, index, width)

    def page_setup(self, *, landscape: bool = False, title_rows: str | None = None,
                   freeze: str | None = None, header_left: str = "", header_right: str = "",
                   footer_left: str = "") -> None:
        """A4, fit to the page width (as many pages down as needed), narrow margins, header
        and footer (page numbers on the right of the footer), repeated title rows ("5:6"),
        frozen panes (the first cell that scrolls, "A2")."""
        ws = self.ws
        ws.set_paper(9)  # A4
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        header = ((f"&L{header_footer_text(header_left)}" if header_left else "")
                  + (f"&R{header_footer_text(header_right)}" if header_right else ""))
        if header:
            ws.set_header(header, {"margin": 0.3})
        footer = (f"&L{header_footer_text(footer_left)}" if footer_left else "") + "&RPage &P of &N"
        ws.set_footer(footer, {"margin": 0.3})
        if title_rows:
            first, last = (int(n) for n in title_rows.split(":"))
            ws.repeat_rows(first - 1, last - 1)
        if freeze:
            ws.freeze_panes(*xl_cell_to_rowcol(freeze))

    def append(self, cells: Sequence[Cell | None]) -> int:
        """Write the next row; returns its number (1-based, as Excel shows it)."""
        row = self.rows
        for col, item in enumerate(cells):
            if item is not None:
                self._write(row, col, item.value, self.book.format(item.style, item.number_format))
        self.rows += 1
        return self.rows

    def stream(self, rows: Iterable[Sequence[Any]], *, number_formats: Sequence[str | None] = (),
               on_rows: OnRows | None = None) -> int:
        """Write many rows of plain values after those written so far; returns how many.

        Cells are typed by value: ``str`` → text, ``int``/``float`` → number (NaN and
        infinity are left empty), ``bool``, ``date`` and naive ``datetime`` → real dates,
        ``None`` → no cell. *number_formats* gives a display format per column for numbers
        and dates (dates default to ``dd.mm.yyyy``). *on_rows(n)* is called every
        ``ROWS_PER_CHUNK`` rows: report progress there, or raise to stop.
        """
        formats = [self.book.format(PLAIN, f) if f else None for f in number_formats]
        date_format = self.book.format(PLAIN, DATE_FORMAT)
        write_string, write_number = self.ws.write_string, self.ws.write_number
        write_datetime, isfinite, illegal = self.ws.write_datetime, math.isfinite, _XML_ILLEGAL
        written = pending = 0
        row = self.rows
        for values in rows:
            for col, value in enumerate(values):
                kind = type(value)
                if kind is str:  # the common case first, inline (a million cells at 100k rows)
                    if value:
                        if illegal.search(value) or len(value) > MAX_CELL_CHARS \
                                or value.startswith("<r>"):
                            self._write(row, col, value, None)
                        else:
                            write_string(row, col, value)
                elif value is None:
                    continue
                elif kind is int or kind is float:
                    if isfinite(value):
                        write_number(row, col, value, formats[col] if col < len(formats) else None)
                elif kind is date:
                    write_datetime(row, col, value,
                                   (formats[col] if col < len(formats) else None) or date_format)
                else:
                    self._write(row, col, value, formats[col] if col < len(formats) else None)
            row += 1
            pending += 1
            if pending == ROWS_PER_CHUNK:
                written += pending
                self.rows = row
                if on_rows is not None:
                    on_rows(pending)
                pending = 0
        written += pending
        self.rows = row
        if on_rows is not None and pending:
            on_rows(pending)
        return written

    def _write(self, row: int, col: int, value: Any, fmt: Any) -> None:
        """One cell of any kind we write; anything else is refused."""
        ws = self.ws
        if value is None or value == "":
            if fmt is not None:
                ws.write_blank(row, col, None, fmt)
        elif isinstance(value, str):  # str subclasses too (an enum's value)
            text = clean_text(str(value))
            if text.startswith("<r>") and text.endswith("</r>"):
                # constant_memory writes such text as rich-text XML, unescaped: give it as
                # three runs of plain text instead (escaped; it reads back the same)
                ws.write_rich_string(row, col, text[:1], text[1:2], text[2:],
                                     *([fmt] if fmt else []))
            else:
                ws.write_string(row, col, text, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, int | float):
            if math.isfinite(value):
                ws.write_number(row, col, value, fmt)
        elif isinstance(value, datetime):
            if value.tzinfo is not None:
                raise TypeError("Excel has no time zones: convert the datetime to local time first")
            ws.write_datetime(row, col, value, fmt or self.book.format(PLAIN, DATETIME_FORMAT))
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, fmt or self.book.format(PLAIN, DATE_FORMAT))
        else:
            raise TypeError(f"cannot write a {type(value).__name__} to a cell "
                            f"({xl_rowcol_to_cell(row, col)})")
