"""The consolidated workbook: every office side by side, with totals, flags and the import log.

Per campaign template (one pair of sheets each; with several, the sheet names start ``C1``,
``C2``… and the About sheet says which is which):

* **Summary** — what a ministry prints: the ministries' table for all the offices together
  (Category | श्रेणी | Target | Achievement | % of target, one block per indicator group:
  ``reports.indicator_table``, the very table of the office's own report.xlsx), then the
  offices (reporting, stale, missing photos, on an older version) and the registers (scrap
  entries, revenue, space freed, sites, events, participants, photos missing). One page.
* **Offices** — one row per office: code, name; target, achievement and % for every
  indicator; scrap revenue, space freed, sites completed, events, participants; photos
  missing; last bundle date and seq; the campaign version it reports against; flags
  (stale, photos missing, gaps in the chain, an older version than published last).
  The totals row sits right under the header and is frozen with it (and repeated on every
  printed page), so it stays in view over thousands of offices; landscape, fit to width,
  the office columns frozen. Office rows are streamed (``Sheet.stream``): memory stays flat
  over any number of offices. Every office's figures are written once: an earlier sheet
  per indicator group repeated them, doubling the cells (and the time) for nothing
  Excel's own column filter and hiding do not give (``docs/decisions/0023``).

Then **Import log** (every attempt, newest first, streamed; past a million, the newest
million and a row counting the rest) and **About** (when, the
stale limit, the campaigns, the offices that never sent a bundle, what the flags mean).

All cells come from ``workbook_writer``, shared with the office's report.xlsx: Indian
number formats (Rs. 6,91,389; 12,34,567), real dates, text that never becomes a formula,
A4 print setup. Written under a temporary name and renamed: a crash never leaves half a
workbook under the real name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from desktop_app import workbook_writer as xl
from desktop_app.domain.choices import Unit
from desktop_app.domain.i18n import plural
from desktop_app.domain.models import Indicator
from desktop_app.errors import FieldDeskError
from desktop_app.hq import gc_pause
from desktop_app.hq.consolidate import (
    DEFAULT_STALE_DAYS,
    CampaignSection,
    Consolidation,
    Figure,
    consolidate,
    import_log,
)
from desktop_app.hq.report_summary import HEADER_ROW, summary_sheet, title_block
from desktop_app.hq.reuse import SCOPE_TEXT, ReuseFlag, flags_on
from desktop_app.hq.store import totals

DASH = "–"
_TOTAL_RIGHT = xl.TOTAL.but(align="right")
SUMMARY_SHEET = "Summary"
OFFICES_SHEET = "Offices"
LOG_SHEET = "Import log"
REUSE_SHEET = "Photo reuse"
ABOUT_SHEET = "About"
LOG_ROWS_MAX = 1_000_000  # the newest attempts on the Import log sheet (it ends at 1,048,576 rows)


@dataclass(frozen=True)
class ReportResult:
    path: Path
    offices: int
    sections: int
    log_rows: int
    reuse_rows: int = 0


def write_report(hq: Any, out: Path, *, stale_days: int = DEFAULT_STALE_DAYS,
                 now: datetime | None = None,
                 on_rows: Callable[[int], None] | None = None,
                 campaign: str | None = None) -> ReportResult:
    """Write the consolidated workbook of *hq* (an open ``HQ``) to *out* (replacing it),
    every figure read at one moment; *campaign*: that campaign id only. See the module
    docstring. Python's cycle collector is paused meanwhile (``gc_pause``: a tenth of the
    time at 10,000 offices)."""
    out = Path(out)
    if out.is_dir():
        raise FieldDeskError(f"{out}: is a folder; give a file name such as consolidated.xlsx")
    with gc_pause.paused(), hq.store.snapshot() as conn:
        return _write(conn, out, stale_days, now, on_rows, campaign)


def _write(conn: Connection, out: Path, stale_days: int, now: datetime | None,
           on_rows: Callable[[int], None] | None, campaign: str | None = None) -> ReportResult:
    data = consolidate(conn, stale_days=stale_days, now=now, campaign=campaign)
    prefixes = _prefixes(data)
    tmp = out.with_name(f".{out.name}.partial")
    tmp.unlink(missing_ok=True)
    try:
        with xl.Workbook(tmp) as book:
            for section, prefix in zip(data.sections, prefixes):
                summary_sheet(book.add_sheet(f"{prefix}{SUMMARY_SHEET}"), section, data)
                _offices_sheet(book.add_sheet(f"{prefix}{OFFICES_SHEET}"), section, data)
            reuse_rows = _reuse_sheet(book.add_sheet(REUSE_SHEET), flags_on(conn))
            log = book.add_sheet(LOG_SHEET)
            _log_header(log)
            log_rows = log.stream(_log_rows(conn), on_rows=on_rows)
            _log_left_out(log, conn, log_rows)
            _about_sheet(book.add_sheet(ABOUT_SHEET), data, prefixes)
        os.replace(tmp, out)
    except OSError as exc:
        raise FieldDeskError(f"{out}: cannot write the workbook ({exc.strerror})") from None
    finally:
        tmp.unlink(missing_ok=True)
    return ReportResult(path=out, offices=sum(len(s.offices) for s in data.sections),
                        sections=len(data.sections), log_rows=log_rows, reuse_rows=reuse_rows)


def _prefixes(data: Consolidation) -> list[str]:
    if len(data.sections) <= 1:
        return [""] * len(data.sections)
    return [f"C{i} " for i in range(1, len(data.sections) + 1)]


# --- tables: office rows streamed, the totals row on top -----------------------------------------

TEXT, COUNT, MONEY, PERCENT, DATE = "text", "count", "money", "percent", "date"


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    kind: str
    value: Callable[[Any], Any]  # office row (or totals) -> text, number (paise for money), …


def _figure_columns(indicators: tuple[Indicator, ...]) -> list[_Column]:
    columns = []
    for ind in indicators:
        unit = " (Rs.)" if ind.unit is Unit.INR else (" (sq ft)" if ind.unit is Unit.SQFT else "")
        title, kind = f"{ind.title.en}{unit}", MONEY if ind.unit is Unit.INR else COUNT
        code = ind.code
        if ind.has_target:
            columns.append(_Column(f"{title}\nTarget", 14, kind,
                                   lambda o, c=code: o.figure(c).target))
        columns.append(_Column(f"{title}\nAchievement", 14, kind,
                               lambda o, c=code: o.figure(c).achieved))
        if ind.has_target:
            columns.append(_Column(f"{title}\n% of target", 10, PERCENT,
                                   lambda o, c=code: _fraction(o.figure(c))))
    return columns


def _fraction(figure: Figure) -> float | None:
    pct = figure.percent
    return None if pct is None else pct / 100


_NAME_COLUMNS = [_Column("Office code", 16, TEXT, lambda o: o.office_code),
                 _Column("Office name", 34, TEXT, lambda o: o.office_name)]
_PLACE_COLUMNS = [_Column("State", 14, TEXT, lambda o: o.state),
                  _Column("District", 14, TEXT, lambda o: o.district)]

_REGISTER_COLUMNS = [
    _Column("Scrap revenue (Rs.)", 16, MONEY, lambda o: o.scrap_revenue_paise),
    _Column("Space freed (sq ft)", 12, COUNT, lambda o: o.space_freed_sqft),
    _Column("Sites completed", 10, COUNT, lambda o: o.sites_completed),
    _Column("Events", 9, COUNT, lambda o: o.events),
    _Column("Participants", 12, COUNT, lambda o: o.participants),
    _Column("Photos missing", 9, COUNT, lambda o: o.photos_missing),
]
_BUNDLE_COLUMNS = [
    _Column("Last bundle", 12, DATE, lambda o: o.last_bundle_date),
    _Column("Seq", 6, TEXT, lambda o: f"{o.seq}" if o.parts == 1
            else f"{o.seq} ({o.part}/{o.parts})"),
    _Column("Campaign version", 14, TEXT, lambda o: o.version.label if o.version else ""),
    _Column("Flags", 40, TEXT, lambda o: "; ".join(o.flags)),
]


def _table(sheet: xl.Sheet, section: CampaignSection, data: Consolidation, what: str,
           columns: list[_Column], totals_values: list[Any]) -> None:
    """Title block, header, the bold totals row (frozen with the header), then one streamed
    row per office."""
    campaign = section.campaign
    as_on = data.as_on.astimezone()
    sheet.set_column_widths([c.width for c in columns])
    sheet.page_setup(landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW + 1}",
                     freeze=f"C{HEADER_ROW + 2}",
                     header_left=f"{campaign.title.en} — {what}",
                     header_right=f"As on {as_on:%d.%m.%Y %H:%M}",
                     footer_left="FieldDesk headquarters: consolidated from signed office bundles")
    title_block(sheet, section, data, what)
    sheet.append([xl.text_cell(c.header, xl.HEADER) for c in columns])
    sheet.append([_total_cell(c, v) for c, v in zip(columns, totals_values)])
    formats = [_format(c, section) for c in columns]
    sheet.stream(([_stream_value(c, c.value(o)) for c in columns] for o in section.offices),
                 number_formats=formats)


def _format(column: _Column, section: CampaignSection) -> str | None:
    if column.kind == COUNT:
        return xl.COUNT_FORMAT
    if column.kind == PERCENT:
        return xl.PERCENT_FORMAT
    if column.kind == DATE:
        return xl.DATE_FORMAT
    if column.kind == MONEY:  # paise shown only if some office has paise in this column
        values = (column.value(o) for o in section.offices)
        return (xl.RUPEES_PAISE_FORMAT if any(v and v % 100 for v in values)
                else xl.RUPEES_FORMAT)
    return None


def _stream_value(column: _Column, value: Any) -> Any:
    if value is None:
        return DASH if column.kind in (COUNT, MONEY, PERCENT) else None
    if column.kind == MONEY:
        return xl.rupees(value)[0]
    return value


def _total_cell(column: _Column, value: Any) -> xl.Cell:
    if value is None or column.kind == TEXT:
        if column.kind in (COUNT, MONEY, PERCENT):
            return xl.text_cell(DASH, _TOTAL_RIGHT)
        return xl.text_cell(value, xl.TOTAL)
    if column.kind == MONEY:
        return xl.rupees_cell(value, xl.TOTAL)
    if column.kind == PERCENT:
        return xl.percent_cell(value, xl.TOTAL)
    if column.kind == DATE:
        return xl.date_cell(value, xl.TOTAL)
    return xl.number_cell(value, style=xl.TOTAL)


def _offices_sheet(sheet: xl.Sheet, section: CampaignSection, data: Consolidation) -> None:
    figures = _figure_columns(section.campaign.indicators)
    columns = _NAME_COLUMNS + _PLACE_COLUMNS + figures + _REGISTER_COLUMNS + _BUNDLE_COLUMNS
    totals = section.totals
    flags = []
    if totals.stale_offices:
        flags.append(f"{totals.stale_offices} stale")
    if totals.offices_missing_photos:
        flags.append(f"{totals.offices_missing_photos} missing photos")
    if totals.older_version_offices:
        flags.append(f"{totals.older_version_offices} on an older version")
    values = (["Total", str(plural("{n} office", "{n} offices", totals.offices)), None, None] + [c.value(totals) for c in figures]
              + [c.value(totals) for c in _REGISTER_COLUMNS] + [None, None, None,
                                                                "; ".join(flags)])
    _table(sheet, section, data, "all offices", columns, values)


# --- Photo reuse (hq.reuse) ----------------------------------------------------------------

_SIDE = (("Office", 12), ("Campaign", 16), ("Register", 8), ("Record", 26), ("Role", 7),
         ("Taken on", 11), ("Photo SHA-256", 22))
_REUSE_COLUMNS = (("Reused for", 22), ("Distance (of 64 bits)", 10),
                  ("Distance (of 256 bits)", 10), *_SIDE, *(("Other: " + n, w) for n, w in _SIDE))


def _reuse_sheet(sheet: xl.Sheet, flags: list[ReuseFlag]) -> int:
    """One row per pair of uses of the same picture, both sides, nearest first per photo."""
    sheet.set_column_widths([w for _, w in _REUSE_COLUMNS])
    sheet.page_setup(landscape=True, title_rows="1:1", freeze="D2",
                     header_left="Photo reuse: the same picture as evidence twice",
                     header_right="distance 0: the same picture")

    def side(s: Any) -> list[Any]:
        return [s.office_code, s.campaign_id, s.record_kind, s.record_id, s.role, s.date,
                s.photo_sha256]

    sheet.append([xl.text_cell(name, xl.HEADER) for name, _ in _REUSE_COLUMNS])
    return sheet.stream([SCOPE_TEXT[f.scope], f.distance, f.full_distance, *side(f.this),
                         *side(f.other)] for f in flags)


# --- Import log and About -------------------------------------------------------------------

_LOG_COLUMNS = (("Time (UTC)", 17), ("Result", 10), ("File", 44), ("Office", 16),
                ("Campaign", 22), ("Seq", 6), ("Reason", 60), ("Flags", 30),
                ("Bytes", 12), ("Bundle SHA-256", 66), ("Source", 8))


def _log_header(sheet: xl.Sheet) -> None:
    sheet.set_column_widths([w for _, w in _LOG_COLUMNS])
    sheet.page_setup(landscape=True, title_rows="1:1", freeze="A2",
                     header_left="Import log: every bundle headquarters was given",
                     header_right="newest first")
    sheet.append([xl.text_cell(name, xl.HEADER) for name, _ in _LOG_COLUMNS])


def _log_rows(conn: Connection) -> Iterator[list[Any]]:
    for entry in import_log(conn, limit=LOG_ROWS_MAX):
        yield [entry.at.replace(tzinfo=None), entry.result, entry.file_name, entry.office_code,
               entry.campaign_id, entry.seq, entry.reason, entry.flags, entry.bytes,
               entry.bundle_sha256, entry.source]


def _log_left_out(sheet: xl.Sheet, conn: Connection, written: int) -> None:
    """Past LOG_ROWS_MAX attempts, a last row says how many older ones the sheet leaves out
    (a sheet ends at 1,048,576 rows, and XlsxWriter drops what is past the end silently)."""
    if written < LOG_ROWS_MAX:
        return
    left = totals.log_count(conn) - written
    if left > 0:
        sheet.append([xl.text_cell(str(plural(
            "… and {n} older attempt: `fielddesk hq log` lists every one",
            "… and {n} older attempts: `fielddesk hq log` lists every one", left)), xl.NOTE)])


def _about_sheet(sheet: xl.Sheet, data: Consolidation, prefixes: list[str]) -> None:
    sheet.set_column_widths([26, 60, 40])
    sheet.page_setup(header_left="Consolidated report: about")

    def row(*values: Any, style: xl.CellStyle = xl.PLAIN) -> None:
        sheet.append([xl.cell(v, style) for v in values])

    as_on = data.as_on.astimezone()
    row("Consolidated report", style=xl.TITLE)
    row("Made by FieldDesk headquarters from the latest accepted bundle of each office. "
        "Every bundle was verified against the office's registered key before import.",
        style=xl.NOTE)
    row()
    row("As on", f"{as_on:%d.%m.%Y %H:%M}")
    row("Stale after", f"{data.stale_days} days without a new bundle")
    row()
    row("Sheets", "Campaign", "Template SHA-256", style=xl.HEADER)
    for section, prefix in zip(data.sections, prefixes):
        c = section.campaign
        version = f" {section.version.label}" if section.version else ""
        row(f"{prefix}{OFFICES_SHEET} …", f"{c.title.en} ({c.campaign_id}){version}, "
            f"{len(section.offices)} offices", c.template_sha256)
    row()
    row("Flag", "Meaning", style=xl.HEADER)
    row("stale", f"The office's last accepted bundle was made more than {data.stale_days} days "
        "ago.")
    row("photos missing", "The office's data refers to photos headquarters never received "
        "(a bundle that carried them never arrived, or the office left them out).")
    row("Photo reuse", "The same picture (the same file, or a re-encoded, shrunk or framed "
        "copy) sent as evidence by another office, for another record of the same office, or "
        "as a site's after photo that is its own before. Distance: bits of the photos' "
        "perceptual hashes that differ (0: alike to the hash). A flag is for a person to look at.")
    row("gap", "Bundles between the last accepted one and this one never arrived; the data "
        "is complete (every bundle carries all of it), photos may be missing.")
    row("older version", "The office reports against an earlier version of the campaign than "
        "headquarters published last: it has not imported the newer one yet.")
    row()
    row("Registered offices with no bundle yet", style=xl.HEADER)
    if not data.silent_offices:
        row("(none)")
    for office in data.silent_offices:
        row(office.office_code, f"registered {office.registered_at[:10]}, key {office.key_status}")
