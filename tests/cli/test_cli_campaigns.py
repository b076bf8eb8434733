"""The office's side of the campaign cycle on the command line: campaign import (with the
fingerprint confirmed when no headquarters key is set), campaign list, receipt import, and
an earlier campaign exported and printed."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.keys import signing
from tests.core.campaigns.kit import HQ, new_campaign, version_two


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def office(tmp_path) -> Path:
    home = tmp_path / "office"
    assert run(home, "demo", "--no-open").returncode == 0
    return home


def campaigns(home: Path) -> list[tuple]:
    conn = sqlite3.connect(home / "fielddesk.db")
    try:
        return conn.execute("SELECT id, version, is_current FROM campaign ORDER BY id").fetchall()
    finally:
        conn.close()


def test_import_confirms_the_key_by_fingerprint_then_applies(office, tmp_path):
    hq = HQ(tmp_path / "hq")
    path = hq.publish(new_campaign())
    before = campaigns(office)

    first = run(office, "campaign", "import", str(path))
    assert first.returncode == 1
    assert "new campaign:  Special Campaign 7.0 (special-campaign-7), version 1" in first.stdout
    assert "Read this fingerprint back to headquarters over the phone" in first.stderr
    blocks = signing.fingerprint(hq.key).split()
    assert " ".join(blocks[:4]) in first.stderr
    assert first.stderr.strip().splitlines()[-1].startswith("fielddesk: nothing was changed")
    assert campaigns(office) == before

    wrong = run(office, "campaign", "import", str(path), "--yes", "--trust-key", "AAAA " * 16)
    assert wrong.returncode == 1 and "is not the key that signed this file" in wrong.stderr
    assert campaigns(office) == before

    unconfirmed = run(office, "campaign", "import", str(path),
                      "--trust-key", signing.fingerprint(hq.key).lower().replace(" ", ""))
    assert unconfirmed.returncode == 1 and "run again with --yes" in unconfirmed.stderr
    assert campaigns(office) == before

    done = run(office, "campaign", "import", str(path), "--yes",
               "--trust-key", signing.fingerprint(hq.key).lower().replace(" ", ""))
    assert done.returncode == 0, done.stderr
    assert "Special Campaign 7.0 is now the current campaign" in done.stdout
    assert campaigns(office) == [("special-campaign-6", 1, 0), ("special-campaign-7", 1, 1)]
    listing = run(office, "campaign", "list").stdout
    assert "* special-campaign-7  v1  Special Campaign 7.0" in listing
    assert "earlier (read-only)" in listing and "shipped with FieldDesk" in listing
    info = run(office, "info").stdout
    assert "campaign:    Special Campaign 7.0 (special-campaign-7, version 1)" in info
    assert "earlier:     Special Campaign 6.0" in info


def test_upgrade_and_refusals_are_one_line(office, tmp_path):
    hq = HQ(tmp_path / "hq")
    assert run(office, "remote", "set", "--hq-key", str(hq.pem)).returncode == 0
    upgrade = run(office, "campaign", "import", str(hq.publish(version_two())), "--yes")
    assert upgrade.returncode == 0, upgrade.stderr
    assert "new version:   Special Campaign 6.0 for Disposal of Pending Matters (special-campaign-6), " \
           "version 1 -> 2" in upgrade.stdout
    assert "  Removed indicator: Public Grievance Appeals (pg_appeals); its " in upgrade.stdout
    assert "every entry was kept" in upgrade.stdout
    before = campaigns(office)
    older = run(office, "campaign", "import", str(hq.publish(json.loads(json.dumps(new_campaign()))
                                                             | {"id": "special-campaign-6"})), "--yes")
    assert older.returncode == 1
    assert older.stderr.count("\n") == 1 and "this office already has version 2" in older.stderr
    damaged = tmp_path / "broken.fdcampaign"
    damaged.write_bytes(b"PK\x03\x04 broken")
    bad = run(office, "campaign", "import", str(damaged), "--yes")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
    assert "broken.fdcampaign is damaged or is not a campaign file from headquarters" in bad.stderr
    assert campaigns(office) == before


def test_earlier_campaign_exports_and_prints(office, tmp_path):
    hq = HQ(tmp_path / "hq")
    assert run(office, "remote", "set", "--hq-key", str(hq.pem)).returncode == 0
    assert run(office, "campaign", "import", str(hq.publish(new_campaign())), "--yes").returncode == 0
    exported = run(office, "export", "--campaign", "special-campaign-6", "--out", str(tmp_path / "pen"))
    assert exported.returncode == 0, exported.stderr
    assert "-special-campaign-6-1-" in exported.stdout
    pdf = tmp_path / "old.pdf"
    printed = run(office, "summary", "--pdf", str(pdf), "--campaign", "special-campaign-6", "--no-photos")
    assert printed.returncode == 0, printed.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Special Campaign 6.0" in text and "Public Grievance Appeals" in text
    unknown = run(office, "export", "--campaign", "no-such-campaign")
    assert unknown.returncode == 1 and "no campaign 'no-such-campaign'" in unknown.stderr


def test_receipt_import_marks_accepted_and_refuses_another_office(office, tmp_path):
    from desktop_app.fileio import hash_file
    from desktop_app.upload_protocol import Receipt, sign_receipt

    hq = HQ(tmp_path / "hq")
    assert run(office, "remote", "set", "--hq-key", str(hq.pem)).returncode == 0
    bundle = Path(run(office, "export", "--out", str(tmp_path / "pen")).stdout.strip())

    def receipt(office_code: str) -> Path:
        document = sign_receipt(Receipt(
            bundle_sha256=hash_file(bundle)[0], office_code=office_code,
            campaign_id="special-campaign-6", seq=1, accepted=True, reason="",
            file_name=bundle.name, bytes=bundle.stat().st_size, received_at="2026-11-21T09:00:00Z",
            issued_at="2026-11-21T09:00:05Z", hq_key_fingerprint=signing.fingerprint(hq.key)), hq.key)
        path = tmp_path / office_code / bundle.name.replace(".zip", ".fdreceipt")
        path.parent.mkdir()
        path.write_text(json.dumps(document))
        return path

    mixed = run(office, "receipt", "import", str(receipt("UP-007")), str(receipt("DEMO-RO-PUNE")))
    assert mixed.returncode == 1
    assert "refused: " in mixed.stderr and "for office UP-007, not for this office" in mixed.stderr
    assert f"{bundle.name} (seq 1): accepted" in mixed.stdout
    status = run(office, "upload", "--status").stdout
    assert f"{bundle.name}: accepted by HQ on " in status
