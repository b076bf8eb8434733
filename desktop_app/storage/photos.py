"""Photo metadata and the links that tie a photo to a site (before/after), event or scrap entry.

The image bytes live in the content-addressed store (``desktop_app.photos.store``);
this table keeps what matters about each (size, time, place, perceptual hash, caption).
A photo is stored once however often it is attached; detaching is a soft, audited delete
of the link, never of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.choices import PhotoRole
from desktop_app.domain.models import new_id
from desktop_app.domain.validation import check_text
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.storage.database import utcnow, write_transaction
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import from_row, to_row

TARGET_KINDS = ("site", "event", "scrap")
# A link counts only while the record it belongs to is live (a soft-deleted record's photos
# are neither shown nor sent).
_LIVE_TARGET = ("(EXISTS (SELECT 1 FROM cleanliness_site t WHERE l.target_kind = 'site' AND t.id = l.target_id "
                "AND t.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM event t WHERE l.target_kind = 'event' "
                "AND t.id = l.target_id AND t.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM scrap_disposal t "
                "WHERE l.target_kind = 'scrap' AND t.id = l.target_id AND t.deleted_at IS NULL))")
_TABLE_OF_KIND = {"site": "cleanliness_site", "event": "event", "scrap": "scrap_disposal"}


@dataclass
class PhotoRecord:
    sha256: str
    width: int
    height: int
    bytes: int
    original_name: str
    original_bytes: int
    dhash: str
    taken_at: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    caption: str = ""


@dataclass
class PhotoLink:
    photo_sha256: str
    campaign_id: str
    target_kind: str
    target_id: str
    role: PhotoRole
    id: str = field(default_factory=new_id)


class PhotoRepository(Repository):

    def add(self, photo: PhotoRecord) -> bool:
        """Record a stored photo; returns False when the same picture was already there."""
        if self.exists(photo.sha256):
            return False
        now = utcnow()
        with write_transaction(self.db):
            self.db["photo"].insert(to_row(photo) | {"created_at": now, "updated_at": now})
        return True

    def exists(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM photo WHERE sha256 = ?", [sha256]).fetchone() is not None

    def get(self, sha256: str) -> PhotoRecord:
        rows = list(self.db["photo"].rows_where("sha256 = ?", [sha256]))
        if not rows:
            raise NotFoundError(f"no photo {sha256[:12]}…")
        return from_row(PhotoRecord, rows[0])

    def set_caption(self, sha256: str, caption: str) -> None:
        if (msg := check_text(caption, limit=500)) is not None:
            raise ValidationError({"caption": msg})
        self.get(sha256)
        with write_transaction(self.db):
            self.db["photo"].update(sha256, {"caption": caption, "updated_at": utcnow()})

    def link(self, sha256: str, target_kind: str, target_id: str, role: PhotoRole) -> PhotoLink:
        """Attach a stored photo to a record; attaching the same photo twice is a no-op."""
        if target_kind not in TARGET_KINDS:
            raise ValueError(f"unknown photo target kind {target_kind!r}")
        table = _TABLE_OF_KIND[target_kind]
        row = self.db.execute(f"SELECT campaign_id FROM {table} WHERE id = ? AND deleted_at IS NULL",
                              [target_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no {table.replace('_', ' ')} with id {target_id}")
        self.store.campaigns.check_open(row[0])
        self.get(sha256)
        for existing in self.links_for(target_kind, target_id):
            if existing.photo_sha256 == sha256 and existing.role == role:
                return existing
        link = PhotoLink(sha256, row[0], target_kind, target_id, role)
        now = utcnow()
        with write_transaction(self.db):
            self.db["photo_link"].insert(to_row(link) | {"created_at": now, "updated_at": now,
                                                        "deleted_at": None})
        return link

    def detach(self, link_id: str) -> None:
        row = self.conn.execute("SELECT campaign_id FROM photo_link WHERE id = ?", [link_id]).fetchone()
        if row is not None:
            self.store.campaigns.check_open(row[0])
        with write_transaction(self.db):
            self.db["photo_link"].update(link_id, {"deleted_at": utcnow(), "updated_at": utcnow()})

    def links_for(self, target_kind: str, target_id: str) -> list[PhotoLink]:
        return [from_row(PhotoLink, r) for r in self.db["photo_link"].rows_where(
            "target_kind = ? AND target_id = ? AND deleted_at IS NULL", [target_kind, target_id],
            order_by="created_at, id")]

    def links_of_campaign(self, campaign_id: str) -> list[PhotoLink]:
        return [from_row(PhotoLink, r) for r in self.rows(
            f"SELECT l.* FROM photo_link l WHERE l.campaign_id = ? AND l.deleted_at IS NULL AND {_LIVE_TARGET} "
            "ORDER BY l.target_kind, l.target_id, l.created_at", [campaign_id])]

    def referenced(self, campaign_id: str) -> list[PhotoRecord]:
        """Every photo that a live record of the campaign links to, once each."""
        sql = ("SELECT DISTINCT p.* FROM photo p JOIN photo_link l ON l.photo_sha256 = p.sha256 "
               f"WHERE l.campaign_id = ? AND l.deleted_at IS NULL AND {_LIVE_TARGET} ORDER BY p.sha256")
        cursor = self.conn.execute(sql, [campaign_id])
        names = [d[0] for d in cursor.description]
        return [from_row(PhotoRecord, dict(zip(names, r))) for r in cursor]

    def all(self) -> list[PhotoRecord]:
        return [from_row(PhotoRecord, r) for r in self.db["photo"].rows(order_by="created_at")]
