"""Headquarters' data folder and database: layout, schema history, and the import lock.

``hq.db`` is a SQLite database with the same pragmas as an office's (WAL,
``synchronous=FULL``, foreign keys), its schema kept by its own sqlite-utils
``Migrations`` set ``"hq"``:

* ``office``, ``office_key`` (fingerprint, PEM, status active/replaced/revoked, when and
  why) and ``key_event`` (every register, replace and revoke, with its reason);
* ``campaign`` — each campaign template seen, by id and template hash, with its indicators;
* ``bundle`` — every accepted bundle (the hash chain lives here) and ``import_log`` —
  every attempt, accepted or not;
* ``office_campaign`` — the latest accepted bundle per office and campaign, and the
  ``st_*`` tables — that bundle's typed sheets, keyed by office and campaign;
* ``photo`` — the index of the content-addressed photo store, ``referenced_photo`` —
  what each office's latest bundle says its data references.

Headquarters commands never take an office's folder lock. Writes are serialised by the
**import lock**: a lock per folder inside the process (threads of ``hq serve``) plus a
``filelock`` on ``.import.lock`` across processes (``hq import`` beside ``hq serve``),
blocking with a timeout. The ``HQ`` object's connection is used only under that lock;
other threads read through ``HQ.reader()``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

if TYPE_CHECKING:
    from desktop_app.hq.importer import ImportOutcome

from desktop_app.errors import FieldDeskError
from desktop_app.storage.database import connect_raw, translate_sqlite_error, utcnow, wrap

MIGRATION_SET = "hq"
IMPORT_LOCK_TIMEOUT = 600.0  # seconds: a 2 GiB bundle hashes in well under that

__all__ = ["HQ", "HQFolder", "IMPORT_LOCK_TIMEOUT", "MIGRATION_SET", "open_hq", "utcnow"]


@dataclass(frozen=True)
class HQFolder:
    """The layout of a headquarters data folder; ``ensure()`` creates what is missing."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "hq.db"

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def import_lock(self) -> Path:
        return self.root / ".import.lock"

    def ensure(self) -> HQFolder:
        for folder in (self.root, self.photos, self.keys, self.inbox, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


# --- schema -------------------------------------------------------------------------------------

_MIGRATIONS: Any = None


def _migrations() -> Any:
    """The ``hq`` migration set (built on first use: sqlite-utils is imported lazily)."""
    global _MIGRATIONS
    if _MIGRATIONS is not None:
        return _MIGRATIONS
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations()
    def m001_hq_initial_schema(db: Any) -> None:
        for sql in _M001:
            db.execute(sql)

    @migrations()
    def m002_staff_accounts(db: Any) -> None:
        for sql in _M002:
            db.execute(sql)

    _MIGRATIONS = migrations
    return migrations


_STATE = "office_code TEXT NOT NULL, campaign_id TEXT NOT NULL, id TEXT NOT NULL"
_STATE_KEY = "PRIMARY KEY (office_code, campaign_id, id)"

# The first schema, frozen: a change is a new migration, never an edit here. The st_* tables
# hold the columns of bundle.sheets (a test keeps them in step: a new sheet column needs a
# migration that adds it).
_M001 = (
    """CREATE TABLE office (
        code TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',
        registered_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE office_key (
        fingerprint TEXT PRIMARY KEY, office_code TEXT NOT NULL REFERENCES office(code),
        public_pem TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'replaced', 'revoked')),
        registered_at TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
        replaced_at TEXT, revoked_at TEXT, retired_reason TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX office_key_one_active ON office_key(office_code) WHERE status = 'active'",
    """CREATE TABLE key_event (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
        office_code TEXT NOT NULL REFERENCES office(code),
        action TEXT NOT NULL CHECK (action IN ('register', 'replace', 'revoke')),
        fingerprint TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE campaign (
        campaign_id TEXT NOT NULL, template_sha256 TEXT NOT NULL,
        title_en TEXT NOT NULL, title_hi TEXT NOT NULL DEFAULT '',
        indicators_json TEXT NOT NULL, source TEXT NOT NULL, first_seen_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, template_sha256))""",
    """CREATE TABLE bundle (
        manifest_sha256 TEXT PRIMARY KEY, bundle_sha256 TEXT NOT NULL, bundle_id TEXT NOT NULL,
        office_code TEXT NOT NULL REFERENCES office(code), campaign_id TEXT NOT NULL,
        template_sha256 TEXT NOT NULL, seq INTEGER NOT NULL, part INTEGER NOT NULL,
        parts INTEGER NOT NULL, created_at TEXT NOT NULL, previous_manifest_sha256 TEXT,
        key_fingerprint TEXT NOT NULL, file_name TEXT NOT NULL, bytes INTEGER NOT NULL,
        imported_at TEXT NOT NULL, counts_json TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '',
        UNIQUE (office_code, campaign_id, seq))""",
    "CREATE INDEX bundle_by_file_hash ON bundle(bundle_sha256)",
    """CREATE TABLE import_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, file_name TEXT NOT NULL,
        bundle_sha256 TEXT, bytes INTEGER, office_code TEXT, campaign_id TEXT, seq INTEGER,
        manifest_sha256 TEXT,
        result TEXT NOT NULL CHECK (result IN ('accepted', 'unchanged', 'rejected')),
        reason TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX import_log_by_bundle ON import_log(bundle_sha256)",
    """CREATE TABLE office_campaign (
        office_code TEXT NOT NULL REFERENCES office(code), campaign_id TEXT NOT NULL,
        template_sha256 TEXT NOT NULL, office_name TEXT NOT NULL, seq INTEGER NOT NULL,
        part INTEGER NOT NULL, parts INTEGER NOT NULL,
        manifest_sha256 TEXT NOT NULL REFERENCES bundle(manifest_sha256),
        bundle_created_at TEXT NOT NULL, imported_at TEXT NOT NULL,
        flags TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (office_code, campaign_id))""",
    f"""CREATE TABLE st_targets ({_STATE},
        indicator_code TEXT NOT NULL, value INTEGER NOT NULL, reason TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_progress ({_STATE},
        indicator_code TEXT NOT NULL, entry_date TEXT NOT NULL, value INTEGER NOT NULL,
        remark TEXT NOT NULL, entered_by TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_scrap ({_STATE},
        disposal_date TEXT NOT NULL, item TEXT NOT NULL, category TEXT NOT NULL,
        quantity REAL NOT NULL, quantity_unit TEXT NOT NULL, mode TEXT NOT NULL,
        buyer TEXT NOT NULL, receipt_no TEXT NOT NULL, revenue_paise INTEGER NOT NULL,
        space_freed_sqft INTEGER NOT NULL, remarks TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_sites ({_STATE},
        name TEXT NOT NULL, location TEXT NOT NULL, latitude REAL, longitude REAL,
        status TEXT NOT NULL, target_date TEXT, completed_date TEXT, remarks TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_events ({_STATE},
        event_date TEXT NOT NULL, event_type TEXT NOT NULL, title TEXT NOT NULL,
        venue TEXT NOT NULL, participants INTEGER NOT NULL, description TEXT NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    f"""CREATE TABLE st_photos ({_STATE},
        sha256 TEXT NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL,
        role TEXT NOT NULL, caption TEXT NOT NULL, taken_at TEXT, latitude REAL,
        longitude REAL, width INTEGER NOT NULL, height INTEGER NOT NULL, bytes INTEGER NOT NULL,
        {_STATE_KEY}) WITHOUT ROWID""",
    """CREATE TABLE photo (
        sha256 TEXT PRIMARY KEY, bytes INTEGER NOT NULL, received_at TEXT NOT NULL,
        office_code TEXT NOT NULL, manifest_sha256 TEXT NOT NULL)""",
    """CREATE TABLE referenced_photo (
        office_code TEXT NOT NULL, campaign_id TEXT NOT NULL, sha256 TEXT NOT NULL,
        PRIMARY KEY (office_code, campaign_id, sha256)) WITHOUT ROWID""",
)

# Headquarters staff who may sign in to the status page and workbook (hq.staff).
_M002 = (
    """CREATE TABLE staff_user (
        name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('viewer', 'admin')),
        password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE staff_event (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, name TEXT NOT NULL,
        action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
)

MIGRATION_NAMES = ("m001_hq_initial_schema", "m002_staff_accounts")
STATE_TABLES = ("st_targets", "st_progress", "st_scrap", "st_sites", "st_events", "st_photos")


def _schema_is_current(conn: sqlite3.Connection) -> bool:
    try:
        applied = {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
    except sqlite3.OperationalError:
        return False
    return set(MIGRATION_NAMES) <= applied


def connect(path: Path) -> sqlite3.Connection:
    """A connection on hq.db with FieldDesk's pragmas, schema brought up to date."""
    conn = connect_raw(path)
    try:
        if not _schema_is_current(conn):
            _migrations().apply(wrap(conn))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate_sqlite_error(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


# --- the open folder ----------------------------------------------------------------------------

_PROCESS_LOCKS: dict[Path, threading.Lock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


def _process_lock(root: Path) -> threading.Lock:
    with _PROCESS_LOCKS_GUARD:
        return _PROCESS_LOCKS.setdefault(root, threading.Lock())


class HQ:
    """An open headquarters folder: its database connection and its import lock.

    Safe to share between threads: every write (imports, registry changes) runs under
    ``import_lock()``, and so does every use of ``conn``/``db`` by this package. Readers on
    other threads (a status page) take their own connection with ``reader()``.
    """

    def __init__(self, folder: HQFolder, conn: sqlite3.Connection):
        self.folder = folder
        self.conn = conn
        self._db: Any = None
        self._thread_lock = _process_lock(folder.root)
        self._file_lock = FileLock(str(folder.import_lock), thread_local=False)

    @property
    def db(self) -> Any:
        """The sqlite-utils wrapper of ``conn`` (``db.atomic()`` for transactions)."""
        if self._db is None:
            self._db = wrap(self.conn)
        return self._db

    @contextmanager
    def import_lock(self, timeout: float = IMPORT_LOCK_TIMEOUT) -> Iterator[HQ]:
        """Serialise with every other import or registry change on this folder.

        Blocks up to *timeout* seconds, then raises FieldDeskError.
        """
        start = time.monotonic()
        if not self._thread_lock.acquire(timeout=max(0.0, timeout)):
            raise FieldDeskError(f"another import is running on {self.folder.root} "
                                 f"(waited {timeout:.0f} s); try again later")
        try:
            left = max(0.0, timeout - (time.monotonic() - start))
            try:
                self._file_lock.acquire(timeout=left)
            except Timeout:
                raise FieldDeskError(f"another import is running on {self.folder.root} "
                                     f"(waited {timeout:.0f} s); try again later") from None
            try:
                yield self
            finally:
                self._file_lock.release()
        finally:
            self._thread_lock.release()

    def reader(self) -> sqlite3.Connection:
        """A new connection for reading from another thread (close it when done)."""
        return connect_raw(self.folder.database)

    def import_bundle(self, path: Path, **kwargs: Any) -> ImportOutcome:
        """``importer.import_bundle(self, path, ...)``: see there."""
        from desktop_app.hq.importer import import_bundle

        return import_bundle(self, path, **kwargs)

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> HQ:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_hq(root: Path) -> HQ:
    """Open (creating if needed) the headquarters folder *root*; no office lock is taken."""
    folder = HQFolder(Path(root).resolve()).ensure()
    if (folder.root / "fielddesk.db").exists():
        raise FieldDeskError(f"{folder.root} is an office data folder, not a headquarters "
                             "folder: give hq commands their own --home")
    return HQ(folder, connect(folder.database))
