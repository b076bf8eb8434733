"""An open office data folder: the lock, the database and one repository per aggregate.

Everything that reads or writes office data goes through a ``Store``; nothing else
writes SQL. ``open_folder`` follows the fixed order: resolve the folder, take the lock,
open and migrate the database.

The desktop app may take the lock a moment later, right after its first page has painted
(``defer_lock=True``): importing ``filelock`` alone costs more than a tenth of the
start-up budget. Until ``take_lock()`` the connection is ``query_only``, so nothing can be
written without the lock; a new or outdated database (which must be created or migrated)
takes the lock at once as usual.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import clock
from desktop_app.paths import DataFolder
from desktop_app.settings import Settings
from desktop_app.storage.audit import AuditRepository
from desktop_app.storage.campaigns import CampaignRepository, OfficeRepository, TargetRepository
from desktop_app.storage.database import connect_raw, open_connection, schema_is_current

if TYPE_CHECKING:
    from desktop_app.storage.exports import ExportRepository
    from desktop_app.storage.lock import FolderLock
    from desktop_app.storage.photos import PhotoRepository
    from desktop_app.storage.progress import ProgressRepository
    from desktop_app.storage.registers import EventRepository, ScrapRepository, SiteRepository


class Store:
    """``conn`` is the raw connection; ``db`` its sqlite-utils wrapper, made on first use.

    Repositories (and their modules) are made on first use too: the dashboard's first
    paint needs only the office, the campaign and the totals.
    """

    def __init__(self, db, *, clerk: str = "", today: Callable[[], date] = clock.today, read_only: bool = False):
        if isinstance(db, sqlite3.Connection):
            self.conn, self._db = db, None
        else:
            self.conn, self._db = db.conn, db
        self.today = today
        self.clerk = ""
        if read_only:
            self.conn.execute("PRAGMA query_only=ON")
            self.clerk = clerk  # recorded for the audit trail by allow_writes()
        else:
            self.set_clerk(clerk)

    @property
    def read_only(self) -> bool:
        return bool(self.conn.execute("PRAGMA query_only").fetchone()[0])

    def allow_writes(self) -> None:
        """End ``read_only`` once this process holds the folder's lock."""
        self.conn.execute("PRAGMA query_only=OFF")
        self.audit.set_clerk(self.clerk)

    def set_clerk(self, clerk: str) -> None:
        """Name the clerk that the audit trail will record for the following changes."""
        if clerk != self.clerk or not self.clerk:
            self.clerk = clerk
            self.audit.set_clerk(clerk)

    def prepare_writes(self) -> None:
        """Load sqlite-utils now (~50 ms of imports) for a write to come: for a caller that
        is waiting anyway (the export, while its photos finish)."""
        _ = self.db

    @property
    def db(self):
        if self._db is None:
            from desktop_app.storage.database import wrap

            self._db = wrap(self.conn)
        return self._db

    @cached_property
    def office(self) -> OfficeRepository:
        return OfficeRepository(self)

    @cached_property
    def campaigns(self) -> CampaignRepository:
        return CampaignRepository(self)

    @cached_property
    def targets(self) -> TargetRepository:
        return TargetRepository(self)

    @cached_property
    def progress(self) -> ProgressRepository:
        from desktop_app.storage.progress import ProgressRepository

        return ProgressRepository(self)

    @cached_property
    def scrap(self) -> ScrapRepository:
        from desktop_app.storage.registers import ScrapRepository

        return ScrapRepository(self)

    @cached_property
    def sites(self) -> SiteRepository:
        from desktop_app.storage.registers import SiteRepository

        return SiteRepository(self)

    @cached_property
    def events(self) -> EventRepository:
        from desktop_app.storage.registers import EventRepository

        return EventRepository(self)

    @cached_property
    def photos(self) -> PhotoRepository:
        from desktop_app.storage.photos import PhotoRepository

        return PhotoRepository(self)

    @cached_property
    def exports(self) -> ExportRepository:
        from desktop_app.storage.exports import ExportRepository

        return ExportRepository(self)

    @cached_property
    def audit(self) -> AuditRepository:
        return AuditRepository(self)

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")  # keeps query-planner statistics fresh
        except sqlite3.Error:
            pass  # a read-only or damaged database still closes
        self.conn.close()


class OpenFolder:
    """A data folder in use by this process: its layout, its ``Store``, its settings and the
    lock. What the CLI, the GUI, the export and the upload all take; released (lock and
    database) by ``close()``.

    A job on another thread takes ``for_worker_thread()``: the same folder on a connection
    of its own.
    """

    def __init__(self, folder: DataFolder, store: Store, lock: FolderLock | None, settings: Settings):
        self.folder = folder
        self.store = store
        self.lock = lock
        self.settings = settings

    @property
    def lock_pending(self) -> bool:
        """Opened with ``defer_lock`` and ``take_lock()`` not yet called: reads only."""
        return self.lock is None and self.store.read_only

    def take_lock(self) -> None:
        """Take the folder's lock (DataFolderLockedError when another FieldDesk has it), then
        allow writes. Does nothing when the lock is already held."""
        if self.lock is not None:
            return
        from desktop_app.storage.lock import FolderLock

        self.lock = FolderLock(self.folder.lock).acquire()
        self.store.allow_writes()

    def save_settings(self) -> None:
        self.settings.save(self.folder.settings)
        self.store.set_clerk(self.settings.clerk_name)

    def for_worker_thread(self) -> OpenFolder:
        """The same folder on a second database connection, for a job on a worker thread
        (WAL lets it read while this one writes; writes wait for each other). Its
        ``close()`` closes that connection only: the lock stays with this one, and it may
        write only once this one may."""
        store = Store(connect_raw(self.folder.database), clerk=self.settings.clerk_name,
                      today=self.store.today, read_only=self.store.read_only)
        return OpenFolder(self.folder, store, None, self.settings)

    def reopen_after_restore(self) -> None:
        """Read again the database and settings a restore put in place (the old connection
        was closed before it). The clerk at the desk and their language stay."""
        restored = Settings.load(self.folder.settings)
        restored.clerk_name, restored.language = self.settings.clerk_name, self.settings.language
        self.settings = restored
        self.store = Store(open_connection(self.folder.database), clerk=restored.clerk_name,
                           today=self.store.today)
        self.save_settings()

    def close(self) -> None:
        self.store.close()
        if self.lock:
            self.lock.release()

    def __enter__(self) -> OpenFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_folder(root: Path, *, lock: bool = True, defer_lock: bool = False,
                today: Callable[[], date] = clock.today) -> OpenFolder:
    folder = DataFolder(Path(root)).ensure()
    if lock and defer_lock:
        deferred = _open_deferred(folder, today)
        if deferred is not None:
            return deferred
    folder_lock = None
    if lock:
        from desktop_app.storage.lock import FolderLock

        folder_lock = FolderLock(folder.lock).acquire()
    try:
        settings = Settings.load(folder.settings)
        store = Store(open_connection(folder.database), clerk=settings.clerk_name, today=today)
    except BaseException:
        if folder_lock:
            folder_lock.release()
        raise
    return OpenFolder(folder, store, folder_lock, settings)


def _open_deferred(folder: DataFolder, today: Callable[[], date]) -> OpenFolder | None:
    """The folder opened for reading before the lock; None when the database must be created
    or migrated first (which needs the lock)."""
    if not folder.database.exists():
        return None
    conn = connect_raw(folder.database)
    if not schema_is_current(conn):
        conn.close()
        return None
    settings = Settings.load(folder.settings)
    return OpenFolder(folder, Store(conn, clerk=settings.clerk_name, today=today, read_only=True), None, settings)
