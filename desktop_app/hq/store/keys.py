"""Queries of the key registry: offices, their keys (active, replaced, revoked), key events.

``lock_office`` is the serialisation point of everything that changes one office: an
import's write transaction and a key change both take the office's row ``FOR UPDATE``
first (PostgreSQL; on SQLite the write transaction already holds the one write lock), so a
key revoked while a bundle is being verified is seen by that bundle's transaction, and two
bundles of one office never interleave. Rows come back as plain dicts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from desktop_app.hq.store.tables import key_event, office, office_campaign, office_key

ACTIVE, REPLACED, REVOKED = "active", "replaced", "revoked"


def lock_office(conn: Connection, code: str) -> bool:
    """Take the office's row lock for this transaction; False when it is not registered."""
    query = select(office.c.code).where(office.c.code == code).with_for_update()
    return conn.execute(query).first() is not None


def office_exists(conn: Connection, code: str) -> bool:
    return conn.execute(select(office.c.code).where(office.c.code == code)).first() is not None


def add_office(conn: Connection, code: str, now: str) -> None:
    conn.execute(insert(office).values(code=code, name="", registered_at=now, updated_at=now))


def rename_office(conn: Connection, code: str, name: str, now: str) -> None:
    conn.execute(update(office).where(office.c.code == code).values(name=name, updated_at=now))


def _first_event() -> Any:
    """The id of the key's first event: the order keys were registered in, when two share
    a second."""
    return (select(func.min(key_event.c.id)).where(key_event.c.fingerprint ==
                                                   office_key.c.fingerprint).scalar_subquery())


def key_by_fingerprint(conn: Connection, fingerprint: str) -> dict[str, Any] | None:
    row = conn.execute(select(office_key).where(office_key.c.fingerprint == fingerprint)).first()
    return dict(row._mapping) if row else None


def keys_of(conn: Connection, code: str) -> list[dict[str, Any]]:
    """Every key on record for the office, oldest first."""
    query = (select(office_key).where(office_key.c.office_code == code)
             .order_by(office_key.c.registered_at, _first_event()))
    return [dict(r._mapping) for r in conn.execute(query)]


def active_key(conn: Connection, code: str) -> dict[str, Any] | None:
    query = select(office_key).where(office_key.c.office_code == code,
                                     office_key.c.status == ACTIVE)
    row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def add_key(conn: Connection, *, fingerprint: str, office_code: str, public_pem: str,
            reason: str, now: str) -> None:
    conn.execute(insert(office_key).values(
        fingerprint=fingerprint, office_code=office_code, public_pem=public_pem, status=ACTIVE,
        registered_at=now, reason=reason))


def retire_key(conn: Connection, fingerprint: str, status: str, *, reason: str,
               now: str) -> None:
    """Mark a key replaced or revoked (with when and why)."""
    when = {REPLACED: "replaced_at", REVOKED: "revoked_at"}[status]
    conn.execute(update(office_key).where(office_key.c.fingerprint == fingerprint)
                 .values({"status": status, when: now, "retired_reason": reason}))


def add_key_event(conn: Connection, *, office_code: str, action: str, fingerprint: str,
                  reason: str, now: str) -> None:
    conn.execute(insert(key_event).values(at=now, office_code=office_code, action=action,
                                          fingerprint=fingerprint, reason=reason))


def key_events(conn: Connection, office_code: str | None = None) -> list[dict[str, Any]]:
    query = select(key_event).order_by(key_event.c.id)
    if office_code:
        query = query.where(key_event.c.office_code == office_code)
    return [dict(r._mapping) for r in conn.execute(query)]


def offices_with_keys(conn: Connection) -> list[dict[str, Any]]:
    """Every office (code, name, registered_at) with its active key's fingerprint or None."""
    query = (select(office.c.code, office.c.name, office.c.registered_at,
                    office_key.c.fingerprint)
             .select_from(office.outerjoin(office_key, (office_key.c.office_code == office.c.code)
                                           & (office_key.c.status == ACTIVE)))
             .order_by(office.c.code))
    return [dict(r._mapping) for r in conn.execute(query)]


def latest_per_campaign(conn: Connection) -> list[dict[str, Any]]:
    """Each office's latest accepted bundle per campaign (office_code, campaign_id, seq…)."""
    c = office_campaign.c
    query = (select(c.office_code, c.campaign_id, c.seq, c.bundle_created_at, c.imported_at,
                    c.flags, c.template_sha256).order_by(c.office_code, c.campaign_id))
    return [dict(r._mapping) for r in conn.execute(query)]


def silent_offices(conn: Connection) -> list[dict[str, Any]]:
    """Registered offices with no accepted bundle at all (code, registered_at, fingerprint)."""
    has_bundle = select(office_campaign.c.office_code).where(
        office_campaign.c.office_code == office.c.code).exists()
    query = (select(office.c.code, office.c.registered_at, office_key.c.fingerprint)
             .select_from(office.outerjoin(office_key, (office_key.c.office_code == office.c.code)
                                           & (office_key.c.status == ACTIVE)))
             .where(~has_bundle).order_by(office.c.code))
    return [dict(r._mapping) for r in conn.execute(query)]
