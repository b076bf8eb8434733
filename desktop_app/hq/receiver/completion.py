"""What happens when the last byte of an upload is in: hash, import, receipt — once per bundle.

``Completion.run(upload)`` is idempotent (docs/decisions/0001 #6: the final PATCH can arrive twice,
and a restart re-runs unfinished completions): a bundle hash that already has a receipt
is not imported again. The hash is checked on a worker thread; the import runs on a
single import thread (``hq.db`` has one writer, and seq and hash-chain checks must see
the bundles of one office in order), never on the event loop (docs/decisions/0001 #7), so a slow
import delays nobody's bytes. The import is exactly ``hq import``'s: the receiver adds
no checks of its own beyond "these are the bytes the office declared".
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from desktop_app.errors import BundleError, FieldDeskError
from desktop_app.fileio import fsync_dir
from desktop_app.hq.receipts import issue_receipt
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.state import COMPLETE, FAILED, FINISHED, ReceiverState, Upload

HASH_MISMATCH = (460, "the bytes received do not hash to the declared SHA-256; the upload "
                      "was discarded: send the bundle again")


def file_matches(path: Path, sha256: str, length: int) -> bool:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size == length and digest.hexdigest() == sha256


def safe_file_name(name: str, fallback: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))
    cleaned = "".join(c for c in base if c.isalnum() or c in "._-")[:120]
    return cleaned if cleaned and not cleaned.startswith(".") else fallback


class Completion:
    """Blocking steps; ``app.Receiver`` runs them on threads."""

    def __init__(self, config: ReceiverConfig, state: ReceiverState, backend: Any, hq_key: Any):
        self.config = config
        self.state = state
        self.backend = backend
        self.hq_key = hq_key
        self.import_seconds: list[float] = []  # for the benchmark and the log
        self._guard = threading.Lock()

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
            return None  # moved before a restart
        if not file_matches(partial, upload.bundle_sha256, upload.length):
            partial.unlink(missing_ok=True)
            self.state.set_status(upload.id, FAILED)
            self.state.log("failed", office_code=upload.office_code, upload_id=upload.id,
                           bundle_sha256=upload.bundle_sha256, detail=HASH_MISMATCH[1])
            return HASH_MISMATCH
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
        fsync_dir(target.parent)
        return None

    def import_and_sign(self, upload: Upload) -> str | None:
        """Step 2 (the import thread): import, then the signed receipt. Returns the stored
        receipt document, or None when the import could not run (tried again later)."""
        with self._guard:
            existing = self.state.receipt(upload.bundle_sha256)
            if existing is not None:
                self.state.set_status(upload.id, FINISHED)
                return existing
            path = self.received_path(upload)
            started = time.perf_counter()
            try:
                outcome = self.backend.import_bundle(path)
            except BundleError as exc:  # the bundle itself is at fault: a rejection
                outcome = SimpleNamespace(accepted=False, reason=str(exc), office_code=None,
                                          campaign_id=None, seq=None)
            except FieldDeskError as exc:  # e.g. the import lock is busy: not the office's fault
                self.state.log("import-deferred", office_code=upload.office_code,
                               upload_id=upload.id, bundle_sha256=upload.bundle_sha256,
                               detail=str(exc))
                return None
            self.import_seconds.append(time.perf_counter() - started)
            document = json.dumps(issue_receipt(
                self.hq_key, bundle_sha256=upload.bundle_sha256, outcome=outcome,
                file_name=upload.file_name, size=upload.length, received_at=upload.updated_at,
                office_code=upload.office_code), ensure_ascii=False)
            stored = self.state.save_receipt(upload.bundle_sha256, upload.office_code,
                                             bool(outcome.accepted), str(outcome.reason or ""),
                                             document)
            self.state.set_status(upload.id, FINISHED)
            verdict = "accepted" if outcome.accepted else "rejected"
            self.state.log(verdict, office_code=upload.office_code, upload_id=upload.id,
                           bundle_sha256=upload.bundle_sha256,
                           detail=f"{upload.file_name}: {outcome.reason or verdict}")
            return stored

