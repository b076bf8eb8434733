"""Headquarters' receipts: its own Ed25519 key and the signed answer to every completed upload.

The key pair is ``keys/hq.key`` / ``keys/hq.pub.pem`` in the headquarters folder
(``fielddesk hq key init``); offices get the public half (``hq key export --out
HQ.pub.pem``, handed over like an office key, fingerprint read back by phone) and check
every receipt with it. The receipt format itself is ``upload_protocol`` (both
sides use it); this module issues receipts from an import outcome.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.errors import BundleError
from desktop_app.hq.outcome import ImportFailed
from desktop_app.hq.store import uploads
from desktop_app.keys import signing
from desktop_app.storage.database import utcnow
from desktop_app.upload_protocol import Receipt, sign_receipt, utc_iso

HQ_KEY_NAME = "hq"
NO_HQ_KEY = ("headquarters has no receipt key yet: run `fielddesk --home HQDIR hq key init`, "
             "then give offices `hq key export --out HQ.pub.pem`")


def init_hq_key(keys_dir: Path) -> str:
    """Create headquarters' receipt key once; return its fingerprint."""
    if signing.key_exists(keys_dir, HQ_KEY_NAME):
        raise BundleError(f"headquarters already has a receipt key "
                          f"({signing.fingerprint(load_hq_key(keys_dir))}); offices check "
                          "receipts with it, so it is not replaced here")
    return signing.generate_key(keys_dir, HQ_KEY_NAME)


def load_hq_key(keys_dir: Path) -> Ed25519PrivateKey:
    if not signing.key_exists(keys_dir, HQ_KEY_NAME):
        raise BundleError(NO_HQ_KEY)
    return signing.load_private_key(keys_dir, HQ_KEY_NAME)


def export_hq_public_key(keys_dir: Path, out: Path) -> str:
    """Copy ``hq.pub.pem`` to *out* (not over an existing file); return the fingerprint."""
    key = load_hq_key(keys_dir)
    out = Path(out)
    if out.exists():
        raise BundleError(f"{out}: already exists; not overwritten")
    pem = signing.public_pem_path(keys_dir, HQ_KEY_NAME)
    if pem.exists():
        shutil.copyfile(pem, out)
    else:
        out.write_bytes(signing.public_key_pem(key.public_key()))
    return signing.fingerprint(key)


def issue_receipt(hq_key: Ed25519PrivateKey, *, bundle_sha256: str, outcome: Any,
                  file_name: str, size: int, received_at: str,
                  office_code: str = "") -> dict[str, str]:
    """The signed receipt for one completed upload, from the import's *outcome*.

    *outcome* is what ``hq import`` returns (``accepted``, ``reason``, ``office_code``,
    ``campaign_id``, ``seq``); a rejection before the manifest was read leaves the
    campaign empty and seq 0, and the office is then the one that signed the upload.
    """
    receipt = Receipt(
        bundle_sha256=bundle_sha256,
        office_code=str(getattr(outcome, "office_code", None) or office_code),
        campaign_id=str(getattr(outcome, "campaign_id", None) or ""),
        seq=int(getattr(outcome, "seq", None) or 0),
        accepted=bool(outcome.accepted),
        reason=str(getattr(outcome, "reason", "") or "")[:2000],
        file_name=file_name, bytes=int(size), received_at=received_at, issued_at=utc_iso(),
        hq_key_fingerprint=signing.fingerprint(hq_key))
    return sign_receipt(receipt, hq_key)


def answer_upload(conn: Any, upload_id: str, bundle_sha256: str, outcome: Any,
                  hq_key: Ed25519PrivateKey | None) -> None:
    """The signed receipt of a completed upload, stored with the import's verdict (*conn*
    is inside the transaction that records it): the upload is finished and its log says
    how. ``ImportFailed`` without the receipt key (the verdict is not recorded either)."""

    upload = uploads.get(conn, upload_id)
    if upload is None:
        return
    if hq_key is None:
        raise ImportFailed(f"{NO_HQ_KEY}: the upload cannot be answered")
    at = utcnow()
    document = json.dumps(issue_receipt(
        hq_key, bundle_sha256=bundle_sha256, outcome=outcome, file_name=upload["file_name"],
        size=upload["length"], received_at=upload["updated_at"],
        office_code=upload["office_code"]), ensure_ascii=False)
    uploads.save_receipt(conn, bundle_sha256=bundle_sha256, office_code=upload["office_code"],
                         accepted=bool(outcome.accepted), reason=str(outcome.reason or ""),
                         document=document, now=at)
    uploads.set_status(conn, upload_id, uploads.FINISHED, at)
    verdict = "accepted" if outcome.accepted else "rejected"
    uploads.log_event(conn, verdict, now=at, office_code=upload["office_code"],
                      upload_id=upload_id, bundle_sha256=bundle_sha256,
                      detail=f"{upload['file_name']}: {outcome.reason or verdict}")
