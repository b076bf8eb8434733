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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.hq.store import Store

from desktop_app.errors import FieldDeskError
from desktop_app.storage.database import utcnow

SETTINGS_FILE = "hq-settings.json"

__all__ = ["HQ", "HQFolder", "open_hq", "utcnow"]


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

    def ensure(self) -> HQFolder:
        if (self.root / "fielddesk.db").exists():
            raise FieldDeskError(f"{self.root} is an office data folder, not a headquarters "
                                 "folder: give hq commands their own --home")
        from desktop_app.hq.photo_store import INCOMING

        for folder in (self.root, self.photos, self.photos / INCOMING, self.keys, self.inbox,
                       self.logs):
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
    from desktop_app.hq.store import choose_url, open_store

    folder = HQFolder(Path(root).resolve()).ensure()
    url = choose_url(folder.root, db, folder.read_settings())
    store = open_store(url, upgrade=upgrade)
    try:
        return HQ(folder, store)
    except BaseException:
        store.close()
        raise
