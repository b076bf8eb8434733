"""Photos: ingest (check, orient, shrink, re-encode), store by content, check quality.

Pure Python + Pillow (+ pillow-heif for HEIC), no Qt and no database: the storage layer
records what :func:`ingest_file` / :func:`ingest_many` return, the UI and the CLI only
call these functions.

    ingest_file(path, *, max_edge=1600, quality=80) -> IngestedPhoto   (or PhotoError)
    ingest_many(paths, store, *, progress=, cancelled=, workers=2) -> BatchResult
    PhotoStore(root).put(photo) -> Path; .path(sha) .thumb_path(sha) .has(sha) .verify(sha)
    quality: dhash, hamming and the data-quality warnings (see its docstring)
    phash.photo_hash_file(path) -> PhotoHash: the perceptual hashes headquarters checks reuse by
    hash_index.HashIndex: search a million of those hashes for the ones a few bits away
    synthetic.make_camera_jpeg(...): camera-like JPEGs for the demo office and benchmarks
"""

from desktop_app.photos.batch import BatchResult, ingest_many
from desktop_app.photos.exif import ExifFacts, read_exif_facts
from desktop_app.photos.ingest import (
    ACCEPTED_FORMATS,
    MAX_FILE_BYTES,
    MAX_PIXELS,
    IngestedPhoto,
    ingest_file,
)
from desktop_app.photos.quality import (
    PhotoFacts,
    QualityWarning,
    after_before_order,
    after_same_as_before,
    check_site,
    dhash,
    far_from_site,
    hamming,
    outside_campaign,
    reused_across_sites,
)
from desktop_app.photos.store import PhotoStore, is_sha256

__all__ = [
    "ACCEPTED_FORMATS",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "BatchResult",
    "ExifFacts",
    "IngestedPhoto",
    "PhotoFacts",
    "PhotoStore",
    "QualityWarning",
    "after_before_order",
    "after_same_as_before",
    "check_site",
    "dhash",
    "far_from_site",
    "hamming",
    "ingest_file",
    "ingest_many",
    "is_sha256",
    "outside_campaign",
    "read_exif_facts",
    "reused_across_sites",
]
