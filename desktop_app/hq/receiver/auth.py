"""Who may put bytes on headquarters' disk: every check runs before a single body byte is read.

Creation (POST): the tus ``Upload-Metadata`` must carry ``office``, ``sha256``, ``ts``,
``nonce`` and ``sig`` (the office key's signature of ``signed_messages.create_message``
over the office, ``Upload-Length``, the SHA-256, the time and the nonce). Refusals, each
with a reason in the body and the ``FieldDesk-Reason`` header:

* 401 unsigned (a field missing or malformed) or stale (clock more than 10 minutes off);
* 403 unknown office, no active key (revoked or replaced), or a signature that does not
  match the registered key;
* 409 a nonce this office has used before (a replayed request);
* 413 over the size limit or the office's quota of unfinished bytes; 429 too many
  unfinished uploads for the office.

HEAD, PATCH and DELETE on ``/files/<id>``: the id is unguessable (144 random bits) and
bound to the office at creation, **and** every request is signed over the verb, the
office, the id, the offset and length (PATCH) and the time. The id alone would be a
bearer secret that leaks through logs and proxies; the signature means only the
office's current key can write, a revoked key stops writing at once, and a PATCH from
another office is refused before its body is read. A captured PATCH cannot be replayed
to write elsewhere: offsets only move forward and the signature names the offset.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.state import ReceiverState, Upload
from desktop_app.keys.signing import fingerprint
from desktop_app.upload_protocol import (
    CODE_RE,
    NONCE_RE,
    OFFICE_HEADER,
    SHA256_RE,
    SIGNATURE_HEADER,
    TIME_HEADER,
    check_b64_signature,
    create_message,
    request_message,
)

KeyLookup = Callable[[str], Ed25519PublicKey | None]


class Refusal(Exception):
    """A request refused with an HTTP *status* and a *reason* a person can act on."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class CreateRequest:
    office_code: str
    key_fingerprint: str
    bundle_sha256: str
    length: int
    file_name: str
    campaign_id: str


def _time(text: str | None, now: int, skew: int) -> int:
    try:
        ts = int(text or "")
    except ValueError:
        raise Refusal(401, "unsigned request: the time is missing or not a number") from None
    if abs(now - ts) > skew:
        raise Refusal(401, f"stale request: the office clock differs from headquarters' by "
                           f"{abs(now - ts)} s (more than {skew // 60} minutes); set the PC's "
                           "date and time, then try again")
    return ts


def _key(lookup: KeyLookup, office: str) -> Ed25519PublicKey:
    key = lookup(office)
    if key is None:
        raise Refusal(403, f"office {office} has no active key at headquarters (not registered, "
                           "or its key was revoked or replaced)")
    return key


def check_creation(meta: Mapping[str, str] | None, length_header: str | None,
                   lookup: KeyLookup, state: ReceiverState, config: ReceiverConfig,
                   now: int) -> CreateRequest:
    """Every check of a creation request, in order; ``Refusal`` at the first failure."""
    if meta is None:
        raise Refusal(400, "Upload-Metadata is malformed")
    try:
        length = int(length_header or "")
    except ValueError:
        raise Refusal(400, "Upload-Length is missing (deferred lengths are not accepted)") from None
    if length < 1:
        raise Refusal(400, "Upload-Length must be at least 1 byte")
    missing = [k for k in ("office", "sha256", "ts", "nonce", "sig") if not meta.get(k)]
    if missing:
        raise Refusal(401, f"unsigned upload request: {', '.join(missing)} missing from the "
                           "metadata; only registered offices may upload")
    office, sha, nonce = meta["office"], meta["sha256"], meta["nonce"]
    if not CODE_RE.match(office) or not SHA256_RE.match(sha) or not NONCE_RE.match(nonce):
        raise Refusal(401, "unsigned upload request: office, sha256 or nonce malformed")
    ts = _time(meta["ts"], now, config.clock_skew_seconds)
    key = _key(lookup, office)
    if not check_b64_signature(key, create_message(office, length, sha, ts, nonce), meta["sig"]):
        raise Refusal(403, f"the request's signature does not match the registered key of "
                           f"office {office}")
    if not state.use_nonce(office, nonce, now):
        raise Refusal(409, "replayed request: this nonce was used before")
    if length > config.max_upload_bytes:
        raise Refusal(413, f"the bundle is {length:,} bytes; the limit is "
                           f"{config.max_upload_bytes:,}")
    live = [u for u in state.live_for_office(office)
            if not (u.bundle_sha256 == sha and u.length == length)]
    if len(live) >= config.office_max_open_uploads:
        raise Refusal(429, f"office {office} already has {len(live)} unfinished uploads (the "
                           f"limit is {config.office_max_open_uploads}); finish or wait for them "
                           "to expire")
    pending = sum(u.length for u in live)
    if pending + length > config.office_quota_bytes:
        raise Refusal(413, f"office {office} would have {pending + length:,} unfinished bytes; the "
                           f"quota is {config.office_quota_bytes:,}")
    file_name = meta.get("filename", "") or f"{sha}.zip"
    return CreateRequest(office_code=office, key_fingerprint=fingerprint(key), bundle_sha256=sha,
                         length=length, file_name=file_name,
                         campaign_id=meta.get("campaign", "")[:64])


def check_request(headers: Mapping[str, str], verb: str, upload: Upload, offset: int | None,
                  length: int | None, lookup: KeyLookup, config: ReceiverConfig,
                  now: int) -> None:
    """A HEAD / PATCH / DELETE on *upload*: signed by the office that created it."""
    office = headers.get(OFFICE_HEADER) or ""
    signature = headers.get(SIGNATURE_HEADER) or ""
    if not office or not signature:
        raise Refusal(401, "unsigned request: every request on an upload is signed by its office")
    if office != upload.office_code:
        raise Refusal(403, "this upload belongs to another office")
    ts = _time(headers.get(TIME_HEADER), now, config.clock_skew_seconds)
    key = _key(lookup, office)
    if fingerprint(key) != upload.key_fingerprint:
        raise Refusal(410, f"office {office}'s key has changed since this upload began; "
                           "start the upload again")
    if not check_b64_signature(key, request_message(verb, office, upload.id, offset, length, ts),
                               signature):
        raise Refusal(403, f"the request's signature does not match the registered key of "
                           f"office {office}")
