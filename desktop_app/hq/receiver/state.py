"""The receiver's state — uploads, nonces, receipts, the upload log, counted refusals — in
headquarters' database (``store.uploads``), nothing of it in the process.

Every request reads its upload's row afresh, so any ``hq serve`` on the same database (and
the same shared folder) can answer for any upload: two receivers behind one proxy serve
the same uploads, and an upload begun on one resumes on the other. An upload's
``offset`` is written only after its bytes are fsynced, and only by the receiver that
holds its lease (``leases.py``), so after any crash the file is at least as long as the
offset and is cut back to it. Every method is blocking; the async handlers call them
through ``asyncio.to_thread``. An ``Upload`` a method changes is updated in place, so the
request holding it sees its own writes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection

from desktop_app.hq.store import Store, uploads
from desktop_app.hq.store.uploads import (  # the statuses, defined with their queries
    COMPLETE,
    DELETED,
    EXPIRED,
    FAILED,
    FINISHED,
    LIVE,
    OPEN,
    QUEUED,
)
from desktop_app.storage.database import utcnow

RECEIVED = (COMPLETE, QUEUED, FINISHED)  # every byte is in


class LeaseLost(Exception):
    """Another receiver took the upload over: these bytes are no longer its bytes."""


@dataclass
class Upload:
    id: str
    office_code: str
    key_fingerprint: str
    bundle_sha256: str
    length: int
    offset: int
    file_name: str
    campaign_id: str
    status: str
    created_at: str
    updated_at: str
    expires_at: int


_COLUMNS = [f.name for f in fields(Upload)]


def _upload(row: dict[str, Any] | None) -> Upload | None:
    return Upload(**{c: row[c] for c in _COLUMNS}) if row else None


class ReceiverState:
    def __init__(self, store: Store):
        self.store = store

    def close(self) -> None:
        """The store belongs to whoever opened headquarters; nothing to close here."""

    # -- uploads --------------------------------------------------------------------------------

    def get(self, upload_id: str) -> Upload | None:
        with self.store.read() as conn:
            return _upload(uploads.get(conn, upload_id))

    def live(self) -> list[Upload]:
        with self.store.read() as conn:
            return [_upload(r) for r in uploads.live(conn)]

    def live_for_office(self, office_code: str) -> list[Upload]:
        with self.store.read() as conn:
            return [_upload(r) for r in uploads.live(conn, office_code)]

    def add(self, upload: Upload) -> None:
        with self.store.write() as conn:
            uploads.add(conn, {c: getattr(upload, c) for c in _COLUMNS})

    def commit_offset(self, upload: Upload, offset: int, *, holder: str, complete: bool = False,
                      expires_at: int) -> None:
        """Record *offset* (the bytes before it are fsynced); *complete* when it is the end.
        An unfinished upload expires *expires_at*: a week after its last byte, say.
        LeaseLost when *holder* no longer holds the upload."""
        now = utcnow()
        status = COMPLETE if complete else OPEN
        with self.store.write() as conn:
            if not uploads.commit_offset(conn, upload.id, offset, status=status,
                                         expires_at=expires_at, now=now, holder=holder):
                raise LeaseLost(upload.id)
        upload.offset, upload.status, upload.updated_at = offset, status, now
        upload.expires_at = expires_at

    def set_status(self, upload: Upload, status: str, conn: Connection | None = None) -> None:
        now = utcnow()
        if conn is not None:
            uploads.set_status(conn, upload.id, status, now)
        else:
            with self.store.write() as own:
                uploads.set_status(own, upload.id, status, now)
        upload.status, upload.updated_at = status, now

    def expired(self, now: int) -> list[Upload]:
        with self.store.read() as conn:
            return [_upload(r) for r in uploads.expired(conn, now)]

    # -- nonces ---------------------------------------------------------------------------------

    def use_nonce(self, office_code: str, nonce: str, now: int) -> bool:
        """Record the nonce; False when this office has used it before (a replay), on this
        receiver or any other."""
        with self.store.write() as conn:
            return uploads.use_nonce(conn, office_code, nonce, now)

    def prune_nonces(self, before: int) -> int:
        """Nonces older than the clock-skew window can go: such a request is stale anyway."""
        with self.store.write() as conn:
            return uploads.prune_nonces(conn, before)

    # -- receipts -------------------------------------------------------------------------------

    def save_receipt(self, bundle_sha256: str, office_code: str, accepted: bool, reason: str,
                     document: str) -> str:
        """Keep the first receipt for a bundle (a second completion changes nothing); return
        the stored document."""
        with self.store.write() as conn:
            return uploads.save_receipt(conn, bundle_sha256=bundle_sha256,
                                        office_code=office_code, accepted=accepted,
                                        reason=reason, document=document, now=utcnow())

    def receipt(self, bundle_sha256: str) -> str | None:
        with self.store.read() as conn:
            return uploads.find_receipt(conn, bundle_sha256)

    # -- the upload log -------------------------------------------------------------------------

    def log(self, kind: str, *, office_code: str = "", upload_id: str = "",
            bundle_sha256: str = "", detail: str = "") -> None:
        with self.store.write() as conn:
            uploads.log_event(conn, kind, now=utcnow(), office_code=office_code,
                              upload_id=upload_id, bundle_sha256=bundle_sha256, detail=detail)

    def events(self, limit: int = 200) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return uploads.events(conn, limit)

    # -- refusals of unverified requests (strangers.py aggregates them) --------------------------

    def add_refusals(self, rows: list[dict[str, Any]]) -> None:
        """Add counted refusals: one upsert per (hour, claimed office, what, status, kind);
        several receivers add to the same counts."""
        with self.store.write() as conn:
            for row in rows:
                uploads.add_refusal(conn, row)

    def refusals(self, limit: int = 50) -> list[dict[str, Any]]:
        """The most recent counted refusals, newest first."""
        with self.store.read() as conn:
            return uploads.refusals(conn, limit)

    def prune_refusals(self, before_hour: str) -> int:
        with self.store.write() as conn:
            return uploads.prune_refusals(conn, before_hour)


def unix_time() -> int:
    return int(time.time())


__all__ = ["COMPLETE", "DELETED", "EXPIRED", "FAILED", "FINISHED", "LIVE", "LeaseLost", "OPEN",
           "QUEUED", "RECEIVED", "ReceiverState", "Upload", "unix_time"]
