"""Queries of campaigns: those headquarters has accepted bundles for (by id and template
hash, ``campaign``) and those it published (``published_campaign``: the signed files)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from desktop_app.hq.store.tables import campaign, published_campaign

# Everything about a published campaign but its file's bytes (lists stay small).
_LISTED = [*(c for c in published_campaign.c if c.name != "package"),
           func.length(published_campaign.c.package).label("bytes")]


def find(conn: Connection, campaign_id: str, template_sha256: str) -> dict[str, Any] | None:
    row = conn.execute(select(campaign).where(campaign.c.campaign_id == campaign_id,
                                              campaign.c.template_sha256 == template_sha256)
                       ).first()
    return dict(row._mapping) if row else None


def every(conn: Connection) -> list[dict[str, Any]]:
    """Every campaign, by id then first seen."""
    query = select(campaign).order_by(campaign.c.campaign_id, campaign.c.first_seen_at)
    return [dict(r._mapping) for r in conn.execute(query)]


# --- published campaigns -----------------------------------------------------------------------


def publish(conn: Connection, **row: Any) -> None:
    conn.execute(published_campaign.insert().values(**row))


def published(conn: Connection, campaign_id: str | None = None) -> list[dict[str, Any]]:
    """Published campaigns (without their files), by id then version."""
    query = select(*_LISTED).order_by(published_campaign.c.campaign_id,
                                      published_campaign.c.version)
    if campaign_id is not None:
        query = query.where(published_campaign.c.campaign_id == campaign_id)
    return [dict(r._mapping) for r in conn.execute(query)]


def newest_version(conn: Connection, campaign_id: str) -> int | None:
    return conn.execute(select(func.max(published_campaign.c.version))
                        .where(published_campaign.c.campaign_id == campaign_id)).scalar()


def latest(conn: Connection) -> dict[str, Any] | None:
    """The campaign published last (without its file): the one offered to offices."""
    row = conn.execute(select(*_LISTED).order_by(published_campaign.c.published_at.desc(),
                                                 published_campaign.c.campaign_id.desc(),
                                                 published_campaign.c.version.desc())
                       .limit(1)).first()
    return dict(row._mapping) if row else None


def package(conn: Connection, file_name: str) -> bytes | None:
    """The signed file published under *file_name*, or None."""
    return conn.execute(select(published_campaign.c.package)
                        .where(published_campaign.c.file_name == file_name)).scalar()


def by_template(conn: Connection, template_sha256: str) -> dict[str, Any] | None:
    """The published campaign whose campaign.json hashes to *template_sha256*."""
    query = select(*_LISTED).where(published_campaign.c.template_sha256 == template_sha256)
    row = conn.execute(query.limit(1)).first()
    return dict(row._mapping) if row else None
