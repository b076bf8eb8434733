"""A campaign defined in a workbook, as ODK's XLSForm lets programme staff define a form in Excel.

Headquarters staff fill ``CAMPAIGN.xlsx`` (start from ``fielddesk hq campaign template``):

* sheet **settings**: one row per setting, its name in column A and its value in column B —
  ``id``, ``version``, ``title_en``, ``title_hi``, and for each phase (``preparatory``,
  ``implementation``) its ``_title_en``, ``_title_hi``, ``_start`` and ``_end``;
* sheet **indicators**: a header row of column names (any order), then one row per
  indicator: ``code``, ``group``, ``label_en``, ``label_hi``, ``unit``, ``kind`` (``entered``:
  counted here, typed daily; or computed from a register: ``scrap_revenue``,
  ``scrap_space``, ``sites_completed``, ``events_held``, ``event_participants``),
  ``has_target`` (yes/no), ``phase`` (empty: any day), ``daily_max``, ``unusual_above``;
* any other sheet (the template's **lists** of allowed values) is not read.

``read_campaign_workbook`` returns the campaign template (the JSON data of
``domain.templates``) or raises ``CampaignBuildError`` listing **every** mistake with its
sheet, row and column. The workbook comes from a person, so it is read defensively: at
most 10 MiB, its ZIP's declared sizes and compression checked before any XML is parsed,
openpyxl in read-only mode (defusedxml: no DTD or entity expansion), a bounded number of
rows and columns read, whatever the sheet claims.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorGroup, IndicatorSource, Unit
from desktop_app.domain.templates import MAX_VERSION, PHASE_CODES, TEMPLATE_FORMAT, parse_template
from desktop_app.errors import FieldDeskError, TemplateError

SETTINGS, INDICATORS, LISTS = "settings", "indicators", "lists"
PHASE_FIELDS = ("title_en", "title_hi", "start", "end")
SETTING_NAMES = ("id", "version", "title_en", "title_hi",
                 *(f"{p}_{f}" for p in PHASE_CODES for f in PHASE_FIELDS))
COLUMNS = ("code", "group", "label_en", "label_hi", "unit", "kind", "has_target", "phase",
           "daily_max", "unusual_above")
REQUIRED_COLUMNS = ("code", "group", "label_en", "label_hi", "unit", "kind", "has_target")
UNIT_WORDS = {"count": Unit.COUNT, "number": Unit.COUNT, "nos": Unit.COUNT, "inr": Unit.INR,
              "rs": Unit.INR, "rs.": Unit.INR, "rupees": Unit.INR, "sqft": Unit.SQFT,
              "sq ft": Unit.SQFT, "sq. ft.": Unit.SQFT}
KIND_UNITS = {IndicatorSource.SCRAP_REVENUE: Unit.INR, IndicatorSource.SCRAP_SPACE: Unit.SQFT,
              IndicatorSource.SITES_COMPLETED: Unit.COUNT, IndicatorSource.EVENTS_HELD: Unit.COUNT,
              IndicatorSource.EVENT_PARTICIPANTS: Unit.COUNT}
YES, NO = ("yes", "y", "true", "1", "हाँ"), ("no", "n", "false", "0", "नहीं")

MAX_FILE_BYTES = 10 << 20
MAX_INFLATED_BYTES = 64 << 20
MAX_PARTS = 200
MAX_RATIO = 200
MAX_INDICATORS = 2000
MAX_COLUMNS = 40
MAX_SETTINGS_ROWS = 100
MAX_PROBLEMS = 200
_DEVANAGARI = re.compile("[\u0900-\u097f]")


class CampaignBuildError(FieldDeskError):
    """The workbook has mistakes: ``problems`` lists each, naming sheet, row and column."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = source, problems
        noun = "mistake" if len(problems) == 1 else "mistakes"
        super().__init__(f"{source}: {len(problems)} {noun}: " + "; ".join(problems[:3])
                         + (" …" if len(problems) > 3 else ""))


@dataclass
class _Problems:
    items: list[str]

    def add(self, sheet: str, row: int | None, column: int | None, name: str, problem: str) -> None:
        if len(self.items) >= MAX_PROBLEMS:
            return
        where = [sheet]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column_letter(column)} ({name})" if name else
                         f"column {column_letter(column)}")
        self.items.append(f"{', '.join(where)}: {problem}")


def column_letter(n: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def read_campaign_workbook(path: Path) -> dict[str, Any]:
    """The campaign template in the workbook *path*; ``CampaignBuildError`` lists every mistake."""
    path = Path(path)
    _check_package(path)
    from openpyxl import load_workbook  # with defusedxml installed, openpyxl parses through it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CampaignBuildError(path.name, [f"not a readable Excel workbook ({exc.__class__.__name__})"]) from None
    problems = _Problems([])
    try:
        names = set(book.sheetnames)
        for sheet in (SETTINGS, INDICATORS):
            if sheet not in names:
                problems.add(sheet, None, None, "", f"the sheet '{sheet}' is missing")
        if problems.items:
            raise CampaignBuildError(path.name, problems.items)
        settings = _read_settings(book[SETTINGS], problems)
        indicators = _read_indicators(book[INDICATORS], problems)
    finally:
        book.close()
    if problems.items:
        raise CampaignBuildError(path.name, problems.items)
    template = {"format": TEMPLATE_FORMAT, "id": settings["id"], "version": settings["version"],
                "title": {"en": settings["title_en"], "hi": settings["title_hi"]},
                "phases": [{"code": p, "title": {"en": settings[f"{p}_title_en"],
                                                 "hi": settings[f"{p}_title_hi"]},
                            "start": settings[f"{p}_start"].isoformat(),
                            "end": settings[f"{p}_end"].isoformat()} for p in PHASE_CODES],
                "indicators": indicators}
    try:
        parse_template(template, source=path.name)  # the one definition of a good template
    except TemplateError as exc:
        raise CampaignBuildError(path.name, [str(exc)]) from None
    return template


def _check_package(path: Path) -> None:
    """Sizes before parsing: an .xlsx is a ZIP, and one from a person may be anything."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CampaignBuildError(path.name, [f"cannot read it ({exc.strerror})"]) from None
    if size > MAX_FILE_BYTES:
        raise CampaignBuildError(path.name, [f"{size:,} bytes: a campaign workbook is at most "
                                             f"{MAX_FILE_BYTES >> 20} MB"])
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CampaignBuildError(path.name, ["not an Excel workbook (.xlsx)"]) from None
    inflated = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or inflated > MAX_INFLATED_BYTES or any(
            i.file_size > MAX_RATIO * max(i.compress_size, 1024) for i in infos):
        raise CampaignBuildError(path.name, ["the workbook is far larger inside than a campaign "
                                             "needs (too many parts or too much compressed data)"])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_settings(sheet, problems: _Problems) -> dict[str, Any]:
    found: dict[str, tuple[int, Any]] = {}
    for row_number, row in enumerate(sheet.iter_rows(min_row=1, max_row=MAX_SETTINGS_ROWS,
                                                     max_col=2, values_only=True), start=1):
        name = _text(row[0] if row else None).lower()
        if not name or (row_number == 1 and name == "setting"):
            continue
        value = row[1] if len(row) > 1 else None
        if name not in SETTING_NAMES:
            problems.add(SETTINGS, row_number, 1, "setting", f"unknown setting '{name}' (the settings "
                         f"are: {', '.join(SETTING_NAMES)})")
        elif name in found:
            problems.add(SETTINGS, row_number, 1, "setting", f"'{name}' is given twice (first in "
                         f"row {found[name][0]})")
        else:
            found[name] = (row_number, value)
    out: dict[str, Any] = {}
    for name in SETTING_NAMES:
        if name not in found:
            problems.add(SETTINGS, None, None, "", f"the setting '{name}' is missing")
            continue
        row, raw = found[name]
        out[name] = _setting(name, raw, row, problems)
    for phase in PHASE_CODES:
        start, end = out.get(f"{phase}_start"), out.get(f"{phase}_end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problems.add(SETTINGS, found[f"{phase}_end"][0], 2, "value",
                         f"the {phase} phase ends ({end:%d.%m.%Y}) before it starts ({start:%d.%m.%Y})")
    prep_end, impl_start = out.get("preparatory_end"), out.get("implementation_start")
    if isinstance(prep_end, date) and isinstance(impl_start, date) and impl_start <= prep_end:
        problems.add(SETTINGS, found["implementation_start"][0], 2, "value",
                     f"the implementation phase starts ({impl_start:%d.%m.%Y}) before the "
                     f"preparatory phase ends ({prep_end:%d.%m.%Y}): phase dates out of order")
    return out


def _setting(name: str, raw: Any, row: int, problems: _Problems) -> Any:
    def bad(problem: str) -> None:
        problems.add(SETTINGS, row, 2, "value", f"{name}: {problem}")

    if name == "version":
        number = _whole(raw)
        if number is None or not 1 <= number <= MAX_VERSION:
            bad(f"'{_text(raw)}' is not a version number (a whole number from 1)")
        return number
    if name.endswith(("_start", "_end")):
        day = _day(raw)
        if day is None:
            bad(f"'{_text(raw)}' is not a date (a date cell, or text like 2026-10-02 or 02.10.2026)")
        return day
    text = _text(raw)
    if name == "id":
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", text):
            bad(f"'{text}' must be 1 to 40 lower-case letters, digits, hyphens or underscores")
        return text
    _check_label(text, name.endswith("_hi"), lambda p: bad(p))
    return text


def _check_label(text: str, hindi: bool, bad) -> None:
    if not text:
        bad("the Hindi label is missing" if hindi else "the English label is missing")
    elif (msg := validation.check_text(text)) is not None:
        bad(str(msg))
    elif hindi and not _DEVANAGARI.search(text):
        bad(f"'{text}' has no Hindi (Devanagari) letters")


def _whole(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = _text(raw).replace(",", "")
    return int(text) if re.fullmatch(r"\d{1,15}", text) else None


def _day(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _text(raw)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return None


def _read_indicators(sheet, problems: _Problems) -> list[dict[str, Any]]:
    rows = sheet.iter_rows(min_row=1, max_row=MAX_INDICATORS + 2, max_col=MAX_COLUMNS,
                           values_only=True)
    header = next(rows, None) or ()
    columns: dict[str, int] = {}
    for n, cell in enumerate(header, start=1):
        name = _text(cell).lower()
        if not name:
            continue
        if name not in COLUMNS:
            problems.add(INDICATORS, 1, n, name, f"unknown column '{name}' (the columns are: "
                         f"{', '.join(COLUMNS)})")
        elif name in columns:
            problems.add(INDICATORS, 1, n, name, f"the column '{name}' is there twice")
        else:
            columns[name] = n
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            problems.add(INDICATORS, 1, None, "", f"the column '{name}' is missing")
    if any(name not in columns for name in REQUIRED_COLUMNS):
        return []
    out: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for row_number, row in enumerate(rows, start=2):
        values = {name: (row[n - 1] if n - 1 < len(row) else None) for name, n in columns.items()}
        if all(_text(v) == "" for v in values.values()):
            continue
        if row_number > MAX_INDICATORS + 1:
            problems.add(INDICATORS, row_number, None, "", f"more than {MAX_INDICATORS} indicators")
            break
        indicator = _indicator(row_number, values, columns, problems)
        if indicator is None:
            continue
        code = indicator["code"]
        if code in first_row:
            problems.add(INDICATORS, row_number, columns["code"], "code",
                         f"duplicate code '{code}' (first in row {first_row[code]})")
            continue
        first_row[code] = row_number
        out.append(indicator)
    if not out and not problems.items:
        problems.add(INDICATORS, 2, None, "", "no indicators: at least one is needed")
    return out


def _indicator(row: int, values: dict[str, Any], columns: dict[str, int],
               problems: _Problems) -> dict[str, Any] | None:
    start = len(problems.items)

    def bad(name: str, problem: str) -> None:
        problems.add(INDICATORS, row, columns[name], name, problem)

    code = _text(values["code"])
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", code):
        bad("code", f"'{code}' must be 1 to 40 lower-case letters, digits, hyphens or underscores"
            if code else "the code is missing")
    group = _choice(values["group"], {g.value: g for g in IndicatorGroup})
    if group is None:
        bad("group", f"unknown group '{_text(values['group'])}' (use one of: "
            f"{', '.join(g.value for g in IndicatorGroup)})")
    labels = {}
    for name in ("label_en", "label_hi"):
        labels[name] = _text(values[name])
        _check_label(labels[name], name == "label_hi", lambda p, n=name: bad(n, p))
    unit = UNIT_WORDS.get(_text(values["unit"]).lower())
    if unit is None:
        bad("unit", f"unknown unit '{_text(values['unit'])}' (use count, INR or sqft)")
    kind = _choice(values["kind"], {s.value: s for s in IndicatorSource})
    if kind is None:
        bad("kind", f"unknown kind '{_text(values['kind'])}' (entered, or computed from a "
            f"register: {', '.join(s.value for s in IndicatorSource if s is not IndicatorSource.ENTERED)})")
    elif unit is not None and kind in KIND_UNITS and KIND_UNITS[kind] is not unit:
        bad("unit", f"a {kind.value} indicator is counted in {KIND_UNITS[kind].value}, not {unit.value}")
    has_target = _yes_no(values["has_target"])
    if has_target is None:
        bad("has_target", f"'{_text(values['has_target'])}' must be yes or no")
    out: dict[str, Any] = {"code": code, "title": {"en": labels["label_en"], "hi": labels["label_hi"]},
                           "group": group.value if group else "", "unit": unit.value if unit else "",
                           "has_target": has_target, "source": kind.value if kind else ""}
    limits = {}
    for name in ("daily_max", "unusual_above"):
        raw = values.get(name)
        if _text(raw) == "":
            continue
        number = _whole(raw)
        if number is None or number <= 0:
            bad(name, f"'{_text(raw)}' must be a whole number above 0 (or empty: no limit)")
        elif kind is not None and kind is not IndicatorSource.ENTERED:
            bad(name, "limits are for figures typed daily: leave it empty for a computed indicator")
        else:
            limits[name] = number
    if len(limits) == 2 and limits["unusual_above"] >= limits["daily_max"]:
        bad("unusual_above", f"{limits['unusual_above']} must be below daily_max ({limits['daily_max']})")
    out.update(limits)
    phase = _text(values.get("phase")).lower()
    if phase:
        if phase not in PHASE_CODES:
            bad("phase", f"unknown phase '{phase}' (use {' or '.join(PHASE_CODES)}, or leave it "
                "empty for any day of the campaign)")
        elif kind is not None and kind is not IndicatorSource.ENTERED:
            bad("phase", "only an indicator entered daily has a phase: leave it empty")
        else:
            out["phase"] = phase
    return out if len(problems.items) == start else None


def _choice(raw: Any, allowed: dict[str, Any]) -> Any:
    return allowed.get(_text(raw).lower().replace(" ", "_").replace("-", "_")) or allowed.get(_text(raw))


def _yes_no(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    return True if text in YES else False if text in NO else None
