"""The signed messages of the upload link: an office's request signatures and HQ's receipts.

Both ends need the same bytes, so the formats live here, one layer below ``hq`` (the
receiver signs receipts and checks requests) and ``upload`` (the office signs requests
and checks receipts), which the layer contract keeps apart.

Requests (signed with the office key). The creation POST carries, in tus
``Upload-Metadata``: the office code, the bundle's size and SHA-256, a Unix time, a random
nonce and the Ed25519 signature of ``create_message(...)``. Every later request on the
upload (HEAD, PATCH, DELETE) carries ``FieldDesk-Office``, ``FieldDesk-Time`` and
``FieldDesk-Signature`` over ``request_message(...)``: the verb, the office, the upload
id, the offset and length of the bytes (PATCH), and the time.

The time an office signs is headquarters' own (``docs/upload.md``): the run's first request,
``OPTIONS /files/`` with a fresh ``FieldDesk-Time-Nonce``, is answered with
``FieldDesk-HQ-Time`` and ``FieldDesk-HQ-Time-Signature`` — headquarters' key over
``hq_time_message(time, nonce)`` — and the office signs that time plus the seconds elapsed
since. Headquarters still checks every time against its own clock, so replay protection
is unchanged and never depends on the office's clock.

Receipts (signed with headquarters' key) travel as ``{"payload": TEXT, "signature": B64}``
where TEXT is the canonical JSON of the receipt (sorted keys, no spaces, UTF-8): the
signature covers the exact bytes of TEXT, so nothing is re-serialised before checking.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app import clock
from desktop_app.errors import BundleError
from desktop_app.keys.signing import fingerprint, sign, verify_signature

PROTOCOL = "fielddesk-upload/1"
RECEIPT_FORMAT = "fielddesk-receipt/1"
MAX_CLOCK_SKEW_SECONDS = 600  # a request older or newer than this is refused as stale

OFFICE_HEADER = "FieldDesk-Office"
TIME_HEADER = "FieldDesk-Time"
SIGNATURE_HEADER = "FieldDesk-Signature"
REASON_HEADER = "FieldDesk-Reason"
RECEIPT_HEADER = "FieldDesk-Receipt"
TIME_NONCE_HEADER = "FieldDesk-Time-Nonce"
HQ_TIME_HEADER = "FieldDesk-HQ-Time"
HQ_TIME_SIGNATURE_HEADER = "FieldDesk-HQ-Time-Signature"

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
UPLOAD_ID_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_REASON_CHARS = 2000


class ReceiptError(BundleError):
    """A receipt that does not verify: it never marks a bundle accepted."""


# --- requests ---------------------------------------------------------------------------------


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def unix_now() -> int:
    return int(datetime.now(UTC).timestamp())


def create_message(office: str, size: int, sha256: str, timestamp: int, nonce: str) -> bytes:
    """What the office signs to ask for an upload of *size* bytes hashing to *sha256*."""
    return "\n".join([PROTOCOL, "CREATE", office, str(int(size)), sha256, str(int(timestamp)),
                      nonce]).encode("utf-8")


def request_message(verb: str, office: str, upload_id: str, offset: int | None,
                    length: int | None, timestamp: int) -> bytes:
    """What the office signs for HEAD / PATCH / DELETE on one upload (offset, length: PATCH)."""
    return "\n".join([PROTOCOL, verb.upper(), office, upload_id,
                      "" if offset is None else str(int(offset)),
                      "" if length is None else str(int(length)),
                      str(int(timestamp))]).encode("utf-8")


def hq_time_message(timestamp: int, nonce: str) -> bytes:
    """What headquarters signs when it tells an office the time. The nonce is the office's,
    so an answer recorded earlier cannot be played back to set an office's signing time."""
    return "\n".join([PROTOCOL, "HQ-TIME", str(int(timestamp)), nonce]).encode("utf-8")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes | None:
    """Strict standard base64, or None."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def sign_b64(private_key: Ed25519PrivateKey, message: bytes) -> str:
    return b64(sign(private_key, message))


def check_b64_signature(public_key: Ed25519PublicKey, message: bytes, signature_b64: str) -> bool:
    raw = unb64(signature_b64 or "")
    return raw is not None and verify_signature(public_key, message, raw)


def signed_request_headers(private_key: Ed25519PrivateKey, verb: str, office: str, upload_id: str,
                           offset: int | None = None, length: int | None = None,
                           timestamp: int | None = None) -> dict[str, str]:
    """The three headers an office adds to HEAD / PATCH / DELETE."""
    ts = unix_now() if timestamp is None else int(timestamp)
    message = request_message(verb, office, upload_id, offset, length, ts)
    return {OFFICE_HEADER: office, TIME_HEADER: str(ts),
            SIGNATURE_HEADER: sign_b64(private_key, message)}


# --- tus Upload-Metadata ----------------------------------------------------------------------


def encode_metadata(values: dict[str, str]) -> str:
    """tus ``Upload-Metadata``: ``key base64(value)`` pairs joined by commas."""
    return ",".join(f"{key} {b64(str(value).encode('utf-8'))}" for key, value in values.items())


def decode_metadata(header: str | None) -> dict[str, str] | None:
    """Parse ``Upload-Metadata``; None when malformed (bad base64, non-UTF-8, duplicates)."""
    out: dict[str, str] = {}
    if not header:
        return out
    if len(header) > 8192:
        return None
    for pair in header.split(","):
        parts = pair.strip().split(" ")
        if not parts[0] or len(parts) > 2 or parts[0] in out:
            return None
        if len(parts) == 1:
            out[parts[0]] = ""
            continue
        raw = unb64(parts[1])
        if raw is None:
            return None
        try:
            out[parts[0]] = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return out


# --- receipts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    """What headquarters did with one bundle, as it signed it."""

    bundle_sha256: str
    office_code: str
    campaign_id: str
    seq: int
    accepted: bool
    reason: str
    file_name: str
    bytes: int
    received_at: str
    issued_at: str
    hq_key_fingerprint: str
    format: str = RECEIPT_FORMAT


_RECEIPT_TYPES = {"bundle_sha256": str, "office_code": str, "campaign_id": str, "seq": int,
                  "accepted": bool, "reason": str, "file_name": str, "bytes": int,
                  "received_at": str, "issued_at": str, "hq_key_fingerprint": str, "format": str}
assert set(_RECEIPT_TYPES) == {f.name for f in fields(Receipt)}


def receipt_payload(receipt: Receipt) -> str:
    """The canonical JSON text of *receipt*: what headquarters signs."""
    return json.dumps(asdict(receipt), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sign_receipt(receipt: Receipt, hq_private_key: Ed25519PrivateKey) -> dict[str, str]:
    """The receipt document ``{"payload": ..., "signature": ...}`` signed with HQ's key."""
    payload = receipt_payload(receipt)
    return {"payload": payload, "signature": sign_b64(hq_private_key, payload.encode("utf-8"))}


def verify_receipt(document: Any, hq_public_key: Ed25519PublicKey, *,
                   bundle_sha256: str | None = None, office_code: str | None = None) -> Receipt:
    """The receipt in *document* (dict, JSON text or bytes) if HQ's key signed it and it is
    about the expected bundle and office; ``ReceiptError`` otherwise."""
    if isinstance(document, bytes | str):
        try:
            document = json.loads(document)
        except ValueError:
            raise ReceiptError("the receipt is not JSON") from None
    if not isinstance(document, dict) or set(document) != {"payload", "signature"}:
        raise ReceiptError("the receipt is not a signed receipt document")
    payload, signature = document["payload"], document["signature"]
    if not isinstance(payload, str) or not isinstance(signature, str) or len(payload) > 16384:
        raise ReceiptError("the receipt is not a signed receipt document")
    if not check_b64_signature(hq_public_key, payload.encode("utf-8"), signature):
        raise ReceiptError("the receipt's signature does not match headquarters' key "
                           f"({fingerprint(hq_public_key)[:19]}…)")
    receipt = parse_receipt_payload(payload)
    if receipt.hq_key_fingerprint != fingerprint(hq_public_key):
        raise ReceiptError("the receipt names another headquarters key")
    if bundle_sha256 is not None and receipt.bundle_sha256 != bundle_sha256:
        raise ReceiptError("the receipt is for another bundle")
    if office_code is not None and receipt.office_code != office_code:
        raise ReceiptError(f"the receipt is for office {receipt.office_code}, not {office_code}")
    return receipt


def parse_receipt_payload(payload: str) -> Receipt:
    """Strict: exactly the known fields with their types (a signed payload is still checked)."""
    try:
        data = json.loads(payload)
    except ValueError:
        raise ReceiptError("the receipt payload is not JSON") from None
    if not isinstance(data, dict) or set(data) != set(_RECEIPT_TYPES):
        raise ReceiptError("the receipt has unknown or missing fields")
    for name, kind in _RECEIPT_TYPES.items():
        value = data[name]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ReceiptError(f"the receipt's {name} has the wrong type")
    if data["format"] != RECEIPT_FORMAT or not SHA256_RE.match(data["bundle_sha256"]):
        raise ReceiptError("the receipt is of an unknown format")
    return Receipt(**data)


def utc_iso(moment: datetime | None = None) -> str:
    """*moment* (default: now) as the ISO text every timestamp uses (``clock.iso``)."""
    return clock.iso(moment or clock.now())
