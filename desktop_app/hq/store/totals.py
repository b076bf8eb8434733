"""Queries of the consolidated report, and the per-office totals it reads.

A campaign section covers the offices whose *latest* bundle for the campaign uses that
template (``office_campaign``). The import keeps each office's totals beside its state
(``refresh``, in the transaction that replaces the state): the registers' totals in its
``office_campaign`` row, the sum of its daily entries per indicator in
``office_indicator``. So the report reads one row per office (and per office and
indicator), not the millions of daily entries of ten thousand offices; targets and photos
are read from their own tables (one row per target or photo). ``hq.consolidate`` turns the
rows into figures. The import log is streamed (a server-side cursor on PostgreSQL): it
grows with every attempt.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Table, and_, case, delete, func, insert, select, union, update

from desktop_app.hq.store.tables import (
    import_log,
    office,
    office_campaign,
    office_indicator,
    photo,
    referenced_photo,
    st_events,
    st_photos,
    st_progress,
    st_scrap,
    st_sites,
    st_targets,
)

LOG_COLUMNS = ("at", "file_name", "office_code", "campaign_id", "seq", "result", "reason",
               "flags", "bundle_sha256", "bytes", "source")


def _scoped(table: Table, campaign_id: str, template_sha256: str,
            office_code: str | None = None) -> Any:
    """*table* joined to the offices of this campaign section (or to one of them: the
    dashboard's office page computes one office's figures with the same queries)."""
    oc = office_campaign.c
    condition = and_(oc.office_code == table.c.office_code, oc.campaign_id == table.c.campaign_id,
                     oc.campaign_id == campaign_id, oc.template_sha256 == template_sha256)
    if office_code is not None:
        condition = and_(condition, oc.office_code == office_code)
    return table.join(office_campaign, condition)


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


REGISTER_TOTALS = ("scrap_entries", "scrap_revenue_paise", "space_freed_sqft", "sites_total",
                   "sites_completed", "events", "participants")


def refresh(conn: Connection, office_code: str, campaign_id: str) -> None:
    """Recount the office's totals from its state rows just written (the import's own
    transaction: the totals never disagree with the state they sum)."""

    def mine(table: Table) -> Any:
        return and_(table.c.office_code == office_code, table.c.campaign_id == campaign_id)

    def one(*columns: Any, table: Table, where: Any = None) -> Any:
        query = select(*columns).select_from(table).where(mine(table))
        return (query.where(where) if where is not None else query).scalar_subquery()

    sc, si, ev = st_scrap.c, st_sites.c, st_events.c
    conn.execute(update(office_campaign).where(mine(office_campaign)).values(
        scrap_entries=one(func.count(), table=st_scrap),
        scrap_revenue_paise=one(func.coalesce(func.sum(sc.revenue_paise), 0), table=st_scrap),
        space_freed_sqft=one(func.coalesce(func.sum(sc.space_freed_sqft), 0), table=st_scrap),
        sites_total=one(func.count(), table=st_sites),
        sites_completed=one(func.count(), table=st_sites, where=and_(
            si.status == "completed", si.completed_date.is_not(None))),
        events=one(func.count(), table=st_events),
        participants=one(func.coalesce(func.sum(ev.participants), 0), table=st_events)))
    conn.execute(delete(office_indicator).where(mine(office_indicator)))
    p = st_progress.c
    conn.execute(insert(office_indicator).from_select(
        ["office_code", "campaign_id", "indicator_code", "entered"],
        select(p.office_code, p.campaign_id, p.indicator_code, func.sum(p.value))
        .where(mine(st_progress)).group_by(p.office_code, p.campaign_id, p.indicator_code)))


def offices(conn: Connection, campaign_id: str, template_sha256: str,
            office_code: str | None = None) -> list[tuple]:
    """(office, name, state, district, seq, part, parts, bundle made, imported, flags,
    *REGISTER_TOTALS) by office code (state and district: as headquarters set them, else "")."""
    c = office_campaign.c
    query = (select(c.office_code, c.office_name, func.coalesce(office.c.state, ""),
                    func.coalesce(office.c.district, ""), c.seq, c.part, c.parts,
                    c.bundle_created_at, c.imported_at, c.flags,
                    *(c[name] for name in REGISTER_TOTALS))
             .select_from(office_campaign.outerjoin(office, office.c.code == c.office_code))
             .where(c.campaign_id == campaign_id, c.template_sha256 == template_sha256)
             .order_by(c.office_code))
    if office_code is not None:
        query = query.where(c.office_code == office_code)
    return conn.execute(query).all()


def targets(conn: Connection, campaign_id: str, template_sha256: str,
            office_code: str | None = None) -> list[tuple]:
    """(office, indicator, target)."""
    t = st_targets.c
    return conn.execute(select(t.office_code, t.indicator_code, t.value)
                        .select_from(_scoped(st_targets, campaign_id, template_sha256, office_code))).all()


def entered(conn: Connection, campaign_id: str, template_sha256: str,
            office_code: str | None = None) -> list[tuple]:
    """(office, indicator, sum of the daily entries), as the import counted them."""
    e = office_indicator.c
    return conn.execute(select(e.office_code, e.indicator_code, e.entered)
                        .select_from(_scoped(office_indicator, campaign_id,
                                             template_sha256, office_code))).all()


def photos(conn: Connection, campaign_id: str, template_sha256: str,
           office_code: str | None = None) -> dict[str, tuple]:
    """office -> (photos its data refers to, of which never received)."""
    referenced = union(
        select(referenced_photo.c.office_code, referenced_photo.c.sha256)
        .select_from(_scoped(referenced_photo, campaign_id, template_sha256, office_code)),
        select(st_photos.c.office_code, st_photos.c.sha256)
        .select_from(_scoped(st_photos, campaign_id, template_sha256, office_code))).subquery("r")
    missing = _count_if(photo.c.sha256.is_(None))
    rows = conn.execute(select(referenced.c.office_code, func.count(), missing)
                        .select_from(referenced.outerjoin(photo,
                                                          photo.c.sha256 == referenced.c.sha256))
                        .group_by(referenced.c.office_code))
    return {r[0]: tuple(r[1:]) for r in rows}


def log_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(import_log)).scalar_one()


def log_rows(conn: Connection, *, newest_first: bool = True,
             limit: int | None = None) -> Iterator[tuple]:
    """The import log's rows (``LOG_COLUMNS``), streamed."""
    order = import_log.c.id.desc() if newest_first else import_log.c.id
    query = select(*(import_log.c[c] for c in LOG_COLUMNS)).order_by(order)
    if limit is not None:
        query = query.limit(limit)
    yield from conn.execute(query.execution_options(stream_results=True, yield_per=2000))
