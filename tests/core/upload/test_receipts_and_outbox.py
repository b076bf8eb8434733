"""Receipts verify only with headquarters' key and for the right bundle; the outbox keeps
every export queued until such a receipt decides it; no network is calm."""

from __future__ import annotations

import json
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.bundle.export import export_bundle
from desktop_app.errors import FieldDeskError
from desktop_app.keys import signing
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload.remote import set_remote
from desktop_app.upload.runner import send_outbox
from desktop_app.upload.status import due_for_retry, outbox_states
from desktop_app.upload_protocol import (
    Receipt,
    ReceiptError,
    decode_metadata,
    encode_metadata,
    receipt_payload,
    sign_receipt,
    verify_receipt,
)

HQ_KEY = Ed25519PrivateKey.generate()
SHA = "ab" * 32


def receipt(**changes) -> Receipt:
    base = dict(bundle_sha256=SHA, office_code="DL-042", campaign_id="special-campaign-6", seq=3,
                accepted=True, reason="accepted", file_name="DL-042-x-3-20261120.zip", bytes=1234,
                received_at="2026-11-20T10:00:00Z", issued_at="2026-11-20T10:00:02Z",
                hq_key_fingerprint=signing.fingerprint(HQ_KEY))
    base.update(changes)
    return Receipt(**base)


def test_a_receipt_verifies_with_the_hq_key_only():
    document = sign_receipt(receipt(), HQ_KEY)
    assert verify_receipt(document, HQ_KEY.public_key(), bundle_sha256=SHA,
                          office_code="DL-042") == receipt()
    assert verify_receipt(json.dumps(document), HQ_KEY.public_key()).seq == 3
    with pytest.raises(ReceiptError, match="signature"):
        verify_receipt(document, Ed25519PrivateKey.generate().public_key())
    impostor = Ed25519PrivateKey.generate()
    with pytest.raises(ReceiptError):  # signed by another key that claims HQ's fingerprint
        verify_receipt(sign_receipt(receipt(), impostor), HQ_KEY.public_key())


@pytest.mark.parametrize("field, value", [("accepted", False), ("seq", 4), ("reason", "ok"),
                                          ("office_code", "DL-043"), ("bundle_sha256", "cd" * 32)])
def test_an_altered_field_breaks_the_receipt(field, value):
    document = sign_receipt(receipt(), HQ_KEY)
    payload = json.loads(document["payload"])
    payload[field] = value
    forged = {"payload": json.dumps(payload, sort_keys=True, separators=(",", ":")),
              "signature": document["signature"]}
    with pytest.raises(ReceiptError):
        verify_receipt(forged, HQ_KEY.public_key())


def test_a_receipt_for_another_bundle_or_office_is_refused():
    document = sign_receipt(receipt(), HQ_KEY)
    with pytest.raises(ReceiptError, match="another bundle"):
        verify_receipt(document, HQ_KEY.public_key(), bundle_sha256="cd" * 32)
    with pytest.raises(ReceiptError, match="office"):
        verify_receipt(document, HQ_KEY.public_key(), office_code="MH-PUNE-01")
    for junk in ("", "[]", '{"payload": 1, "signature": "x"}', b"\xff"):
        with pytest.raises(ReceiptError):
            verify_receipt(junk, HQ_KEY.public_key())
    extra = json.loads(receipt_payload(receipt())) | {"note": "x"}
    with pytest.raises(ReceiptError, match="fields"):
        verify_receipt(sign_receipt_payload(json.dumps(extra)), HQ_KEY.public_key())


def sign_receipt_payload(payload: str) -> dict:
    from desktop_app.upload_protocol import sign_b64

    return {"payload": payload, "signature": sign_b64(HQ_KEY, payload.encode("utf-8"))}


def test_metadata_round_trip_and_malformed_metadata():
    values = {"office": "DL-042", "filename": "रिपोर्ट,1.zip", "empty": ""}
    assert decode_metadata(encode_metadata(values)) == values
    for bad in ("office ###", "a YQ==,a YQ==", "a b c", "a /w=="):
        assert decode_metadata(bad) is None


def test_forged_receipts_never_mark_a_bundle_accepted(hq_site, make_office, up, tmp_path):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01", url=site.url)
    # 1. The office holds another key as "HQ's" (a man in the middle would sign with his own).
    other = tmp_path / "other-hq"
    signing.generate_key(other, "hq")
    set_remote(office, site.url, signing.public_pem_path(other, "hq"))
    report = send_outbox(office, policy=up.POLICY)
    assert report.accepted == [] and len(report.unverified) == 1
    [entry] = OutboxRepository(office.store).entries()
    assert entry.status == "sent" and entry.receipt_json is None
    assert "signature does not match" in entry.receipt_problem
    [state] = outbox_states(office)
    assert "did not verify" in state.text

    # 2. The right key, but a receipt altered on the way: still not accepted.
    set_remote(office, site.url, hq_site.public_pem)
    genuine = site.rx.state.receipt

    def altered(sha):
        document = genuine(sha)
        if document is None:
            return None
        outer = json.loads(document)
        outer["payload"] = outer["payload"].replace('"seq":1', '"seq":7')
        return json.dumps(outer)

    site.rx.state.receipt = altered
    report = send_outbox(office, policy=up.POLICY)
    assert report.accepted == [] and len(report.unverified) == 1
    assert OutboxRepository(office.store).entries()[0].status == "sent"

    # 3. The genuine receipt: accepted, without sending the bundle again.
    site.rx.state.receipt = genuine
    report = send_outbox(office, policy=up.POLICY)
    assert len(report.accepted) == 1 and report.bytes_sent == 0
    assert [r[0] for r in hq_site.import_log(entry.bundle_sha256)] == ["accepted"]


def test_no_network_keeps_bundles_queued_with_a_calm_message(make_office, up):
    office = make_office("MH-PUNE-01", url=f"http://127.0.0.1:{up.free_port()}")
    export_bundle(office)  # a second bundle
    started = time.monotonic()
    report = send_outbox(office, policy=up.POLICY)
    assert time.monotonic() - started < 3
    assert report.offline and report.left == 2
    assert "cannot be reached" in report.message and "2 bundles stay queued" in report.message
    entries = OutboxRepository(office.store).entries()
    assert [e.status for e in entries] == ["queued", "queued"]
    assert entries[0].last_error and entries[0].next_attempt_at and entries[0].attempts == 1
    assert not due_for_retry(office)  # the app waits before its next automatic try
    assert outbox_states(office)[0].text.startswith("queued — last try")


def test_the_outbox_is_every_export_oldest_first(make_office):
    office = make_office("MH-PUNE-01", register=False)
    export_bundle(office)
    repo = OutboxRepository(office.store)
    assert [e.seq for e in repo.entries()] == [1, 2]
    assert [e.status for e in repo.pending()] == ["queued", "queued"]
    repo.update(repo.entries()[0].campaign_id, 1, status="accepted", decided_at="2026-11-20T10:00:00Z")
    assert [e.seq for e in repo.pending()] == [2]
    assert repo.counts() == {"accepted": 1, "queued": 1}
    with pytest.raises(ValueError):
        repo.update("x", 1, nonsense=1)


def test_sending_without_a_remote_says_how_to_set_one(make_office):
    office = make_office("MH-PUNE-01", register=False)
    with pytest.raises(FieldDeskError, match="remote set"):
        send_outbox(office)


def test_a_bundle_exported_to_a_pen_drive_is_sent_from_there_or_from_exports(
        hq_site, make_office, tmp_path):
    """The outbox records where a bundle was written; a pen drive that is not plugged in is
    named in the message; a copy the clerk puts into exports/ is sent instead."""
    site = hq_site.serve()
    office = make_office("MH-PUNE-01", url=site.url)
    assert len(send_outbox(office).accepted) == 1  # the first bundle, from exports/
    pen_drive = tmp_path / "E"
    [result] = export_bundle(office, out_dir=pen_drive)
    [_, entry] = OutboxRepository(office.store).entries()
    assert entry.folder == str(pen_drive.resolve()) and entry.status == "queued"

    carried_away = tmp_path / "bag" / result.path.name
    carried_away.parent.mkdir()
    result.path.rename(carried_away)  # the pen drive went to headquarters
    report = send_outbox(office)
    assert report.accepted == [] and report.left == 1
    [(name, problem)] = report.skipped
    assert name == result.path.name and str(pen_drive.resolve()) in problem
    assert str(office.folder.exports) in problem and "pen drive" in problem

    (office.folder.exports / result.path.name).write_bytes(carried_away.read_bytes())
    report = send_outbox(office)
    assert report.accepted == [result.path.name], report.message
    assert [e.status for e in OutboxRepository(office.store).entries()] == ["accepted", "accepted"]
