"""What the next bundle will carry, without writing it: for the Export page and `info`."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage import totals

# A typed-sheet row in the workbook, stored (not compressed) in the zip, is ~60-120 bytes.
_BYTES_PER_ROW = 110
_WORKBOOK_BASE = 40_000


@dataclass(frozen=True)
class ExportPreview:
    counts: dict[str, int]
    new_photos: int
    new_photo_bytes: int
    sent_photos: int
    estimated_bytes: int
    next_seq: int


def preview_export(store, folder, *, all_photos: bool = False,
                   campaign_id: str | None = None) -> ExportPreview:
    campaign = store.campaigns.get(campaign_id) if campaign_id else store.campaigns.current()
    counts = totals.record_counts(store.conn, campaign.id)
    sent = store.exports.sent_photos(campaign.id)
    referenced = store.photos.referenced(campaign.id)
    new = [p for p in referenced if all_photos or p.sha256 not in sent]
    photo_bytes = sum(p.bytes for p in new)
    rows = sum(v for k, v in counts.items() if k != "photo")
    return ExportPreview(counts=counts, new_photos=len(new), new_photo_bytes=photo_bytes,
                         sent_photos=len(sent & {p.sha256 for p in referenced}),
                         estimated_bytes=_WORKBOOK_BASE + rows * _BYTES_PER_ROW + photo_bytes,
                         next_seq=store.exports.next_seq(campaign.id))
