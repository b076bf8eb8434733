"""The export with its disk room checked first, and a full disk told in one line.

What the CLI (``fielddesk export``) and the Export page call instead of ``export_bundle``
directly: ``export_space_needed`` counts the room the export will take, high, before a
byte is written; ``export_with_room`` refuses to start without it and turns an ENOSPC met
while writing into the same one-line ``DiskFullError`` (``diskspace``). The export itself
removes its staging files on any failure, so nothing is left behind either way.

The room: every new photo (stored, not compressed) with its zip headers and manifest
entry; the workbook twice, since it is written to a temporary file and then copied into
the bundle; one more workbook for every further part of a series (each part carries all
the data). The workbook is counted at ``WORKBOOK_BYTES_PER_ROW``, over twice what
``bench/export.py``'s offices measure (77 bytes a row at 10,000 rows, 76 at 100,000; 121 with
3,000-character remarks on every scrap and event row), plus ``WORKBOOK_BASE``. Should a
workbook come out larger still, the disk fills while writing and the clerk reads the
same one line: nothing is lost either way (docs/decisions/0016).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from desktop_app.bundle.export import ExportResult, export_bundle
from desktop_app.bundle.preview import ExportPreview, preview_export
from desktop_app.diskspace import EXPORT, disk_full_is_an_error, ensure_room
from desktop_app.storage.store import OpenFolder

WORKBOOK_BASE = 256 << 10
WORKBOOK_BYTES_PER_ROW = 200
PHOTO_OVERHEAD = 1 << 10  # zip local header + central directory entry + manifest line, rounded up
FIXED_OVERHEAD = 256 << 10  # manifest, signature, public key, end records
_SERIES_LIMIT = 2 << 30  # the format's largest bundle: more photos than this make a series


def export_space_needed(preview: ExportPreview, max_size: int | None = None) -> int:
    """Bytes the export of *preview* may write at its peak, counted high."""
    rows = sum(v for k, v in preview.counts.items() if k != "photo")
    workbook = WORKBOOK_BASE + rows * WORKBOOK_BYTES_PER_ROW
    photos = preview.new_photo_bytes + preview.new_photos * PHOTO_OVERHEAD
    room_per_part = max(1, min(max_size or _SERIES_LIMIT, _SERIES_LIMIT) - workbook)
    parts = max(1, math.ceil(photos / room_per_part))
    return photos + (parts + 1) * workbook + parts * FIXED_OVERHEAD


def export_with_room(opened: OpenFolder, *, out_dir: Path | None = None, all_photos: bool = False,
                     max_size: int | None = None, progress: Callable[..., None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[ExportResult]:
    """``export_bundle`` after checking the room for it; a full disk is a ``DiskFullError``."""
    target = Path(out_dir) if out_dir is not None else opened.folder.exports
    preview = preview_export(opened.store, opened.folder, all_photos=all_photos)
    needed = export_space_needed(preview, max_size)
    ensure_room(target, needed, EXPORT)
    with disk_full_is_an_error(target, needed, EXPORT):
        return export_bundle(opened, out_dir=out_dir, all_photos=all_photos, max_size=max_size,
                             progress=progress, cancelled=cancelled)
