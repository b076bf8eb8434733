"""Queries of the campaigns headquarters has accepted bundles for (by id and template hash)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from desktop_app.hq.store.tables import campaign


def find(conn: Connection, campaign_id: str, template_sha256: str) -> dict[str, Any] | None:
    row = conn.execute(select(campaign).where(campaign.c.campaign_id == campaign_id,
                                              campaign.c.template_sha256 == template_sha256)
                       ).first()
    return dict(row._mapping) if row else None


def every(conn: Connection) -> list[dict[str, Any]]:
    """Every campaign, by id then first seen."""
    query = select(campaign).order_by(campaign.c.campaign_id, campaign.c.first_seen_at)
    return [dict(r._mapping) for r in conn.execute(query)]
