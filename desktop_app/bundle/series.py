"""How big a bundle will be, and how a photo backlog is shared out over a series of them.

The export must know before writing whether one bundle holds every new photo (the format
allows 1,999 photos and 2 GiB, and ``--max-size`` may ask for less, e.g. an e-mail limit).
``surely_fits`` answers without the workbook, with the largest sizes it may have; otherwise
the first workbook is written and ``fixed_bytes`` (everything but the photos, an upper
bound for every part) and ``photo_cost`` (a photo's bytes, zip headers and manifest entry)
let ``share_out`` fill consecutive parts in order.
"""

from __future__ import annotations

import json
import re

from desktop_app.bundle.archive import (
    DEFAULT_LIMITS,
    MANIFEST_NAME,
    PUBLIC_KEY_NAME,
    REPORT_NAME,
    SIGNATURE_NAME,
    photo_member_name,
)
from desktop_app.bundle.manifest import FileEntry, Manifest, dumps
from desktop_app.bundle.photo_pass import Photo
from desktop_app.domain.numbers import format_size
from desktop_app.errors import BundleError
from desktop_app.keys import signing

# Format limits (bundle.archive): members = manifest, signature, public key, report + photos.
MAX_PHOTOS_PER_BUNDLE = DEFAULT_LIMITS.max_members - 4
MAX_BUNDLE_BYTES = DEFAULT_LIMITS.max_total_bytes - (16 << 20)  # room for zip headers
_MEMBER_OVERHEAD = 30 + 46  # local header + central directory entry (each also holds the name)
_END_RECORDS = 22 + 56 + 20  # end of central directory (+ ZIP64 records, if ever needed)
_REPORT_SLACK = 8 << 10  # the About sheet differs a little from part to part

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
          "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def parse_size(text: str) -> int:
    """'20MB', '500KB', '1.5 GB', '20MiB', '1000000' → bytes. KB/MB/GB are powers of 1000
    (what mail and messaging limits mean), KiB/MiB/GiB powers of 1024."""
    match = _SIZE.match(str(text))
    if not match:
        raise BundleError(f"'{text}' is not a size: write it like 20MB or 500KB")
    value = float(match[1]) * _UNITS[(match[2] or "b").lower()]
    if value < 1:
        raise BundleError(f"'{text}' is too small for a bundle")
    return int(value)


def surely_fits(photos: list[Photo], public_pem: bytes) -> bool:
    """True if one bundle holds *photos* whatever the size of the workbook and manifest."""
    if len(photos) > MAX_PHOTOS_PER_BUNDLE:
        return False
    fixed = (_END_RECORDS + _MEMBER_OVERHEAD * 4 + 2 * sum(
        len(n) for n in (MANIFEST_NAME, SIGNATURE_NAME, PUBLIC_KEY_NAME, REPORT_NAME))
        + DEFAULT_LIMITS.max_manifest_bytes + signing.SIGNATURE_BYTES + len(public_pem)
        + DEFAULT_LIMITS.max_report_bytes + _REPORT_SLACK)
    return fixed + sum(photo_cost(p) for p in photos) <= MAX_BUNDLE_BYTES


def fixed_bytes(report_size: int, public_pem: bytes, manifest: Manifest) -> int:
    """Bytes of a bundle without its photos (an upper bound for every part)."""
    manifest_size = len(dumps(manifest))
    return (_END_RECORDS
            + _MEMBER_OVERHEAD * 4 + 2 * sum(len(n) for n in (MANIFEST_NAME, SIGNATURE_NAME,
                                                               PUBLIC_KEY_NAME, REPORT_NAME))
            + manifest_size + signing.SIGNATURE_BYTES + len(public_pem)
            + report_size + _REPORT_SLACK)


def photo_cost(photo: Photo) -> int:
    """What carrying *photo* adds to a bundle: its bytes, its zip headers, its manifest entry."""
    name = photo_member_name(photo.sha256)
    entry = json.dumps(FileEntry(name, photo.size, photo.sha256).to_json(), sort_keys=True,
                       separators=(",", ":"))
    return photo.size + _MEMBER_OVERHEAD + 2 * len(name) + len(entry) + 1


def share_out(photos: list[Photo], fixed: int, max_size: int | None) -> list[list[Photo]]:
    """The photos of each part, in order, each part within the size and the format's limits."""
    limit = MAX_BUNDLE_BYTES if max_size is None else min(max_size, MAX_BUNDLE_BYTES)
    room = limit - fixed
    if room <= 0:
        raise BundleError(f"the data alone make a bundle of about {format_size(fixed)}, more than "
                          f"the largest size allowed ({format_size(limit)}); choose a larger --max-size")
    shares: list[list[Photo]] = [[]]
    used = 0
    for photo in photos:
        cost = photo_cost(photo)
        if cost > room:
            raise BundleError(f"photo {photo.sha256[:12]}… is {format_size(photo.size)}: with the data "
                              f"({format_size(fixed)}) it does not fit in a bundle of at most "
                              f"{format_size(limit)}; choose a larger --max-size")
        if used + cost > room or len(shares[-1]) >= MAX_PHOTOS_PER_BUNDLE:
            shares.append([])
            used = 0
        shares[-1].append(photo)
        used += cost
    return shares

