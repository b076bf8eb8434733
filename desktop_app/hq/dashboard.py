"""What the headquarters dashboard shows, as plain data (the receiver's pages render it).

The figures are the consolidated workbook's: an office's are ``consolidate.office_section``
(the very queries of ``hq report``), computed live on its page and kept at each import
for the others (``hq.office_figures``); a campaign's totals are the sums of the kept
figures, and the offices table pages through them in the database, so 10,000 offices never
come into Python at once (docs/decisions/0022). Indicators, their units and titles come from the campaign (``hq.campaigns``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from desktop_app.hq import registry
from desktop_app.hq.campaigns import CampaignInfo, all_campaigns
from desktop_app.hq.consolidate import DEFAULT_STALE_DAYS, Figure, OfficeFigures, office_section
from desktop_app.hq.reuse import ReuseFlag, flags_on
from desktop_app.hq.store import dashboard as q
from desktop_app.hq.store.dashboard import OfficeFilter, PhotoFilter

REFUSALS_DAYS = 7
PAGE_SIZES = (25, 50, 100)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def campaign_key(campaign: CampaignInfo) -> str:
    """How a page names a campaign section in its address: id and template hash."""
    return f"{campaign.campaign_id}:{campaign.template_sha256[:12]}"


def pick_campaign(campaigns: list[CampaignInfo], key: str | None) -> CampaignInfo | None:
    """The section *key* names, else the first that any office reported in."""
    for campaign in campaigns:
        if key and campaign_key(campaign) == key:
            return campaign
    return campaigns[0] if campaigns else None


def reported_campaigns(conn: Connection) -> list[CampaignInfo]:
    """The campaign sections at least one office reported in, as ``consolidate`` lists them."""
    reported = q.sections(conn)
    return [c for c in all_campaigns(conn) if c.key in reported]


# --- overview -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    campaign: CampaignInfo
    figures: tuple[Figure, ...]
    offices: int  # that reported in this section
    registered: int  # every registered office
    stale_offices: int  # reported, last bundle older than stale_days
    scrap_entries: int
    scrap_revenue_paise: int
    space_freed_sqft: int
    sites_total: int
    sites_completed: int
    events: int
    participants: int
    refusals: list[tuple[str, int]]  # (reason, bundles) refused in the last REFUSALS_DAYS
    stale_days: int

    @property
    def never_reported(self) -> int:
        return max(0, self.registered - self.offices)

    @property
    def refused(self) -> int:
        return sum(n for _reason, n in self.refusals)


def overview(conn: Connection, campaign: CampaignInfo, *, stale_days: int = DEFAULT_STALE_DAYS,
             now: datetime | None = None) -> Overview:
    now = (now or datetime.now(UTC)).astimezone(UTC)
    cid, sha = campaign.campaign_id, campaign.template_sha256
    sums_by_indicator = q.indicator_sums(conn, cid, sha)
    sums = q.register_sums(conn, cid, sha, iso(now - timedelta(days=stale_days)))
    figures = tuple(Figure(ind, sums_by_indicator.get(ind.code, (None, 0))[0]
                           if ind.has_target else None,
                           sums_by_indicator.get(ind.code, (None, 0))[1])
                    for ind in campaign.indicators)
    refusals = q.refusals_since(conn, iso(now - timedelta(days=REFUSALS_DAYS)))
    return Overview(campaign=campaign, figures=figures, registered=q.registered_offices(conn),
                    refusals=refusals, stale_days=stale_days, **sums)


# --- the offices table ------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficesPage:
    total: int
    rows: list[dict[str, Any]]
    filter: OfficeFilter
    places: list[tuple[str, str]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.filter.limit))

    @property
    def page(self) -> int:
        return self.filter.offset // self.filter.limit + 1


def offices_filter(*, stale_days: int = DEFAULT_STALE_DAYS, now: datetime | None = None,
                   page: int = 1, per_page: int = 50, **chosen: Any) -> OfficeFilter:
    """An ``OfficeFilter`` from a page's query: unknown sorts and sizes fall back."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    per_page = per_page if per_page in PAGE_SIZES else 50
    if chosen.get("sort") not in q.SORTS:
        chosen["sort"] = "code"
    return OfficeFilter(stale_before=iso(now - timedelta(days=stale_days)), limit=per_page,
                        offset=(max(1, page) - 1) * per_page, **chosen)


def offices_page(conn: Connection, campaign: CampaignInfo, f: OfficeFilter) -> OfficesPage:
    total, rows = q.offices_page(conn, campaign.campaign_id, campaign.template_sha256, f)
    return OfficesPage(total, rows, f, q.places(conn))


# --- one office ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeCampaign:
    campaign: CampaignInfo
    figures: OfficeFigures
    registers: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class OfficePage:
    code: str
    name: str
    state: str
    district: str
    registered_at: str
    sections: list[OfficeCampaign]
    history: list[dict[str, Any]]
    keys: list[registry.RegisteredKey]
    key_events: list[dict[str, Any]]
    staff_actions: list[dict[str, Any]]
    reuse: list[ReuseFlag]  # this office's photos that are also other evidence (hq.reuse)
    names: dict[tuple, str]  # (office, kind, record id) -> site name or event title

    @property
    def active_key(self) -> registry.RegisteredKey | None:
        return next((k for k in self.keys if k.status == "active"), None)


def office_page(conn: Connection, code: str, *, stale_days: int = DEFAULT_STALE_DAYS,
                now: datetime | None = None) -> OfficePage | None:
    row = q.office_row(conn, code)
    if row is None:
        return None
    campaigns = {c.key: c for c in all_campaigns(conn)}
    sections = []
    for reported in q.office_campaigns(conn, code):
        campaign = campaigns.get((reported["campaign_id"], reported["template_sha256"]))
        figures = campaign and office_section(conn, campaign, code, stale_days=stale_days,
                                              now=now)
        if figures:
            sections.append(OfficeCampaign(campaign, figures,
                                           q.register_rows(conn, code, campaign.campaign_id)))
    reuse = flags_on(conn, office_code=code)
    return OfficePage(code=code, name=row["name"], state=row["state"], district=row["district"],
                      registered_at=row["registered_at"], sections=sections,
                      history=q.bundle_history(conn, code), keys=registry.keys_of(conn, code),
                      key_events=registry.key_events(conn, code),
                      staff_actions=q.staff_actions(conn, code),
                      reuse=reuse, names=_names(conn, reuse))


# --- photos -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoGroup:
    """A cleanliness site's before/after photos, or an event's photos."""

    kind: str  # site | event
    office_code: str
    office_name: str
    target: dict[str, Any]
    photos: list[dict[str, Any]]

    def role(self, role: str) -> list[dict[str, Any]]:
        return [p for p in self.photos if p["role"] == role]


@dataclass(frozen=True)
class PhotosPage:
    kind: str
    more: bool  # a further page exists
    groups: list[PhotoGroup]
    filter: PhotoFilter
    reuse: dict[str, list[ReuseFlag]]  # photo sha256 -> its reuse flags (hq.reuse)
    names: dict[tuple, str]  # (office, kind, record id) -> site name or event title

    @property
    def page(self) -> int:
        return self.filter.offset // self.filter.limit + 1


def photos_page(conn: Connection, kind: str, f: PhotoFilter) -> PhotosPage:
    more, targets = q.photo_targets(conn, kind, f)
    photos = q.photos_of(conn, kind, [(t["office_code"], t["campaign_id"], t["id"])
                                      for t in targets])
    groups = [PhotoGroup(kind, t["office_code"], t["office_name"], t,
                         [p for p in photos if (p["office_code"], p["campaign_id"],
                                                p["target_id"]) ==
                          (t["office_code"], t["campaign_id"], t["id"])])
              for t in targets]
    shown = {p["sha256"] for p in photos}
    reuse: dict[str, list[ReuseFlag]] = {}
    for office_code in sorted({t["office_code"] for t in targets}):
        for flag in flags_on(conn, office_code=office_code):
            if flag.this.photo_sha256 in shown:
                reuse.setdefault(flag.this.photo_sha256, []).append(flag)
    return PhotosPage(kind, more, groups, f, reuse,
                      _names(conn, [f for flags in reuse.values() for f in flags]))


def _names(conn: Connection, flags: list[ReuseFlag]) -> dict[tuple, str]:
    return q.record_names(conn, {side.record for f in flags for side in (f.this, f.other)})
