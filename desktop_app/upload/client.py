"""A small tus 1.0.0 client on httpx, signing every request with the office key.

Why not tuspy (``docs/decisions/0001`` #10): it does not retry by default and resets its
count per chunk, never retries the creation POST, has no request timeouts, reads each
chunk whole into memory, and has no way to sign each request. Here every request has
connect/read/write timeouts; a PATCH streams its chunk from the file in 64 KiB pieces
(checking Cancel between them); the retry policy lives in ``runner.py``, where it can
count failures across chunks and see when a link is down rather than flaky.

Errors are sorted for the runner: ``LinkDown`` (no answer: retry later), ``Busy`` (HQ
answered but asks to retry: 408, 423, 429, 5xx), ``OffsetMismatch`` (ask HEAD again),
``UploadGone`` (start the upload again: 404, 410, and 460 — the bytes did not hash to the
declared SHA-256), ``AlreadyReceived`` (fetch the receipt) and ``Refused`` (HQ said no:
the reason is for the clerk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.errors import Cancelled, FieldDeskError
from desktop_app.keys.signing import sign
from desktop_app.upload.hq_time import HQClock, read_hq_time, signing_time
from desktop_app.upload_protocol import (
    REASON_HEADER,
    RECEIPT_HEADER,
    TIME_NONCE_HEADER,
    b64,
    create_message,
    encode_metadata,
    new_nonce,
    signed_request_headers,
)

TUS_VERSION = "1.0.0"
PIECE = 64 * 1024
CERTIFICATE_FAILED = ("headquarters' certificate could not be checked (https): if this PC's date "
                      "is wrong by months or years, set it first; otherwise tell headquarters")


class UploadError(FieldDeskError):
    pass


class LinkDown(UploadError):
    """No answer from headquarters (no network, timeout, connection cut)."""


class Busy(UploadError):
    """Headquarters answered but asks to try again later."""


class OffsetMismatch(UploadError):
    def __init__(self, offset: int | None):
        super().__init__(f"headquarters has {offset} bytes")
        self.offset = offset


class UploadGone(UploadError):
    """The upload no longer exists at headquarters (expired, discarded): start again."""


class AlreadyReceived(UploadError):
    """Headquarters already has this bundle: its receipt is waiting."""


class Refused(UploadError):
    """Headquarters said no (*status*), or — status 0 — going on cannot help (its https
    certificate did not check out)."""

    def __init__(self, status: int, reason: str):
        super().__init__(f"headquarters refused the upload ({status}): {reason}")
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Created:
    url: str
    offset: int


def _reason(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
        if isinstance(detail, str) and detail:
            return detail
    except (ValueError, AttributeError):
        pass
    return response.headers.get(REASON_HEADER) or response.reason_phrase or str(response.status_code)


def _offset(response: httpx.Response) -> int | None:
    try:
        return int(response.headers.get("upload-offset", ""))
    except ValueError:
        return None


class TusClient:
    """One office talking to one headquarters receiver (``remote_url``)."""

    def __init__(self, remote_url: str, office_code: str, office_key: Ed25519PrivateKey, *,
                 chunk_size: int = 1 << 20, connect_timeout: float = 15.0,
                 io_timeout: float = 60.0, transport: httpx.BaseTransport | None = None):
        base = remote_url.rstrip("/") + "/"
        self.files_url = urljoin(base, "files/")
        self.base_url = base
        self.office_code = office_code
        self.office_key = office_key
        self.chunk_size = chunk_size
        self.clock: HQClock | None = None  # headquarters' time, once asked (``ask_time``)
        timeout = httpx.Timeout(io_timeout, connect=connect_timeout, pool=connect_timeout)
        self.http = httpx.Client(timeout=timeout, transport=transport, follow_redirects=False,
                                 headers={"Tus-Resumable": TUS_VERSION,
                                          "User-Agent": "FieldDesk-upload/1"})

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> TusClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)
        except Cancelled:
            raise
        except httpx.TransportError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):  # retrying will not help
                raise Refused(0, CERTIFICATE_FAILED) from None
            raise LinkDown(_describe(exc)) from None

    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        status = response.status_code
        if status < 300:
            return
        reason = _reason(response)
        if status in (408, 423, 429) or status >= 500:
            raise Busy(f"headquarters is busy ({status}): {reason}")
        if status == 409 and response.headers.get(RECEIPT_HEADER):
            raise AlreadyReceived(reason)
        if status == 409 and _offset(response) is not None:
            raise OffsetMismatch(_offset(response))
        if status in (404, 410, 460):
            raise UploadGone(reason)
        raise Refused(status, reason)

    # -- the protocol ---------------------------------------------------------------------------

    def ask_time(self, hq_key: Ed25519PublicKey) -> HQClock | None:
        """OPTIONS: headquarters' time, signed over our nonce, for every signature after it
        (``hq_time``). None — and the PC clock signs, as before — from a receiver that sends
        no time or a proxy that does not pass OPTIONS: only no answer at all is an error."""
        nonce = new_nonce()
        response = self._send("OPTIONS", self.files_url, headers={TIME_NONCE_HEADER: nonce})
        ok = response.status_code < 300
        self.clock = read_hq_time(response.headers, nonce, hq_key) if ok else None
        return self.clock

    def _signed(self, verb: str, url: str, offset: int | None = None,
                length: int | None = None) -> dict[str, str]:
        return signed_request_headers(self.office_key, verb, self.office_code, self.upload_id(url),
                                      offset, length, timestamp=signing_time(self.clock))

    def create(self, *, size: int, sha256: str, file_name: str, campaign_id: str) -> Created:
        """POST: ask for an upload, signed with the office key (nothing is sent yet)."""
        ts, nonce = signing_time(self.clock), new_nonce()
        signature = b64(sign(self.office_key, create_message(self.office_code, size, sha256, ts,
                                                             nonce)))
        metadata = encode_metadata({
            "office": self.office_code, "sha256": sha256, "ts": str(ts), "nonce": nonce,
            "sig": signature, "filename": file_name, "filetype": "application/zip",
            "campaign": campaign_id})
        response = self._send("POST", self.files_url, headers={
            "Upload-Length": str(size), "Upload-Metadata": metadata, "Content-Length": "0"})
        self._raise_for(response)
        location = response.headers.get("location")
        if response.status_code != 201 or not location:
            raise Busy(f"headquarters answered {response.status_code} without an upload address")
        return Created(urljoin(self.files_url, location), _offset(response) or 0)

    def upload_id(self, url: str) -> str:
        return url.rstrip("/").rsplit("/", 1)[-1]

    def head(self, url: str) -> int:
        """HEAD: the offset headquarters has committed."""
        response = self._send("HEAD", url, headers=self._signed("HEAD", url))
        self._raise_for(response)
        offset = _offset(response)
        if offset is None:
            raise Busy("headquarters did not say how much it has")
        return offset

    def patch(self, url: str, path: Path, offset: int, size: int, *,
              on_bytes: Callable[[int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> tuple[int, str | None]:
        """PATCH one chunk from *offset*; returns (new offset, receipt path when complete)."""
        length = min(self.chunk_size, size - offset)
        headers = self._signed("PATCH", url, offset, length) | {
            "Upload-Offset": str(offset), "Content-Length": str(length),
            "Content-Type": "application/offset+octet-stream"}
        response = self._send("PATCH", url, headers=headers,
                              content=_pieces(path, offset, length, on_bytes, cancelled))
        self._raise_for(response)
        new_offset = _offset(response)
        if new_offset is None or not offset <= new_offset <= size:
            raise Busy("headquarters answered the upload with a wrong offset")
        return new_offset, response.headers.get(RECEIPT_HEADER)

    def delete(self, url: str) -> None:
        self._raise_for(self._send("DELETE", url, headers=self._signed("DELETE", url)))

    def receipt(self, bundle_sha256: str) -> str | None:
        """GET /receipts/<sha256>: the receipt document (text), or None while pending/unknown."""
        response = self._send("GET", urljoin(self.base_url, f"receipts/{bundle_sha256}"))
        if response.status_code in (202, 404):
            return None
        self._raise_for(response)
        return response.text


def _pieces(path: Path, offset: int, length: int, on_bytes: Callable[[int], None] | None,
            cancelled: Callable[[], bool] | None) -> Iterator[bytes]:
    """The chunk's bytes, 64 KiB at a time, straight from the bundle file."""
    left = length
    with open(path, "rb") as fh:
        fh.seek(offset)
        while left > 0:
            if cancelled is not None and cancelled():
                raise Cancelled("upload paused")
            piece = fh.read(min(PIECE, left))
            if not piece:
                raise UploadError(f"{path.name} is shorter than when it was exported")
            left -= len(piece)
            yield piece
            if on_bytes is not None:
                on_bytes(len(piece))


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectTimeout | httpx.ConnectError):
        return "headquarters cannot be reached"
    if isinstance(exc, httpx.TimeoutException):
        return "the connection to headquarters timed out"
    return "the connection to headquarters dropped"
