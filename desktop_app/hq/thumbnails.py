"""Thumbnails of headquarters' photos for the dashboard: made once, kept beside the store.

A page of 12 sites shows 24 thumbnails; sending the full photos would be megabytes per
page over a ministry's link. The first request for a photo's thumbnail makes it with
Pillow (upright by its EXIF, at most ``SIZE`` pixels a side, JPEG) and writes it atomically
to ``thumbs/<two hex digits>/<sha256>.jpg`` in the headquarters folder; every later request
reads that file. The full photo stays in the photo store, sent on demand.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps

from desktop_app.fileio import atomic_write
from desktop_app.hq.photo_store import PhotoStore
from desktop_app.photos.store import is_sha256

SIZE = 320
QUALITY = 80


def thumbnail_path(root: Path, sha256: str) -> Path:
    if not is_sha256(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return root / "thumbs" / sha256[:2] / f"{sha256}.jpg"


def thumbnail(root: Path, photos: PhotoStore, sha256: str) -> Path | None:
    """The thumbnail's file (made now if need be), or None if the photo is not held."""
    target = thumbnail_path(root, sha256)
    if target.is_file():
        return target
    source = photos.path(sha256)
    if not source.is_file():
        return None
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((SIZE, SIZE))
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=QUALITY)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, out.getvalue(), same_bytes_ok=True)
    return target
