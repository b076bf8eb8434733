"""Opening an office database: pragmas for durability, migrations, and clear failures.

WAL with ``synchronous=FULL`` so a power cut after Save keeps the record; foreign keys
on; a busy timeout so a backup or a second reader never fails a save outright.
SQLite errors a user can cause (disk full, not a database, read-only folder) become one
readable ``FieldDeskError`` here instead of a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from desktop_app.errors import FieldDeskError
from desktop_app.storage import migrations

BUSY_TIMEOUT_MS = 10_000


def utcnow() -> str:
    """The timestamp format of every created_at/updated_at: UTC, ISO 8601, seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def connect(path: Path | str) -> Database:
    """A sqlite-utils Database on ``path`` with FieldDesk's pragmas, without migrating."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from None
    return db


def open_database(path: Path | str) -> Database:
    """Connect and bring the schema up to date (each migration in its own transaction)."""
    db = connect(path)
    try:
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise translate_sqlite_error(exc, path) from None
    return db


def translate_sqlite_error(exc: sqlite3.Error, path: Path | str | None = None) -> FieldDeskError:
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "disk is full" in text or "disk i/o" in text:
        return FieldDeskError(f"The disk is full or failing{where}: nothing was saved. Free some space and try again.")
    if "not a database" in text or "malformed" in text:
        return FieldDeskError(f"The database file is damaged or is not a FieldDesk database{where}. Restore a backup.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return FieldDeskError(f"Cannot write to the data folder{where}: check that it is not read-only.")
    if "locked" in text or "busy" in text:
        return FieldDeskError(f"The database is busy{where}: try again in a moment.")
    return FieldDeskError(f"Database error{where}: {exc}")


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One user action = one ``db.atomic()`` transaction; SQLite failures become clear errors."""
    try:
        with db.atomic():
            yield db
    except sqlite3.IntegrityError:
        raise
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc) from None
