"""The receiver: one FastAPI app with the tus endpoints, receipts, staff sign-in, the
status page and the dashboard (``dashboard_pages``, ``dashboard_admin``).

``create_app(config, backend, hq_key)`` builds it; ``Receiver`` (``app.state.receiver``)
holds the state (in headquarters' database, shared with any other receiver), the
per-upload locks and leases, the running completions, the import thread (SQLite) or the
in-process import workers (PostgreSQL, ``config.import_workers``), and the expiry timer.
Blocking work (files, the database, hashing, imports) runs on threads; the event loop only
moves bytes between sockets and buffers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request

from desktop_app.errors import FieldDeskError
from desktop_app.fileio import fsync_dir
from desktop_app.hq.receiver import (
    campaigns,
    dashboard_admin,
    dashboard_pages,
    signin,
    status_page,
    tus,
    web,
)
from desktop_app.hq.receiver.backend import ReceiverBackend
from desktop_app.hq.receiver.completion import Completion
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.leases import Leases
from desktop_app.hq.receiver.locks import LockTimeout, UploadLocks
from desktop_app.hq.receiver.sessions import SessionStore
from desktop_app.hq.receiver.state import (
    COMPLETE,
    FINISHED,
    LIVE,
    OPEN,
    LeaseLost,
    ReceiverState,
    Upload,
    unix_time,
)
from desktop_app.hq.receiver.strangers import StrangerLog, from_verified_office
from desktop_app.hq.receiver.tus import open_for_append

log = logging.getLogger("fielddesk.receiver")

_TIMEOUT, _PREEMPTED = "timeout", "preempted"
DRAIN_SECONDS = 0.05
RECEIPT_POLL_SECONDS = 0.1  # a queued bundle's receipt is looked for this often
TAKEN_OVER = (409, "a newer request for this upload took over")
ORPHAN_AGE_SECONDS = 600  # after a take-over request: bytes already here are still kept


class Receiver:
    def __init__(self, config: ReceiverConfig, backend: ReceiverBackend, hq_key: Any):
        self.config = config
        self.backend = backend
        for folder in (config.uploads_dir, config.partial_dir, config.received_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.state = ReceiverState(backend.store)
        self.strangers = StrangerLog(self.state)
        self.sessions = SessionStore(backend.store)
        self.completion = Completion(config, self.state, backend, hq_key)
        self.leases = Leases(backend.store)
        self.locks = UploadLocks(self.leases)
        self.import_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hq-import")
        self._workers: list[threading.Thread] = []
        self._stop_workers = threading.Event()
        self._creation_locks: dict[str, asyncio.Lock] = {}
        self._completions: dict[str, asyncio.Task] = {}
        self._background: set[asyncio.Task] = set()

    # -- uploads --------------------------------------------------------------------------------

    def creation_lock(self, office_code: str) -> asyncio.Lock:
        return self._creation_locks.setdefault(office_code, asyncio.Lock())

    @staticmethod
    def upload_path(request: Request, upload_id: str) -> str:
        """The upload's address relative to ``…/files/`` (tus allows relative Locations), so
        it stays right behind a proxy that serves the receiver under any path prefix."""
        return f"./{upload_id}"

    def partial_path(self, upload: Upload) -> Path:
        return self.completion.partial_path(upload)

    def create_upload(self, upload: Upload) -> None:
        """An empty partial file, durable, then the row (blocking)."""
        path = self.partial_path(upload)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        os.close(fd)
        fsync_dir(path.parent)
        self.state.add(upload)
        self.state.log("created", office_code=upload.office_code, upload_id=upload.id,
                       bundle_sha256=upload.bundle_sha256,
                       detail=f"{upload.file_name}, {upload.length:,} bytes")

    def note_refusal(self, claimed_office: str, what: str, status: int, reason: str, *,
                     upload_id: str = "") -> None:
        """A refused request: in the office's log only when the office was verified (413,
        429); anyone else's is counted apart, under the office it claimed (strangers.py)."""
        if from_verified_office(status):
            self.state.log("refused", office_code=claimed_office, upload_id=upload_id,
                           detail=f"{status} {reason}")
        else:
            self.strangers.note(claimed_office, what, status, reason)

    def discard(self, upload: Upload, status: str, detail: str) -> None:
        """The upload ends (expired, deleted): its row first, then its file (a crash between
        leaves only a file of no live upload, which the sweep removes)."""
        self.state.set_status(upload, status)
        self.state.log(status, office_code=upload.office_code, upload_id=upload.id,
                       bundle_sha256=upload.bundle_sha256, detail=detail)
        self.partial_path(upload).unlink(missing_ok=True)

    async def receive_body(self, request: Request, upload: Upload, length: int,
                           preempt: asyncio.Event) -> tuple[int, str] | None:
        """Stream up to *length* body bytes onto the partial file at ``upload.offset``.

        Bytes are gathered into a buffer and written on a worker thread; at least every
        ``commit_every_bytes`` — and whenever the request ends, however it ends — the file
        is fsynced and only then is the new offset recorded. Returns None, or (status,
        reason) when the body stalled or a newer request took over.
        """
        cfg = self.config
        fd = await asyncio.to_thread(open_for_append, self.partial_path(upload), upload.offset)
        received, written, committed = 0, upload.offset, upload.offset
        buffer = bytearray()
        problem: tuple[int, str] | None = None

        def flush(data: bytes, sync: bool, end: int) -> None:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
                self.state.commit_offset(upload, end, holder=self.leases.me,
                                         complete=end == upload.length,
                                         expires_at=unix_time() + cfg.expire_seconds)

        draining = False
        try:
            while received < length:
                message, why = await _next_message(
                    request.receive, None if draining else preempt,
                    DRAIN_SECONDS if draining else cfg.body_idle_timeout_seconds)
                if message is None and why == _PREEMPTED:
                    # A newer request waits: keep what already arrived (it is in our socket
                    # buffer, a cut connection's last bytes), then give way.
                    draining = True
                    continue
                if message is None and draining:
                    why = _PREEMPTED
                if message is None:
                    problem = ((408, f"no data for {cfg.body_idle_timeout_seconds:g} s: request "
                                     "closed, resume from the committed offset")
                               if why == _TIMEOUT else
                               TAKEN_OVER)
                    break
                if message["type"] != "http.request":  # http.disconnect: keep what arrived
                    buffer += _salvage(request.receive)[:length - received]
                    break
                body = message.get("body", b"")[:length - received]
                buffer += body
                received += len(body)
                if len(buffer) >= cfg.write_buffer_bytes or received == length:
                    end = written + len(buffer)
                    sync = end - committed >= cfg.commit_every_bytes or received == length
                    try:
                        await asyncio.to_thread(flush, bytes(buffer), sync, end)
                    except LeaseLost:
                        buffer.clear()
                        committed = written = end  # not ours to record any more
                        problem = TAKEN_OVER
                        break
                    written = end
                    buffer.clear()
                    if sync:
                        committed = end
                if not message.get("more_body", False):
                    break
        finally:
            end = written + len(buffer)
            tail = bytes(buffer)

            def finish() -> None:
                try:
                    if end > committed or tail:
                        flush(tail, True, end)
                finally:
                    os.close(fd)
            try:
                await asyncio.shield(asyncio.to_thread(finish))
            except LeaseLost:
                problem = TAKEN_OVER
        return problem

    # -- completion -----------------------------------------------------------------------------

    def schedule_completion(self, upload: Upload) -> asyncio.Task:
        """The one running completion of this bundle (started if none is)."""
        task = self._completions.get(upload.bundle_sha256)
        if task is None or task.done():
            task = asyncio.get_running_loop().create_task(self._complete(upload))
            self._completions[upload.bundle_sha256] = task
        return task

    async def complete(self, upload: Upload) -> tuple[int, str] | None:
        """Wait (bounded) for the receipt; the work goes on if the client has gone."""
        task = self.schedule_completion(upload)
        try:
            return await asyncio.wait_for(asyncio.shield(task), self.config.finalize_wait_seconds)
        except TimeoutError:
            return None  # the office fetches /receipts/<sha256> later

    async def _complete(self, upload: Upload) -> tuple[int, str] | None:
        try:
            problem = await asyncio.to_thread(self.completion.check_and_move, upload)
            if problem is not None or upload.status == FINISHED:
                return problem
            loop = asyncio.get_running_loop()
            receipt = await loop.run_in_executor(self.import_thread,
                                                 self.completion.import_and_sign, upload)
            if receipt is None and self.completion.queued:
                await self._wait_for_receipt(upload)  # a worker imports it, anywhere
            return None
        except Exception:
            log.exception("completing upload %s failed", upload.id)
            await asyncio.to_thread(self.state.log, "error", office_code=upload.office_code,
                                    upload_id=upload.id, bundle_sha256=upload.bundle_sha256,
                                    detail="internal error while importing; will retry")
            return None

    async def _wait_for_receipt(self, upload: Upload) -> None:
        deadline = time.monotonic() + self.config.finalize_wait_seconds
        while time.monotonic() < deadline:
            if await asyncio.to_thread(self.state.receipt, upload.bundle_sha256):
                return
            await asyncio.sleep(RECEIPT_POLL_SECONDS)

    # -- expiry and restart -----------------------------------------------------------------------

    async def sweep(self) -> int:
        """Delete expired unfinished uploads (each under its lock, so never one that is
        receiving bytes right now), old nonces and orphan files; returns uploads removed."""
        removed = 0
        for upload in await asyncio.to_thread(self.state.expired, unix_time()):
            lock = self.locks.get(upload.id)
            try:
                async with lock.hold(0.1, take_over=False):
                    upload = await asyncio.to_thread(self.state.get, upload.id) or upload
                    if upload.status == OPEN and upload.expires_at <= unix_time():
                        days = self.config.expire_seconds / 86400
                        await asyncio.to_thread(self.discard, upload, "expired",
                                                f"unfinished, no byte for {days:g} days")
                        removed += 1
            except LockTimeout:
                continue  # bytes are arriving right now
            finally:
                self.locks.drop(upload.id)
        await asyncio.to_thread(self._sweep_files)
        return removed

    def _sweep_files(self) -> None:
        self.state.prune_nonces(unix_time() - 2 * self.config.clock_skew_seconds)
        self.strangers.prune()
        self.sessions.prune(unix_time())
        # Files of no live upload (a crash between steps); young ones may be being created.
        for path in self.config.partial_dir.glob("*.part"):
            try:
                if path.stat().st_mtime > time.time() - ORPHAN_AGE_SECONDS:
                    continue
            except FileNotFoundError:
                continue
            upload = self.state.get(path.stem)
            if upload is None or upload.status not in LIVE:
                path.unlink(missing_ok=True)

    async def run_sweeper(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:
                log.exception("upload expiry sweep failed")
            await asyncio.sleep(self.config.cleanup_interval_seconds)

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._background.add(loop.create_task(self.run_sweeper()))
        self._background.add(loop.create_task(self.leases.keep()))
        for upload in self.state.live():
            if upload.status == COMPLETE:  # a restart in the middle of a completion
                self.schedule_completion(upload)
        if self.completion.queued and self.backend.run_worker is not None:
            for n in range(self.config.import_workers):
                thread = threading.Thread(target=self.backend.run_worker,
                                          args=(self._stop_workers, self.completion.hq_key,
                                                self.backend.import_bundle),
                                          name=f"hq-import-worker-{n}", daemon=True)
                thread.start()
                self._workers.append(thread)

    async def stop(self) -> None:
        for task in self._background:
            task.cancel()
        pending = [t for t in self._completions.values() if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=30)
        self._stop_workers.set()
        for thread in self._workers:  # each finishes (or rolls back) the bundle in hand
            await asyncio.to_thread(thread.join, 60)
        self.import_thread.shutdown(wait=True, cancel_futures=False)
        self.strangers.flush()
        self.sessions.close()
        self.state.close()


async def _next_message(receive: Any, preempt: asyncio.Event | None,
                        timeout: float) -> tuple[dict | None, str]:
    """The next ASGI message, or (None, why) after *timeout* idle seconds or a take-over."""
    if preempt is None:
        try:
            return await asyncio.wait_for(receive(), timeout), ""
        except TimeoutError:
            return None, _TIMEOUT
    if preempt.is_set():
        return None, _PREEMPTED
    recv = asyncio.ensure_future(receive())
    stop = asyncio.ensure_future(preempt.wait())
    try:
        done, _ = await asyncio.wait({recv, stop}, timeout=timeout,
                                     return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
    if recv in done:
        return recv.result(), ""
    recv.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await recv
    return None, _PREEMPTED if stop in done else _TIMEOUT


def _salvage(receive: Any) -> bytes:
    """Body bytes the server had read but not yet handed over when the connection closed.

    uvicorn answers ``http.disconnect`` and drops what it buffered (up to 64 KiB) — on a
    cut link that is the tail of every interrupted PATCH, sent again on resume. Its h11
    cycle keeps them in ``body`` (already de-framed by h11, in order), so we keep them.
    Any other server: nothing to salvage, nothing lost but those bytes.
    """
    cycle = getattr(receive, "__self__", None)
    body = getattr(cycle, "body", None)
    if getattr(cycle, "disconnected", False) and isinstance(body, bytes | bytearray) and body:
        data = bytes(body)
        if isinstance(body, bytearray):
            body.clear()
        return data
    return b""


def create_app(config: ReceiverConfig, backend: ReceiverBackend, hq_key: Any) -> FastAPI:

    receiver = Receiver(config, backend, hq_key)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        receiver.start()
        try:
            yield
        finally:
            await receiver.stop()

    app = FastAPI(title="FieldDesk headquarters receiver", lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.receiver = receiver
    app.add_exception_handler(FieldDeskError, web.cannot_answer)
    app.include_router(tus.router)
    app.include_router(campaigns.router)
    signin.install(app)
    app.include_router(status_page.router)
    app.include_router(dashboard_pages.router)
    dashboard_admin.install(app)
    return app

