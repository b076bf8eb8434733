"""Headquarters' photo store: content-addressed files, each re-hashed while it is copied.

A photo is stored once as ``photos/<first two hex digits>/<sha256>.jpg`` however many
offices or bundles carry it (a national store holds millions: one folder per prefix keeps
folders small). ``PhotoIntake`` copies the photos of one bundle straight out of the
checked archive (``bundle.archive.iter_member_chunks``: never more bytes than declared)
into a hidden temporary file, hashing as it goes; only a file whose SHA-256 and size match
its name is fsynced and renamed into place. ``rollback()`` removes the files this intake
created, so a bundle refused or cancelled after its photos were copied leaves the store as
it was; after ``commit()`` (the database transaction has recorded them) they stay.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from desktop_app.bundle.archive import CheckedArchive, iter_member_chunks, photo_member_name
from desktop_app.errors import BundleError
from desktop_app.fileio import fsync_dir, sha256_file

_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX = ".incoming-"
_O_BINARY = getattr(os, "O_BINARY", 0)


class PhotoStore:
    """The photo files under *root*, named by their SHA-256."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.jpg"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def verify(self, sha256: str) -> bool:
        """True if the file is there and its bytes still hash to its name."""
        try:
            return sha256_file(self.path(sha256)) == sha256
        except OSError:
            return False

    def remove_leftovers(self) -> int:
        """Temporary files a crash left behind (never a finished photo); returns how many."""
        removed = 0
        for leftover in self.root.glob(f"*/{_TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
        return removed


class PhotoIntake:
    """The photos of one bundle on their way into the store (see the module docstring)."""

    def __init__(self, store: PhotoStore, *, on_bytes: Callable[[int], None] | None = None):
        self.store = store
        self.on_bytes = on_bytes
        self.created: list[Path] = []
        self._folders: set[Path] = set()
        self._new_folders: list[Path] = []

    def copy(self, archive: CheckedArchive, sha256: str, size: int) -> bool:
        """Copy photo *sha256* out of *archive*; False if the store already has it.

        BundleError if the bytes read do not hash to *sha256* or are not *size* long (the
        file changed since it was verified).
        """
        target = self.store.path(sha256)
        if target.is_file() and target.stat().st_size == size:
            return False
        name = photo_member_name(sha256)
        folder = target.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            self._new_folders.append(folder)
        temp = folder / f"{_TEMP_PREFIX}{sha256}-{os.getpid()}.part"
        digest, written = hashlib.sha256(), 0
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_BINARY, 0o644)
            try:
                for chunk in iter_member_chunks(archive, name):
                    digest.update(chunk)
                    view = memoryview(chunk)
                    while view:
                        view = view[os.write(fd, view):]
                    written += len(chunk)
                    if self.on_bytes is not None:
                        self.on_bytes(len(chunk))
                if digest.hexdigest() != sha256 or written != size:
                    raise BundleError(f"{name}: changed while it was being copied (its SHA-256 "
                                      "no longer matches the manifest)")
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        self.created.append(target)
        self._folders.add(folder)
        return True

    def commit(self) -> None:
        """Make the new names durable (fsync each folder once); call before recording them."""
        for folder in self._folders:
            fsync_dir(folder)

    def rollback(self) -> None:
        """Remove every photo this intake created (the bundle was not accepted)."""
        for path in self.created:
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in self._new_folders:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: another import may have used it meanwhile
        self.created.clear()
        self._new_folders.clear()
