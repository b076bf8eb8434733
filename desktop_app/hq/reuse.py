"""Photo reuse at headquarters: the rule, and the query the dashboard and the workbook call.

A photo is evidence that one office did one piece of work. The same picture — the same
file, or a re-encoded, shrunk, framed or screenshotted copy (``PhotoHash.same_picture``,
``photos/phash.py``; pairs found when each photo was hashed, ``hq.reuse_check``) — turning
up as evidence of other work is flagged:

* for a **different office** (the same "after" photo sent by two offices; a stock image
  many offices downloaded): ``OTHER_OFFICE``;
* for a **different record of the same office** (one "after" photo sent for two sites, an
  event's photo passed off as a site's): ``OTHER_RECORD``;
* as a site's **"after" that is its own "before"** (nothing changed, or nothing was
  photographed again): ``BEFORE_AFTER``. The office warns its clerk of this too
  (``photos.quality.after_same_as_before``); headquarters trusts no office's check.

Not flagged: the same picture again in the same role for the **same record** (shown twice
for one event; the same file in a later bundle — each bundle carries the whole state,
docs/decisions/0010).

The uses are each office's latest state (``st_photos``): a photo an office removed stops
being flagged with its next bundle. Figures and the search: docs/decisions/0020.

    reuse_flags(store, office_code=None, photo_sha256=None) -> [ReuseFlag, ...]
    flags_on(conn, office_code=None, photo_sha256=None)      the same, on your connection
    scope(this, other) -> OTHER_OFFICE | OTHER_RECORD | BEFORE_AFTER | None   (the rule)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from desktop_app.hq.store import Store
from desktop_app.hq.store import photo_hashes as ph

__all__ = ["BEFORE_AFTER", "OTHER_OFFICE", "OTHER_RECORD", "SCOPE_TEXT", "PhotoSide",
           "ReuseFlag", "flags_on", "reuse_flags", "scope"]

OTHER_OFFICE = "other_office"
OTHER_RECORD = "other_record"
BEFORE_AFTER = "before_after"
SCOPE_TEXT = {OTHER_OFFICE: "another office", OTHER_RECORD: "another record of the office",
              BEFORE_AFTER: "the site's own before"}


@dataclass(frozen=True)
class PhotoSide:
    """One use of a photo: which office, which record, in which role, which file, when.

    ``record_kind`` is the register ("site", "event", "scrap"); ``record_id`` the record's
    id in the office's data (an office's own: site-1 of Delhi is not site-1 of Pune);
    ``role`` "before", "after", "event" or "scrap"; ``date`` the day the photo was taken
    (YYYY-MM-DD, as the office recorded it), None when unknown.
    """

    office_code: str
    campaign_id: str
    record_kind: str
    record_id: str
    role: str
    photo_sha256: str
    date: str | None

    @property
    def record(self) -> tuple[str, str, str]:
        return (self.office_code, self.record_kind, self.record_id)

    @property
    def sort_key(self) -> tuple[str, ...]:
        return (self.office_code, self.campaign_id, self.record_kind, self.record_id,
                self.role, self.photo_sha256, self.date or "")


@dataclass(frozen=True)
class ReuseFlag:
    """``this`` use's picture is also ``other``'s evidence.

    ``distance``: bits of the two 64-bit hash keys that differ (0: the same picture to the
    hash; the same file always 0); ``full_distance``: of the 256-bit hashes. ``scope``:
    OTHER_OFFICE, OTHER_RECORD or BEFORE_AFTER (the module's docstring).
    """

    this: PhotoSide
    other: PhotoSide
    distance: int
    full_distance: int
    scope: str

    @property
    def same_file(self) -> bool:
        return self.this.photo_sha256 == self.other.photo_sha256


def scope(this: PhotoSide, other: PhotoSide) -> str | None:
    """Why *other*'s use of the same picture counts as reuse of *this*, or None."""
    if other.office_code != this.office_code:
        return OTHER_OFFICE
    if other.record != this.record:
        return OTHER_RECORD
    if {this.role, other.role} == {"before", "after"}:
        return BEFORE_AFTER
    return None  # the same record, the same role: shown twice, or a later bundle's copy


def reuse_flags(store: Store, office_code: str | None = None,
                photo_sha256: str | None = None) -> list[ReuseFlag]:
    """Every reuse flag, or those of one office's uses, or of one photo's.

    With *office_code* (the office page) or *photo_sha256* (the photo page), ``this`` is
    always that office's or that photo's use; with neither (the workbook), every flag.
    Each pair of uses appears once (when both sides are asked for, ``this`` is the side
    that sorts first). Ordered by this side, then nearest first. Only photos already hashed count:
    a photo is hashed within moments of its import (``hq.reuse_check``).
    """
    with store.read() as conn:
        return flags_on(conn, office_code, photo_sha256)


def flags_on(conn: Connection, office_code: str | None = None,
             photo_sha256: str | None = None) -> list[ReuseFlag]:
    """``reuse_flags`` on a connection of the caller's (the workbook's one snapshot)."""
    rows = ph.near_uses(conn, office_code=office_code, photo_sha256=photo_sha256)
    width = len(ph.USE_COLUMNS)

    def asked(s: PhotoSide) -> bool:
        return office_code in (None, s.office_code) and photo_sha256 in (None, s.photo_sha256)

    flags = []
    for row in rows:
        this, other = _side(row[:width]), _side(row[width:2 * width])
        if asked(other) and other.sort_key < this.sort_key:
            continue  # the same pair, from its other side
        why = scope(this, other)
        if why is not None:
            flags.append(ReuseFlag(this, other, row[-2], row[-1], why))
    flags.sort(key=lambda f: (f.this.sort_key, f.full_distance, f.distance, f.other.sort_key))
    return flags


def _side(values: tuple) -> PhotoSide:
    office, campaign, kind, record, role, sha, taken_at = values
    return PhotoSide(office, campaign, kind, record, role, sha, (taken_at or "")[:10] or None)
