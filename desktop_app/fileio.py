"""Writing files so a power cut never leaves half of one, and hashing files in chunks.

One implementation for settings, keys, photos (the office's and headquarters'), backups,
bundles, reports and received bundles: write a temporary file in the same folder, flush
and fsync it (``write_temp``: from bytes or a stream, hashed on the way), give it its final
name (``publish``: ``os.replace``; ``publish_file`` where an existing name must be
refused), then fsync the folder (POSIX) so the rename itself survives the cut
(``atomic_write`` is the two at once).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import FieldDeskError

CHUNK = 1 << 20

OnBytes = Callable[[int], None]  # called with the size of each chunk read or written


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 (lower-case hex) and size of the file at *path*, from one streamed read."""
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
        return digest.hexdigest(), handle.tell()


def sha256_file(path: Path, *, on_bytes: OnBytes | None = None) -> str:
    """SHA-256 (hex) of a file, read in 1 MiB chunks (*on_bytes* after each: progress,
    and Cancel by raising)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
            if on_bytes is not None:
                on_bytes(len(block))
    return digest.hexdigest()


def read_chunks(path: Path) -> Iterable[bytes]:
    """A file's bytes in 1 MiB chunks."""
    with open(path, "rb") as handle:
        yield from iter(lambda: handle.read(CHUNK), b"")


@dataclass(frozen=True)
class TempFile:
    """A complete, fsynced file under a temporary name, and what its bytes hash to."""

    path: Path
    sha256: str
    size: int


def write_temp(folder: Path, chunks: Iterable[bytes], *, prefix: str = ".fielddesk-",
               on_bytes: OnBytes | None = None) -> TempFile:
    """Write *chunks* to a new temporary file in *folder* (hashing them as they go), flush
    and fsync it. Anything failing — the chunks' source included — removes the file."""
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".part")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                digest.update(chunk)
                handle.write(chunk)
                size += len(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return TempFile(Path(temp_name), digest.hexdigest(), size)


def publish(temp: Path, target: Path, *, same_bytes_ok: bool = False,
            sync_folder: bool = True) -> bool:
    """Give the complete file *temp* the name *target* (``os.replace``), then fsync the
    folder (*sync_folder*: the caller fsyncs once after many). Returns False when, with
    *same_bytes_ok* (content-addressed names), *target* was already there and *temp* was
    dropped instead."""
    if same_bytes_ok and target.exists():
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    try:
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if same_bytes_ok and target.exists():  # Windows: another thread won the rename
            return False
        raise
    if sync_folder:
        fsync_dir(target.parent)
    return True


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
    temp = write_temp(target.parent, [data], prefix=prefix)
    try:
        os.replace(temp.path, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp.path)
        if not (same_bytes_ok and target.exists()):
            raise
    fsync_dir(target.parent)
