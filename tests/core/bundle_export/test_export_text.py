"""Text is always text: formula-like strings, Hindi and emoji read back exactly, and no cell
of any sheet is ever a formula; characters XML cannot hold never break the file."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl.utils.escape import unescape

from desktop_app import workbook_writer as xl
from desktop_app.domain.choices import EventType, ScrapCategory
from desktop_app.domain.models import Event, ScrapDisposal

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "=1+1", "+91 98765", "-", "@sum", "#N/A",
                "=cmd|' /C calc'!A0", "-2+3", "=", "'=quoted"]
HINDI_EMOJI = ["स्वच्छता ही सेवा 🧹✨", "कार्यालय का रिकॉर्ड कक्ष 📁", "👩🏽‍💼 नोडल अधिकारी",
               "  leading and trailing spaces  ", "a < b & c > d", "<t>not markup</t>"]
MULTILINE = ["line one\nline two", "windows\r\nnewline\r\n", "\tindented\n\n"]


@pytest.fixture
def clerk_text(office):
    """Scrap entries and events whose every text field is something a clerk might type."""
    store = office.store
    cid = store.campaigns.current().id
    day = date(2026, 10, 10)
    texts = FORMULA_LIKE + HINDI_EMOJI
    for i, text in enumerate(texts):
        store.scrap.add(ScrapDisposal(cid, day, text, ScrapCategory.PAPER, 1.0, "kg",
                                      buyer=text, receipt_no=text, revenue_paise=100 + i,
                                      remarks=text))
        store.events.add(Event(cid, day, EventType.OTHER, text, venue=text, participants=i,
                               description=text))
    for i, text in enumerate(MULTILINE):
        store.scrap.add(ScrapDisposal(cid, day, f"multiline {i}", ScrapCategory.PAPER, 1.0,
                                      "kg", remarks=text))
    return texts


def sheet_xml(report: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist()
                if n.startswith("xl/worksheets/")}


def test_formula_like_hindi_and_emoji_read_back_exactly(office, bx, clerk_text, tmp_path):
    [result] = bx.export(office)
    wb = bx.workbook(result.path, tmp_path)
    scrap = [r for r in bx.sheet_rows(wb, "scrap")[1:] if r[2] in clerk_text]
    events = [r for r in bx.sheet_rows(wb, "events")[1:] if r[3] in clerk_text]
    assert sorted(r[2] for r in scrap) == sorted(clerk_text)
    for row in scrap:
        assert row[7] == row[2] == row[8] == row[11]  # buyer, receipt_no, remarks: the same
        assert all(isinstance(v, str) for v in (row[2], row[7], row[8]))
    assert sorted(r[3] for r in events) == sorted(clerk_text)
    for row in events:
        assert row[4] == row[3] and row[6] == row[3]
    # a carriage return is OOXML's _x000D_ escape: openpyxl leaves it to its caller
    remarks = {r[2]: unescape(r[11]) for r in bx.sheet_rows(wb, "scrap")[1:]
               if r[2].startswith("multiline")}
    assert [remarks[f"multiline {i}"] for i in range(len(MULTILINE))] == MULTILINE

    # an independent reader (what headquarters uses) agrees, escapes decoded
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(bx.read_member(result.path, "report.xlsx")))
    rows = book.get_sheet_by_name("events").to_python()
    assert sorted(r[3] for r in rows[1:] if r[3] in clerk_text) == sorted(clerk_text)
    scrap = book.get_sheet_by_name("scrap").to_python()
    remarks = {r[2]: r[11] for r in scrap[1:] if r[2].startswith("multiline")}
    assert [remarks[f"multiline {i}"] for i in range(len(MULTILINE))] == MULTILINE


def test_no_cell_of_any_sheet_is_a_formula(office, bx, clerk_text):
    [result] = bx.export(office)
    sheets = sheet_xml(bx.read_member(result.path, "report.xlsx"))
    assert len(sheets) == 8
    for name, xml in sheets.items():
        assert "<f>" not in xml and "<f " not in xml, name
        assert ' t="e"' not in xml and ' t="str"' not in xml, name
    events = next(x for n, x in sheets.items() if 'r="D2"' in x and "@sum" in x)
    for text in ("@sum", "=1+1", "+91 98765", "#N/A"):
        # each is an inline string cell
        assert re.search(r'<c r="[A-Z]+\d+" t="inlineStr"><is><t>' + re.escape(text) + "</t>",
                         events), text
    # the caption typed on a photo (a DDE payload) is text too
    assert "=cmd|' /C calc'!A0" in "".join(sheets.values())


def test_summary_and_about_text_cells_are_strings_even_when_formula_like(office, bx, tmp_path):
    """The Summary and About sheets use text_cell: an office name that starts with '=' stays text."""
    from dataclasses import replace

    store = office.store
    store.office.save(replace(store.office.get(), name="=HYPERLINK(\"http://x\",\"y\") कार्यालय"))
    [result] = bx.export(office)
    sheets = sheet_xml(bx.read_member(result.path, "report.xlsx"))
    assert all("<f>" not in x for x in sheets.values())
    wb = bx.workbook(result.path, tmp_path)
    about = {r[0]: r[1] for r in bx.sheet_rows(wb, "About") if r and len(r) > 1}
    assert about["office_name"] == "=HYPERLINK(\"http://x\",\"y\") कार्यालय"


def test_characters_xml_cannot_hold_become_replacement_characters(office, bx, tmp_path):
    """Validation refuses them at entry; a row that got in anyway costs a character, not the file."""
    store = office.store
    cid = store.campaigns.current().id
    bad = "bell\x07 vt\x0b esc\x1b fffe\ufffe ok"
    store.scrap.add_many([ScrapDisposal(cid, date(2026, 10, 10), bad, ScrapCategory.METAL, 2.0,
                                        "kg", revenue_paise=5000)], validate=False)
    [result] = bx.export(office)
    wb = bx.workbook(result.path, tmp_path)
    items = [r[2] for r in bx.sheet_rows(wb, "scrap")[1:]]
    assert "bell\ufffd vt\ufffd esc\ufffd fffe\ufffd ok" in items


def test_text_cell_forces_the_string_type(tmp_path):
    import openpyxl

    path = tmp_path / "x.xlsx"
    with xl.Workbook(path) as book:
        sheet = book.add_sheet("x")
        for text in [*FORMULA_LIKE, "a\x01b"]:
            sheet.append([xl.text_cell(text), xl.cell(text)])
    rows = list(openpyxl.load_workbook(path)["x"].iter_rows())
    for text, (cell, other) in zip(FORMULA_LIKE, rows):
        assert cell.data_type == other.data_type == "s" and cell.value == other.value == text
    assert rows[-1][0].value == "a\ufffdb"
    assert xl.clean_text("nul\x00 lone\ud800 tab\t nl\n cr\r") == "nul\ufffd lone\ufffd tab\t nl\n cr\r"
    assert xl.clean_text("x" * 40_000) == "x" * 32_767
