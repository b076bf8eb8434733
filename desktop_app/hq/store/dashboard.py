"""Queries of the headquarters dashboard: a campaign's totals by indicator, the
offices table one page at a time, one office's registers and bundle history, the photos.

Every query does its work in the database and returns at most one page of rows: with
10,000 offices and 200,000 photos a request never loads every office into Python. The
per-office figures are the consolidated workbook's: the register totals the import keeps in
``office_campaign`` (``store.totals.refresh``), and what those do not hold — the mean % of
target, each indicator's target and achievement — kept at import in ``office_summary`` and
``office_indicator_figures`` (``hq.office_figures``, docs/decisions/0022). The offices
table pages through them, a campaign's totals are their sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select

from desktop_app.hq.store.tables import (
    bundle,
    import_log,
    office,
    office_campaign,
    office_indicator_figures,
    office_summary,
    photo,
    receipt,
    st_events,
    st_photos,
    st_scrap,
    st_sites,
    staff_event,
)
from desktop_app.hq.store.totals import REGISTER_TOTALS, _count_if

# --- each office's figures, kept at import (hq.office_figures) ---------------------------------


def forget_figures(conn: Connection, office_code: str, campaign_id: str) -> None:
    for table in (office_summary, office_indicator_figures):
        conn.execute(delete(table).where(table.c.office_code == office_code,
                                         table.c.campaign_id == campaign_id))


def save_figures(conn: Connection, summary: dict[str, Any],
                 indicators: list[dict[str, Any]]) -> None:
    conn.execute(insert(office_summary).values(**summary))
    if indicators:
        conn.execute(insert(office_indicator_figures), indicators)


def unsummarised(conn: Connection) -> list[tuple[str, str, str, str]]:
    """(office, campaign, template, manifest) of each latest bundle whose figures are not kept
    yet (or are of an earlier bundle)."""
    oc, s = office_campaign.c, office_summary.c
    query = (select(oc.office_code, oc.campaign_id, oc.template_sha256, oc.manifest_sha256)
             .select_from(office_campaign.outerjoin(office_summary, and_(
                 s.office_code == oc.office_code, s.campaign_id == oc.campaign_id)))
             .where(or_(s.manifest_sha256.is_(None), s.manifest_sha256 != oc.manifest_sha256))
             .order_by(oc.office_code, oc.campaign_id))
    return [tuple(r) for r in conn.execute(query)]


# --- a campaign's totals ----------------------------------------------------------------------


def indicator_sums(conn: Connection, cid: str, sha: str) -> dict[str, tuple[int | None, int]]:
    """indicator -> (sum of the targets the offices set, or None; sum of achievements)."""
    i = office_indicator_figures.c
    rows = conn.execute(select(i.indicator_code, func.sum(i.target), func.sum(i.achieved))
                        .where(i.campaign_id == cid, i.template_sha256 == sha)
                        .group_by(i.indicator_code))
    return {code: (None if t is None else int(t), int(a or 0)) for code, t, a in rows}


def register_sums(conn: Connection, cid: str, sha: str, stale_before: str) -> dict[str, int]:
    """The section's register totals and office counts in one row."""
    oc = office_campaign.c  # the register totals the import keeps (store.totals.refresh)
    row = conn.execute(
        select(func.count().label("offices"),
               _count_if(oc.bundle_created_at < stale_before).label("stale_offices"),
               *(func.sum(oc[name]).label(name) for name in REGISTER_TOTALS))
        .where(oc.campaign_id == cid, oc.template_sha256 == sha)).one()
    return {k: int(v or 0) for k, v in row._mapping.items()}


def sections(conn: Connection) -> set[tuple[str, str]]:
    """The (campaign, template) sections at least one office's latest bundle is in."""
    c = office_summary.c  # its section index answers without reading the table
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


SORTS = ("code", "name", "state", "district", "last_bundle", "revenue", "space", "sites",
         "events", "participants", "percent")


def offices_page(conn: Connection, cid: str, sha: str,
                 f: OfficeFilter) -> tuple[int, list[dict[str, Any]]]:
    """(how many offices match, the rows of the asked page): every registered office, with
    its latest bundle of this campaign section (or none) and its kept figures."""
    oc, s = office_campaign.c, office_summary.c
    joined = (office.outerjoin(office_campaign, and_(oc.office_code == office.c.code,
                                                     oc.campaign_id == cid,
                                                     oc.template_sha256 == sha))
              .outerjoin(office_summary, and_(s.office_code == office.c.code,
                                              s.campaign_id == cid, s.template_sha256 == sha)))
    stale = or_(oc.bundle_created_at.is_(None), oc.bundle_created_at < f.stale_before)
    conditions = []
    if f.state:
        conditions.append(office.c.state == f.state)
    if f.district:
        conditions.append(office.c.district == f.district)
    if f.stale:
        conditions.append(stale)
    if f.below_percent is not None:
        conditions.append(func.coalesce(s.percent, 0.0) < f.below_percent)
    if f.search:
        like = f"%{f.search.lower()}%"
        conditions.append(or_(func.lower(office.c.code).like(like),
                              func.lower(office.c.name).like(like)))
    total = conn.execute(select(func.count()).select_from(joined).where(*conditions)).scalar_one()
    keys = {"code": office.c.code, "name": office.c.name, "state": office.c.state,
            "district": office.c.district, "last_bundle": oc.bundle_created_at,
            "revenue": oc.scrap_revenue_paise, "space": oc.space_freed_sqft,
            "sites": oc.sites_completed, "events": oc.events, "participants": oc.participants,
            "percent": s.percent}
    key = keys.get(f.sort, office.c.code)
    order = key.desc().nulls_last() if f.descending else key.asc().nulls_last()
    query = (select(office.c.code, office.c.name, office.c.state, office.c.district,
                    oc.office_name, oc.seq, oc.bundle_created_at, oc.imported_at, oc.flags,
                    case((stale, 1), else_=0).label("stale"),
                    func.coalesce(oc.scrap_revenue_paise, 0).label("revenue"),
                    func.coalesce(oc.space_freed_sqft, 0).label("space"),
                    func.coalesce(oc.sites_completed, 0).label("sites"),
                    func.coalesce(oc.events, 0).label("events"),
                    func.coalesce(oc.participants, 0).label("participants"), s.percent)
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
    conditions = [has_photo, day.is_not(None)]
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


def photo_targets(conn: Connection, kind: str, f: PhotoFilter) -> tuple[bool, list[dict]]:
    """(whether a further page exists, one page of the sites/events with photos, newest
    first). No total: counting every site with photos would read them all; walking the
    date index newest first stops after one page (``st_sites_by_date``)."""
    table, day, conditions = _photo_targets(kind, f)
    rows = [dict(r._mapping) for r in conn.execute(
        select(table, office.c.name.label("office_name"))
        .select_from(table.join(office, office.c.code == table.c.office_code))
        .where(*conditions)
        .order_by(day.desc(), table.c.office_code.desc(), table.c.id.desc())
        .limit(f.limit + 1).offset(f.offset))]
    return len(rows) > f.limit, rows[:f.limit]


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
