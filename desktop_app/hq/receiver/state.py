"""The receiver's own SQLite file (``uploads/receiver.db``): uploads, nonces, receipts, the log.

Kept apart from ``hq.db`` so that receiving bytes never waits for an import's lock. An
upload's ``offset`` is written here only after its bytes are fsynced (``tus.py``), so
after any crash the file is at least as long as the offset and is cut back to it.
Every method is blocking and thread-safe (one connection behind a lock); the async
handlers call them through ``asyncio.to_thread``. Rows are cached in memory: a HEAD
reads the cache, which only ever holds what the database holds.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from desktop_app.storage.database import connect_raw, utcnow

OPEN = "open"  # receiving bytes
COMPLETE = "complete"  # every byte in; hash, import and receipt pending
FINISHED = "finished"  # receipt issued
FAILED = "failed"  # the bytes did not hash to the declared SHA-256: discarded
EXPIRED = "expired"
DELETED = "deleted"
LIVE = (OPEN, COMPLETE)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS upload (
        id TEXT PRIMARY KEY, office_code TEXT NOT NULL, key_fingerprint TEXT NOT NULL,
        bundle_sha256 TEXT NOT NULL, length INTEGER NOT NULL, offset INTEGER NOT NULL,
        file_name TEXT NOT NULL, campaign_id TEXT NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, expires_at INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS upload_by_office ON upload(office_code, status)",
    """CREATE TABLE IF NOT EXISTS nonce (
        office_code TEXT NOT NULL, nonce TEXT NOT NULL, seen_at INTEGER NOT NULL,
        PRIMARY KEY (office_code, nonce))""",
    """CREATE TABLE IF NOT EXISTS receipt (
        bundle_sha256 TEXT PRIMARY KEY, office_code TEXT NOT NULL, accepted INTEGER NOT NULL,
        reason TEXT NOT NULL, document TEXT NOT NULL, issued_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS event (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, office_code TEXT NOT NULL,
        upload_id TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, kind TEXT NOT NULL,
        detail TEXT NOT NULL)""",
    # Requests refused before any office was verified (strangers.py): counted per hour and
    # kind, never written into ``event`` (the offices' own log).
    """CREATE TABLE IF NOT EXISTS refusal (
        hour TEXT NOT NULL, claimed_office TEXT NOT NULL, what TEXT NOT NULL,
        status INTEGER NOT NULL, kind TEXT NOT NULL, example TEXT NOT NULL,
        count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
        PRIMARY KEY (hour, claimed_office, what, status, kind))""",
)


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


class ReceiverState:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = connect_raw(path)
        with self._lock, self._conn:
            for sql in _SCHEMA:
                self._conn.execute(sql)
        self._uploads: dict[str, Upload] = {}
        for row in self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM upload "
                                      "WHERE status IN (?, ?)", LIVE):
            upload = Upload(*row)
            self._uploads[upload.id] = upload

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- uploads --------------------------------------------------------------------------------

    def get(self, upload_id: str) -> Upload | None:
        """A live upload from the cache, else whatever the database says (finished, expired…)."""
        upload = self._uploads.get(upload_id)
        if upload is not None:
            return upload
        with self._lock:
            row = self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM upload WHERE id = ?",
                                     [upload_id]).fetchone()
        return Upload(*row) if row else None

    def live(self) -> list[Upload]:
        return list(self._uploads.values())

    def live_for_office(self, office_code: str) -> list[Upload]:
        return [u for u in self._uploads.values() if u.office_code == office_code]

    def add(self, upload: Upload) -> None:
        with self._lock, self._conn:
            self._conn.execute(f"INSERT INTO upload ({', '.join(_COLUMNS)}) VALUES "
                               f"({', '.join('?' * len(_COLUMNS))})",
                               [getattr(upload, c) for c in _COLUMNS])
        self._uploads[upload.id] = upload

    def commit_offset(self, upload_id: str, offset: int, *, complete: bool = False,
                      expires_at: int) -> None:
        """Record *offset* (the bytes before it are fsynced); *complete* when it is the end.
        An unfinished upload expires *expires_at*: a week after its last byte, say."""
        now = utcnow()
        status = COMPLETE if complete else OPEN
        with self._lock, self._conn:
            self._conn.execute("UPDATE upload SET offset = ?, status = ?, updated_at = ?, "
                               "expires_at = ? WHERE id = ?",
                               [offset, status, now, expires_at, upload_id])
        upload = self._uploads.get(upload_id)
        if upload is not None:
            upload.offset, upload.status, upload.updated_at = offset, status, now
            upload.expires_at = expires_at

    def set_status(self, upload_id: str, status: str) -> None:
        now = utcnow()
        with self._lock, self._conn:
            self._conn.execute("UPDATE upload SET status = ?, updated_at = ? WHERE id = ?",
                               [status, now, upload_id])
        upload = self._uploads.get(upload_id)
        if upload is not None:
            upload.status, upload.updated_at = status, now
            if status not in LIVE:
                del self._uploads[upload_id]

    def expired(self, now: int) -> list[Upload]:
        return [u for u in self._uploads.values() if u.status == OPEN and u.expires_at <= now]

    # -- nonces ---------------------------------------------------------------------------------

    def use_nonce(self, office_code: str, nonce: str, now: int) -> bool:
        """Record the nonce; False when this office has used it before (a replay)."""
        with self._lock, self._conn:
            try:
                self._conn.execute("INSERT INTO nonce (office_code, nonce, seen_at) VALUES (?, ?, ?)",
                                   [office_code, nonce, now])
            except sqlite3.IntegrityError:
                return False
        return True

    def prune_nonces(self, before: int) -> int:
        """Nonces older than the clock-skew window can go: such a request is stale anyway."""
        with self._lock, self._conn:
            return self._conn.execute("DELETE FROM nonce WHERE seen_at < ?", [before]).rowcount

    # -- receipts -------------------------------------------------------------------------------

    def save_receipt(self, bundle_sha256: str, office_code: str, accepted: bool, reason: str,
                     document: str) -> str:
        """Keep the first receipt for a bundle (a second completion changes nothing); return
        the stored document."""
        with self._lock, self._conn:
            self._conn.execute("INSERT OR IGNORE INTO receipt (bundle_sha256, office_code, accepted, "
                               "reason, document, issued_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [bundle_sha256, office_code, int(accepted), reason, document,
                                utcnow()])
            row = self._conn.execute("SELECT document FROM receipt WHERE bundle_sha256 = ?",
                                     [bundle_sha256]).fetchone()
        return row[0]

    def receipt(self, bundle_sha256: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT document FROM receipt WHERE bundle_sha256 = ?",
                                     [bundle_sha256]).fetchone()
        return row[0] if row else None

    # -- the upload log -------------------------------------------------------------------------

    def log(self, kind: str, *, office_code: str = "", upload_id: str = "",
            bundle_sha256: str = "", detail: str = "") -> None:
        with self._lock, self._conn:
            self._conn.execute("INSERT INTO event (at, office_code, upload_id, bundle_sha256, kind, "
                               "detail) VALUES (?, ?, ?, ?, ?, ?)",
                               [utcnow(), office_code, upload_id, bundle_sha256, kind, detail[:500]])

    def events(self, limit: int = 200) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._conn.execute("SELECT at, office_code, upload_id, bundle_sha256, kind, detail "
                                        "FROM event ORDER BY id DESC LIMIT ?", [limit])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    # -- refusals of unverified requests (strangers.py aggregates them) --------------------------

    def add_refusals(self, rows: list[dict[str, Any]]) -> None:
        """Add counted refusals: one upsert per (hour, claimed office, what, status, kind)."""
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT INTO refusal (hour, claimed_office, what, status, kind, example, count, "
                "first_at, last_at) VALUES (:hour, :claimed_office, :what, :status, :kind, "
                ":example, :count, :first_at, :last_at) "
                "ON CONFLICT (hour, claimed_office, what, status, kind) DO UPDATE SET "
                "count = count + excluded.count, last_at = excluded.last_at, "
                "example = excluded.example", rows)

    def refusals(self, limit: int = 50) -> list[dict[str, Any]]:
        """The most recent counted refusals, newest first."""
        with self._lock:
            cursor = self._conn.execute(
                "SELECT hour, claimed_office, what, status, kind, example, count, first_at, "
                "last_at FROM refusal ORDER BY last_at DESC LIMIT ?", [limit])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def prune_refusals(self, before_hour: str) -> int:
        with self._lock, self._conn:
            return self._conn.execute("DELETE FROM refusal WHERE hour < ?",
                                      [before_hour]).rowcount


def unix_time() -> int:
    return int(time.time())
