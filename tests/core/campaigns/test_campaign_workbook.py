"""A campaign defined in a workbook: the shipped campaigns round-trip; every mistake is named
with its sheet, row and column; a hostile workbook is refused before it is parsed."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from openpyxl import load_workbook

from desktop_app.campaigns.workbook import CampaignBuildError, read_campaign_workbook
from desktop_app.campaigns.workbook_template import write_campaign_workbook
from desktop_app.domain.templates import (
    canonical_hash,
    load_template,
    parse_template,
    templates_dir,
)
from desktop_app.errors import FieldDeskError
from tests.core.campaigns.kit import version_two


@pytest.mark.parametrize("name", ["special-campaign-6", "district-outreach-2026"])
def test_shipped_campaigns_are_rebuilt_from_their_workbooks(tmp_path, name):
    path = templates_dir() / f"{name}.json"
    shipped = json.loads(path.read_text(encoding="utf-8"))
    book = write_campaign_workbook(load_template(path), tmp_path / f"{name}.xlsx")
    built = read_campaign_workbook(book)
    assert built == shipped
    assert canonical_hash(built) == load_template(path).template_sha256
    # what staff see: the labels in both languages, the dates as dates, drop-down lists
    wb = load_workbook(book)
    assert wb.sheetnames == ["settings", "indicators", "lists"]
    indicators = wb["indicators"]
    assert [c.value for c in indicators[1]][:4] == ["code", "group", "label_en", "label_hi"]
    assert indicators.cell(2, 4).value == shipped["indicators"][0]["title"]["hi"]
    assert wb["settings"]["B9"].is_date
    assert len(indicators.data_validations.dataValidation) == 5


def test_a_new_version_with_limits_and_a_phase_round_trips(tmp_path):
    data = version_two()
    data["indicators"][0]["phase"] = "implementation"
    book = write_campaign_workbook(parse_template(data), tmp_path / "v2.xlsx")
    assert read_campaign_workbook(book) == data


def _edit(tmp_path, changes: dict[tuple[str, str], object], *, delete_rows=()) -> object:
    """The Special Campaign's workbook with some cells changed (sheet, cell -> value)."""
    book = write_campaign_workbook(load_template(templates_dir() / "special-campaign-6.json"),
                                   tmp_path / "base.xlsx")
    wb = load_workbook(book)
    for (sheet, cell), value in changes.items():
        wb[sheet][cell] = value
    for sheet, row in delete_rows:
        wb[sheet].delete_rows(row)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


@pytest.mark.parametrize("changes, expected", [
    ({("indicators", "A5"): "mp_references"},
     "indicators, row 5, column A (code): duplicate code 'mp_references' (first in row 2)"),
    ({("indicators", "D7"): None}, "indicators, row 7, column D (label_hi): the Hindi label is missing"),
    ({("indicators", "D7"): "Public Grievance Appeals"},
     "indicators, row 7, column D (label_hi): 'Public Grievance Appeals' has no Hindi (Devanagari) letters"),
    ({("indicators", "E3"): "kg"}, "indicators, row 3, column E (unit): unknown unit 'kg' (use count, INR or sqft)"),
    ({("indicators", "F3"): "typed"}, "indicators, row 3, column F (kind): unknown kind 'typed'"),
    ({("indicators", "G4"): "maybe"}, "indicators, row 4, column G (has_target): 'maybe' must be yes or no"),
    ({("indicators", "J2"): 600}, "indicators, row 2, column J (unusual_above): 600 must be below daily_max (500)"),
    ({("indicators", "I2"): -5}, "indicators, row 2, column I (daily_max): '-5' must be a whole number above 0"),
    ({("indicators", "E14"): "count"},
     "indicators, row 14, column E (unit): a scrap_revenue indicator is counted in INR, not count"),
    ({("indicators", "H13"): "implementation"},
     "indicators, row 13, column H (phase): only an indicator entered daily has a phase"),
    ({("indicators", "B2"): "misc"}, "indicators, row 2, column B (group): unknown group 'misc'"),
    ({("indicators", "K1"): "colour"}, "indicators, row 1, column K (colour): unknown column 'colour'"),
    ({("settings", "B12"): "2026-09-10"},
     "settings, row 12, column B (value): the implementation phase starts (10.09.2026) before the "
     "preparatory phase ends (30.09.2026): phase dates out of order"),
    ({("settings", "B9"): "2026-09-01"},
     "settings, row 9, column B (value): the preparatory phase ends (01.09.2026) before it starts (15.09.2026)"),
    ({("settings", "B2"): "Special Campaign 6"},
     "settings, row 2, column B (value): id: 'Special Campaign 6' must be 1 to 40 lower-case"),
    ({("settings", "B3"): "two"}, "settings, row 3, column B (value): version: 'two' is not a version number"),
    ({("settings", "B5"): ""}, "settings, row 5, column B (value): title_hi: the Hindi label is missing"),
    ({("settings", "B8"): "31.02.2026"}, "settings, row 8, column B (value): preparatory_start: '31.02.2026' is not a date"),
    ({("settings", "A14"): "colour"}, "settings, row 14, column A (setting): unknown setting 'colour'"),
    ({("settings", "A14"): "version"}, "settings, row 14, column A (setting): 'version' is given twice (first in row 3)"),
])
def test_each_mistake_is_named_with_sheet_row_and_column(tmp_path, changes, expected):
    with pytest.raises(CampaignBuildError) as err:
        read_campaign_workbook(_edit(tmp_path, changes))
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems
    assert "\n" not in str(err.value)


def test_every_mistake_is_reported_at_once(tmp_path):
    path = _edit(tmp_path, {("indicators", "D7"): None, ("indicators", "E3"): "kg",
                            ("indicators", "A5"): "mp_references", ("settings", "B3"): "x"})
    with pytest.raises(CampaignBuildError) as err:
        read_campaign_workbook(path)
    assert len(err.value.problems) == 4
    assert str(err.value).startswith("edited.xlsx: 4 mistakes: ")


def test_missing_sheet_column_and_setting(tmp_path):
    book = write_campaign_workbook(load_template(templates_dir() / "special-campaign-6.json"),
                                   tmp_path / "base.xlsx")
    wb = load_workbook(book)
    wb["indicators"]["D1"] = None  # the label_hi column loses its name
    wb["settings"].delete_rows(4)  # title_en
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(CampaignBuildError) as err:
        read_campaign_workbook(tmp_path / "a.xlsx")
    assert "indicators, row 1: the column 'label_hi' is missing" in err.value.problems
    assert "settings: the setting 'title_en' is missing" in err.value.problems
    del wb["indicators"]
    wb.save(tmp_path / "b.xlsx")
    with pytest.raises(CampaignBuildError, match="the sheet 'indicators' is missing"):
        read_campaign_workbook(tmp_path / "b.xlsx")


def test_blank_rows_are_skipped_and_hindi_yes_no_accepted(tmp_path):
    path = _edit(tmp_path, {("indicators", "G2"): "हाँ", ("indicators", "G10"): "नहीं"})
    wb = load_workbook(path)
    wb["indicators"].insert_rows(5, 2)
    wb.save(tmp_path / "gaps.xlsx")
    built = read_campaign_workbook(tmp_path / "gaps.xlsx")
    assert len(built["indicators"]) == 14
    assert built["indicators"][0]["has_target"] is True
    assert built["indicators"][8]["has_target"] is False


def test_not_a_workbook_and_too_large_are_one_line(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"name,unit\nfiles,count\n")
    with pytest.raises(FieldDeskError, match=r"junk.xlsx: 1 mistake: not an Excel workbook \(.xlsx\)"):
        read_campaign_workbook(junk)
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(11 << 20)
    with pytest.raises(FieldDeskError, match="a campaign workbook is at most 10 MB"):
        read_campaign_workbook(big)


def test_a_compression_bomb_is_refused_before_parsing(tmp_path):
    """A sheet inflating to 300 MB (a few hundred KB on disk): refused from the ZIP's
    directory, in well under a second, without inflating it."""
    base = _edit(tmp_path, {})
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + b" " * (300 << 20), 1)
            dst.writestr(info.filename, data)
    assert bomb.stat().st_size < 2 << 20
    started = time.perf_counter()
    with pytest.raises(CampaignBuildError, match="far larger inside than a campaign needs"):
        read_campaign_workbook(bomb)
    assert time.perf_counter() - started < 5


def test_a_cell_a_million_rows_down_is_not_read(tmp_path):
    """Only the rows a campaign can have are read, whatever the sheet holds further down."""
    path = _edit(tmp_path, {})
    wb = load_workbook(path)
    wb["indicators"]["A1000000"] = "far_away"
    buffer = io.BytesIO()
    wb.save(buffer)
    (tmp_path / "far.xlsx").write_bytes(buffer.getvalue())
    built = read_campaign_workbook(tmp_path / "far.xlsx")
    assert "far_away" not in {i["code"] for i in built["indicators"]}
