"""The workbook writer: Indian number formats, money, text cells, streamed sheets (all
read back with openpyxl)."""

from __future__ import annotations

import enum
import io
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from desktop_app import workbook_writer as xl


def test_indian_formats_are_the_ones_ministries_expect():
    assert xl.COUNT_FORMAT == r"[>=10000000]##\,##\,##\,##0;[>=100000]##\,##\,##0;##,##0"
    assert xl.RUPEES_FORMAT == (r'[>=10000000]"Rs. "##\,##\,##\,##0;[>=100000]"Rs. "##\,##\,##0;'
                                r'"Rs. "##,##0')
    assert xl.RUPEES_PAISE_FORMAT.endswith('"Rs. "##,##0.00')
    assert xl.PERCENT_FORMAT == "0%" and xl.DATE_FORMAT == "dd.mm.yyyy"


@pytest.mark.parametrize("paise, value, fmt", [
    (69_138_900, 691_389, xl.RUPEES_FORMAT),
    (69_138_950, 691_389.5, xl.RUPEES_PAISE_FORMAT),
    (1, 0.01, xl.RUPEES_PAISE_FORMAT),
    (0, 0, xl.RUPEES_FORMAT),
])
def test_money_is_rupees_with_paise_only_when_there_are_some(paise, value, fmt):
    assert xl.rupees(paise) == (value, fmt)
    assert isinstance(xl.rupees(paise)[0], int) == (paise % 100 == 0)


def test_header_footer_text_and_widths():
    assert xl.header_footer_text("A & B") == "A && B"
    assert len(xl.header_footer_text("x" * 200)) == 80
    assert xl.text_width(["abc"]) == 6
    assert xl.text_width(["स्वच्छता ही सेवा"]) > xl.text_width(["swachhata hi se"])
    assert xl.text_width(["x" * 500]) == 60


class Colour(enum.StrEnum):
    RED = "=red"


class Level(enum.IntEnum):
    HIGH = 3


def streamed(rows, number_formats=(), header=("a", "b", "c", "d")) -> tuple[bytes, list, list]:
    """Stream *rows* under a header row; the file's bytes, its cells read back, on_rows calls."""
    counted: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.xlsx"
        with xl.Workbook(path) as book:
            sheet = book.add_sheet("data")
            sheet.append([xl.text_cell(h, xl.HEADER) for h in header])
            written = sheet.stream(iter(rows), number_formats=number_formats,
                                   on_rows=counted.append)
        data = path.read_bytes()
    assert written == len(rows)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return data, [list(row) for row in wb["data"].iter_rows(min_row=2)], counted


def test_streamed_cells_are_typed_by_value():
    rows = [["text", "", None, 42],
            [1.5, float("nan"), float("inf"), True],
            [date(2026, 11, 20), datetime(2026, 11, 20, 10, 30), Colour.RED, Level.HIGH],
            ["=1+1", "#N/A", " spaced ", "a\r\nb"]]
    data, cells, counted = streamed(rows)
    values = [[c.value for c in row] for row in cells]
    assert values[0][0] == "text" and values[0][1] is None and values[0][2] is None
    assert values[0][3] == 42
    assert values[1][0] == 1.5 and values[1][1] is None and values[1][2] is None
    assert values[1][3] is True
    assert values[2][0] == datetime(2026, 11, 20) and cells[2][0].number_format == xl.DATE_FORMAT
    assert values[2][1] == datetime(2026, 11, 20, 10, 30)
    assert cells[2][1].number_format == xl.DATETIME_FORMAT
    assert values[2][2] == "=red" and values[2][3] == 3
    assert [unescape(v) for v in values[3]] == ["=1+1", "#N/A", " spaced ", "a\r\nb"]
    assert all(c.data_type == "s" for c in cells[3])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 't="e"' not in xml
    assert sum(counted) == 4


def test_streamed_number_formats_per_column_and_empty_sheets():
    _, cells, _ = streamed([[1234567, 12.5, date(2026, 1, 2), "x"]],
                           number_formats=[xl.COUNT_FORMAT, xl.RUPEES_PAISE_FORMAT, "d mmm yyyy"])
    assert [c.number_format for c in cells[0][:3]] == [xl.COUNT_FORMAT, xl.RUPEES_PAISE_FORMAT,
                                                       "d mmm yyyy"]
    _, cells, counted = streamed([])
    assert cells == [] and counted == []


def test_streamed_rows_refuse_what_a_cell_cannot_hold(tmp_path):
    with pytest.raises(TypeError, match="cannot write a object"):
        streamed([[object()]])
    with pytest.raises(TypeError, match="time zones"):
        streamed([[datetime(2026, 1, 1, tzinfo=UTC)]])
    path = tmp_path / "x.xlsx"
    with pytest.raises(TypeError), xl.Workbook(path) as book:
        book.add_sheet("data").stream([["fine"], [object()]])
    assert list(tmp_path.iterdir()) == []  # no half-written workbook


def test_text_that_looks_like_rich_text_xml_stays_plain_text():
    """XlsxWriter's constant_memory mode writes a string that starts with <r> and ends with
    </r> as rich-text XML, unescaped: a clerk's text must never inject cells or formulas."""
    evil = ('<r><t>x</t></r></is></c><c r="Z9"><f>HYPERLINK("http://x","y")</f></c>'
            '<c r="Z8" t="inlineStr"><is><r><t>y</t></r>')
    data, cells, _ = streamed([[evil, "<r>a</r>", "<r>", "</r>"]])
    assert [c.value for c in cells[0]] == [evil, "<r>a</r>", "<r>", "</r>"]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and '<c r="Z9"' not in xml  # (the text itself is escaped)


def test_many_rows_stream_in_chunks_with_progress():
    rows = [[f"row {i}", i, date(2026, 10, 1 + i % 28)] for i in range(2500)]
    _, cells, counted = streamed(rows, header=("a", "b", "c"))
    assert len(cells) == 2500 and cells[-1][0].value == "row 2499" and cells[-1][0].row == 2501
    assert cells[-1][2].value == datetime(2026, 10, 1 + 2499 % 28)
    assert counted == [xl.ROWS_PER_CHUNK, xl.ROWS_PER_CHUNK, 500]
