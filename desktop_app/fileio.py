"""Writing files so a power cut never leaves half of one, and hashing files in chunks.

One implementation for settings, keys, photos, backups, bundles and reports: write a
temporary file in the same folder, flush and fsync it, give it its final name
(``os.replace``, or ``publish_file`` where an existing name must be refused), then fsync
the folder (POSIX) so the rename itself survives the cut.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from desktop_app.errors import FieldDeskError


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 (lower-case hex) and size of the file at *path*, from one streamed read."""
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
        return digest.hexdigest(), handle.tell()


def sha256_file(path: Path) -> str:
    """SHA-256 (lower-case hex) of the file at *path* (``hash_file`` without the size)."""
    return hash_file(path)[0]


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


def publish_file(tmp: Path, final: Path, *, overwrite: bool = False) -> None:
    """Give the complete (fsynced) file *tmp* its final name; never overwrite unless
    *overwrite*. The caller fsyncs the folder once its files are all in place."""
    if overwrite:
        os.replace(tmp, final)
        return
    try:
        os.link(tmp, final)  # atomic and refuses an existing name
    except FileExistsError:
        raise FieldDeskError(f"{final}: already exists; not overwritten") from None
    except OSError:  # no hard links here (e.g. a FAT pen drive)
        if os.path.lexists(final):
            raise FieldDeskError(f"{final}: already exists; not overwritten") from None
        os.rename(tmp, final)  # on Windows this also refuses an existing name
        return
    os.unlink(tmp)


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
