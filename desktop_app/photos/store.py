"""The photo folder: content-addressed files, written so a crash never leaves half a photo.

A stored photo is named by the SHA-256 of its bytes (``<sha256>.jpg``), so attaching the
same picture twice stores it once, a bundle can list photos by hash, and anyone can
check a file against its name. Thumbnails live beside it in ``thumbs/<sha256>.jpg``.

Writes are atomic: a temporary file in the same folder, flushed and fsynced, then
``os.replace``d onto the final name, then the folder itself fsynced (POSIX) so the new
name survives a power cut. On any failure the temporary file is removed; the final name
either holds the whole photo or does not exist.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

from desktop_app.errors import PhotoError
from desktop_app.fileio import atomic_write, sha256_file
from desktop_app.photos.ingest import IngestedPhoto

__all__ = ["PhotoStore", "is_sha256"]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEMP_PREFIX = ".incoming-"


def is_sha256(value: str) -> bool:
    """True for 64 lowercase hex digits: the only names the store makes or accepts."""
    return bool(_SHA256.match(value))


class PhotoStore:
    """Photos and thumbnails under ``root``, named by the sha256 of the stored bytes."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.thumbs = self.root / "thumbs"

    def put(self, photo: IngestedPhoto) -> Path:
        """Store the photo and its thumbnail (if not already there); return the photo path.

        Raises PhotoError (naming the original file) when the disk refuses the write.
        """
        if hashlib.sha256(photo.jpeg).hexdigest() != photo.sha256:
            raise ValueError(f"{photo.original_name}: sha256 does not match the photo bytes")
        target = self.path(photo.sha256)
        try:
            self.thumbs.mkdir(parents=True, exist_ok=True)
            # Same name = same bytes, so an existing file is kept (dedupe), unless its
            # size shows it was damaged outside FieldDesk (a half-copied backup).
            if not _has_size(target, len(photo.jpeg)):
                _write_atomically(target, photo.jpeg)
            thumb = self.thumb_path(photo.sha256)
            if not _has_size(thumb, len(photo.thumbnail)):
                _write_atomically(thumb, photo.thumbnail)
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise PhotoError(f"{photo.original_name}: could not be saved ({reason})") from exc
        return target

    def path(self, sha256: str) -> Path:
        """Where the photo with this sha256 is (or would be) stored."""
        return self.root / f"{_checked(sha256)}.jpg"

    def thumb_path(self, sha256: str) -> Path:
        """Where its thumbnail is (or would be) stored."""
        return self.thumbs / f"{_checked(sha256)}.jpg"

    def has(self, sha256: str) -> bool:
        """True if the photo file is present (not whether it is intact: see verify)."""
        return self.path(sha256).is_file()

    def verify(self, sha256: str) -> bool:
        """True if the photo file is present and its bytes still hash to its name."""
        try:
            return sha256_file(self.path(sha256)) == sha256
        except OSError:
            return False

    def remove_leftovers(self) -> int:
        """Delete temporary files a crash or power cut left behind; return how many.

        Call it when the app starts, before any import runs: a write in progress also
        has a temporary file.
        """
        removed = 0
        for folder in (self.root, self.thumbs):
            for leftover in folder.glob(f"{_TEMP_PREFIX}*.part"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
                    removed += 1
        return removed

    def read(self, sha256: str) -> bytes:
        """The stored photo's bytes (FileNotFoundError if absent)."""
        return self.path(sha256).read_bytes()


def _has_size(path: Path, size: int) -> bool:
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _checked(sha256: str) -> str:
    # The value may come from a database or a bundle: never let it become "../x".
    if not is_sha256(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return sha256


def _write_atomically(target: Path, data: bytes) -> None:
    atomic_write(target, data, prefix=_TEMP_PREFIX, same_bytes_ok=True)
