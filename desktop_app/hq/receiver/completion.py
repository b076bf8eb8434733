"""What happens when the last byte of an upload is in: hash, import, receipt — once per bundle.

A completion is idempotent (docs/decisions/0001 #6: the final PATCH can arrive twice, and
a restart re-runs unfinished completions): a bundle hash that already has a receipt is not
imported again. The hash is checked on a worker thread, never on the event loop
(docs/decisions/0001 #7), so a slow import delays nobody's bytes. Then, with SQLite, the
import runs on this receiver's single import thread; with PostgreSQL the bundle is queued
for the import workers (``hq worker``, or ``hq serve``'s own), and any receiver serves
the receipt they store. The import is exactly ``hq import``'s: the receiver adds no checks
of its own beyond "these are the bytes the office declared".
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from desktop_app.errors import FieldDeskError
from desktop_app.fileio import fsync_dir, sha256_file
from desktop_app.hq.queue import safe_file_name
from desktop_app.hq.receipts import answer_upload
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.state import (
    COMPLETE,
    FAILED,
    FINISHED,
    QUEUED,
    ReceiverState,
    Upload,
)
from desktop_app.hq.store import jobs, uploads
from desktop_app.storage.database import utcnow

HASH_MISMATCH = (460, "the bytes received do not hash to the declared SHA-256; the upload "
                      "was discarded: send the bundle again")


def file_matches(path: Path, sha256: str, length: int) -> bool:
    return path.stat().st_size == length and sha256_file(path) == sha256


class Completion:
    """Blocking steps; ``app.Receiver`` runs them on threads."""

    def __init__(self, config: ReceiverConfig, state: ReceiverState, backend: Any, hq_key: Any):
        self.config = config
        self.state = state
        self.backend = backend
        self.hq_key = hq_key
        self.import_seconds: list[float] = []  # for the benchmark and the log
        self._guard = threading.Lock()

    @property
    def queued(self) -> bool:
        """Imports go through the queue (PostgreSQL), not this process's import thread."""
        return self.state.store.is_postgresql

    def partial_path(self, upload: Upload) -> Path:
        return self.config.partial_dir / f"{upload.id}.part"

    def received_path(self, upload: Upload) -> Path:
        name = safe_file_name(upload.file_name, f"{upload.bundle_sha256}.zip")
        return self.config.received_dir / upload.bundle_sha256 / name

    def check_and_move(self, upload: Upload) -> tuple[int, str] | None:
        """Step 1 (any worker thread): the bytes are what the office signed for, then the
        file moves to ``received/<sha256>/``. None, or the refusal for the client."""
        if self.state.receipt(upload.bundle_sha256) is not None or upload.status != COMPLETE:
            return HASH_MISMATCH if upload.status == FAILED else None
        target = self.received_path(upload)
        partial = self.partial_path(upload)
        if target.exists() and not partial.exists():
            return None  # moved before a restart, or by another receiver
        if not file_matches(partial, upload.bundle_sha256, upload.length):
            partial.unlink(missing_ok=True)
            self.state.set_status(upload, FAILED)
            self.state.log("failed", office_code=upload.office_code, upload_id=upload.id,
                           bundle_sha256=upload.bundle_sha256, detail=HASH_MISMATCH[1])
            return HASH_MISMATCH
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(partial, target)
        except FileNotFoundError:
            if not target.exists():
                raise
        fsync_dir(target.parent)
        return None

    def import_and_sign(self, upload: Upload) -> str | None:
        """Step 2: SQLite — import on this process's import thread, the signed receipt
        stored with the verdict (``receipts.answer_upload``); PostgreSQL — queue the bundle
        once, for the import workers, who store the receipt with their verdict. Returns
        the stored receipt document, or None while there is none (queued, or the import
        could not run: tried again later)."""
        with self._guard:
            existing = self.state.receipt(upload.bundle_sha256)
            if existing is not None:
                if upload.status != FINISHED:
                    self.state.set_status(upload, FINISHED)
                return existing
            if self.queued:
                self._queue(upload)
                return None
            started = time.perf_counter()

            def answer(conn: Any, outcome: Any) -> None:
                answer_upload(conn, upload.id, upload.bundle_sha256, outcome, self.hq_key)

            try:
                self.backend.import_bundle(self.received_path(upload), source="upload",
                                           on_verdict=answer)
            except FieldDeskError as exc:  # headquarters' own trouble: not the office's fault
                self.state.log("import-deferred", office_code=upload.office_code,
                               upload_id=upload.id, bundle_sha256=upload.bundle_sha256,
                               detail=str(exc))
                return None
            self.import_seconds.append(time.perf_counter() - started)
            upload.status = FINISHED
            return self.state.receipt(upload.bundle_sha256)

    def _queue(self, upload: Upload) -> None:
        """Hand the checked bundle to the import workers: the upload moves from complete to
        queued and its job is added in one transaction, so it is queued once however many
        completions (final PATCHes, restarts, receivers) run."""
        path = self.received_path(upload)
        relative = path.relative_to(self.config.root).as_posix()
        with self.state.store.write() as conn:
            if uploads.move_status(conn, upload.id, COMPLETE, QUEUED, utcnow()):
                jobs.enqueue(conn, bundle_sha256=upload.bundle_sha256, path=relative,
                             file_name=path.name, source="upload", now=utcnow(),
                             office_code=upload.office_code, upload_id=upload.id)
                uploads.log_event(conn, "queued", now=utcnow(), office_code=upload.office_code,
                                  upload_id=upload.id, bundle_sha256=upload.bundle_sha256,
                                  detail=f"{upload.file_name}: waiting for an import worker")
        upload.status = QUEUED
