"""Writing a bundle archive so that a crash or Cancel never leaves a file under its real name.

The archive is written (stored, not deflated: JPEGs and XLSX do not compress further) to
``.<name>.partial`` in the same folder, streamed in 1 MiB chunks, fsynced, then put in
place under its final name and the folder fsynced. Any failure or Cancel removes the
temporary file. ``publish_file`` and ``fsync_dir`` are the same moves for other files
(the signing keys).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app.bundle.archive import CHUNK_BYTES, check_names
from desktop_app.errors import BundleError, Cancelled

Progress = Callable[[int, int], None]  # (bytes written so far, total bytes)


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 (lower-case hex) and size of the file at *path*, read in 1 MiB chunks."""
    sha, size = hashlib.sha256(), 0
    buffer = bytearray(CHUNK_BYTES)
    view = memoryview(buffer)
    with open(path, "rb") as fh:
        while n := fh.readinto(buffer):
            sha.update(view[:n])
            size += n
    return sha.hexdigest(), size


def write_bundle_zip(final_path: Path, members: Sequence[tuple[str, Path | bytes]], *,
                     cancelled: Callable[[], bool] | None = None,
                     progress: Progress | None = None,
                     overwrite: bool = False,
                     date_time: tuple[int, int, int, int, int, int] | None = None) -> None:
    """Write *members* (name, file path or bytes), in order, as a stored ZIP at *final_path*.

    Names must pass the bundle's name checks. Refuses an existing *final_path* unless
    *overwrite*. Raises ``Cancelled`` if *cancelled()* turns true before the archive is in
    place; on Cancel or any error nothing is left under either name.
    """
    final_path = Path(final_path)
    check_names(name for name, _ in members)
    if not overwrite and os.path.lexists(final_path):
        raise BundleError(f"{final_path}: already exists; not overwritten")
    if date_time is None:
        # ZIP times run from 1980 to 2107; an old PC with a reset clock must still export.
        date_time = min(max(time.localtime()[:6], (1980, 1, 1, 0, 0, 0)), (2107, 12, 31, 23, 59, 58))
    sizes = [len(src) if isinstance(src, bytes | bytearray) else os.stat(src).st_size
             for _, src in members]
    total, done = sum(sizes), 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise Cancelled("cancelled: no bundle was written")

    tmp = final_path.with_name(f".{final_path.name}.partial")
    tmp.unlink(missing_ok=True)  # a leftover of a crash: ours, by its name
    try:
        with open(tmp, "xb") as fh:
            zf = zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED, allowZip64=True)
            try:
                step(0)
                for (name, source), size in zip(members, sizes):
                    info = zipfile.ZipInfo(name, date_time)
                    info.compress_type = zipfile.ZIP_STORED
                    info.external_attr = (stat.S_IFREG | 0o644) << 16
                    info.file_size = size
                    with zf.open(info, "w") as out:
                        written = _copy_member(source, out, step)
                    if written != size:
                        raise BundleError(f"{name}: changed while the bundle was being written")
                zf.close()
            except BaseException:
                with contextlib.suppress(Exception):
                    zf.close()
                raise
            fh.flush()
            os.fsync(fh.fileno())
        step(0)  # last chance to cancel before the bundle appears
        publish_file(tmp, final_path, overwrite=overwrite)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(final_path.parent)


def publish_file(tmp: Path, final: Path, *, overwrite: bool = False) -> None:
    """Give the complete file *tmp* its final name; never overwrite unless *overwrite*."""
    if overwrite:
        os.replace(tmp, final)
        return
    try:
        os.link(tmp, final)  # atomic and refuses an existing name
    except FileExistsError:
        raise BundleError(f"{final}: already exists; not overwritten") from None
    except OSError:  # no hard links here (e.g. a FAT pen drive)
        if os.path.lexists(final):
            raise BundleError(f"{final}: already exists; not overwritten") from None
        os.rename(tmp, final)  # on Windows this also refuses an existing name
        return
    os.unlink(tmp)


def fsync_dir(path: Path) -> None:
    """Make a rename in *path* durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse it; the data itself was fsynced
    finally:
        os.close(fd)


def _copy_member(source: Path | bytes, out, step: Callable[[int], None]) -> int:
    written = 0
    if isinstance(source, bytes | bytearray):
        view = memoryview(source)
        for start in range(0, len(view), CHUNK_BYTES):
            chunk = view[start:start + CHUNK_BYTES]
            out.write(chunk)
            written += len(chunk)
            step(len(chunk))
        return written
    buffer = bytearray(CHUNK_BYTES)
    view = memoryview(buffer)
    with open(source, "rb") as src:
        while n := src.readinto(buffer):
            out.write(view[:n])
            written += n
            step(n)
    return written
