"""The campaign cycle both ways on the command line (headquarters on SQLite; the same
functions run on PostgreSQL in tests/core/hq/test_hq_campaigns.py): a campaign built from
its workbook (mistakes named by sheet, row and column), published, imported at an office,
figures entered under it, the bundle handed over on a pen drive, ``hq import --receipts``,
the receipt imported at the office (accepted; then a rejected one with its reason), and
``hq report --campaign`` / ``hq offices`` flagging an office once a newer version is
published. Setting-up steps that are not the subject (keys, registering) run in-process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

OFFICE_CODE = "DEMO-RO-PUNE"
DAY = date(2026, 11, 20)


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "FIELDDESK_HQ_DB"}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120, env=environ,
                          stdin=subprocess.DEVNULL)


def ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def edit(path: Path, out: Path, cells: dict[tuple[str, str], object]) -> Path:
    book = load_workbook(path)
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    book.save(out)
    return out


SEVEN = {("settings", "B2"): "special-campaign-7", ("settings", "B3"): 1,
         ("settings", "B4"): "Special Campaign 7.0", ("settings", "B5"): "विशेष अभियान 7.0",
         ("settings", "B8"): datetime(2026, 9, 1), ("settings", "B9"): datetime(2026, 9, 30),
         ("settings", "B12"): datetime(2026, 10, 1), ("settings", "B13"): datetime(2027, 12, 31)}


def outbox(home: Path) -> list[tuple]:
    conn = sqlite3.connect(home / "fielddesk.db")
    try:
        return conn.execute("SELECT campaign_id, seq, status, reason FROM upload_state "
                            "ORDER BY seq").fetchall()
    finally:
        conn.close()


@pytest.fixture
def hq(tmp_path) -> Path:
    """A headquarters folder with its key (made in-process: the same functions as `hq key
    init` and `hq key export`), and the public key at tmp_path/HQ.pub.pem."""
    from desktop_app.hq.database import HQFolder
    from desktop_app.hq.receipts import export_hq_public_key, init_hq_key

    folder = HQFolder(tmp_path / "hq").ensure()
    init_hq_key(folder.keys)
    export_hq_public_key(folder.keys, tmp_path / "HQ.pub.pem")
    return folder.root


@pytest.fixture
def workbook(tmp_path) -> Path:
    """Special Campaign 7.0 as headquarters staff fill it in (from the template workbook)."""
    from desktop_app.campaigns.workbook_template import write_campaign_workbook
    from desktop_app.domain.templates import load_template, templates_dir

    start = write_campaign_workbook(load_template(templates_dir() / "special-campaign-6.json"),
                                    tmp_path / "sc6.xlsx")
    return edit(start, tmp_path / "sc7.xlsx", SEVEN)


def test_build_names_every_mistake_publish_signs_list_shows(hq, workbook, tmp_path):
    pen = tmp_path / "pen"
    wrong = run(hq, "hq", "campaign", "build", str(edit(workbook, tmp_path / "bad.xlsx", {
        ("indicators", "A5"): "mp_references", ("indicators", "D7"): None})))
    assert wrong.returncode == 1
    assert ("bad.xlsx: indicators, row 5, column A (code): duplicate code 'mp_references' "
            "(first in row 2)") in wrong.stderr
    assert "bad.xlsx: indicators, row 7, column D (label_hi): the Hindi label is missing" in wrong.stderr
    assert wrong.stderr.strip().splitlines()[-1] == ("fielddesk: bad.xlsx: 2 mistakes (listed "
                                                     "above); nothing was built")
    assert not (hq / "campaigns").exists()
    built = ok(run(hq, "hq", "campaign", "build", str(workbook)))
    assert "campaign:    special-campaign-7, version 1" in built.stdout
    assert "phase:       Implementation phase: 01.10.2026 to 31.12.2027" in built.stdout

    ok(run(hq, "hq", "campaign", "publish", str(workbook), "--out", str(pen)))
    package = pen / "special-campaign-7-v1.fdcampaign"
    assert package.read_bytes() == (hq / "campaigns" / package.name).read_bytes()
    assert package.stat().st_size < 50_000
    listing = ok(run(hq, "hq", "campaign", "list")).stdout
    assert "special-campaign-7  v1  Special Campaign 7.0  14 indicators" in listing
    assert "[offered to offices]" in listing
    again = ok(run(hq, "hq", "campaign", "publish", str(workbook)))  # the same v1: nothing new
    assert "already published (nothing changed)" in again.stdout
    changed = edit(workbook, tmp_path / "sc7-changed.xlsx", {("settings", "B4"): "Special Campaign 7"})
    back = run(hq, "hq", "campaign", "publish", str(changed))
    assert back.returncode == 1 and "with other contents" in back.stderr
    assert "publish the correction as version 2" in back.stderr
    assert sorted(p.name for p in (hq / "campaigns").iterdir()) == [package.name]


def test_publish_import_enter_export_receipts_accepted_then_rejected(hq, workbook, tmp_path):
    from desktop_app.hq.database import open_hq
    from desktop_app.hq.registry import register_key, revoke_key
    from desktop_app.storage.store import open_folder

    office, pen = tmp_path / "office", tmp_path / "pen"
    ok(run(hq, "hq", "campaign", "publish", str(workbook), "--out", str(pen)))
    # the office: the campaign from the pen drive, figures under it, a bundle back
    ok(run(office, "demo", "--no-open"))
    ok(run(office, "remote", "set", "--hq-key", str(tmp_path / "HQ.pub.pem")))
    imported = ok(run(office, "campaign", "import", str(pen / "special-campaign-7-v1.fdcampaign"),
                      "--yes"))
    assert "Special Campaign 7.0 is now the current campaign" in imported.stdout
    with open_folder(office, today=lambda: DAY) as opened:
        opened.store.progress.save_day("special-campaign-7", DAY, {"files_reviewed": 40})
    with open_hq(hq) as opened_hq:
        register_key(opened_hq, (office / "keys" / "office.pub.pem").read_bytes(), OFFICE_CODE)
    bundle = Path(ok(run(office, "export", "--out", str(pen))).stdout.strip())
    assert "-special-campaign-7-1-" in bundle.name

    # headquarters imports from the pen drive and writes the receipts onto it
    answered = ok(run(hq, "hq", "import", str(bundle), "--receipts", str(pen / "receipts")))
    assert "1 receipt written to" in answered.stderr
    receipt = pen / "receipts" / bundle.name.replace(".zip", ".fdreceipt")
    taken = ok(run(office, "receipt", "import", str(receipt)))
    assert f"{bundle.name} (seq 1): accepted" in taken.stdout
    assert outbox(office)[-1][:3] == ("special-campaign-7", 1, "accepted")
    assert f"{bundle.name}: accepted by HQ on " in ok(run(office, "upload", "--status")).stdout

    # a rejected bundle: its receipt says why, and the office shows it
    with open_hq(hq) as opened_hq:
        revoke_key(opened_hq, OFFICE_CODE, reason="laptop stolen")
    second = Path(ok(run(office, "export", "--out", str(pen))).stdout.strip())
    refused = run(hq, "hq", "import", str(second), "--receipts", str(pen / "receipts"))
    assert refused.returncode == 1 and "rejected" in refused.stdout
    taken = ok(run(office, "receipt", "import",
                   str(pen / "receipts" / second.name.replace(".zip", ".fdreceipt"))))
    assert f"{second.name} (seq 2): rejected: " in taken.stdout and "revoked" in taken.stdout
    assert outbox(office)[-1][2] == "rejected" and "revoked" in outbox(office)[-1][3]


def test_report_per_campaign_and_offices_flag_an_older_version(hq, tmp_path):
    """An office on the shipped Special Campaign 6.0 (v1) after headquarters published v2."""
    import json

    from desktop_app.bundle.export import export_bundle
    from desktop_app.demo import populate
    from desktop_app.domain.templates import templates_dir
    from desktop_app.hq.database import open_hq
    from desktop_app.hq.importer import import_bundle
    from desktop_app.hq.published import publish_campaign
    from desktop_app.hq.receipts import load_hq_key
    from desktop_app.hq.registry import register_key
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.store import open_folder

    with open_folder(tmp_path / "office", today=lambda: DAY) as opened:
        populate(opened)
        create_office_key(opened, reason="tests")
        (result,) = export_bundle(opened)
        pem = (opened.folder.keys / "office.pub.pem").read_bytes()
    v2 = json.loads((templates_dir() / "special-campaign-6.json").read_text(encoding="utf-8"))
    v2["version"] = 2
    with open_hq(hq) as opened_hq:
        register_key(opened_hq, pem, OFFICE_CODE)
        assert import_bundle(opened_hq, result.path).accepted
        publish_campaign(opened_hq, v2, load_hq_key(opened_hq.folder.keys))

    ok(run(hq, "hq", "report", "--campaign", "special-campaign-6", "--out", str(tmp_path / "r.xlsx")))
    row = _office_row(tmp_path / "r.xlsx")
    assert row["Campaign version"] == "v1 (v2 published)"
    assert "older version: v1 (v2 published)" in row["Flags"]
    offices = ok(run(hq, "hq", "offices")).stdout
    assert "special-campaign-6 v1 (v2 published): last accepted seq 1" in offices
    assert "[older version]" in offices
    unknown = run(hq, "hq", "report", "--campaign", "no-such", "--out", str(tmp_path / "x.xlsx"))
    assert unknown.returncode == 1 and "no campaign 'no-such' at headquarters" in unknown.stderr


def _office_row(path: Path) -> dict:
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book["Offices"].iter_rows(values_only=True))
    finally:
        book.close()
    header = rows[4]
    (row,) = [dict(zip(header, r)) for r in rows[6:] if r[0] == OFFICE_CODE]
    return row


def test_no_receipt_key_means_nothing_is_imported(tmp_path):
    hq = tmp_path / "hq"
    bundle = tmp_path / "DL-1-special-campaign-6-1-20261120.zip"
    bundle.write_bytes(b"PK\x05\x06" + bytes(18))
    proc = run(hq, "hq", "import", str(bundle), "--receipts", str(tmp_path / "out"))
    assert proc.returncode == 1 and "headquarters has no receipt key yet" in proc.stderr
    assert not (tmp_path / "out").exists()
    with sqlite3.connect(hq / "hq.db") as conn:
        assert conn.execute("SELECT count(*) FROM import_log").fetchone() == (0,)
