"""Staff sessions and failed sign-ins: the receiver's own state, beside its uploads.

Kept in ``uploads/receiver.db`` (its own connection), not in ``hq.db``: a sign-in must not
wait for an import's write lock, and the accounts themselves (``hq.staff``) are only read.

* A session is a random 256-bit token in an HttpOnly cookie; only its SHA-256 is stored,
  with the account name, the account's password tag (a new password ends old sessions),
  a CSRF token for the session's forms, and an expiry ``SESSION_SECONDS`` after sign-in.
* Failed sign-ins are counted per account name (unknown names share one count, so a
  spray of invented names costs one row). After ``FREE_FAILURES`` in a row the name is
  locked for ``FIRST_LOCK_SECONDS``, doubling with each further failure up to
  ``MAX_LOCK_SECONDS``; a success clears the count.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop_app.storage.database import connect_raw

SESSION_SECONDS = 12 * 3600
FREE_FAILURES = 5
FIRST_LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 15 * 60
UNKNOWN = "(unknown)"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS staff_session (
        token_sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, tag TEXT NOT NULL,
        csrf TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS signin_failure (
        name TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_at INTEGER NOT NULL,
        locked_until INTEGER NOT NULL)""",
)


@dataclass(frozen=True)
class Session:
    name: str
    tag: str
    csrf: str
    expires_at: int


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def lock_seconds(failures: int) -> int:
    """How long a name stays locked after *failures* wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS << min(failures - FREE_FAILURES, 16))


class SessionStore:
    """Blocking and thread-safe (one connection behind a lock); call it from a thread."""

    def __init__(self, path: Path):
        self._lock = threading.Lock()
        self._conn = connect_raw(path)
        with self._lock, self._conn:
            for sql in _SCHEMA:
                self._conn.execute(sql)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- sessions -----------------------------------------------------------------------------

    def start(self, name: str, tag: str, now: int) -> tuple[str, Session]:
        """A new session; returns the token for the cookie (never stored) and the session."""
        token = secrets.token_urlsafe(32)
        session = Session(name, tag, secrets.token_urlsafe(24), now + SESSION_SECONDS)
        with self._lock, self._conn:
            self._conn.execute("INSERT INTO staff_session (token_sha256, name, tag, csrf, "
                               "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [_digest(token), name, tag, session.csrf, now, session.expires_at])
        return token, session

    def get(self, token: str | None, now: int) -> Session | None:
        if not token or len(token) > 128:
            return None
        with self._lock:
            row = self._conn.execute("SELECT name, tag, csrf, expires_at FROM staff_session "
                                     "WHERE token_sha256 = ?", [_digest(token)]).fetchone()
        if row is None or row[3] <= now:
            return None
        return Session(*row)

    def end(self, token: str | None) -> None:
        if token:
            with self._lock, self._conn:
                self._conn.execute("DELETE FROM staff_session WHERE token_sha256 = ?",
                                   [_digest(token)])

    # -- failed sign-ins ----------------------------------------------------------------------

    def locked_for(self, name: str, now: int) -> int:
        """Seconds *name* stays locked (0: it may try)."""
        with self._lock:
            row = self._conn.execute("SELECT locked_until FROM signin_failure WHERE name = ?",
                                     [name]).fetchone()
        return max(0, row[0] - now) if row else 0

    def failed(self, name: str, now: int) -> int:
        """Count a wrong password for *name*; return the seconds it is now locked for."""
        with self._lock, self._conn:
            row = self._conn.execute("SELECT failures FROM signin_failure WHERE name = ?",
                                     [name]).fetchone()
            failures = (row[0] if row else 0) + 1
            locked = lock_seconds(failures)
            self._conn.execute("INSERT INTO signin_failure (name, failures, last_at, locked_until) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                               "failures = excluded.failures, last_at = excluded.last_at, "
                               "locked_until = excluded.locked_until",
                               [name, failures, now, now + locked])
        return locked

    def succeeded(self, name: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM signin_failure WHERE name = ?", [name])

    def prune(self, now: int) -> None:
        """Expired sessions; failure counts untouched for a day."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM staff_session WHERE expires_at <= ?", [now])
            self._conn.execute("DELETE FROM signin_failure WHERE last_at < ? AND locked_until < ?",
                               [now - 86400, now])
