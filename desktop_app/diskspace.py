"""Room on the disk for an export or a backup: checked before writing, and a full disk met
while writing told in the same one line as a failed save, never as a bug.

Old office PCs run out of disk. Saving an entry on a full disk already says "The disk is
full or failing: nothing was saved" (``storage.database``); an export or a backup says
the same, and how much room it needs, which is known before it writes (the caller
estimates it high). ``ensure_room`` refuses to start without that room (the free-space
probe is ``free_bytes``, one ``shutil.disk_usage``); ``disk_full_is_an_error`` turns an
ENOSPC met anyway (another program filled the disk meanwhile, the estimate was short)
into ``DiskFullError``. The writers themselves remove their partial files; this module
only names the failure.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.domain.i18n import N_, Message
from desktop_app.domain.numbers import format_size
from desktop_app.errors import FieldDeskError

EXPORT, BACKUP = "export", "backup"

NO_ROOM = {
    EXPORT: N_("The disk is full: the export needs {needed} free in {folder}, but only {free} is free."
               " Nothing was saved. Free some space and try again."),
    BACKUP: N_("The disk is full: the backup needs {needed} free in {folder}, but only {free} is free."
               " Nothing was saved. Free some space and try again."),
}
FULL_WHILE_WRITING = {
    EXPORT: N_("The disk is full or failing: nothing was saved. The export needs about {needed} free in"
               " {folder}. Free some space and try again."),
    BACKUP: N_("The disk is full or failing: nothing was saved. The backup needs about {needed} free in"
               " {folder}. Free some space and try again."),
}

# Windows reports a full disk as these (Python maps the first to ENOSPC, not always the second).
_WINDOWS_DISK_FULL = (39, 112)  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class DiskFullError(FieldDeskError):
    """No room for an export or a backup; ``message`` is translatable, nothing was saved."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def nearest_existing(folder: Path) -> Path:
    """*folder*, or its nearest parent that exists (an export folder not made yet)."""
    folder = Path(folder).absolute()
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def free_bytes(folder: Path) -> int:
    """Free bytes on the disk that holds *folder* (or its nearest existing parent)."""
    return shutil.disk_usage(nearest_existing(folder)).free


def ensure_room(folder: Path, needed: int, kind: str) -> None:
    """Refuse to start (``DiskFullError``) unless *needed* bytes are free for *folder*."""
    free = free_bytes(folder)
    if free < needed:
        raise DiskFullError(Message(NO_ROOM[kind], needed=format_size(needed),
                                    folder=str(Path(folder).absolute()), free=format_size(free)))


def is_disk_full(exc: BaseException | None) -> bool:
    """True when *exc* (or what caused it) is the operating system or SQLite saying the disk is full."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and (exc.errno in _FULL_ERRNOS
                                         or getattr(exc, "winerror", None) in _WINDOWS_DISK_FULL):
            return True
        if isinstance(exc, sqlite3.Error) and "disk is full" in str(exc).lower():
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@contextmanager
def disk_full_is_an_error(folder: Path, needed: int, kind: str) -> Iterator[None]:
    """Inside, a full disk becomes ``DiskFullError`` naming *needed*; anything else passes."""
    try:
        yield
    except DiskFullError:
        raise
    except Exception as exc:  # a FieldDeskError too: "database or disk is full" from SQLite
        if not is_disk_full(exc):
            raise
        raise DiskFullError(Message(FULL_WHILE_WRITING[kind], needed=format_size(needed),
                                    folder=str(Path(folder).absolute()))) from exc
