"""Campaigns headquarters publishes: built from a workbook, signed, kept, offered to offices.

``hq campaign build CAMPAIGN.xlsx`` reads and checks the workbook (``campaigns.workbook``:
every mistake with its sheet, row and column); ``hq campaign publish`` signs the campaign
with headquarters' key (the receipt key: offices trust one headquarters key for both) into
``<id>-v<version>.fdcampaign`` (``campaigns.package``), keeps the file whole in the
database (``published_campaign``: every receiver sharing it serves the same bytes) and
writes it to ``HQDIR/campaigns/`` for pen drives. The upload receiver offers the campaign
published last to every office that uploads (``offer``), which fetches it only when it
lacks that version.

Versions only move forward: a campaign id's next version must be higher than every one
published, and a version once published never changes (publishing the same file again
changes nothing; other contents under a published version are refused: give it the next
version). ``version_status`` answers "is this office on the newest version?" for the report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection

from desktop_app import clock
from desktop_app.campaigns.package import package_bytes, package_name
from desktop_app.campaigns.workbook import read_campaign_workbook
from desktop_app.domain.templates import canonical_hash, parse_template
from desktop_app.errors import FieldDeskError, TemplateError
from desktop_app.fileio import atomic_write
from desktop_app.hq.database import HQ
from desktop_app.hq.store import campaigns as stored

MAX_JSON_BYTES = 4 << 20


@dataclass(frozen=True)
class Published:
    """One published campaign file (``hq campaign list``'s row)."""

    campaign_id: str
    version: int
    template_sha256: str
    file_name: str
    title_en: str
    title_hi: str
    indicators: int
    bytes: int
    package_sha256: str
    published_at: str
    already: bool = False  # publish: this very file was published before; nothing changed

    @classmethod
    def from_row(cls, row: dict[str, Any], *, size: int | None = None,
                 already: bool = False) -> Published:
        return cls(row["campaign_id"], row["version"], row["template_sha256"],
                   row["file_name"], row["title_en"], row["title_hi"], row["indicators"],
                   size if size is not None else int(row.get("bytes") or 0),
                   row["package_sha256"], row["published_at"], already)


def load_campaign(path: Path) -> dict[str, Any]:
    """The campaign template in *path*: a campaign workbook (.xlsx, checked cell by cell)
    or a template's JSON (as ``hq campaign build --out`` writes it)."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return read_campaign_workbook(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise FieldDeskError(f"{path}: cannot read it ({exc.strerror})") from None
    if len(raw) > MAX_JSON_BYTES:
        raise FieldDeskError(f"{path}: larger than a campaign can be")
    try:
        data = json.loads(raw.decode("utf-8"))
        parse_template(data, source=path.name)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FieldDeskError(f"{path.name}: not a campaign template ({exc})") from None
    except TemplateError as exc:
        raise FieldDeskError(str(exc)) from None
    return data


def publish_campaign(hq: HQ, template: dict[str, Any], hq_key: Ed25519PrivateKey) -> Published:
    """Sign *template* into its campaign file, keep it in the database and in
    ``HQDIR/campaigns/``; ``FieldDeskError`` for a version that is not new."""
    campaign = parse_template(template, source="campaign")
    data = package_bytes(template, hq_key)
    name = package_name(campaign.id, campaign.version)
    sha = canonical_hash(template)
    with hq.store.write() as conn:
        same = [r for r in stored.published(conn, campaign.id) if r["version"] == campaign.version]
        if same:
            row = same[0]
            if row["template_sha256"] != sha:
                raise FieldDeskError(
                    f"{campaign.id} version {campaign.version} was published on "
                    f"{row['published_at'][:10]} with other contents; a version never changes "
                    f"once offices may have it: publish the correction as version "
                    f"{(stored.newest_version(conn, campaign.id) or 0) + 1}")
            data = stored.package(conn, row["file_name"])  # the file offices already have
            result = Published.from_row(row, size=len(data), already=True)
        else:
            newest = stored.newest_version(conn, campaign.id)
            if newest is not None and campaign.version < newest:
                raise FieldDeskError(
                    f"{campaign.id} version {campaign.version} is older than version {newest}, "
                    f"published already: offices refuse an older version; give it version "
                    f"{newest + 1}")
            row = dict(campaign_id=campaign.id, version=campaign.version, template_sha256=sha,
                       file_name=name, title_en=campaign.title.en, title_hi=campaign.title.hi,
                       indicators=len(campaign.indicators), package=data,
                       package_sha256=hashlib.sha256(data).hexdigest(),
                       # fractions: the one published last is offered, even within a second
                       published_at=clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
            stored.publish(conn, **row)
            result = Published.from_row(row, size=len(data))
        write_file(hq, name, data)
    return result


def write_file(hq: HQ, name: str, data: bytes) -> Path:
    """The published file in ``HQDIR/campaigns/`` (written whole, or not at all)."""
    target = hq.folder.published / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not (target.is_file() and target.read_bytes() == data):
        try:
            atomic_write(target, data)
        except OSError as exc:
            raise FieldDeskError(f"{target}: cannot write the campaign file "
                                 f"({exc.strerror})") from None
    return target


def published_campaigns(conn: Connection) -> list[Published]:
    """Every published campaign, by id then version (sizes from the stored files)."""
    return [Published.from_row(row) for row in stored.published(conn)]


def offer(conn: Connection) -> tuple[str, str] | None:
    """What the receiver offers every uploading office: the campaign published last
    (its file name and the file's SHA-256), or None before anything was published."""
    row = stored.latest(conn)
    return (row["file_name"], row["package_sha256"]) if row else None


def package_file(conn: Connection, file_name: str) -> bytes | None:
    """The bytes of a published campaign file, or None (an unknown name)."""
    return stored.package(conn, file_name)


@dataclass(frozen=True)
class VersionStatus:
    """Which version of a campaign an office reports against, and the newest published."""

    version: int | None  # None: a template headquarters never published nor shipped
    newest: int | None  # None: nothing published for this campaign id

    @property
    def older(self) -> bool:
        return self.newest is not None and (self.version is None or self.version < self.newest)

    @property
    def label(self) -> str:
        """``v2``; ``v1 (v2 published)`` for an older one."""
        mine = f"v{self.version}" if self.version is not None else "unpublished version"
        return f"{mine} (v{self.newest} published)" if self.older else mine


def version_status(conn: Connection, campaign_id: str, template_sha256: str,
                   shipped_version: int | None) -> VersionStatus:
    """The version of (*campaign_id*, *template_sha256*): from what headquarters published,
    else the shipped template's (*shipped_version*); against the newest published."""
    row = stored.by_template(conn, template_sha256)
    version = row["version"] if row and row["campaign_id"] == campaign_id else shipped_version
    return VersionStatus(version, stored.newest_version(conn, campaign_id))
