"""Writing files so a power cut never leaves half of one, and hashing files in chunks.

One implementation for settings, keys, photos, backups and reports: write a temporary
file in the same folder, flush and fsync it, ``os.replace`` it onto the final name, then
fsync the folder (POSIX) so the rename itself survives the cut.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    """SHA-256 (hex) of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable on POSIX; Windows has no folder handles to fsync.

    Best effort: some network and virtual file systems refuse fsync on a folder, and by
    then the file itself is complete under its final name.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(target: Path, data: bytes, *, prefix: str = ".fielddesk-", same_bytes_ok: bool = False) -> None:
    """Write ``data`` to ``target`` all at once or not at all.

    ``same_bytes_ok``: for content-addressed files, a rename refused because another
    thread just created the same name (Windows) means the job is done.
    """
    target = Path(target)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(temp_name, target)
        except OSError:
            if not (same_bytes_ok and target.exists()):
                raise
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(target.parent)
