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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.errors import FieldDeskError
from desktop_app.fileio import atomic_write
from desktop_app.hq.photo_store import INCOMING
from desktop_app.hq.store import Store, choose_url, open_store
from desktop_app.paths import DataFolder, FolderLayout
from desktop_app.storage.database import utcnow

SETTINGS_FILE = "hq-settings.json"

__all__ = ["HQ", "HQFolder", "open_hq", "utcnow"]


@dataclass(frozen=True)
class HQFolder(FolderLayout):
    """The layout of a headquarters folder: what every folder has (``paths.FolderLayout``),
    ``hq.db``, ``hq-settings.json`` (an office's is ``settings.json``: a folder is never
    taken for the other kind), ``inbox/`` and the receiver's ``uploads/``."""

    @property
    def database(self) -> Path:
        return self.root / "hq.db"

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def uploads(self) -> Path:
        return self.root / "uploads"

    @property
    def received(self) -> Path:
        """Every bundle handed over (uploads, and ``hq import`` on PostgreSQL), by hash."""
        return self.uploads / "received"

    def subfolders(self) -> tuple[Path, ...]:
        return (*super().subfolders(), self.photos / INCOMING, self.inbox)

    def ensure(self) -> HQFolder:
        if DataFolder(self.root).database.exists():
            raise FieldDeskError(f"{self.root} is an office data folder, not a headquarters "
                                 "folder: give hq commands their own --home")
        return super().ensure()

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
        """Written whole, atomically (``fileio.atomic_write``: its temporary file, renamed
        into place, is readable by this user only — a database URL may carry a password)."""
        atomic_write(self.settings, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


# --- the open folder ----------------------------------------------------------------------------


class HQ:
    """An open headquarters folder and its database (``store``).

    Safe to share between threads: every query takes its own connection from the store
    (``hq.store.read()``, ``hq.store.write()``). Writes that must not interleave — two
    bundles of one office, a bundle and a key change — lock the office's row inside their
    transaction (``store.keys.lock_office``); nothing else is locked.
    """

    def __init__(self, folder: HQFolder, store: Store):
        self.folder = folder
        self.store = store

    def close(self) -> None:
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

    folder = HQFolder(Path(root).resolve()).ensure()
    url = choose_url(folder.root, db, folder.read_settings())
    store = open_store(url, upgrade=upgrade)
    try:
        return HQ(folder, store)
    except BaseException:
        store.close()
        raise
