"""The workbook's own ZIP, checked before any spreadsheet parser sees it.

report.xlsx is hashed against the signed manifest, but a registered office's key can be
stolen (or the office hand-edits and signs what it likes), so its workbook is hostile
input. python-calamine, which reads the typed sheets, keeps a whole sheet in memory as a
dense grid: one cell at ``XFD1048576`` asks it for 550 GB and aborts the process, and a
sheet that inflates to 400 MB takes 450 MB of memory. So, before it runs:

1. **The ZIP**, through ``zipfile``'s public API (``ZipInfo`` sizes, ``ZipFile.open``):
   at most ``MAX_PARTS`` parts, safe unique names, not encrypted, stored or deflated
   only, each part's declared size within its limit (below) and at most ``MAX_RATIO``:1,
   all parts together at most ``MAX_TOTAL_BYTES``. Every part is then inflated in
   chunks, reading one byte past its declared size: a part that yields more (or fewer)
   bytes than it declares, or fails its CRC-32, is refused — so no parser is ever fed
   more than was checked, and a bomb costs at most its declared size in time, never in
   memory.
2. **The XML**, while it streams: a document type declaration (``<!DOCTYPE``,
   ``<!ENTITY``: entity expansion, external entities) is refused anywhere. In every part
   calamine could read as a sheet (under ``xl/worksheets/`` and its two siblings: its own
   rule) a formula is refused too (``<f>``: the office never writes one; the cached value
   next to it would be stored as if typed), as is a cell element with a namespace prefix;
   every cell must start with its reference (``<c r="B7"``, as every writer puts it) and
   lie inside its sheet's bounds. Three regular-expression passes over the sheets: about
   2 ms of CPU for a demo office's workbook, a tenth of its import (``bench/hq_bomb.py``
   prints the figure).
3. **The bounds come from what the office signed.** ``xl/workbook.xml`` and its
   relationships say which part holds which sheet. A typed sheet may have the header
   row plus the rows the manifest's ``counts`` give for it (``ROW_SLACK`` more, so that
   a miscount is reported by ``hq.validate`` with both numbers) and no column past its
   last code; its XML may be ``SHEET_MARKUP`` plus, per signed row, the largest row the
   office's forms can produce (``row_allowance``). Every other sheet (Summary, About)
   stays within ``OTHER_ROWS`` x ``OTHER_COLUMNS``. Signed counts adding up to more than
   ``MAX_ROWS`` are refused outright.

The derived limits never refuse a workbook FieldDesk could have written; the absolute
ones (``MAX_ROWS``, ``MAX_TOTAL_BYTES``, ``MAX_REPORT_BYTES``) keep an import under
100 MB of memory whatever the bundle holds (``bench/hq_bomb.py`` measures both).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter

from defusedxml.ElementTree import fromstring

from desktop_app.bundle import sheets as sh
from desktop_app.bundle.archive import REPORT_NAME
from desktop_app.domain.validation import LONG_TEXT, SHORT_TEXT
from desktop_app.errors import BundleError

KiB, MiB = 1 << 10, 1 << 20

MAX_PARTS = 64  # FieldDesk writes 16
MAX_RATIO = 200  # real sheets inflate 3-10x (random ids); a bomb 1000x
MAX_ROWS = 30_000  # rows the typed sheets may sign in all (a big office: under 10,000)
MAX_TOTAL_BYTES = 16 * MiB  # every part, inflated (a big office: about 4 MiB)
MAX_REPORT_BYTES = 8 * MiB  # report.xlsx itself, as it sits in the bundle
MAX_OTHER_PART = 2 * MiB  # styles, theme, workbook, rels, Summary, About... (all < 30 KB)
MAX_SHARED_STRINGS = 4 * MiB  # FieldDesk writes none (inline strings); calamine holds them all
OTHER_ROWS, OTHER_COLUMNS = 5_000, 26  # Summary and About: ~100 rows, 7 columns

SHEET_MARKUP = 64 * KiB  # a typed sheet's views, columns, page set-up and header row
ROW_SLACK = 16
CELL_MARKUP = 128  # <c r="XFD1048576" s="65535" t="inlineStr"><is><t xml:space="preserve">…
BYTES_PER_CHAR = 6  # UTF-8 (Hindi: 3 bytes) or an escape such as &quot;
NUMBER_CHARS = 32

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SHEET_FOLDERS = ("worksheets", "chartsheets", "dialogsheets")  # calamine reads no other
_SHARED_STRINGS = "xl/sharedStrings.xml"
_UNSAFE_CHAR = re.compile(r"[\x00-\x1f\\]")  # control characters, backslashes
_CHUNK = MiB
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA = re.compile(rb"<f[\s/>]")
# A cell-level element with a namespace prefix (calamine ignores prefixes: <x:c> is a cell
# to it). Searched from the colon, which is fast; a hit in text ("Note:c ") is let go.
_PREFIXED = re.compile(rb":(?:c|f|v|is|row)[\s/>]")
_TAG_NAME = re.compile(rb"<[A-Za-z_][\w.-]*")
# Every cell start: (letters, digits) when its reference comes first, ('', '') when not.
_CELL = re.compile(rb'<c(?: r="([A-Z]{1,3})([0-9]{1,7})"|[\s/>])')
_NO_REF = (b"", b"")
_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
               struct.error, OverflowError, NotImplementedError, RuntimeError, KeyError)
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _fail(message: str) -> BundleError:
    return BundleError(f"{REPORT_NAME}: {message}")


def _human(n: int) -> str:
    return f"{n / MiB:,.1f} MiB" if n >= MiB else f"{n:,} bytes"


def row_allowance(spec: sh.SheetSpec) -> int:
    """The most XML one row of *spec* can take, as the office's forms allow it.

    Forms cap free text at ``SHORT_TEXT`` characters, and at ``LONG_TEXT`` for at most
    two fields of a record (remarks, a description, a location); counted here as two long
    fields plus every text column at the short limit, 6 bytes a character, and
    ``CELL_MARKUP`` for every cell.
    """
    texts = sum(1 for c in spec.columns if c.kind == sh.TEXT)
    chars = 2 * LONG_TEXT + texts * SHORT_TEXT + (len(spec.columns) - texts) * NUMBER_CHARS
    return len(spec.columns) * CELL_MARKUP + chars * BYTES_PER_CHAR


@dataclass(frozen=True)
class SheetBounds:
    """What one worksheet part may hold: rows, columns and inflated bytes."""

    label: str  # "sheet progress" or "part 'xl/worksheets/sheet9.xml'"
    rows: int
    columns: int
    max_bytes: int
    spec: sh.SheetSpec | None = None
    signed: int | None = None  # the rows the office signed (typed sheets)

    def column_name(self, index: int) -> str:
        if self.spec is not None and index < len(self.spec.columns):
            return f"{_letters(index)} ({self.spec.columns[index].code})"
        return _letters(index)


def typed_bounds(counts: Mapping[str, int]) -> dict[str, SheetBounds]:
    """Each typed sheet's bounds from the rows the office signed; refuses absurd counts."""
    missing = [spec.name for spec in sh.SHEETS if spec.name not in counts]
    if missing:  # every FieldDesk version signs them
        raise _fail(f"the manifest does not sign how many rows sheet {missing[0]} has")
    total = sum(counts[spec.name] for spec in sh.SHEETS)
    if total > MAX_ROWS:
        raise _fail(f"the manifest signs {total:,} rows; headquarters takes at most "
                    f"{MAX_ROWS:,} rows in a bundle")
    return {spec.name: SheetBounds(
        f"sheet {spec.name}", rows=counts[spec.name] + 1 + ROW_SLACK, columns=len(spec.columns),
        max_bytes=SHEET_MARKUP + counts[spec.name] * row_allowance(spec), spec=spec,
        signed=counts[spec.name]) for spec in sh.SHEETS}


def check_report_size(size: int) -> None:
    """Refuse a report.xlsx too big to hold in memory, before it is read."""
    if size > MAX_REPORT_BYTES:
        raise _fail(f"{_human(size)}, more than the {_human(MAX_REPORT_BYTES)} headquarters "
                    "reads")


# --- the package ---------------------------------------------------------------------------


def check_package(data: bytes, counts: Mapping[str, int]) -> None:
    """Refuse a workbook ZIP that is malformed, too big, or not what the office signed.

    *counts* is the manifest's ``counts`` (rows per typed sheet). BundleError, one line.
    """
    check_report_size(len(data))
    bounds = typed_bounds(counts)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_entries(infos)
            sheets = _sheet_parts(zf, bounds)
            _check_sizes(infos, sheets)
            for info in infos:
                _check_part(zf, info, sheets.get(info.orig_filename))
    except BundleError:
        raise
    except _ZIP_ERRORS as exc:
        raise _fail(f"not a readable workbook (damaged ZIP: {_one_line(exc)})") from None


def _check_entries(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise _fail(f"{len(infos):,} parts, at most {MAX_PARTS} allowed")
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename
        if (not name or name.startswith("/") or ".." in name.split("/")
                or _UNSAFE_CHAR.search(name)):
            raise _fail(f"part {name!r} has an unsafe name")
        if name.casefold() in seen:
            raise _fail(f"part {name!r} appears twice")
        seen.add(name.casefold())
        if info.flag_bits & 0x1:
            raise _fail(f"part {name!r} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(f"part {name!r} uses compression method {info.compress_type}")
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise _fail(f"stored part {name!r} declares {info.compress_size:,} bytes packed but "
                        f"{info.file_size:,} unpacked")


def _check_sizes(infos: list[zipfile.ZipInfo], sheets: dict[str, SheetBounds]) -> None:
    """Declared sizes only (nothing inflated yet): each part's limit, its ratio, the total."""
    total = 0
    for info in infos:
        _check_declared(info, sheets.get(info.orig_filename))
        if info.file_size > MiB and info.file_size > MAX_RATIO * info.compress_size:
            raise _fail(f"part {info.orig_filename!r} inflates "
                        f"{info.file_size // max(info.compress_size, 1):,}:1, at most "
                        f"{MAX_RATIO}:1 allowed")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _fail(f"the parts inflate to {_human(total)}, more than the "
                    f"{_human(MAX_TOTAL_BYTES)} headquarters reads")


def _check_declared(info: zipfile.ZipInfo, sheet: SheetBounds | None) -> None:
    limit = sheet.max_bytes if sheet is not None else (
        MAX_SHARED_STRINGS if info.orig_filename == _SHARED_STRINGS else MAX_OTHER_PART)
    if info.file_size <= limit:
        return
    if sheet is not None and sheet.signed is not None:
        raise _fail(f"{sheet.label} inflates to {_human(info.file_size)}, more than its "
                    f"{sheet.signed:,} signed rows can take ({_human(limit)})")
    raise _fail(f"part {info.orig_filename!r} inflates to {_human(info.file_size)}, more than "
                f"{_human(limit)}")


def _is_sheet(name: str) -> bool:
    """Whether calamine could read part *name* as a sheet (its own rule: the folder)."""
    folders = name.split("/")
    return len(folders) > 2 and folders[1] in _SHEET_FOLDERS


def _sheet_parts(zf: zipfile.ZipFile, bounds: dict[str, SheetBounds]) -> dict[str, SheetBounds]:
    """Part name -> bounds, for every sheet ``xl/workbook.xml`` names, found as calamine
    finds it: the sheet's relationship id, its target (``/xl/…``, ``xl/…`` or under ``xl/``)."""

    book = fromstring(_read_small(zf, "xl/workbook.xml"), forbid_dtd=True)
    rels = fromstring(_read_small(zf, "xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_NS}Relationship")}
    out: dict[str, SheetBounds] = {}
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        name, target = sheet.get("name", ""), targets.get(sheet.get(f"{_REL_NS}id"), "")
        if not target:
            continue
        part = (target[1:] if target.startswith("/xl/") else
                target if target.startswith("xl/") else f"xl/{target}")
        typed = bounds.get(name)
        out[part] = typed if typed is not None else SheetBounds(
            f"sheet {name}", OTHER_ROWS, OTHER_COLUMNS, MAX_OTHER_PART)
    return out


def _read_small(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise _fail(f"not a readable workbook ({name} is missing)") from None
    _check_declared(info, None)
    return b"".join(_inflate(zf, info))


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in chunks, never more than declared + 1 read (then refused)."""
    declared = info.file_size
    info.file_size = declared + 1  # the stream is opened to read one byte past the size...
    try:
        stream = zf.open(info)
    finally:
        info.file_size = declared  # ...which it took at opening
    size = 0
    with stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > info.file_size:
                raise _fail(f"part {info.orig_filename!r} inflates to more than its declared "
                            f"{info.file_size:,} bytes")
            yield chunk
    if size != info.file_size:
        raise _fail(f"part {info.orig_filename!r} inflates to {size:,} bytes, declared "
                    f"{info.file_size:,}")


def _check_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: SheetBounds | None) -> None:
    """Inflate one part; scan its XML: the cells too in a part calamine could read as a
    sheet (bounds from *sheet*, or the generic ones)."""
    name = info.orig_filename
    try:
        if not name.endswith(_XML_SUFFIXES):
            for _chunk in _inflate(zf, info):
                pass
            return
        if sheet is None and _is_sheet(name):
            sheet = SheetBounds(f"part {name!r}", OTHER_ROWS, OTHER_COLUMNS, MAX_OTHER_PART)
        scan = _CellScan(name, sheet)
        carry = b""
        for chunk in _inflate(zf, info):
            carry = scan.feed(carry + chunk)
        scan.feed(carry, final=True)
    except zipfile.BadZipFile as exc:
        raise _fail(f"part {name!r} is damaged or longer than declared "
                    f"({_one_line(exc)})") from None
    except (zlib.error, EOFError):
        raise _fail(f"part {name!r} is damaged (bad deflate data)") from None


class _CellScan:
    """Checks XML text as it streams, window by window: a DTD anywhere; in a sheet also
    formulas, prefixed cell elements and every cell's reference against the bounds.

    A window is cut just before its last ``<``: no tag (and so no match) spans two
    windows, because ``<`` never appears inside a tag or text unescaped.
    """

    def __init__(self, part: str, bounds: SheetBounds | None):
        self.part = part
        self.bounds = bounds
        self.last_ref = "A1"

    def feed(self, window: bytes, *, final: bool = False) -> bytes:
        """Scan *window* up to its last ``<`` (all of it if *final*); return the rest."""
        cut = len(window) if final else window.rfind(b"<")
        if cut <= 0:
            return b"" if cut < 0 else window
        text, rest = window[:cut], window[cut:]
        if b"<!" in text and _DTD.search(text):
            self._dtd()
        if self.bounds is None:
            return rest
        formula = _FORMULA.search(text)
        if formula is not None:
            self._formula(text, formula.start())
        for hit in _PREFIXED.finditer(text):
            self._prefixed(text, hit)
        cells = _CELL.findall(text)
        if cells:
            if _NO_REF in cells:
                raise _fail(f"{self.bounds.label}: a cell without its reference (r=\"A1\") "
                            "first; the office's workbooks always write it")
            self._in_bounds(cells)
            self.last_ref = (cells[-1][0] + cells[-1][1]).decode()
        return rest

    def _dtd(self) -> None:
        raise _fail(f"part {self.part!r} has a document type declaration (DTD); workbooks "
                    "with DTDs or entities are refused")

    def _prefixed(self, text: bytes, hit: re.Match) -> None:
        tag = _TAG_NAME.match(text, text.rfind(b"<", 0, hit.start()))
        if tag is not None and tag.end() == hit.start():  # <x:c …>: inside a tag name
            name = text[tag.start() + 1:hit.end() - 1].decode("ascii", "replace")
            if name.endswith(":f"):
                self._formula(text, tag.start())
            raise _fail(f"{self.bounds.label}: element <{name}> where the office writes "
                        "plain cells")

    def _formula(self, text: bytes, at: int) -> None:
        found = _REF.match(text, max(0, text.rfind(b'<c r="', 0, at)))
        ref = (found[1] + found[2]).decode() if found else self.last_ref
        letters = ref.rstrip("0123456789")
        raise _fail(f"{self.bounds.label}, row {ref[len(letters):]}, column "
                    f"{self.bounds.column_name(_column_index(letters))}: a formula; the office "
                    "never writes formulas, so a workbook with one is refused")

    def _in_bounds(self, cells: list[tuple[bytes, bytes]]) -> None:
        widest = max(_column_index(c.decode()) for c in set(map(itemgetter(0), cells)))
        if widest >= self.bounds.columns:
            raise _fail(f"{self.bounds.label}: a cell in column {_letters(widest)}, the sheet "
                        f"has {self.bounds.columns} columns")
        lowest = max(map(int, map(itemgetter(1), cells)))
        if lowest > self.bounds.rows:
            signed = (f"the office signed {self.bounds.signed:,} rows"
                      if self.bounds.signed is not None else
                      f"at most {self.bounds.rows:,} rows allowed")
            raise _fail(f"{self.bounds.label}: a cell in row {lowest:,}, {signed}")


def _column_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
