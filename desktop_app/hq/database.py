"""Headquarters' data folder: its layout, its settings, and opening it with its database.

A headquarters folder (``fielddesk --home HQDIR hq …``) holds ``photos/`` (the
content-addressed store), ``keys/`` (headquarters' receipt key), ``inbox/``, ``logs/``,
``uploads/`` (the receiver's partial and received bundles) and ``hq-settings.json``. Its
database is ``hq.db`` beside them (SQLite, the default) or a PostgreSQL database named in
the settings (``hq init --db URL``), ``--db`` or ``$FIELDDESK_HQ_DB`` — see
``hq.store``, which owns the schema and every query. With PostgreSQL the whole folder
may sit on a shared mount, used by every receiver and import worker.

Headquarters commands never take an office's folder lock.
"""

from __future__ import annotations

import json
import os
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
    from desktop_app.hq.store import Store

from desktop_app.errors import FieldDeskError
from desktop_app.storage.database import connect_raw, utcnow, wrap

IMPORT_LOCK_TIMEOUT = 600.0  # seconds: a 2 GiB bundle hashes in well under that
SETTINGS_FILE = "hq-settings.json"
STATE_TABLES = ("st_targets", "st_progress", "st_scrap", "st_sites", "st_events", "st_photos")

__all__ = ["HQ", "HQFolder", "IMPORT_LOCK_TIMEOUT", "open_hq", "utcnow"]


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
    def uploads(self) -> Path:
        return self.root / "uploads"

    @property
    def received(self) -> Path:
        """Every bundle handed over (uploads, and ``hq import`` on PostgreSQL), by hash."""
        return self.uploads / "received"

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def import_lock(self) -> Path:
        return self.root / ".import.lock"

    def ensure(self) -> HQFolder:
        if (self.root / "fielddesk.db").exists():
            raise FieldDeskError(f"{self.root} is an office data folder, not a headquarters "
                                 "folder: give hq commands their own --home")
        for folder in (self.root, self.photos, self.keys, self.inbox, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def read_settings(self) -> dict[str, Any]:
        """``hq-settings.json`` (``{"database": URL}``), or {} when there is none."""
        try:
            data = json.loads(self.settings.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise FieldDeskError(f"{self.settings}: cannot be read ({exc}); fix or remove "
                                 "it") from None
        if not isinstance(data, dict):
            raise FieldDeskError(f"{self.settings}: not a settings file; fix or remove it")
        return data

    def write_settings(self, data: dict[str, Any]) -> None:
        """Written whole under another name, then renamed; readable by this user only
        (a database URL may carry a password)."""
        temp = self.settings.with_name(f".{SETTINGS_FILE}.partial")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, self.settings)


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

    def __init__(self, folder: HQFolder, store: Store):
        self.folder = folder
        self.store = store
        # Until every module runs on ``store``: SQLite's own connection (None on PostgreSQL).
        self.conn: Any = None if store.is_postgresql else connect_raw(folder.database)
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
        if self.conn is not None:
            self.conn.close()
        self.store.close()

    def __enter__(self) -> HQ:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_hq(root: Path, *, db: str | None = None, upgrade: bool | None = None) -> HQ:
    """Open (creating if needed) the headquarters folder *root* and its database: *db*
    (a URL), else ``$FIELDDESK_HQ_DB``, else the folder's settings, else ``hq.db``.

    *upgrade*: bring an older schema up to date (default: SQLite yes, PostgreSQL no —
    ``hq migrate`` does that). No office lock is taken.
    """
    from desktop_app.hq.store import choose_url, open_store

    folder = HQFolder(Path(root).resolve()).ensure()
    url = choose_url(folder.root, db, folder.read_settings())
    store = open_store(url, upgrade=upgrade)
    try:
        return HQ(folder, store)
    except BaseException:
        store.close()
        raise
