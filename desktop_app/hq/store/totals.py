"""Queries of the consolidated report: one grouped query per register, per campaign template.

A campaign section covers the offices whose *latest* bundle for the campaign uses that
template (``office_campaign``); each query joins its state table to those offices and
groups by office. ``hq.consolidate`` turns the rows into figures; nothing is stored.
The import log is streamed (a server-side cursor on PostgreSQL): it grows with every
attempt.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Table, and_, case, func, select, union

from desktop_app.hq.store.tables import (
    import_log,
    office_campaign,
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


def offices(conn: Connection, campaign_id: str, template_sha256: str,
            office_code: str | None = None) -> list[tuple]:
    """(office, name, seq, part, parts, bundle made, imported, flags) by office code."""
    c = office_campaign.c
    query = (select(c.office_code, c.office_name, c.seq, c.part, c.parts, c.bundle_created_at,
                    c.imported_at, c.flags)
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
    """(office, indicator, sum of the daily entries)."""
    p = st_progress.c
    return conn.execute(select(p.office_code, p.indicator_code, func.sum(p.value))
                        .select_from(_scoped(st_progress, campaign_id, template_sha256, office_code))
                        .group_by(p.office_code, p.indicator_code)).all()


def scrap(conn: Connection, campaign_id: str, template_sha256: str,
          office_code: str | None = None) -> dict[str, tuple]:
    """office -> (disposals, revenue in paise, space freed in sq ft)."""
    s = st_scrap.c
    rows = conn.execute(select(s.office_code, func.count(), func.sum(s.revenue_paise),
                               func.sum(s.space_freed_sqft))
                        .select_from(_scoped(st_scrap, campaign_id, template_sha256, office_code))
                        .group_by(s.office_code))
    return {r[0]: tuple(r[1:]) for r in rows}


def sites(conn: Connection, campaign_id: str, template_sha256: str,
          office_code: str | None = None) -> dict[str, tuple]:
    """office -> (sites, sites completed with a completion date)."""
    s = st_sites.c
    done = _count_if(and_(s.status == "completed", s.completed_date.is_not(None)))
    rows = conn.execute(select(s.office_code, func.count(), done)
                        .select_from(_scoped(st_sites, campaign_id, template_sha256, office_code))
                        .group_by(s.office_code))
    return {r[0]: tuple(r[1:]) for r in rows}


def events(conn: Connection, campaign_id: str, template_sha256: str,
           office_code: str | None = None) -> dict[str, tuple]:
    """office -> (events, participants)."""
    e = st_events.c
    rows = conn.execute(select(e.office_code, func.count(), func.sum(e.participants))
                        .select_from(_scoped(st_events, campaign_id, template_sha256, office_code))
                        .group_by(e.office_code))
    return {r[0]: tuple(r[1:]) for r in rows}


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


def log_rows(conn: Connection, *, newest_first: bool = True,
             limit: int | None = None) -> Iterator[tuple]:
    """The import log's rows (``LOG_COLUMNS``), streamed."""
    order = import_log.c.id.desc() if newest_first else import_log.c.id
    query = select(*(import_log.c[c] for c in LOG_COLUMNS)).order_by(order)
    if limit is not None:
        query = query.limit(limit)
    yield from conn.execute(query.execution_options(stream_results=True, yield_per=2000))
