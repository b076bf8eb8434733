"""The campaign cycle both ways on the command line (headquarters on SQLite; the same
functions run on PostgreSQL in tests/core/hq/test_hq_campaigns.py): a campaign built from its workbook (mistakes named by sheet, row and column),
published, imported at an office, figures entered under it, the bundle handed over on a pen
drive, ``hq import --receipts``, the receipt imported at the office (accepted; then a
rejected one with its reason), and ``hq report --campaign`` flagging the office once a newer
version is published."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

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


def test_build_publish_import_enter_export_receipt_accepted(tmp_path):
    hq, office, pen = tmp_path / "hq", tmp_path / "office", tmp_path / "pen"
    ok(run(hq, "hq", "key", "init"))
    ok(run(hq, "hq", "key", "export", "--out", str(tmp_path / "HQ.pub.pem")))

    # headquarters: the workbook, a mistake named, then built and published
    start = Path(ok(run(hq, "hq", "campaign", "template", "--out", str(tmp_path / "sc6.xlsx")))
                 .stdout.strip())
    book = edit(start, tmp_path / "sc7.xlsx", SEVEN)
    wrong = run(hq, "hq", "campaign", "build", str(edit(book, tmp_path / "bad.xlsx", {
        ("indicators", "A5"): "mp_references", ("indicators", "D7"): None})))
    assert wrong.returncode == 1
    assert ("bad.xlsx: indicators, row 5, column A (code): duplicate code 'mp_references' "
            "(first in row 2)") in wrong.stderr
    assert "bad.xlsx: indicators, row 7, column D (label_hi): the Hindi label is missing" in wrong.stderr
    assert wrong.stderr.strip().splitlines()[-1] == ("fielddesk: bad.xlsx: 2 mistakes (listed "
                                                     "above); nothing was built")
    built = ok(run(hq, "hq", "campaign", "build", str(book)))
    assert "campaign:    special-campaign-7, version 1" in built.stdout
    assert "phase:       Implementation phase: 01.10.2026 to 31.12.2027" in built.stdout
    ok(run(hq, "hq", "campaign", "publish", str(book), "--out", str(pen)))
    package = pen / "special-campaign-7-v1.fdcampaign"
    assert package.read_bytes() == (hq / "campaigns" / package.name).read_bytes()
    assert package.stat().st_size < 50_000
    listing = ok(run(hq, "hq", "campaign", "list")).stdout
    assert "special-campaign-7  v1  Special Campaign 7.0  14 indicators" in listing
    assert "[offered to offices]" in listing

    # the office: the campaign from the pen drive, figures under it, a bundle back
    ok(run(office, "demo", "--no-open"))
    ok(run(office, "remote", "set", "--hq-key", str(tmp_path / "HQ.pub.pem")))
    imported = ok(run(office, "campaign", "import", str(package), "--yes"))
    assert "Special Campaign 7.0 is now the current campaign" in imported.stdout
    from desktop_app.storage.store import open_folder

    with open_folder(office, today=lambda: DAY) as opened:
        opened.store.progress.save_day("special-campaign-7", DAY, {"files_reviewed": 40})
    ok(run(hq, "hq", "register", str(office / "keys" / "office.pub.pem"), "--office", OFFICE_CODE))
    bundle = Path(ok(run(office, "export", "--out", str(pen))).stdout.strip())
    assert "-special-campaign-7-1-" in bundle.name

    # headquarters imports from the pen drive and writes the receipts onto it
    answered = ok(run(hq, "hq", "import", str(bundle), "--receipts", str(pen / "receipts")))
    assert "1 receipt written to" in answered.stderr
    receipt = pen / "receipts" / bundle.name.replace(".zip", ".fdreceipt")
    assert receipt.is_file()
    taken = ok(run(office, "receipt", "import", str(receipt)))
    assert f"{bundle.name} (seq 1): accepted" in taken.stdout
    assert outbox(office)[-1][:3] == ("special-campaign-7", 1, "accepted")
    assert f"{bundle.name}: accepted by HQ on " in ok(run(office, "upload", "--status")).stdout

    # the report per campaign: current, then flagged once version 2 is published
    ok(run(hq, "hq", "report", "--campaign", "special-campaign-7", "--out", str(tmp_path / "r1.xlsx")))
    assert _office_row(tmp_path / "r1.xlsx")["Campaign version"] == "v1"
    v2 = edit(book, tmp_path / "sc7-v2.xlsx", {("settings", "B3"): 2,
                                               ("settings", "B13"): datetime(2028, 1, 15)})
    ok(run(hq, "hq", "campaign", "publish", str(v2)))
    ok(run(hq, "hq", "report", "--campaign", "special-campaign-7", "--out", str(tmp_path / "r2.xlsx")))
    row = _office_row(tmp_path / "r2.xlsx")
    assert row["Campaign version"] == "v1 (v2 published)"
    assert "older version: v1 (v2 published)" in row["Flags"]
    again = ok(run(hq, "hq", "campaign", "publish", str(book)))  # the same v1: nothing new
    assert "already published (nothing changed)" in again.stdout
    changed = edit(book, tmp_path / "sc7-changed.xlsx", {("settings", "B4"): "Special Campaign 7"})
    back = run(hq, "hq", "campaign", "publish", str(changed))
    assert back.returncode == 1 and "with other contents" in back.stderr
    assert "publish the correction as version 3" in back.stderr

    # a rejected bundle: its receipt says why, and the office shows it
    ok(run(hq, "hq", "revoke", "--office", OFFICE_CODE, "--reason", "laptop stolen"))
    second = Path(ok(run(office, "export", "--out", str(pen))).stdout.strip())
    refused = run(hq, "hq", "import", str(second), "--receipts", str(pen / "receipts"))
    assert refused.returncode == 1 and "rejected" in refused.stdout
    taken = ok(run(office, "receipt", "import",
                   str(pen / "receipts" / second.name.replace(".zip", ".fdreceipt"))))
    assert f"{second.name} (seq 2): rejected: " in taken.stdout and "revoked" in taken.stdout
    assert outbox(office)[-1][2] == "rejected" and "revoked" in outbox(office)[-1][3]


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
