"""Attaching photos to records: ingest the files (once, small), store them by content,
record their facts and link them — the use case the GUI, the CLI and the demo share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from os import PathLike

from desktop_app.domain.choices import PhotoRole
from desktop_app.paths import DataFolder
from desktop_app.photos.batch import ingest_many
from desktop_app.photos.ingest import IngestedPhoto
from desktop_app.photos.store import PhotoStore
from desktop_app.storage.photos import PhotoRecord

_ROLE_OF_KIND = {"event": PhotoRole.EVENT, "scrap": PhotoRole.SCRAP}


@dataclass
class AttachResult:
    attached: list[str] = field(default_factory=list)          # sha256 of each linked photo
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file path, one-line reason)
    cancelled: bool = False


def photo_record(photo: IngestedPhoto, caption: str = "") -> PhotoRecord:
    return PhotoRecord(
        sha256=photo.sha256, width=photo.width, height=photo.height, bytes=photo.stored_bytes,
        original_name=photo.original_name[:200], original_bytes=photo.original_bytes, dhash=photo.dhash,
        taken_at=photo.taken_at, latitude=photo.latitude, longitude=photo.longitude, caption=caption)


def default_role(kind: str, role: PhotoRole | str | None) -> PhotoRole:
    if kind == "site":
        if role is None:
            raise ValueError("a site photo needs a role: before or after")
        return PhotoRole(role)
    return _ROLE_OF_KIND[kind]


def attach_files(store, folder: DataFolder, paths: Iterable[str | PathLike[str]], kind: str, target_id: str,
                 role: PhotoRole | str | None = None, *, max_edge: int = 1600,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> AttachResult:
    """Ingest ``paths`` on two threads, then record and link the good ones in one transaction.

    One bad file is reported and the rest go on. Cancel stops taking new files; what was
    already made small is still recorded, so no work is thrown away and nothing is half-linked.
    """
    role = default_role(kind, role)
    store.photos  # noqa: B018 - fail early on a closed store
    batch = ingest_many(paths, PhotoStore(folder.photos), max_edge=max_edge,
                        progress=progress, cancelled=cancelled)
    result = AttachResult(refused=[(str(p), reason) for p, reason in batch.refused],
                          cancelled=batch.cancelled)
    with store.db.atomic():
        for photo in batch.ingested:
            store.photos.add(photo_record(photo))
            store.photos.link(photo.sha256, kind, target_id, role)
            result.attached.append(photo.sha256)
    return result
