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
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.clock import utcnow as utcnow  # re-exported for the repositories
from desktop_app.errors import FieldDeskError
from desktop_app.storage.schema import MIGRATION_NAMES, MIGRATION_SET

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 10_000


def connect_raw(path: Path | str) -> sqlite3.Connection:
    """A sqlite3 connection on ``path`` with FieldDesk's pragmas (no migrations)."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA recursive_triggers=on")
    except sqlite3.DatabaseError as exc:
        raise translate_sqlite_error(exc, path) from None
    return conn


def wrap(conn: sqlite3.Connection) -> Database:
    """The sqlite-utils wrapper of a connection (imported only when something writes)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False, recursive_triggers=True)


def connect(path: Path | str) -> Database:
    """A sqlite-utils Database on ``path`` with FieldDesk's pragmas, without migrating."""
    return wrap(connect_raw(path))


def schema_is_current(conn: sqlite3.Connection) -> bool:
    """True when every known migration is applied — checked without importing sqlite-utils."""
    try:
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                              [MIGRATION_SET])}
    except sqlite3.OperationalError:
        return False  # no migrations table yet: a new database
    return set(MIGRATION_NAMES) <= applied


def open_connection(path: Path | str) -> sqlite3.Connection:
    """Connect and bring the schema up to date; the fast path when nothing is pending."""
    conn = connect_raw(path)
    try:
        if not schema_is_current(conn):
            from desktop_app.storage import migrations

            migrations.apply(wrap(conn))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate_sqlite_error(exc, path) from None
    return conn


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
