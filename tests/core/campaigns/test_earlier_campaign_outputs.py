"""An earlier campaign's printed summary and workbook come out as before a new campaign (or a
new version) was imported; a version that retired an indicator keeps it off the typed sheets
headquarters checks, and on the summary, marked."""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from desktop_app.bundle.room import export_with_room
from desktop_app.campaigns.office_import import apply_import, prepare_import
from desktop_app.keys.office_key import create_office_key
from tests.core.campaigns.kit import new_campaign, trust, version_two

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def qt_app(qapp):  # the PDF is laid out by Qt
    return qapp


def _sheets(bundle: Path, tmp_path: Path) -> dict[str, list[tuple]]:
    path = tmp_path / f"{bundle.stem}.xlsx"
    with zipfile.ZipFile(bundle) as zf:
        path.write_bytes(zf.read("report.xlsx"))
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {name: [tuple(r) for r in wb[name].iter_rows(values_only=True)] for name in wb.sheetnames}
    finally:
        wb.close()


def _pdf_text(store, tmp_path: Path, name: str, **kwargs) -> list[str]:
    from desktop_app.reports.render import write_summary_pdf

    path = tmp_path / name
    write_summary_pdf(store, path, with_photos=False, generated_at=datetime(2026, 11, 20, 10, 0), **kwargs)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [re.sub(r"[ \t]+", " ", page) for page in out.split("\f")[:-1]]


def _without_bundle_identity(rows: list[tuple]) -> list[tuple]:
    """A sheet's rows without the cells that name the bundle itself (seq, id, time)."""
    return [r for r in rows if not any(isinstance(c, str) and c.startswith(
        ("Bundle", "bundle", "seq", "created_at", "Exported", "FIELDDESK")) for c in r if c)]


def test_the_earlier_campaign_prints_and_exports_as_before(demo, hq, tmp_path, monkeypatch):
    from desktop_app import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    create_office_key(demo, reason="test")
    store = demo.store
    first = export_with_room(demo, out_dir=tmp_path / "a")[0]
    pdf_before = _pdf_text(store, tmp_path, "before.pdf")
    trust(demo, hq)
    apply_import(demo, prepare_import(demo, hq.publish(new_campaign())))
    assert store.campaigns.current().id == "special-campaign-7"

    pdf_after = _pdf_text(store, tmp_path, "after.pdf", campaign_id="special-campaign-6")
    assert pdf_after == pdf_before
    assert "Special Campaign 6.0" in pdf_after[0] and "Public Grievance Appeals" in pdf_after[0]
    second = export_with_room(demo, out_dir=tmp_path / "b", campaign_id="special-campaign-6")[0]
    assert second.seq == 2 and "-special-campaign-6-2-" in second.path.name
    before, after = _sheets(first.path, tmp_path), _sheets(second.path, tmp_path)
    for name in ("targets", "progress", "scrap", "sites", "events", "photos"):
        assert after[name] == before[name], name
    assert len(after["progress"]) > 100
    assert _without_bundle_identity(after["Summary"]) == _without_bundle_identity(before["Summary"])
    # the new campaign's own bundle carries nothing of the earlier one
    new = export_with_room(demo, out_dir=tmp_path / "c")[0]
    assert new.counts["progress"] == 0 and new.counts["scrap"] == 0


def test_a_retired_indicator_stays_on_the_summary_and_off_the_typed_sheets(demo, hq, tmp_path):
    create_office_key(demo, reason="test")
    store = demo.store
    appeals = store.progress.cumulative("special-campaign-6")["pg_appeals"]
    assert appeals > 0
    trust(demo, hq)
    apply_import(demo, prepare_import(demo, hq.publish(version_two())))
    bundle = export_with_room(demo, out_dir=tmp_path / "v2")[0]
    sheets = _sheets(bundle.path, tmp_path)
    def codes(sheet: str) -> set[str]:
        column = sheets[sheet][0].index("indicator_code")
        return {row[column] for row in sheets[sheet][1:]}

    codes = codes("progress") | codes("targets")
    assert "pg_appeals" not in codes and "mp_references" in codes
    assert bundle.counts["progress"] == len(sheets["progress"]) - 1
    summary_text = " ".join(str(c) for row in sheets["Summary"] for c in row if c is not None)
    assert "Public Grievance Appeals (retired)" in summary_text
    assert "References from Members of Parliament" in summary_text
    pdf = " ".join(_pdf_text(store, tmp_path, "v2.pdf"))
    assert "Public Grievance Appeals (retired)" in pdf
    assert store.progress.cumulative("special-campaign-6")["pg_appeals"] == appeals
