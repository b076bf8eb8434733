"""The tus 1.0.0 core, served by us (creation, expiration and termination extensions).

Why not tuspyserver: its measured failures (``docs/decisions/0001``, numbered as there) sit
in its storage, locking and auth order, which is most of it. Served here, each is fixed by design:

1. racing resumes: HEAD and PATCH take the upload's lock and ask a running PATCH to
   commit and stop first, so a HEAD never reports an offset that is about to move;
2. no ``time.sleep`` anywhere, lock waits bounded (``locks.py``), and every body read has
   an idle timeout: a dead connection frees its upload within seconds;
3. auth runs before the body is touched (``auth.py``);
4. the size is fixed and checked at creation; a PATCH may never pass it;
5. the offset is committed only with its bytes: write, fsync, then record; a PATCH first
   cuts the file back to the committed offset, so bytes of a crashed request never
   survive behind it;
6. completion is idempotent (``completion.py``: one receipt per bundle hash);
7. hashing and import run off the event loop (worker threads; imports one at a time);
8. no metadata is required beyond our signed fields;
9. files live under the headquarters folder, expiry runs on a timer (``app.py``);
10. (client side: ``desktop_app.upload``);
11. behind a proxy, see ``docs/upload.md``.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from email.utils import formatdate
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from desktop_app.hq.receiver.auth import Refusal, check_creation, check_request
from desktop_app.hq.receiver.locks import LockTimeout
from desktop_app.hq.receiver.state import (
    COMPLETE,
    DELETED,
    FINISHED,
    LIVE,
    OPEN,
    QUEUED,
    RECEIVED,
    Upload,
    unix_time,
)
from desktop_app.storage.database import utcnow
from desktop_app.upload_protocol import (
    HQ_TIME_HEADER,
    HQ_TIME_SIGNATURE_HEADER,
    NONCE_RE,
    REASON_HEADER,
    RECEIPT_HEADER,
    TIME_NONCE_HEADER,
    decode_metadata,
    hq_time_message,
    sign_b64,
)

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,expiration,termination"
OFFSET_TYPE = "application/offset+octet-stream"

router = APIRouter()


def _headers(extra: dict[str, str] | None = None) -> dict[str, str]:
    out = {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store"}
    if extra:
        out.update(extra)
    return out


def refuse(status: int, reason: str, extra: dict[str, str] | None = None) -> Response:
    """A refusal with its reason in the body (JSON) and in ``FieldDesk-Reason``."""
    header = reason.encode("ascii", "replace").decode("ascii")[:300]
    return JSONResponse({"detail": reason}, status_code=status,
                        headers=_headers({REASON_HEADER: header} | (extra or {})))


def _expires(upload: Upload) -> str:
    return formatdate(upload.expires_at, usegmt=True)


def _receiver(request: Request):
    return request.app.state.receiver


def _version_ok(request: Request) -> bool:
    return request.headers.get("tus-resumable") == TUS_VERSION


def _version_refusal() -> Response:
    return refuse(412, f"Tus-Resumable {TUS_VERSION} required", {"Tus-Version": TUS_VERSION})


@router.options("/files/")
@router.options("/files/{upload_id}")
async def options(request: Request, upload_id: str = "") -> Response:
    """tus discovery; with a ``FieldDesk-Time-Nonce``, also headquarters' time signed over
    it: the time the office then signs with, whatever its own clock says (``hq_time``)."""
    rx = _receiver(request)
    extra = {"Tus-Version": TUS_VERSION, "Tus-Extension": TUS_EXTENSIONS,
             "Tus-Max-Size": str(rx.config.max_upload_bytes)}
    nonce = request.headers.get(TIME_NONCE_HEADER, "")
    if NONCE_RE.match(nonce):
        now = unix_time()
        extra |= {HQ_TIME_HEADER: str(now), HQ_TIME_SIGNATURE_HEADER:
                  sign_b64(rx.completion.hq_key, hq_time_message(now, nonce))}
    return Response(status_code=204, headers=_headers(extra))


@router.post("/files/")
async def create(request: Request) -> Response:
    if not _version_ok(request):
        return _version_refusal()
    rx = _receiver(request)
    meta = decode_metadata(request.headers.get("upload-metadata"))
    office = (meta or {}).get("office", "")
    async with rx.creation_lock(office):  # quota checks and the new row, one at a time
        try:
            req = await asyncio.to_thread(check_creation, meta, request.headers.get("upload-length"),
                                          rx.backend.public_key_for, rx.state, rx.config,
                                          unix_time())
        except Refusal as refusal:
            await asyncio.to_thread(rx.note_refusal, office[:64], "POST", refusal.status,
                                    refusal.reason)
            return refuse(refusal.status, refusal.reason)
        if await asyncio.to_thread(rx.state.receipt, req.bundle_sha256):
            return refuse(409, "headquarters already received this bundle; its receipt is at "
                               f"/receipts/{req.bundle_sha256}",
                          {RECEIPT_HEADER: f"/receipts/{req.bundle_sha256}"})
        for upload in await asyncio.to_thread(rx.state.live_for_office, req.office_code):
            if upload.bundle_sha256 == req.bundle_sha256 and upload.length == req.length:
                # The office lost our answer to its first POST: give it the same upload, at
                # the offset a stalled request of its own still holding it settles on.
                try:
                    async with rx.locks.get(upload.id).hold(rx.config.lock_timeout_seconds):
                        upload = await asyncio.to_thread(rx.state.get, upload.id)  # settled
                except LockTimeout:
                    return refuse(423, "another request is still writing this upload; try "
                                       "again shortly")
                finally:
                    rx.locks.drop(upload.id)
                return Response(status_code=201, headers=_headers({
                    "Location": rx.upload_path(request, upload.id),
                    "Upload-Offset": str(upload.offset), "Upload-Expires": _expires(upload)}))
        upload_id = secrets.token_urlsafe(18)
        now = utcnow()
        upload = Upload(id=upload_id, office_code=req.office_code,
                        key_fingerprint=req.key_fingerprint, bundle_sha256=req.bundle_sha256,
                        length=req.length, offset=0, file_name=req.file_name,
                        campaign_id=req.campaign_id, status=OPEN, created_at=now, updated_at=now,
                        expires_at=unix_time() + rx.config.expire_seconds)
        await asyncio.to_thread(rx.create_upload, upload)
    return Response(status_code=201, headers=_headers({
        "Location": rx.upload_path(request, upload_id), "Upload-Offset": "0",
        "Upload-Expires": _expires(upload)}))


async def _authorised(request: Request, upload_id: str, verb: str,
                      offset: int | None = None, length: int | None = None):
    """The live upload, or a refusal Response (unknown, expired, wrong office, bad signature)."""
    rx = _receiver(request)
    upload = await asyncio.to_thread(rx.state.get, upload_id)
    if upload is None or upload.status == DELETED:
        return None, refuse(404, "no such upload")
    try:
        await asyncio.to_thread(check_request, request.headers, verb, upload, offset, length,
                                rx.backend.public_key_for, rx.config, unix_time())
    except Refusal as refusal:
        await asyncio.to_thread(rx.note_refusal, upload.office_code, verb, refusal.status,
                                refusal.reason, upload_id=upload.id)
        return None, refuse(refusal.status, refusal.reason)
    if upload.status not in LIVE and upload.status != FINISHED:
        return None, refuse(410, f"this upload is {upload.status}; start again")
    return upload, None


@router.head("/files/{upload_id}")
async def head(request: Request, upload_id: str) -> Response:
    if not _version_ok(request):
        return _version_refusal()
    rx = _receiver(request)
    upload, refusal = await _authorised(request, upload_id, "HEAD")
    if refusal is not None:
        return refusal
    try:
        async with rx.locks.get(upload_id).hold(rx.config.lock_timeout_seconds):
            upload = await asyncio.to_thread(rx.state.get, upload_id)
    except LockTimeout:
        return refuse(423, "another request is still writing this upload; try again shortly")
    finally:
        rx.locks.drop(upload_id)
    extra = {"Upload-Offset": str(upload.offset), "Upload-Length": str(upload.length),
             "Upload-Expires": _expires(upload)}
    if upload.status in RECEIVED:
        extra[RECEIPT_HEADER] = f"/receipts/{upload.bundle_sha256}"
    return Response(status_code=200, headers=_headers(extra))


@router.patch("/files/{upload_id}")
async def patch(request: Request, upload_id: str) -> Response:
    if not _version_ok(request):
        return _version_refusal()
    if request.headers.get("content-type", "").split(";")[0].strip() != OFFSET_TYPE:
        return refuse(415, f"Content-Type must be {OFFSET_TYPE}")
    try:
        offset = int(request.headers.get("upload-offset", ""))
        length = int(request.headers.get("content-length", ""))
    except ValueError:
        return refuse(400, "Upload-Offset and Content-Length are required")
    if offset < 0 or length < 0:
        return refuse(400, "Upload-Offset and Content-Length must not be negative")
    rx = _receiver(request)
    take_over = False
    if await rx.locks.get(upload_id).busy_anywhere():
        # Another request holds the upload: most likely the office's own, stalled on a dead
        # link. Once this one proves it is the office's (signed), it takes over at once
        # instead of waiting out the lock timeout; a stranger's request never interrupts.
        _upload, refusal = await _authorised(request, upload_id, "PATCH", offset, length)
        if refusal is not None:
            rx.locks.drop(upload_id)
            return refusal
        take_over = True
    lock = rx.locks.get(upload_id)  # again: the holder may have let go (and dropped it) meanwhile
    try:
        # A free lock is taken before any await: a resuming HEAD that arrives while this
        # request is still being checked then waits for its bytes instead of reporting an
        # offset about to move (docs/decisions/0001 #1).
        async with lock.hold(rx.config.lock_timeout_seconds, take_over=take_over):
            upload, refusal = await _authorised(request, upload_id, "PATCH", offset, length)
            if refusal is not None:
                return refusal
            if offset + length > upload.length:
                return refuse(413, f"the upload was created for {upload.length:,} bytes; this "
                                   f"request would end at {offset + length:,}")
            if upload.offset != offset:
                return refuse(409, f"offset mismatch: headquarters has {upload.offset:,} bytes",
                              {"Upload-Offset": str(upload.offset)})
            if upload.status == OPEN and length:
                outcome = await rx.receive_body(request, upload, length, lock.preempt)
                if outcome is not None:
                    return refuse(outcome[0], outcome[1], {"Upload-Offset": str(upload.offset)})
    except LockTimeout:
        return refuse(423, "another request is still writing this upload; try again shortly")
    finally:
        rx.locks.drop(upload_id)
    extra = {"Upload-Offset": str(upload.offset), "Upload-Expires": _expires(upload)}
    if upload.offset == upload.length:
        problem = await rx.complete(upload)  # idempotent: a second final PATCH only waits
        if problem is not None:
            return refuse(problem[0], problem[1])
        extra[RECEIPT_HEADER] = f"/receipts/{upload.bundle_sha256}"
    return Response(status_code=204, headers=_headers(extra))


@router.delete("/files/{upload_id}")
async def delete(request: Request, upload_id: str) -> Response:
    if not _version_ok(request):
        return _version_refusal()
    rx = _receiver(request)
    upload, refusal = await _authorised(request, upload_id, "DELETE")
    if refusal is not None:
        return refusal
    try:
        async with rx.locks.get(upload_id).hold(rx.config.lock_timeout_seconds):
            if upload.status == OPEN:
                await asyncio.to_thread(rx.discard, upload, DELETED, "deleted by the office")
    except LockTimeout:
        return refuse(423, "another request is still writing this upload; try again shortly")
    finally:
        rx.locks.drop(upload_id)
    return Response(status_code=204, headers=_headers())


@router.get("/receipts/{bundle_sha256}")
async def receipt(request: Request, bundle_sha256: str) -> Response:
    """The signed receipt of a bundle; 202 while it is being checked; 404 if unknown."""
    rx = _receiver(request)
    document = await asyncio.to_thread(rx.state.receipt, bundle_sha256.lower())
    if document is not None:
        return Response(document, media_type="application/json", headers=_headers())
    for upload in await asyncio.to_thread(rx.state.live):
        if upload.bundle_sha256 == bundle_sha256 and upload.status in (COMPLETE, QUEUED):
            if upload.status == COMPLETE:
                rx.schedule_completion(upload)
            return JSONResponse({"detail": "received; being checked"}, status_code=202,
                                headers=_headers({"Retry-After": "2"}))
    return refuse(404, "no receipt for this bundle")


def open_for_append(path: Path, offset: int) -> int:
    """Open the partial file and cut it back to the committed *offset* (crash leftovers)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        if os.fstat(fd).st_size != offset:
            os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
    except BaseException:
        os.close(fd)
        raise
    return fd
