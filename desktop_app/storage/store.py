"""An open office data folder: the lock, the database and one repository per aggregate.

Everything that reads or writes office data goes through a ``Store``; nothing else
writes SQL. ``open_folder`` follows the fixed order: resolve the folder, take the lock,
open and migrate the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path

from desktop_app.paths import DataFolder
from desktop_app.settings import Settings
from desktop_app.storage.audit import AuditRepository
from desktop_app.storage.campaigns import CampaignRepository, OfficeRepository, TargetRepository
from desktop_app.storage.database import open_connection
from desktop_app.storage.exports import ExportRepository
from desktop_app.storage.lock import FolderLock
from desktop_app.storage.photos import PhotoRepository
from desktop_app.storage.progress import ProgressRepository
from desktop_app.storage.registers import EventRepository, ScrapRepository, SiteRepository


class Store:
    """``conn`` is the raw connection; ``db`` its sqlite-utils wrapper, made on first use."""

    def __init__(self, db, *, clerk: str = "", today: Callable[[], date] = date.today):
        if isinstance(db, sqlite3.Connection):
            self.conn, self._db = db, None
        else:
            self.conn, self._db = db.conn, db
        self.today = today
        self.clerk = ""
        self.set_clerk(clerk)

    def set_clerk(self, clerk: str) -> None:
        """Name the clerk that the audit trail will record for the following changes."""
        if clerk != self.clerk or not self.clerk:
            self.clerk = clerk
            self.audit.set_clerk(clerk)

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
        return ProgressRepository(self)

    @cached_property
    def scrap(self) -> ScrapRepository:
        return ScrapRepository(self)

    @cached_property
    def sites(self) -> SiteRepository:
        return SiteRepository(self)

    @cached_property
    def events(self) -> EventRepository:
        return EventRepository(self)

    @cached_property
    def photos(self) -> PhotoRepository:
        return PhotoRepository(self)

    @cached_property
    def exports(self) -> ExportRepository:
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
    """A data folder in use by this process: released (lock and database) by ``close()``."""

    def __init__(self, folder: DataFolder, store: Store, lock: FolderLock | None, settings: Settings):
        self.folder = folder
        self.store = store
        self.lock = lock
        self.settings = settings

    def save_settings(self) -> None:
        self.settings.save(self.folder.settings)
        self.store.set_clerk(self.settings.clerk_name)

    def close(self) -> None:
        self.store.close()
        if self.lock:
            self.lock.release()

    def __enter__(self) -> OpenFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_folder(root: Path, *, lock: bool = True, today: Callable[[], date] = date.today) -> OpenFolder:
    folder = DataFolder(Path(root)).ensure()
    folder_lock = FolderLock(folder.lock).acquire() if lock else None
    try:
        settings = Settings.load(folder.settings)
        store = Store(open_connection(folder.database), clerk=settings.clerk_name, today=today)
    except BaseException:
        if folder_lock:
            folder_lock.release()
        raise
    return OpenFolder(folder, store, folder_lock, settings)
