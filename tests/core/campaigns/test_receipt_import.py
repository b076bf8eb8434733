"""Receipts by pen drive at the office: a receipt marks its bundle accepted or rejected as an
uploaded one does; one for another office, an unknown bundle, or signed by another key is
refused with one line and changes nothing."""

from __future__ import annotations

import dataclasses
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.bundle.room import export_with_room
from desktop_app.fileio import hash_file
from desktop_app.keys import signing
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload.receipt_import import (
    ReceiptRefused,
    import_receipt,
    receipt_file_name,
)
from desktop_app.upload.status import outbox_states
from desktop_app.upload_protocol import Receipt, sign_receipt
from tests.core.campaigns.kit import trust


@pytest.fixture
def exported(opened, campaign, hq, tmp_path):
    """An office whose bundle went to headquarters on a pen drive (exported to E:\\)."""
    create_office_key(opened, reason="test")
    opened.store.progress.save_day(campaign.id, opened.store.today(), {"files_reviewed": 40})
    pen = tmp_path / "pen"
    result = export_with_room(opened, out_dir=pen)[0]
    trust(opened, hq)
    return result


def receipt_for(result, hq_key, *, office="DL-042", accepted=True, reason="", **changes) -> dict:
    receipt = Receipt(bundle_sha256=hash_file(result.path)[0], office_code=office,
                      campaign_id="special-campaign-6", seq=result.seq, accepted=accepted,
                      reason=reason, file_name=result.path.name, bytes=result.bytes,
                      received_at="2026-11-21T09:00:00Z", issued_at="2026-11-21T09:00:05Z",
                      hq_key_fingerprint=signing.fingerprint(hq_key))
    return sign_receipt(dataclasses.replace(receipt, **changes), hq_key)


def write(tmp_path, result, document: dict | str) -> object:
    path = tmp_path / receipt_file_name(result.path.name)
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def upload_states(opened) -> list:
    return opened.store.conn.execute("SELECT * FROM upload_state ORDER BY 1, 2").fetchall()


def test_an_accepted_receipt_marks_the_bundle_as_an_upload_would(opened, exported, hq, tmp_path):
    path = write(tmp_path, exported, receipt_for(exported, hq.key))
    assert path.name == exported.path.name.replace(".zip", ".fdreceipt")
    done = import_receipt(opened, path)
    assert done.accepted and not done.already and done.seq == 1
    entry = OutboxRepository(opened.store).get("special-campaign-6", 1)
    assert entry.status == "accepted" and entry.decided_at == "2026-11-21T09:00:05Z"
    assert entry.bundle_sha256 == hash_file(exported.path)[0]
    assert json.loads(entry.receipt_json)["signature"]
    assert outbox_states(opened)[0].text.startswith("accepted by HQ on ")
    assert import_receipt(opened, path).already  # the same file again: nothing new


def test_a_rejected_receipt_keeps_the_reason(opened, exported, hq, tmp_path):
    reason = "seq 1 is older than the last accepted (3)"
    done = import_receipt(opened, write(tmp_path, exported, receipt_for(exported, hq.key, accepted=False,
                                                                         reason=reason)))
    assert not done.accepted
    assert outbox_states(opened)[0].text == f"rejected: {reason}"


def test_the_bundle_need_not_be_on_this_pc_any_more(opened, exported, hq, tmp_path):
    document = receipt_for(exported, hq.key)
    exported.path.unlink()  # the pen drive went to headquarters
    assert import_receipt(opened, write(tmp_path, exported, document)).accepted


@pytest.mark.parametrize("case, expected", [
    ("other-office", "is a receipt for office UP-007, not for this office (DL-042). Nothing was changed."),
    ("other-bundle", "answers bundle DL-042-special-campaign-6-7-20261120.zip, which this office did not export"),
    ("other-contents", "which this office did not export (or not with these contents)"),
    ("other-key", "is not signed by the headquarters key this office trusts ("),
    ("tampered", "is not signed by the headquarters key this office trusts ("),
    ("garbage", "is not a receipt from headquarters (the receipt is not JSON)"),
])
def test_each_refusal_is_one_line_and_changes_nothing(opened, exported, hq, tmp_path, case, expected):
    if case == "other-office":
        document = receipt_for(exported, hq.key, office="UP-007")
    elif case == "other-bundle":
        document = receipt_for(exported, hq.key, seq=7, file_name=exported.path.name.replace("-1-", "-7-"))
    elif case == "other-contents":
        document = receipt_for(exported, hq.key, bundle_sha256="ab" * 32)
    elif case == "other-key":
        document = receipt_for(exported, Ed25519PrivateKey.generate())
    elif case == "tampered":
        document = receipt_for(exported, hq.key, accepted=False, reason="bad")
        document["payload"] = document["payload"].replace('"accepted":false', '"accepted":true')
    else:
        document = "PK\x03\x04 not a receipt"
    before = upload_states(opened)
    with pytest.raises(ReceiptRefused) as err:
        import_receipt(opened, write(tmp_path, exported, document))
    assert expected in str(err.value) and "\n" not in str(err.value)
    assert upload_states(opened) == before


def test_no_headquarters_key_yet_is_refused(opened, campaign, hq, tmp_path):
    create_office_key(opened, reason="test")
    result = export_with_room(opened, out_dir=tmp_path / "pen")[0]
    path = write(tmp_path, result, receipt_for(result, hq.key))
    with pytest.raises(ReceiptRefused, match="no headquarters key is set yet"):
        import_receipt(opened, path)
    assert upload_states(opened) == []
