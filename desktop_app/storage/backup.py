"""Backup and restore of a whole data folder as one file.

A backup is a zip holding a consistent copy of the database (SQLite's online backup API,
safe while the app writes), the photos and the settings, with a manifest of SHA-256s.
The office's private key is deliberately left out: FieldDesk never copies it anywhere.
Restore checks everything (manifest, hashes, ``PRAGMA integrity_check``) before it
touches the folder, refuses to overwrite an office without ``force``, and keeps what it
replaces as a backup of its own.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desktop_app import __version__, clock
from desktop_app.diskspace import BACKUP, disk_full_is_an_error, ensure_room, nearest_existing
from desktop_app.errors import FieldDeskError
from desktop_app.fileio import fsync_dir, sha256_file
from desktop_app.paths import DataFolder

BACKUP_FORMAT = 1
_CHUNK = 1 << 20
_ENTRY_OVERHEAD = 1 << 10  # a zip member's headers, its name twice and its manifest line, rounded up


def snapshot_database(source: Path, dest: Path) -> None:
    """Consistent copy of a live database through SQLite's online backup API."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst, pages=1024)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def default_backup_name(now: datetime | None = None) -> str:
    now = now or clock.local_now()
    return f"fielddesk-backup-{now.strftime('%Y%m%d-%H%M%S')}.zip"


def create_backup(folder: DataFolder, out: Path | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the backup of *folder* to *out* (a file, or a folder for the default name).

    The room it needs is checked first and a full disk met while writing is a one-line
    ``DiskFullError`` (``diskspace``); either way no partial file is left.
    """
    if not folder.database.exists():
        raise FieldDeskError(f"nothing to back up: no FieldDesk database in {folder.root}")
    out = out or folder.backups / default_backup_name()
    if out.is_dir():
        out = out / default_backup_name()
    photos = sorted((p.relative_to(folder.root).as_posix(), p)
                    for p in folder.photos.rglob("*.jpg") if p.is_file()) if folder.photos.exists() else []
    snapshot, needed = backup_space_needed(folder, [p for _name, p in photos])
    _ensure_backup_room(out.parent, snapshot, needed)
    with disk_full_is_an_error(out.parent, needed, BACKUP):
        out.parent.mkdir(parents=True, exist_ok=True)
        return _write_backup(folder, out, photos, progress)


def backup_space_needed(folder: DataFolder, photos: list[Path]) -> tuple[int, int]:
    """(the database snapshot, made in the system's temporary folder; the backup file: the
    database again, the photos, the settings and the zip's headers), in bytes, counted high."""
    database = sum(p.stat().st_size for p in folder.root.glob(f"{folder.database.name}*") if p.is_file())
    settings = folder.settings.stat().st_size if folder.settings.exists() else 0
    return database, database + settings + sum(p.stat().st_size + _ENTRY_OVERHEAD for p in photos) + (64 << 10)


def _ensure_backup_room(target: Path, snapshot: int, needed: int) -> None:
    """Room for the snapshot in the temporary folder and for the file in *target*: the sum
    when both are on one disk (the usual case on an office PC, where both are on C:)."""
    temp = Path(tempfile.gettempdir())
    if os.stat(temp).st_dev == os.stat(nearest_existing(target)).st_dev:
        ensure_room(target, snapshot + needed, BACKUP)
    else:
        ensure_room(temp, snapshot, BACKUP)
        ensure_room(target, needed, BACKUP)


def _write_backup(folder: DataFolder, out: Path, photos: list[tuple[str, Path]],
                  progress: Callable[[int, int], None] | None) -> Path:
    partial = out.with_name(f".{out.name}.partial")
    with tempfile.TemporaryDirectory(prefix="fielddesk-backup-") as tmp:
        db_copy = Path(tmp) / "fielddesk.db"
        snapshot_database(folder.database, db_copy)
        members: list[tuple[str, Path]] = [("fielddesk.db", db_copy)]
        if folder.settings.exists():
            members.append(("settings.json", folder.settings))
        members += photos
        manifest = {"format": BACKUP_FORMAT, "app_version": __version__,
                    "created_at": clock.utcnow(),
                    "files": {name: sha256_file(path) for name, path in members}}
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as zf:
                zf.writestr("backup.json", json.dumps(manifest, indent=1, sort_keys=True))
                for n, (name, path) in enumerate(members, 1):
                    zf.write(path, name)
                    if progress:
                        progress(n, len(members))
            with open(partial, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(partial, out)
            fsync_dir(out.parent)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return out


def _check_backup(path: Path, into: Path) -> None:
    """Extract into ``into`` and prove it whole: manifest, hashes, database integrity."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise FieldDeskError(f"{path.name}: not a FieldDesk backup (not a readable zip file)") from None
    with zf:
        try:
            manifest = json.loads(zf.read("backup.json"))
        except (KeyError, ValueError):
            raise FieldDeskError(f"{path.name}: not a FieldDesk backup (no backup.json)") from None
        if manifest.get("format") != BACKUP_FORMAT or "fielddesk.db" not in manifest.get("files", {}):
            raise FieldDeskError(f"{path.name}: unknown backup format")
        names = set(zf.namelist()) - {"backup.json"}
        if names != set(manifest["files"]):
            raise FieldDeskError(f"{path.name}: the backup's files do not match its manifest")
        for name, digest in manifest["files"].items():
            target = (into / name).resolve()
            if into.resolve() not in target.parents:
                raise FieldDeskError(f"{path.name}: unsafe path {name!r} in backup")
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(name) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
            except (zipfile.BadZipFile, EOFError, zlib.error):
                raise FieldDeskError(f"{path.name}: {name} is damaged (cannot be read back)") from None
            if sha256_file(target) != digest:
                raise FieldDeskError(f"{path.name}: {name} is damaged (checksum mismatch)")
    conn = sqlite3.connect(into / "fielddesk.db")
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        has_office = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'office'").fetchone()[0]
    except sqlite3.DatabaseError:
        result, has_office = "not a database", 0
    finally:
        conn.close()
    if result != "ok" or not has_office:
        raise FieldDeskError(f"{path.name}: the database in the backup is damaged ({result})")


def folder_has_office(folder: DataFolder) -> bool:
    if not folder.database.exists():
        return False
    conn = sqlite3.connect(f"file:{folder.database}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM office").fetchone()[0] > 0
    except sqlite3.DatabaseError:
        return True  # something is there; never overwrite it silently
    finally:
        conn.close()


def restore_backup(path: Path, folder: DataFolder, *, force: bool = False) -> Path | None:
    """Replace the folder's data with the backup's. Returns the safety backup made, if any.

    The caller holds the folder lock (no FieldDesk may be running on it).
    """
    folder.ensure()
    with tempfile.TemporaryDirectory(prefix="fielddesk-restore-", dir=folder.root) as tmp:
        staging = Path(tmp)
        _check_backup(path, staging)
        safety = None
        if folder_has_office(folder):
            if not force:
                raise FieldDeskError(f"{folder.root} already holds an office; use --force to replace it "
                                     "(the current data is kept as a backup first)")
            safety = create_backup(folder, folder.backups / ("before-restore-" + default_backup_name()))
        for suffix in ("-wal", "-shm"):
            Path(str(folder.database) + suffix).unlink(missing_ok=True)
        os.replace(staging / "fielddesk.db", folder.database)
        if (staging / "settings.json").exists():
            os.replace(staging / "settings.json", folder.settings)
        if (staging / "photos").exists():
            for src in (staging / "photos").rglob("*.jpg"):
                dest = folder.root / src.relative_to(staging)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dest)
        fsync_dir(folder.root)
    return safety
