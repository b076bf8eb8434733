"""Writing a bundle archive so that a crash or Cancel never leaves a file under its real name.

The archive is written (stored, not deflated: JPEGs and XLSX do not compress further) to
``.<name>.partial`` in the same folder, streamed in 1 MiB chunks, fsynced, then put in
place under its final name and the folder fsynced. Any failure or Cancel removes the
temporary file. ``BundleZipWriter`` adds the members one at a time, returning each one's
SHA-256 from the same read (the export hashes the photos while zipping them). Putting the file in place is
``fileio.publish_file`` and ``fileio.fsync_dir``, as for every file FieldDesk writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from desktop_app.bundle.archive import CHUNK_BYTES, MemberDigest, check_names
from desktop_app.errors import BundleError
from desktop_app.fileio import fsync_dir, publish_file


def temporary_path(final_path: Path) -> Path:
    """Where ``BundleZipWriter`` writes the archive for *final_path* until it is finished."""
    return final_path.with_name(f".{final_path.name}.partial")


class SourceError(OSError):
    """Reading a member's source failed (as opposed to writing the archive)."""


class BundleZipWriter:
    """A stored ZIP written member by member to ``.<name>.partial``, then put in place.

    ``add_file`` streams a file in 1 MiB chunks, hashing it (SHA-256; zipfile adds the
    CRC-32) in the same read, and returns what it read; ``add_bytes`` does the same for
    bytes. *on_chunk(n)* is called after each chunk written (progress; raise there, e.g.
    ``Cancelled``, to stop). ``finish`` writes the central directory, fsyncs, gives the
    file its final name and fsyncs the folder; ``abort`` (or leaving the ``with`` block
    with an exception) removes the temporary file. Member names are checked one by one
    as they are added, with the same rules as ``check_names``.

    One thread at a time. ``finish(publish=False)`` closes a complete archive (central
    directory included, synced) under the temporary name, for a second writer made with
    ``append=True`` to add more members (zipfile's append mode): the export's photo pass
    writes the photos in its own process, then the export adds the rest.
    """

    def __init__(self, final_path: Path, *, overwrite: bool = False,
                 date_time: tuple[int, int, int, int, int, int] | None = None,
                 append: bool = False):
        self.final_path = Path(final_path)
        self.overwrite = overwrite
        if not overwrite and os.path.lexists(self.final_path):
            raise BundleError(f"{self.final_path}: already exists; not overwritten")
        if date_time is None:
            # ZIP times run from 1980 to 2107; an old PC with a reset clock must still export.
            date_time = min(max(time.localtime()[:6], (1980, 1, 1, 0, 0, 0)),
                            (2107, 12, 31, 23, 59, 58))
        self.date_time = date_time
        self.tmp = temporary_path(self.final_path)
        self._seen: dict[str, str] = {}
        self._buffer = bytearray(CHUNK_BYTES)
        if append:
            self._fh = open(self.tmp, "r+b")  # noqa: SIM115 - closed by finish/abort
        else:
            self.tmp.unlink(missing_ok=True)  # a leftover of a crash: ours, by its name
            self._fh = open(self.tmp, "xb")  # noqa: SIM115 - closed by finish/abort
        try:
            self._zf = zipfile.ZipFile(self._fh, "a" if append else "w",
                                       compression=zipfile.ZIP_STORED, allowZip64=True)
            for name in self._zf.namelist():  # checked when the first writer added them
                self._remember(name)
        except BaseException:
            self._fh.close()
            self.tmp.unlink(missing_ok=True)
            raise
        self._done = False

    def __enter__(self) -> BundleZipWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or not self._done:
            self.abort()

    @property
    def names(self) -> list[str]:
        return list(self._seen.values())

    def add_file(self, name: str, source: Path | BinaryIO, *, size: int | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> MemberDigest:
        """Stream *source* (a path, or a file open for binary reading) in as *name*.

        *size*, if known, only sizes the headers: the digest tells what was really read.
        A failure to read an open *source* raises ``SourceError``, so that the caller can
        tell it from a failure to write the archive.
        """
        if not hasattr(source, "readinto"):
            with open(source, "rb") as src:
                return self.add_file(name, src, size=size if size is not None
                                     else os.fstat(src.fileno()).st_size, on_chunk=on_chunk)
        if size is None:
            size = os.fstat(source.fileno()).st_size
        buffer = self._buffer
        view = memoryview(buffer)
        sha, written = hashlib.sha256(), 0
        with self._open(name, size) as out:
            while True:
                try:
                    n = source.readinto(buffer)
                except OSError as exc:
                    raise SourceError(exc.errno, exc.strerror, getattr(source, "name", None)) from exc
                if not n:
                    break
                chunk = view[:n]
                sha.update(chunk)
                out.write(chunk)
                written += n
                if on_chunk is not None:
                    on_chunk(n)
        return MemberDigest(written, sha.hexdigest())

    def add_bytes(self, name: str, data: bytes,
                  on_chunk: Callable[[int], None] | None = None) -> MemberDigest:
        view = memoryview(data)
        with self._open(name, len(view)) as out:
            for start in range(0, len(view), CHUNK_BYTES):
                chunk = view[start:start + CHUNK_BYTES]
                out.write(chunk)
                if on_chunk is not None:
                    on_chunk(len(chunk))
        return MemberDigest(len(view), hashlib.sha256(view).hexdigest())

    def finish(self, *, publish: bool = True) -> None:
        """Central directory, fsync, the final name, fsync of the folder; with *publish*
        false, the archive stays closed under its temporary name (see the class notes)."""
        try:
            self._zf.close()
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            if publish:
                publish_file(self.tmp, self.final_path, overwrite=self.overwrite)
        except BaseException:
            self.abort()
            raise
        self._done = True
        if publish:
            fsync_dir(self.final_path.parent)

    def abort(self) -> None:
        """Stop and remove the temporary file (nothing is left under either name)."""
        if self._done:
            return
        self._done = True
        with contextlib.suppress(Exception):
            self._zf.close()
        with contextlib.suppress(Exception):
            self._fh.close()
        self.tmp.unlink(missing_ok=True)

    def _open(self, name: str, size: int):
        if self._done:
            raise BundleError(f"{self.final_path.name}: the archive is already closed")
        self._check_name(name)
        info = zipfile.ZipInfo(name, self.date_time)
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = (stat.S_IFREG | 0o644) << 16
        info.file_size = size
        return self._zf.open(info, "w")

    def _check_name(self, name: str) -> None:
        check_names([name])  # safe and allowed
        self._remember(name)

    def _remember(self, name: str) -> None:
        key = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
        if key in self._seen:
            check_names([self._seen[key], name])  # raises: duplicate or collision
        self._seen[key] = name
