"""The campaign workbook headquarters staff start from: a campaign written out as
``settings``, ``indicators`` and ``lists`` sheets (the layout ``campaigns.workbook`` reads).

``fielddesk hq campaign template --out FILE.xlsx`` writes one filled with a shipped or
published campaign, so staff edit a working example instead of an empty grid; each
column that takes a fixed word has a drop-down list, and the ``lists`` sheet says what
every allowed value means, in English and Hindi. Reading the written workbook back gives
the same campaign (a test holds the two shipped campaigns to that).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from desktop_app.campaigns.workbook import COLUMNS, INDICATORS, LISTS, PHASE_FIELDS, SETTINGS
from desktop_app.domain.choices import LABELS, IndicatorGroup, IndicatorSource, Unit
from desktop_app.domain.models import Campaign
from desktop_app.domain.templates import PHASE_CODES, template_data
from desktop_app.fileio import atomic_write

_SETTING_HELP = {
    "id": "the campaign's code: lower-case letters, digits and hyphens; never changes between versions",
    "version": "1 for a new campaign; one more for each corrected version of the same id",
    "title_en": "the campaign's title in English",
    "title_hi": "the campaign's title in Hindi",
    "title_en_phase": "the {phase} phase's title in English",
    "title_hi_phase": "the {phase} phase's title in Hindi",
    "start": "the first day of the {phase} phase (a date)",
    "end": "the last day of the {phase} phase (a date)",
}
_COLUMN_HELP = {
    "code": "the indicator's code: lower-case letters, digits, _ and -; unique",
    "group": "the report block it is shown in (lists sheet)",
    "label_en": "the label in English",
    "label_hi": "the label in Hindi",
    "unit": "count, INR (money: whole rupees) or sqft",
    "kind": "entered: typed daily at the office; or computed from a register (lists sheet)",
    "has_target": "yes: the office sets a target for it; no: none",
    "phase": "empty: figures on any day; preparatory or implementation: only on that phase's days",
    "daily_max": "more than this in one day is refused (empty: no limit)",
    "unusual_above": "more than this in one day is saved only once the clerk confirms (below daily_max)",
}


def write_campaign_workbook(campaign: Campaign, out: Path) -> Path:
    """Write *campaign* as a campaign workbook to *out* (refused if it exists)."""
    out = Path(out)
    if out.exists():
        from desktop_app.errors import FieldDeskError

        raise FieldDeskError(f"{out}: already exists; not overwritten")
    import io

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    styles = {"head": book.add_format({"bold": True, "bg_color": "#dbeafe", "border": 1}),
              "date": book.add_format({"num_format": "yyyy-mm-dd"}),
              "help": book.add_format({"font_color": "#4b5563", "italic": True})}
    data = template_data(campaign)
    _settings_sheet(book, data, styles)
    _indicators_sheet(book, data, styles)
    _lists_sheet(book, styles)
    book.close()
    atomic_write(out, buffer.getvalue())
    return out


def _settings_sheet(book, data: dict, styles: dict) -> None:
    sheet = book.add_worksheet(SETTINGS)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 2, 80)
    for col, text in enumerate(("setting", "value", "meaning")):
        sheet.write_string(0, col, text, styles["head"])
    rows: list[tuple[str, object, str]] = [
        ("id", data["id"], _SETTING_HELP["id"]),
        ("version", data["version"], _SETTING_HELP["version"]),
        ("title_en", data["title"]["en"], _SETTING_HELP["title_en"]),
        ("title_hi", data["title"]["hi"], _SETTING_HELP["title_hi"]),
    ]
    phases = {p["code"]: p for p in data["phases"]}
    for code in PHASE_CODES:
        phase = phases[code]
        values = {"title_en": phase["title"]["en"], "title_hi": phase["title"]["hi"],
                  "start": date.fromisoformat(phase["start"]), "end": date.fromisoformat(phase["end"])}
        for field in PHASE_FIELDS:
            help_key = field if field in ("start", "end") else f"{field}_phase"
            rows.append((f"{code}_{field}", values[field], _SETTING_HELP[help_key].format(phase=code)))
    for n, (name, value, meaning) in enumerate(rows, start=1):
        sheet.write_string(n, 0, name)
        if isinstance(value, date):
            sheet.write_datetime(n, 1, value, styles["date"])
        elif isinstance(value, int):
            sheet.write_number(n, 1, value)
        else:
            sheet.write_string(n, 1, str(value))
        sheet.write_string(n, 2, meaning, styles["help"])
    sheet.freeze_panes(1, 0)


def _indicators_sheet(book, data: dict, styles: dict) -> None:
    sheet = book.add_worksheet(INDICATORS)
    widths = {"code": 26, "group": 13, "label_en": 40, "label_hi": 40, "unit": 8, "kind": 20,
              "has_target": 11, "phase": 15, "daily_max": 11, "unusual_above": 14}
    for col, name in enumerate(COLUMNS):
        sheet.set_column(col, col, widths[name])
        sheet.write_string(0, col, name, styles["head"])
        sheet.write_comment(0, col, _COLUMN_HELP[name])
    for row, ind in enumerate(data["indicators"], start=1):
        values = {"code": ind["code"], "group": ind["group"], "label_en": ind["title"]["en"],
                  "label_hi": ind["title"]["hi"], "unit": ind["unit"], "kind": ind["source"],
                  "has_target": "yes" if ind["has_target"] else "no", "phase": ind.get("phase", ""),
                  "daily_max": ind.get("daily_max"), "unusual_above": ind.get("unusual_above")}
        for col, name in enumerate(COLUMNS):
            value = values[name]
            if isinstance(value, int):
                sheet.write_number(row, col, value)
            elif value:
                sheet.write_string(row, col, value)
    last = max(len(data["indicators"]), 1) + 500  # room to add rows with the same lists
    lists = {"group": [g.value for g in IndicatorGroup], "unit": [u.value for u in Unit],
             "kind": [s.value for s in IndicatorSource], "has_target": ["yes", "no"],
             "phase": list(PHASE_CODES)}
    for name, allowed in lists.items():
        col = COLUMNS.index(name)
        sheet.data_validation(1, col, last, col, {"validate": "list", "source": allowed,
                                                  "ignore_blank": True})
    sheet.freeze_panes(1, 1)


def _lists_sheet(book, styles: dict) -> None:
    sheet = book.add_worksheet(LISTS)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 22)
    sheet.set_column(2, 3, 44)
    for col, text in enumerate(("column", "value", "meaning", "अर्थ")):
        sheet.write_string(0, col, text, styles["head"])
    row = 1
    for column, values in (("group", list(IndicatorGroup)), ("unit", list(Unit)),
                           ("kind", list(IndicatorSource))):
        for value in values:
            meaning = LABELS[value]
            for col, text in enumerate((column, value.value, meaning.en, meaning.hi)):
                sheet.write_string(row, col, text)
            row += 1
    for column, value, en, hi in (("has_target", "yes", "the office sets a target", "लक्ष्य तय होता है"),
                                  ("has_target", "no", "no target", "कोई लक्ष्य नहीं"),
                                  ("phase", "preparatory", "figures only in the preparatory phase",
                                   "आंकड़े केवल प्रारंभिक चरण में"),
                                  ("phase", "implementation", "figures only in the implementation phase",
                                   "आंकड़े केवल कार्यान्वयन चरण में")):
        for col, text in enumerate((column, value, en, hi)):
            sheet.write_string(row, col, text)
        row += 1
    sheet.write_string(row + 1, 0, "This sheet is not read: it lists the allowed values.", styles["help"])
