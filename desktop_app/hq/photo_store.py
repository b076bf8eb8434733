"""Headquarters' photo store: content-addressed files, each re-hashed while it is copied.

A photo is stored once as ``photos/<first two hex digits>/<sha256>.jpg`` however many
offices or bundles carry it (a national store holds millions: one folder per prefix keeps
folders small). ``PhotoIntake`` copies the photos of one bundle straight out of the
checked archive (``bundle.archive.iter_member_chunks``: never more bytes than declared)
into temporary files of its own in ``photos/.incoming/``, hashing as it goes and
fsyncing each (``stage``: ``fileio.write_temp``, as the office's store writes its photos). Only inside the import's transaction, as its last step before
the commit, are they renamed into place (``publish``); a bundle refused, cancelled or
failed before that leaves the store exactly as it was (``discard``).

Several imports run at once (threads, worker processes on a shared folder), so an import
never removes a photo from the store: another import may have committed the same photo
meanwhile. The one thing a crash can leave is a temporary file (``remove_leftovers``) or,
if the commit itself fails after the renames, a photo nobody references — never a
referenced photo that is missing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.bundle.archive import CheckedArchive, iter_member_chunks, photo_member_name
from desktop_app.errors import BundleError
from desktop_app.fileio import fsync_dir, publish, sha256_file, write_temp
from desktop_app.photos.store import is_sha256

_OLD_TEMP = ".incoming-"  # the temporary files of earlier versions, inside prefix folders
INCOMING = ".incoming"
LEFTOVER_SECONDS = 6 * 3600


class PhotoStore:
    """The photo files under *root*, named by their SHA-256 (one folder per two first hex
    digits: the office's store, ``photos.store``, keeps one flat folder of far fewer)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
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

    @property
    def incoming(self) -> Path:
        return self.root / INCOMING

    def remove_leftovers(self, older_than: float = LEFTOVER_SECONDS) -> int:
        """Temporary files a crash left behind, older than *older_than* seconds (younger
        ones may be another worker's import in progress); never a finished photo."""
        removed = 0
        limit = time.time() - older_than
        for leftover in [*self.incoming.glob("*.part"), *self.root.glob(f"*/{_OLD_TEMP}*")]:
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < limit:
                    leftover.unlink()
                    removed += 1
        return removed


class PhotoIntake:
    """The photos of one bundle on their way into the store (see the module docstring)."""

    def __init__(self, store: PhotoStore, *, on_bytes: Callable[[int], None] | None = None):
        self.store = store
        self.on_bytes = on_bytes
        self.staged: list[tuple[Path, Path]] = []  # (temporary file, its place in the store)

    def stage(self, archive: CheckedArchive, sha256: str, size: int) -> bool:
        """Copy photo *sha256* out of *archive* into a temporary file of this intake; False
        if the store already has it.

        BundleError if the bytes read do not hash to *sha256* or are not *size* long (the
        file changed since it was verified).
        """
        target = self.store.path(sha256)
        if target.is_file() and target.stat().st_size == size:
            return False
        name = photo_member_name(sha256)
        self.store.incoming.mkdir(parents=True, exist_ok=True)
        temp = write_temp(self.store.incoming, iter_member_chunks(archive, name),
                          prefix=f"{sha256}-", on_bytes=self.on_bytes)
        if temp.sha256 != sha256 or temp.size != size:
            temp.path.unlink(missing_ok=True)
            raise BundleError(f"{name}: changed while it was being copied (its SHA-256 no "
                              "longer matches the manifest)")
        self.staged.append((temp.path, target))
        return True

    def publish(self) -> int:
        """Move the staged photos into the store and make their names durable; returns how
        many were new. Called inside the import's transaction, as its last step: a photo in
        the store is never taken out again by an import (another may have committed it)."""
        folders: set[Path] = set()
        new = 0
        for temp, target in self.staged:
            target.parent.mkdir(parents=True, exist_ok=True)
            if publish(temp, target, same_bytes_ok=True, sync_folder=False):
                folders.add(target.parent)
                new += 1
        for folder in folders:
            fsync_dir(folder)
        self.staged.clear()
        return new

    def discard(self) -> None:
        """Remove what was staged and not published (the bundle was not accepted)."""
        for temp, _target in self.staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        self.staged.clear()
