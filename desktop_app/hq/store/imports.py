"""Queries of the import: what was accepted before, the chain's last link, the import log,
and writing one accepted bundle — the office's state for its campaign replaced whole.

``save_accepted`` runs inside the caller's write transaction, after ``keys.lock_office``
and the re-checks (``hq.importer``); it only writes (the state, then the office's totals
that the report reads, ``totals.refresh``). Rows shared by offices are written
in a fixed order (the campaign, then photos by hash) so that two transactions never wait
for each other in a circle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg import sql
from sqlalchemy import Connection, Table, delete, func, insert, select

from desktop_app.hq.store import keys, photo_hashes, totals
from desktop_app.hq.store.database import insert_ignore, upsert
from desktop_app.hq.store.tables import (
    STATE_TABLES,
    bundle,
    campaign,
    import_log,
    office_campaign,
    photo,
    referenced_photo,
)


def accepted_file(conn: Connection, bundle_sha256: str) -> tuple[str, str, int, str] | None:
    """(office, campaign, seq, manifest hash) of an accepted bundle with this file hash."""
    b = bundle.c
    row = conn.execute(select(b.office_code, b.campaign_id, b.seq, b.manifest_sha256)
                       .where(b.bundle_sha256 == bundle_sha256).limit(1)).first()
    return tuple(row) if row else None


def accepted_manifest(conn: Connection, manifest_sha256: str) -> bool:
    query = select(bundle.c.seq).where(bundle.c.manifest_sha256 == manifest_sha256)
    return conn.execute(query).first() is not None


def last_accepted(conn: Connection, office_code: str, campaign_id: str) -> tuple[int, str] | None:
    """(seq, manifest hash) of the office's latest accepted bundle for the campaign."""
    c = office_campaign.c
    row = conn.execute(select(c.seq, c.manifest_sha256).where(
        c.office_code == office_code, c.campaign_id == campaign_id)).first()
    return (row[0], row[1]) if row else None


def seq_of(conn: Connection, manifest_sha256: str, office_code: str,
           campaign_id: str) -> int | None:
    """The seq of an accepted bundle of this office and campaign, by its manifest hash."""
    b = bundle.c
    return conn.execute(select(b.seq).where(
        b.manifest_sha256 == manifest_sha256, b.office_code == office_code,
        b.campaign_id == campaign_id)).scalar()


def log_attempt(conn: Connection, row: dict[str, Any]) -> int:
    """One import_log row (its columns as keys); returns its id."""
    return int(conn.execute(insert(import_log).values(**row)).inserted_primary_key[0])


def bundle_count(conn: Connection, office_code: str) -> int:
    return conn.execute(select(func.count()).select_from(bundle)
                        .where(bundle.c.office_code == office_code)).scalar_one()


@dataclass(frozen=True)
class Accepted:
    """Everything one accepted bundle writes (the office's whole state for the campaign)."""

    bundle: dict[str, Any]  # the bundle row
    latest: dict[str, Any]  # the office_campaign row
    campaign: dict[str, Any]  # the campaign row (kept if already known)
    office_name: str
    state: dict[str, tuple[Sequence[str], list[tuple[Any, ...]]]]  # sheet -> (columns, rows)
    referenced: Iterable[str]  # photo hashes the office's data refers to
    photos: list[tuple[str, int]]  # (sha256, bytes) carried by this bundle


def insert_rows(conn: Connection, table: Table, columns: Sequence[str],
                rows: Iterable[tuple[Any, ...]]) -> None:
    """Many rows into *table*, in the caller's transaction. PostgreSQL: one ``COPY`` (psycopg's
    ``Cursor.copy``): an office's ~300 rows as single INSERTs cost most of an import's time
    there (docs/decisions/0018). SQLite: one ``executemany``."""
    if conn.dialect.name == "postgresql":

        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns)))
        with conn.connection.driver_connection.cursor() as cursor, \
                cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    else:
        conn.execute(insert(table), [dict(zip(columns, row)) for row in rows])


def save_accepted(conn: Connection, accepted: Accepted, now: str) -> None:
    """Write one accepted bundle; the caller's transaction commits or rolls back."""
    office_code = accepted.bundle["office_code"]
    campaign_id = accepted.bundle["campaign_id"]
    conn.execute(insert_ignore(conn, campaign).values(**accepted.campaign))
    keys.rename_office(conn, office_code, accepted.office_name, now)
    conn.execute(insert(bundle).values(**accepted.bundle))
    for name, table in STATE_TABLES.items():
        conn.execute(delete(table).where(table.c.office_code == office_code,
                                         table.c.campaign_id == campaign_id))
        columns, rows = accepted.state[name]
        if rows:
            insert_rows(conn, table, ("office_code", "campaign_id", *columns),
                        ((office_code, campaign_id, *r) for r in rows))
    conn.execute(delete(referenced_photo).where(referenced_photo.c.office_code == office_code,
                                                referenced_photo.c.campaign_id == campaign_id))
    referenced = sorted(set(accepted.referenced))
    if referenced:
        conn.execute(insert(referenced_photo), [
            {"office_code": office_code, "campaign_id": campaign_id, "sha256": sha}
            for sha in referenced])
    photos = sorted(accepted.photos)
    if photos:
        conn.execute(insert_ignore(conn, photo), [
            {"sha256": sha, "bytes": size, "received_at": now, "office_code": office_code,
             "manifest_sha256": accepted.bundle["manifest_sha256"]} for sha, size in photos])
        photo_hashes.add_pending(conn, (sha for sha, _size in photos))  # hashed after the commit
    conn.execute(upsert(conn, office_campaign, ["office_code", "campaign_id"])
                 .values(**accepted.latest))
    totals.refresh(conn, office_code, campaign_id)
