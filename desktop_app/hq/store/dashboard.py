"""Queries of the headquarters dashboard (issue 22): a campaign's totals by indicator, the
offices table one page at a time, one office's registers and bundle history, the photos.

Every query does its work in the database and returns at most one page of rows: with
10,000 offices and 200,000 photos a request never loads every office into Python. The
per-office figures are the consolidated workbook's (``store.totals``): the same scoped
joins, summed here by indicator instead of by office, or joined as subqueries to page
through the offices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Float,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)

from desktop_app.hq.store.tables import (
    bundle,
    import_log,
    office,
    office_campaign,
    photo,
    receipt,
    st_events,
    st_photos,
    st_progress,
    st_scrap,
    st_sites,
    st_targets,
    staff_event,
)
from desktop_app.hq.store.totals import _count_if, _scoped

# Register figures an indicator may be computed from (``IndicatorSource`` values).
REVENUE, SPACE, SITES_DONE, EVENTS, PARTICIPANTS = (
    "scrap_revenue", "scrap_space", "sites_completed", "events_held", "event_participants")


def _scrap(cid: str, sha: str) -> Any:
    s = st_scrap.c
    return (select(s.office_code, func.count().label("scrap_entries"),
                   func.sum(s.revenue_paise).label("revenue"),
                   func.sum(s.space_freed_sqft).label("space"))
            .select_from(_scoped(st_scrap, cid, sha)).group_by(s.office_code).subquery("scrap"))


def _sites(cid: str, sha: str) -> Any:
    s = st_sites.c
    done = _count_if(and_(s.status == "completed", s.completed_date.is_not(None)))
    return (select(s.office_code, func.count().label("sites"), done.label("completed"))
            .select_from(_scoped(st_sites, cid, sha)).group_by(s.office_code).subquery("sites"))


def _events(cid: str, sha: str) -> Any:
    e = st_events.c
    return (select(e.office_code, func.count().label("events"),
                   func.sum(e.participants).label("participants"))
            .select_from(_scoped(st_events, cid, sha)).group_by(e.office_code).subquery("events"))


# --- a campaign's totals ----------------------------------------------------------------------


def indicator_sums(conn: Connection, cid: str, sha: str) -> tuple[dict[str, int], dict[str, int]]:
    """(targets by indicator, sums of the daily entries by indicator) over the section."""
    t, p = st_targets.c, st_progress.c
    targets = dict(conn.execute(select(t.indicator_code, func.sum(t.value))
                                .select_from(_scoped(st_targets, cid, sha))
                                .group_by(t.indicator_code)).all())
    entered = dict(conn.execute(select(p.indicator_code, func.sum(p.value))
                                .select_from(_scoped(st_progress, cid, sha))
                                .group_by(p.indicator_code)).all())
    return ({k: int(v) for k, v in targets.items()}, {k: int(v) for k, v in entered.items()})


def register_sums(conn: Connection, cid: str, sha: str, stale_before: str) -> dict[str, int]:
    """The section's register totals and office counts in one row."""
    scrap, sites, events = _scrap(cid, sha), _sites(cid, sha), _events(cid, sha)
    oc = office_campaign.c
    row = conn.execute(
        select(func.count().label("offices"),
               _count_if(oc.bundle_created_at < stale_before).label("stale_offices"),
               func.sum(scrap.c.scrap_entries).label("scrap_entries"),
               func.sum(scrap.c.revenue).label("scrap_revenue_paise"),
               func.sum(scrap.c.space).label("space_freed_sqft"),
               func.sum(sites.c.sites).label("sites_total"),
               func.sum(sites.c.completed).label("sites_completed"),
               func.sum(events.c.events).label("events"),
               func.sum(events.c.participants).label("participants"))
        .select_from(office_campaign
                     .outerjoin(scrap, scrap.c.office_code == oc.office_code)
                     .outerjoin(sites, sites.c.office_code == oc.office_code)
                     .outerjoin(events, events.c.office_code == oc.office_code))
        .where(oc.campaign_id == cid, oc.template_sha256 == sha)).one()
    return {k: int(v or 0) for k, v in row._mapping.items()}


def sections(conn: Connection) -> set[tuple[str, str]]:
    """The (campaign, template) sections at least one office's latest bundle is in."""
    c = office_campaign.c
    return {tuple(r) for r in conn.execute(select(c.campaign_id, c.template_sha256).distinct())}


def registered_offices(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(office)).scalar_one()


def refusals_since(conn: Connection, since: str, limit: int = 10) -> list[tuple[str, int]]:
    """(reason, bundles) of the imports refused since *since*, commonest first."""
    c = import_log.c
    n = func.count().label("n")
    return [tuple(r) for r in conn.execute(
        select(c.reason, n).where(c.result == "rejected", c.at >= since)
        .group_by(c.reason).order_by(n.desc(), c.reason).limit(limit))]


# --- the offices table ------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeFilter:
    """What the offices table shows: filters, order, page (``stale_before``: ISO UTC)."""

    stale_before: str
    state: str = ""
    district: str = ""
    stale: bool = False
    below_percent: float | None = None
    search: str = ""
    sort: str = "code"
    descending: bool = False
    limit: int = 50
    offset: int = 0


def _percent(cid: str, sha: str, derived: Mapping[str, str], targeted: list[str],
             scrap: Any, sites: Any, events: Any) -> Any:
    """office -> the mean of its indicators' % of target (indicators with a positive target).

    An indicator's achievement is the sum of the daily entries, or the register figure its
    source names (*derived*: indicator code -> source), as ``hq.consolidate`` computes it.
    """
    p = st_progress.c
    columns = {REVENUE: (scrap, "revenue"), SPACE: (scrap, "space"),
               SITES_DONE: (sites, "completed"), EVENTS: (events, "events"),
               PARTICIPANTS: (events, "participants")}
    parts: list[Select] = [select(p.office_code, p.indicator_code.label("code"),
                                  func.sum(p.value).label("value"))
                           .select_from(_scoped(st_progress, cid, sha))
                           .group_by(p.office_code, p.indicator_code)]
    for code, source in derived.items():
        table, column = columns[source]
        parts.append(select(table.c.office_code, cast(literal(code), String).label("code"),
                            table.c[column].label("value")))
    achieved = union_all(*parts).subquery("achieved")
    t = st_targets.c
    ratio = 100.0 * cast(func.coalesce(achieved.c.value, 0), Float) / cast(t.value, Float)
    return (select(t.office_code, func.avg(ratio).label("percent"))
            .select_from(_scoped(st_targets, cid, sha).outerjoin(
                achieved, and_(achieved.c.office_code == t.office_code,
                               achieved.c.code == t.indicator_code)))
            .where(t.indicator_code.in_(targeted), t.value > 0)
            .group_by(t.office_code).subquery("pct"))


SORTS = ("code", "name", "state", "district", "last_bundle", "revenue", "space", "sites",
         "events", "participants", "percent")


def offices_page(conn: Connection, cid: str, sha: str, derived: Mapping[str, str],
                 targeted: list[str], f: OfficeFilter) -> tuple[int, list[dict[str, Any]]]:
    """(how many offices match, the rows of the asked page): every registered office, with
    its latest bundle of this campaign section (or none) and its figures."""
    oc = office_campaign.c
    scrap, sites, events = _scrap(cid, sha), _sites(cid, sha), _events(cid, sha)
    pct = _percent(cid, sha, derived, targeted, scrap, sites, events)
    joined = (office.outerjoin(office_campaign, and_(oc.office_code == office.c.code,
                                                     oc.campaign_id == cid,
                                                     oc.template_sha256 == sha))
              .outerjoin(scrap, scrap.c.office_code == office.c.code)
              .outerjoin(sites, sites.c.office_code == office.c.code)
              .outerjoin(events, events.c.office_code == office.c.code)
              .outerjoin(pct, pct.c.office_code == office.c.code))
    stale = or_(oc.bundle_created_at.is_(None), oc.bundle_created_at < f.stale_before)
    conditions = []
    if f.state:
        conditions.append(office.c.state == f.state)
    if f.district:
        conditions.append(office.c.district == f.district)
    if f.stale:
        conditions.append(stale)
    if f.below_percent is not None:
        conditions.append(func.coalesce(pct.c.percent, 0.0) < f.below_percent)
    if f.search:
        like = f"%{f.search.lower()}%"
        conditions.append(or_(func.lower(office.c.code).like(like),
                              func.lower(office.c.name).like(like)))
    counted = select(func.count()).select_from(
        joined if f.below_percent is not None else
        office.outerjoin(office_campaign, and_(oc.office_code == office.c.code,
                                               oc.campaign_id == cid,
                                               oc.template_sha256 == sha)))
    total = conn.execute(counted.where(*conditions)).scalar_one()
    keys = {"code": office.c.code, "name": office.c.name, "state": office.c.state,
            "district": office.c.district, "last_bundle": oc.bundle_created_at,
            "revenue": scrap.c.revenue, "space": scrap.c.space, "sites": sites.c.completed,
            "events": events.c.events, "participants": events.c.participants,
            "percent": pct.c.percent}
    key = keys.get(f.sort, office.c.code)
    order = key.desc().nulls_last() if f.descending else key.asc().nulls_last()
    query = (select(office.c.code, office.c.name, office.c.state, office.c.district,
                    oc.office_name, oc.seq, oc.bundle_created_at, oc.imported_at, oc.flags,
                    case((stale, 1), else_=0).label("stale"),
                    func.coalesce(scrap.c.revenue, 0).label("revenue"),
                    func.coalesce(scrap.c.space, 0).label("space"),
                    func.coalesce(sites.c.completed, 0).label("sites"),
                    func.coalesce(events.c.events, 0).label("events"),
                    func.coalesce(events.c.participants, 0).label("participants"),
                    pct.c.percent)
             .select_from(joined).where(*conditions)
             .order_by(order, office.c.code).limit(f.limit).offset(f.offset))
    return total, [dict(r._mapping) for r in conn.execute(query)]


def places(conn: Connection) -> list[tuple[str, str]]:
    """Every (state, district) offices are in, for the filters' choices."""
    return [tuple(r) for r in conn.execute(
        select(office.c.state, office.c.district).where(office.c.state != "")
        .distinct().order_by(office.c.state, office.c.district))]


# --- one office ---------------------------------------------------------------------------------


def office_row(conn: Connection, code: str) -> dict[str, Any] | None:
    row = conn.execute(select(office).where(office.c.code == code)).first()
    return dict(row._mapping) if row else None


def office_campaigns(conn: Connection, code: str) -> list[dict[str, Any]]:
    c = office_campaign.c
    return [dict(r._mapping) for r in conn.execute(
        select(office_campaign).where(c.office_code == code).order_by(c.campaign_id))]


def set_place(conn: Connection, code: str, state: str, district: str, now: str) -> None:
    conn.execute(office.update().where(office.c.code == code)
                 .values(state=state, district=district, updated_at=now))


def register_rows(conn: Connection, code: str, cid: str, limit: int = 500) -> dict[str, list]:
    """The office's scrap, sites and events of the campaign, as its last bundle had them."""
    out = {}
    for name, table, order in (("scrap", st_scrap, st_scrap.c.disposal_date),
                               ("sites", st_sites, st_sites.c.name),
                               ("events", st_events, st_events.c.event_date)):
        query = (select(table).where(table.c.office_code == code, table.c.campaign_id == cid)
                 .order_by(order, table.c.id).limit(limit))
        out[name] = [dict(r._mapping) for r in conn.execute(query)]
    return out


def bundle_history(conn: Connection, code: str, limit: int = 200) -> list[dict[str, Any]]:
    """Every import attempt of the office's bundles, newest first, with the receipt (if an
    upload was answered with one)."""
    c = import_log.c
    query = (select(c.at, c.file_name, c.campaign_id, c.seq, c.result, c.reason, c.flags,
                    c.bundle_sha256, c.bytes, c.source, receipt.c.issued_at.label("receipt_at"),
                    receipt.c.accepted.label("receipt_accepted"))
             .select_from(import_log.outerjoin(receipt, receipt.c.bundle_sha256
                                               == c.bundle_sha256))
             .where(c.office_code == code).order_by(c.id.desc()).limit(limit))
    return [dict(r._mapping) for r in conn.execute(query)]


def accepted_bundles(conn: Connection, code: str) -> int:
    return conn.execute(select(func.count()).select_from(bundle)
                        .where(bundle.c.office_code == code)).scalar_one()


def staff_actions(conn: Connection, about: str, limit: int = 50) -> list[dict[str, Any]]:
    """Actions staff took in the browser about *about* (an office code), newest first."""
    c = staff_event.c
    return [dict(r._mapping) for r in conn.execute(
        select(staff_event).where(c.detail.like(f"{about} %") | (c.detail == about))
        .order_by(c.id.desc()).limit(limit))]


# --- photos -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoFilter:
    office: str = ""
    state: str = ""
    date_from: str = ""  # ISO dates of the site's completion or the event
    date_to: str = ""
    limit: int = 12
    offset: int = 0


def _photo_targets(kind: str, f: PhotoFilter) -> tuple[Any, Any, list]:
    """(table, date column, conditions) of the sites or events with photos, filtered."""
    table, day = ((st_sites, st_sites.c.completed_date) if kind == "site"
                  else (st_events, st_events.c.event_date))
    has_photo = select(st_photos.c.id).where(
        st_photos.c.office_code == table.c.office_code,
        st_photos.c.campaign_id == table.c.campaign_id,
        st_photos.c.target_kind == kind, st_photos.c.target_id == table.c.id).exists()
    conditions = [has_photo]
    if f.office:
        conditions.append(table.c.office_code == f.office)
    if f.state:
        conditions.append(table.c.office_code.in_(select(office.c.code)
                                                  .where(office.c.state == f.state)))
    if f.date_from:
        conditions.append(day >= f.date_from)
    if f.date_to:
        conditions.append(day <= f.date_to)
    return table, day, conditions


def photo_targets(conn: Connection, kind: str, f: PhotoFilter) -> tuple[int, list[dict]]:
    """(how many sites/events with photos match, one page of them, newest first)."""
    table, day, conditions = _photo_targets(kind, f)
    total = conn.execute(select(func.count()).select_from(table).where(*conditions)).scalar_one()
    rows = conn.execute(select(table, office.c.name.label("office_name"))
                        .select_from(table.join(office, office.c.code == table.c.office_code))
                        .where(*conditions)
                        .order_by(day.desc().nulls_last(), table.c.office_code, table.c.id)
                        .limit(f.limit).offset(f.offset))
    return total, [dict(r._mapping) for r in rows]


def photos_of(conn: Connection, kind: str, targets: list[tuple[str, str, str]]) -> list[dict]:
    """The photos of these (office, campaign, site or event id), with whether HQ holds the
    file."""
    if not targets:
        return []
    p = st_photos.c
    wanted = or_(*(and_(p.office_code == o, p.campaign_id == c, p.target_id == t)
                   for o, c, t in targets))
    rows = conn.execute(select(st_photos, photo.c.sha256.is_not(None).label("held"))
                        .select_from(st_photos.outerjoin(photo, photo.c.sha256 == p.sha256))
                        .where(p.target_kind == kind, wanted)
                        .order_by(p.office_code, p.target_id, p.role, p.id))
    return [dict(r._mapping) for r in rows]


def photo_held(conn: Connection, sha256: str) -> bool:
    return conn.execute(select(photo.c.sha256).where(photo.c.sha256 == sha256)).first() is not None


def record_names(conn: Connection, records: set[tuple[str, str, str]]) -> dict[tuple, str]:
    """(office, "site"/"event", id) -> the site's name or the event's title."""
    out: dict[tuple, str] = {}
    for kind, table, column in (("site", st_sites, st_sites.c.name),
                                ("event", st_events, st_events.c.title)):
        wanted = [(o, i) for o, k, i in records if k == kind]
        if wanted:
            rows = conn.execute(select(table.c.office_code, table.c.id, column).where(
                or_(*(and_(table.c.office_code == o, table.c.id == i) for o, i in wanted))))
            out.update({(o, kind, i): name for o, i, name in rows})
    return out
