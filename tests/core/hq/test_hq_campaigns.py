"""Headquarters' side of the campaign cycle, on SQLite and PostgreSQL: the example workbooks
rebuild the shipped campaigns; publishing signs, keeps and lists a campaign and refuses a
version that is not new; the report per campaign flags offices on an older version; the
receipts for a pen drive are the signed documents an upload gets back."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.campaigns.hq_key import trust_hq_key_file
from desktop_app.campaigns.office_import import NEW, UPGRADE, prepare_import
from desktop_app.campaigns.package import read_package
from desktop_app.campaigns.workbook import read_campaign_workbook
from desktop_app.domain.templates import canonical_hash, templates_dir
from desktop_app.errors import FieldDeskError
from desktop_app.hq.consolidate import consolidate
from desktop_app.hq.importer import import_bundle
from desktop_app.hq.published import (
    load_campaign,
    offer,
    package_file,
    publish_campaign,
    published_campaigns,
)
from desktop_app.hq.queue import claimed_office, import_files
from desktop_app.hq.receipts import init_hq_key, load_hq_key, write_receipt_file
from desktop_app.hq.report import write_report
from desktop_app.keys import signing
from desktop_app.upload_protocol import ReceiptError, receipt_file_name, verify_receipt

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "campaigns"


def shipped(name: str = "special-campaign-6") -> dict:
    return json.loads((templates_dir() / f"{name}.json").read_text(encoding="utf-8"))


def version_two() -> dict:
    data = copy.deepcopy(shipped())
    data["version"] = 2
    data["indicators"][0]["title"] = {"en": "References from Members of Parliament",
                                      "hi": "संसद सदस्यों के संदर्भ"}
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "pg_appeals"]
    return data


@pytest.fixture
def hq_key(hq):
    init_hq_key(hq.folder.keys)
    return load_hq_key(hq.folder.keys)


@pytest.mark.parametrize("name", ["special-campaign-6", "district-outreach-2026"])
def test_the_example_workbooks_rebuild_the_shipped_campaigns(name):
    """docs/campaigns/*.xlsx, as headquarters staff start from them: read back, they are the
    shipped templates to the byte (the same template hash every office's bundle carries)."""
    built = read_campaign_workbook(EXAMPLES / f"{name}.xlsx")
    assert built == shipped(name)
    assert canonical_hash(built) == canonical_hash(shipped(name))


def test_publish_signs_keeps_and_lists_and_offers_the_latest(hq, hq_key, opened, campaign):
    first = publish_campaign(hq, load_campaign(EXAMPLES / "district-outreach-2026.xlsx"), hq_key)
    assert not first.already and first.file_name == "district-outreach-2026-v1.fdcampaign"
    path = hq.folder.published / first.file_name
    package = read_package(path)  # whole, and signed by headquarters' key
    assert package.signed_by(hq_key.public_key())
    assert package.template == shipped("district-outreach-2026")
    assert first.template_sha256 == canonical_hash(shipped("district-outreach-2026"))

    second = publish_campaign(hq, version_two(), hq_key)
    with hq.store.read() as conn:
        listed = published_campaigns(conn)
        offered = offer(conn)
        stored = package_file(conn, second.file_name)
        assert package_file(conn, "special-campaign-6-v9.fdcampaign") is None
    assert [(p.campaign_id, p.version, p.indicators) for p in listed] == [
        ("district-outreach-2026", 1, 6), ("special-campaign-6", 2, 13)]
    assert listed[1].bytes == len(stored) == (hq.folder.published / second.file_name).stat().st_size
    assert offered == (second.file_name, second.package_sha256)
    # what the office makes of it: an upgrade of the campaign it runs
    trust = hq.folder.root / "HQ.pub.pem"
    trust.write_bytes(signing.public_key_pem(hq_key.public_key()))
    trust_hq_key_file(opened, trust)
    assert prepare_import(opened, hq.folder.published / second.file_name).kind == UPGRADE
    assert prepare_import(opened, path).kind == NEW


def test_a_version_is_published_once_and_never_goes_back(hq, hq_key, hqkit):
    publish_campaign(hq, version_two(), hq_key)
    file = hq.folder.published / "special-campaign-6-v2.fdcampaign"
    data = file.read_bytes()
    again = publish_campaign(hq, version_two(), hq_key)
    assert again.already and file.read_bytes() == data
    before = hqkit.snapshot(hq)
    changed = version_two()
    changed["title"]["en"] = "Special Campaign 6.0 (corrected)"
    with pytest.raises(FieldDeskError, match="version 2 was published on .* with other contents; "
                                             ".* publish the correction as version 3"):
        publish_campaign(hq, changed, hq_key)
    with pytest.raises(FieldDeskError, match="version 1 is older than version 2, published "
                                             "already: .* give it version 3"):
        publish_campaign(hq, shipped(), hq_key)
    assert hqkit.snapshot(hq) == before and file.read_bytes() == data
    assert sorted(p.name for p in hq.folder.published.iterdir()) == [file.name]
    # a file lost from the folder is written again from the database
    file.unlink()
    assert publish_campaign(hq, version_two(), hq_key).already and file.read_bytes() == data


def test_a_campaign_template_from_json_or_a_bad_file(tmp_path, hq, hq_key):
    good = tmp_path / "campaign.json"
    good.write_text(json.dumps(version_two(), ensure_ascii=False), encoding="utf-8")
    assert load_campaign(good) == version_two()
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"', encoding="utf-8")
    with pytest.raises(FieldDeskError, match="bad.json: not a campaign template"):
        load_campaign(bad)
    wrong = copy.deepcopy(version_two())
    wrong["indicators"][1]["unit"] = "kg"
    bad.write_text(json.dumps(wrong), encoding="utf-8")
    with pytest.raises(FieldDeskError):
        load_campaign(bad)


def test_report_per_campaign_flags_offices_on_an_older_version(hq, hq_key, world, tmp_path,
                                                                hqkit):
    for path in (world.dl.bundles[1], world.mh.bundles[1], world.sw.bundles[1]):
        assert import_bundle(hq, path).accepted
    with hq.store.read() as conn:
        data = consolidate(conn, campaign="special-campaign-6")
    assert [s.campaign.campaign_id for s in data.sections] == ["special-campaign-6"]
    (section,) = data.sections
    assert section.version.label == "v1" and not any(o.flags for o in section.offices
                                                      if "older" in " ".join(o.flags))

    publish_campaign(hq, version_two(), hq_key)
    out = write_report(hq, tmp_path / "sc6.xlsx", campaign="special-campaign-6")
    assert out.sections == 1 and out.offices == 2
    body, totals = _offices(tmp_path / "sc6.xlsx", "Offices")
    assert set(body) == {"DL-001", "MH-002"}  # not the other campaign's office
    for code in body:
        assert body[code]["Campaign version"] == "v1 (v2 published)"
        assert "older version: v1 (v2 published)" in body[code]["Flags"]
    assert "2 on an older version" in totals["Flags"]
    about = _cells(tmp_path / "sc6.xlsx", "About")
    assert any("special-campaign-6) v1 (v2 published), 2 offices" in str(v) for v in about)

    with pytest.raises(FieldDeskError, match="no campaign 'no-such' at headquarters"):
        write_report(hq, tmp_path / "x.xlsx", campaign="no-such")
    assert not (tmp_path / "x.xlsx").exists()
    # every campaign, as before: both sections, the other campaign never flagged
    everything = write_report(hq, tmp_path / "all.xlsx")
    assert everything.sections == 2
    other, _ = _offices(tmp_path / "all.xlsx", "C2 Offices")
    assert other["SW-005"]["Campaign version"] == "unpublished version"
    assert "older" not in (other["SW-005"]["Flags"] or "")


def _cells(path: Path, sheet: str) -> list:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return [v for row in book[sheet].iter_rows(values_only=True) for v in row if v]
    finally:
        book.close()


def _offices(path: Path, sheet: str) -> tuple[dict, dict]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    header = rows[4]
    totals = dict(zip(header, rows[5]))
    return {r[0]: dict(zip(header, r)) for r in rows[6:] if r[0]}, totals


def test_receipts_for_a_pen_drive_are_the_signed_upload_receipts(hq, hq_key, world, tmp_path):
    out = tmp_path / "pen"
    accepted_bundle, stranger = world.ka.bundles[1], world.up.bundles[1]
    # as hq import --receipts does: on PostgreSQL, through the import queue
    for result in import_files(hq, [accepted_bundle, stranger]):
        write_receipt_file(out, hq_key, result.path, result.outcome,
                           claimed_office=claimed_office(result.path))
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(receipt_file_name(b.name) for b in (accepted_bundle, stranger))

    ok = verify_receipt(json.loads((out / receipt_file_name(accepted_bundle.name)).read_text()),
                        hq_key.public_key())
    assert ok.accepted and ok.office_code == "KA-003" and ok.seq == 1
    assert ok.file_name == accepted_bundle.name and ok.bytes == accepted_bundle.stat().st_size
    refused = verify_receipt(json.loads((out / receipt_file_name(stranger.name)).read_text()),
                             hq_key.public_key())
    assert not refused.accepted and "not registered" in refused.reason
    assert refused.office_code == "UP-004"
    # signed by headquarters' key alone: another key does not verify it
    with pytest.raises(ReceiptError):
        verify_receipt(json.loads((out / receipt_file_name(stranger.name)).read_text()),
                       Ed25519PrivateKey.generate().public_key())
    # and anyone can check it with stock tools, as docs/verify.md shows
    (out / "HQ.pub.pem").write_bytes(signing.public_key_pem(hq_key.public_key()))
    split = ("import base64, json, sys; r = json.load(open(sys.argv[1], encoding='utf-8')); "
             "open('receipt.json', 'wb').write(r['payload'].encode('utf-8')); "
             "open('receipt.sig', 'wb').write(base64.b64decode(r['signature']))")
    subprocess.run([sys.executable, "-c", split, receipt_file_name(stranger.name)], cwd=out,
                   check=True)
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "HQ.pub.pem", "-rawin",
               "-in", "receipt.json", "-sigfile", "receipt.sig"]
    checked = subprocess.run(command, cwd=out, capture_output=True, text=True)
    assert checked.returncode == 0 and "Signature Verified Successfully" in checked.stdout
    payload = json.loads((out / "receipt.json").read_text(encoding="utf-8"))
    assert payload["accepted"] is False and payload["bundle_sha256"] == refused.bundle_sha256
    (out / "receipt.json").write_text(json.dumps({**payload, "accepted": True}), encoding="utf-8")
    assert subprocess.run(command, cwd=out, capture_output=True).returncode != 0


def test_a_bundle_under_a_published_campaign_is_read_with_its_signed_definition(
        hq, hq_key, world, hqkit):
    """SW-005 runs a campaign FieldDesk does not ship: once headquarters published it, its
    bundle is totalled against the signed definition, not the About sheet it carries."""
    publish_campaign(hq, hqkit.custom_template(), hq_key)
    assert import_bundle(hq, world.sw.bundles[1]).accepted
    (source,) = hqkit.rows(hq, "SELECT source FROM campaign WHERE campaign_id = :c",
                           c="swachhata-drive-2026")
    assert source == ("template",)


def test_without_publishing_the_about_sheet_is_used(hq, world, hqkit):
    assert import_bundle(hq, world.sw.bundles[1]).accepted
    assert hqkit.rows(hq, "SELECT source FROM campaign WHERE campaign_id = :c",
                      c="swachhata-drive-2026") == [("bundle",)]
