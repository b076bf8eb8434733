"""Export → verify → read report.xlsx back: every number against the database and the Summary
against build_summary; the bundle checked by stock openssl and sha256sum as docs/verify.md says."""

from __future__ import annotations

import enum
import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app import workbook_writer as xl
from desktop_app.bundle import sheets as sh
from desktop_app.bundle.manifest import loads_strict, sha256_hex
from desktop_app.bundle.verify import verify_bundle
from desktop_app.domain.choices import LABELS, SiteStatus, Unit
from desktop_app.reports.summary import build_summary

ROOT = Path(__file__).resolve().parents[3]


def plain(value):
    """A stored value as a typed sheet must give it back."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None:
        return None
    return value


def cell_value(value):
    """A cell read back by openpyxl, in the same terms (dates are datetimes at midnight)."""
    if isinstance(value, datetime):
        assert value.time() == datetime.min.time()
        return value.date()
    return value


def expected_rows(store, cid) -> dict[str, dict[str, dict]]:
    """What each typed sheet must hold, straight from the repositories, keyed by id."""
    out = {}
    for name, records in (("targets", store.targets.rows(cid)),
                          ("progress", store.progress.list(cid)),
                          ("scrap", store.scrap.list(cid)),
                          ("sites", store.sites.list(cid)),
                          ("events", store.events.list(cid))):
        spec = sh.SHEETS_BY_NAME[name]
        out[name] = {r.id: {c: plain(getattr(r, c)) for c in spec.codes} for r in records}
    photos = {p.sha256: p for p in store.photos.referenced(cid)}
    out["photos"] = {}
    for link in store.photos.links_of_campaign(cid):
        p = photos[link.photo_sha256]
        out["photos"][link.id] = {
            "id": link.id, "sha256": p.sha256, "target_kind": link.target_kind,
            "target_id": link.target_id, "role": plain(link.role), "caption": p.caption,
            "taken_at": p.taken_at, "latitude": p.latitude, "longitude": p.longitude,
            "width": p.width, "height": p.height, "bytes": p.bytes}
    return out


def read_typed(wb, spec) -> dict[str, dict]:
    rows = [tuple(r) for r in wb[spec.name].iter_rows(values_only=True)]
    assert rows[0] == spec.codes
    out = {}
    for row in rows[1:]:
        row = row + (None,) * (len(spec.codes) - len(row))
        values = {code: cell_value(v) for code, v in zip(spec.codes, row)}
        for column in spec.columns:  # empty text comes back as an empty cell
            if column.kind == sh.TEXT and values[column.code] is None and not column.nullable:
                values[column.code] = ""
        out[values["id"]] = values
    return out


def test_round_trip_every_number(office, bx, tmp_path):
    store = office.store
    cid = store.campaigns.current().id
    [result] = bx.export(office)

    assert result.path.name == "DEMO-RO-PUNE-special-campaign-6-1-20261120.zip"
    assert result.path.parent == office.folder.exports
    verified = verify_bundle(result.path, bx.public_key(office))
    m = verified.manifest
    assert (m.office_code, m.campaign_id, m.seq, m.part, m.parts) == (
        "DEMO-RO-PUNE", cid, 1, 1, 1)
    assert m.previous_manifest_sha256 is None
    assert m.template_sha256 == store.campaigns.current().template_sha256
    assert m.created_at == "2026-11-20T10:30:00Z"
    assert len(m.included_photos) == 4 and m.photos_not_included == ()
    assert verified.manifest_sha256 == result.manifest_sha256

    wb = bx.workbook(result.path, tmp_path)
    assert wb.sheetnames == ["Summary", *(s.name for s in sh.SHEETS), "About"]
    expected = expected_rows(store, cid)
    for spec in sh.SHEETS:
        got = read_typed(wb, spec)
        assert got == expected[spec.name], spec.name
        assert m.counts[spec.name] == len(expected[spec.name])
        # headquarters reads the cells back through the same column specs
        raw = [tuple(r) for r in wb[spec.name].iter_rows(min_row=2, values_only=True)]
        assert {spec.read_row(r)["id"]: spec.read_row(r) for r in raw} == got
    assert len(expected["scrap"]) == 40 and len(expected["photos"]) == 4

    # export history: the row that `fielddesk info` prints
    [record] = store.exports.history(cid)
    assert (record.seq, record.file_name, record.manifest_sha256, record.bytes) == (
        1, result.path.name, result.manifest_sha256, result.path.stat().st_size)
    assert store.exports.sent_photos(cid) == set(m.included_photos)


def test_summary_sheet_matches_build_summary(office, bx, tmp_path):
    summary = build_summary(office.store)
    [result] = bx.export(office)
    wb = bx.workbook(result.path, tmp_path)
    rows = [list(r) for r in wb["Summary"].iter_rows()]
    by_label = {}
    for r in rows:
        if r and isinstance(r[0].value, str):
            by_label.setdefault(r[0].value, r)

    assert rows[0][0].value == summary.campaign.title.en
    assert rows[1][0].value == summary.campaign.title.hi
    as_on = by_label["As on"]
    assert as_on[2].value == datetime(2026, 11, 20) and as_on[2].number_format == xl.DATE_FORMAT
    assert "DEMO-RO-PUNE" in by_label["Office"][2].value
    assert "Implementation phase" in by_label["Phase"][2].value
    header = by_label["Category"]
    assert [c.value.split("\n")[0] for c in header[2:5]] == [
        "Target", "Achievement (as on 20.11.2026)", "% of target"]

    for group in summary.groups:
        assert by_label[LABELS[group.group].en][1].value == LABELS[group.group].hi
        for row in group.rows:
            ind = row.indicator
            cells = by_label[ind.title.en]
            assert cells[1].value == ind.title.hi
            for cell, amount in ((cells[2], row.target), (cells[3], row.achieved)):
                if amount is None:
                    assert cell.value == "–"
                elif ind.unit is Unit.INR:
                    assert round(cell.value * 100) == amount
                    assert cell.number_format in (xl.RUPEES_FORMAT, xl.RUPEES_PAISE_FORMAT)
                else:
                    assert cell.value == amount and cell.number_format == xl.COUNT_FORMAT
            if row.percent is None:
                assert cells[4].value == "–"
            else:
                assert cells[4].value == pytest.approx(row.percent / 100)
                assert cells[4].number_format == "0%"

    scrap_start = next(i for i, r in enumerate(rows) if r and r[0].value == "Scrap disposal by category")
    scrap_rows = {r[0].value: r for r in rows[scrap_start + 1:scrap_start + 2 + len(summary.scrap)]}
    for total in summary.scrap:
        cells = scrap_rows[LABELS[total.category].en]
        assert cells[2].value == total.entries
        assert round(cells[3].value * 100) == total.revenue_paise
        assert cells[4].value == total.space_freed_sqft
    total = scrap_rows["Total"]
    assert (total[2].value, round(total[3].value * 100), total[4].value) == (
        summary.scrap_entries, summary.scrap_revenue_paise, summary.space_freed_sqft)
    assert total[3].number_format.startswith('[>=10000000]"Rs. "##\\,##\\,##\\,##0')

    sites_start = next(i for i, r in enumerate(rows) if r and r[0].value == "Cleanliness sites")
    site_rows = {r[0].value: r[2].value for r in rows[sites_start + 1:sites_start + 5]}
    for status in SiteStatus:
        assert site_rows[LABELS[status].en] == summary.sites[status]
    assert site_rows["Total"] == summary.sites_total == 20
    assert by_label["Events held"][2].value == summary.events == 10
    assert by_label["Participants"][2].value == summary.participants


def test_sheets_are_set_up_for_people(office, bx, tmp_path):
    import openpyxl

    [result] = bx.export(office)
    path = tmp_path / "report.xlsx"
    path.write_bytes(bx.read_member(result.path, "report.xlsx"))
    wb = openpyxl.load_workbook(path)
    ws = wb["Summary"]
    header_row = next(c.row for c in ws["A"] if c.value == "Category")
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "portrait"
    assert int(ws.page_setup.fitToWidth or 1) == 1  # 1 is the default: may be left out
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert "DEMO-RO-PUNE" in ws.oddHeader.left.text and "20.11.2026" in ws.oddHeader.right.text
    assert "&P" in ws.oddFooter.right.text
    assert ws.column_dimensions["A"].width >= 30 and ws.column_dimensions["C"].width >= 12
    for spec in sh.SHEETS:
        typed = wb[spec.name]
        assert typed.freeze_panes == "A2"
        # the file holds Excel's width with its cell padding: 38 is written as 38.71…
        assert 0 <= typed.column_dimensions["A"].width - spec.columns[0].width < 1
        assert typed["A1"].font.b
    dates = wb["scrap"]["B2"]
    assert isinstance(dates.value, datetime) and dates.number_format == xl.DATE_FORMAT


def test_about_sheet_carries_identity_and_documents_every_column(office, bx, tmp_path):
    [result] = bx.export(office)
    manifest = loads_strict(bx.read_member(result.path, "manifest.json"))
    wb = bx.workbook(result.path, tmp_path)
    rows = [r + (None,) * (7 - len(r)) for r in bx.sheet_rows(wb, "About")]
    fields = {r[0]: r[1] for r in rows if r[0]}
    for name in ("office_code", "office_name", "campaign_id", "template_sha256", "seq", "part",
                 "parts", "created_at", "app_version", "bundle_id", "key_fingerprint"):
        assert fields[name] == getattr(manifest, name), name
    assert fields["as_on"] == datetime(2026, 11, 20)
    documented = {(r[0], r[1]): (r[2], r[3]) for r in rows if r[0] in sh.SHEETS_BY_NAME}
    for spec in sh.SHEETS:
        for column in spec.columns:
            meaning, unit = documented[(spec.name, column.code)]
            assert meaning == column.meaning and (unit or "") == column.unit
    assert documented[("scrap", "revenue_paise")][1].startswith("paise")
    codes = {r[0] for r in rows}
    assert {i.code for i in office.store.campaigns.current().indicators} <= codes


def test_stock_tools_verify_the_bundle_exactly_as_documented(office, bx, tmp_path):
    """The commands of docs/verify.md, run verbatim (BUNDLE.zip and OFFICE.pub.pem placed
    where the commands name them)."""
    [result] = bx.export(office)
    doc = (ROOT / "docs" / "verify.md").read_text(encoding="utf-8")
    commands = re.search(r"```sh\n(.*?)```", doc, re.S)[1]
    work = tmp_path / "check"
    (work / "b").mkdir(parents=True)
    shutil.copy(result.path, work / "BUNDLE.zip")
    # the key headquarters registered (handed over by `fielddesk key export`)
    (work / "b" / "OFFICE.pub.pem").write_bytes(
        (office.folder.keys / "office.pub.pem").read_bytes())
    proc = subprocess.run(["bash", "-e", "-c", commands], cwd=work, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "Signature Verified Successfully" in proc.stdout and "Members: OK" in proc.stdout
    checked = [c for c in re.findall(r"^(\S+): OK$", proc.stdout, re.M) if c != "Members"]
    manifest = json.loads((work / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(checked) == sorted(f["path"] for f in manifest["files"])
    assert "report.xlsx" in checked and len(checked) == 6

    # the same commands refuse a tampered report
    report = work / "b" / "report.xlsx"
    data = bytearray(report.read_bytes())
    data[100] ^= 1
    report.write_bytes(bytes(data))
    sums = next(line for line in commands.splitlines() if "sha256sum" in line)
    proc = subprocess.run(["bash", "-c", "cd b && " + sums], cwd=work, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0 and "report.xlsx: FAILED" in proc.stdout


def test_tampered_bundle_fails_verification(office, bx):
    """One case here (the core tests cover the rest): a flipped byte in the workbook."""
    import zipfile

    from desktop_app.errors import BundleError

    [result] = bx.export(office)
    data = bytearray(result.path.read_bytes())
    with zipfile.ZipFile(result.path) as zf:
        info = zf.getinfo("report.xlsx")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 500] ^= 0x01
    result.path.write_bytes(bytes(data))
    with pytest.raises(BundleError, match="report.xlsx"):
        verify_bundle(result.path, bx.public_key(office))


def test_manifest_counts_and_hash_chain_recorded(office, bx):
    first = bx.export(office)[0]
    second = bx.export(office)[0]
    m2 = loads_strict(bx.read_member(second.path, "manifest.json"))
    assert m2.seq == 2 and m2.previous_manifest_sha256 == first.manifest_sha256
    assert sha256_hex(bx.read_member(first.path, "manifest.json")) == first.manifest_sha256
    assert second.path.name.endswith("-2-20261120.zip")
    assert m2.counts["photos_included"] == 0 and m2.counts["photos_not_included"] == 4
    assert m2.counts["scrap"] == 40 and m2.counts["targets"] == 11
    assert date(2026, 11, 20).strftime("%Y%m%d") in first.path.name
