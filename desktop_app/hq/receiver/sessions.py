"""Staff sessions and failed sign-ins: the receiver's own state, beside its uploads.

Kept in headquarters' database (``store.uploads``) like the receiver's other state, so
that every receiver knows every session; an import holds SQLite's write lock only for its
last step (``hq.importer``), so a sign-in waits milliseconds at most. The accounts
themselves (``hq.staff``) are only read.

* A session is a random 256-bit token in an HttpOnly cookie; only its SHA-256 is stored,
  with the account name, the account's password tag (a new password ends old sessions),
  a CSRF token for the session's forms, and an expiry ``SESSION_SECONDS`` after sign-in.
* A session carries at most one message for its next page (``flash``): what an admin's
  last form did. The form's answer sets it and redirects; the next page shows it and
  clears it. Never in the address, where any link could carry words of its own.
* Failed sign-ins are counted per account name (unknown names share one count, so a
  spray of invented names costs one row). After ``FREE_FAILURES`` in a row the name is
  locked for ``FIRST_LOCK_SECONDS``, doubling with each further failure up to
  ``MAX_LOCK_SECONDS``; a success clears the count.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from desktop_app.hq.store import Store, uploads

SESSION_SECONDS = 12 * 3600
FREE_FAILURES = 5
FIRST_LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 15 * 60
UNKNOWN = "(unknown)"


@dataclass(frozen=True)
class Session:
    name: str
    tag: str
    csrf: str
    expires_at: int
    flash: Flash | None = None


@dataclass(frozen=True)
class Flash:
    """A one-time message: ``kind`` is ``done`` or ``error``."""

    kind: str
    text: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def lock_seconds(failures: int) -> int:
    """How long a name stays locked after *failures* wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS << min(failures - FREE_FAILURES, 16))


class SessionStore:
    """Blocking and thread-safe; call it from a thread. On headquarters' database, so a
    session begun on one receiver is known to every other."""

    def __init__(self, store: Store):
        self.store = store

    def close(self) -> None:
        """The store belongs to whoever opened headquarters; nothing to close here."""

    # -- sessions -----------------------------------------------------------------------------

    def start(self, name: str, tag: str, now: int) -> tuple[str, Session]:
        """A new session; returns the token for the cookie (never stored) and the session."""
        token = secrets.token_urlsafe(32)
        session = Session(name, tag, secrets.token_urlsafe(24), now + SESSION_SECONDS)
        with self.store.write() as conn:
            uploads.add_session(conn, {"token_sha256": _digest(token), "name": name, "tag": tag,
                                       "csrf": session.csrf, "created_at": now,
                                       "expires_at": session.expires_at})
        return token, session

    def get(self, token: str | None, now: int) -> Session | None:
        if not token or len(token) > 128:
            return None
        with self.store.read() as conn:
            row = uploads.find_session(conn, _digest(token))
        if row is None or row["expires_at"] <= now:
            return None
        flash = Flash(row["flash_kind"], row["flash"]) if row["flash"] else None
        return Session(row["name"], row["tag"], row["csrf"], row["expires_at"], flash)

    def flash(self, token: str | None, flash: Flash) -> None:
        """Leave *flash* for the session's next page."""
        if token:
            with self.store.write() as conn:
                uploads.set_flash(conn, _digest(token), flash.kind, flash.text)

    def shown(self, token: str | None, flash: Flash) -> None:
        """*flash* was shown: clear it (unless a later form left another meanwhile)."""
        if token:
            with self.store.write() as conn:
                uploads.clear_flash(conn, _digest(token), flash.kind, flash.text)

    def end(self, token: str | None) -> None:
        if token:
            with self.store.write() as conn:
                uploads.end_session(conn, _digest(token))

    # -- failed sign-ins ----------------------------------------------------------------------

    def locked_for(self, name: str, now: int) -> int:
        """Seconds *name* stays locked (0: it may try)."""
        with self.store.read() as conn:
            row = uploads.failures(conn, name)
        return max(0, row["locked_until"] - now) if row else 0

    def failed(self, name: str, now: int) -> int:
        """Count a wrong password for *name*; return the seconds it is now locked for."""
        with self.store.write() as conn:
            row = uploads.failures(conn, name, lock=True)
            failures = (row["failures"] if row else 0) + 1
            locked = lock_seconds(failures)
            uploads.set_failures(conn, {"name": name, "failures": failures, "last_at": now,
                                        "locked_until": now + locked})
        return locked

    def succeeded(self, name: str) -> None:
        with self.store.write() as conn:
            uploads.clear_failures(conn, name)

    def prune(self, now: int) -> None:
        """Expired sessions; failure counts untouched for a day."""
        with self.store.write() as conn:
            uploads.prune_sessions(conn, now)
