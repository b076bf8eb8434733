"""Office-wise consolidation at headquarters, as plain data: the numbers of the consolidated
workbook (and of the upload receiver's status page), computed by SQL from each office's
latest accepted state and the totals the import keeps beside it (``store.totals``).

One ``CampaignSection`` per campaign template (id and template hash): offices reporting
against different templates are never mixed. Per office: target, achievement and % for
every indicator (achievements computed exactly as the office computes them —
``storage.totals.achievements``: typed indicators from the daily entries, the others
from the scrap, sites and events registers), scrap revenue, space freed, sites
completed, events, participants, the last bundle's date and seq, and flags: *stale* (the
last bundle was made more than N days ago), *photos missing* (referenced, never
received), the chain's *gap* flag, and *older version* (the office reports against an
earlier version of a campaign than headquarters published last). A totals row sums the
offices. ``campaign``: one campaign id only (every version of it), ``hq report --campaign``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

from sqlalchemy import Connection

from desktop_app.domain.choices import IndicatorSource
from desktop_app.errors import FieldDeskError
from desktop_app.hq.campaigns import CampaignInfo, all_campaigns, shipped_version
from desktop_app.hq.published import VersionStatus, version_status
from desktop_app.hq.store import campaigns as stored_campaigns
from desktop_app.hq.store import keys, totals
from desktop_app.reports.summary import IndicatorRow

DEFAULT_STALE_DAYS = 7


# One indicator of one office (or of the total): target, achievement, % of target — the
# same row the office's own summary uses, so % is computed one way everywhere.
Figure = IndicatorRow


@dataclass(frozen=True)
class OfficeFigures:
    """One row of the consolidated report."""

    office_code: str
    office_name: str
    seq: int
    part: int
    parts: int
    bundle_created_at: datetime
    imported_at: datetime
    figures: tuple[Figure, ...]
    scrap_entries: int
    scrap_revenue_paise: int
    space_freed_sqft: int
    sites_total: int
    sites_completed: int
    events: int
    participants: int
    photos_referenced: int
    photos_missing: int
    chain_flags: str
    stale_days: int | None  # days since the last bundle, when over the limit
    version: VersionStatus | None = None  # the campaign version it reports against
    state: str = ""  # as headquarters set them (hq office set, the dashboard); "" if not
    district: str = ""

    @property
    def last_bundle_date(self) -> date:
        return self.bundle_created_at.astimezone().date()

    @property
    def flags(self) -> tuple[str, ...]:
        out = []
        if self.stale_days is not None:
            out.append(f"stale: last bundle {self.stale_days} days old")
        if self.photos_missing:
            out.append(f"photos missing: {self.photos_missing} of {self.photos_referenced}")
        if self.chain_flags:
            out.append(self.chain_flags)
        if self.version is not None and self.version.older:
            out.append(f"older version: {self.version.label}")
        return tuple(out)

    def figure(self, code: str) -> Figure:
        return self._by_code[code]

    @cached_property
    def _by_code(self) -> dict[str, Figure]:
        """The figures by indicator code (the workbook asks for each of ten thousand rows)."""
        return {f.indicator.code: f for f in self.figures}


@dataclass(frozen=True)
class Totals:
    """The sum of the offices of a section."""

    offices: int
    figures: tuple[Figure, ...]
    scrap_entries: int
    scrap_revenue_paise: int
    space_freed_sqft: int
    sites_total: int
    sites_completed: int
    events: int
    participants: int
    photos_referenced: int
    photos_missing: int
    stale_offices: int
    offices_missing_photos: int
    older_version_offices: int = 0

    def figure(self, code: str) -> Figure:
        return self._by_code[code]

    @cached_property
    def _by_code(self) -> dict[str, Figure]:
        """The figures by indicator code (the workbook asks for each of ten thousand rows)."""
        return {f.indicator.code: f for f in self.figures}


@dataclass(frozen=True)
class CampaignSection:
    campaign: CampaignInfo
    offices: tuple[OfficeFigures, ...]
    totals: Totals
    version: VersionStatus | None = None


@dataclass(frozen=True)
class SilentOffice:
    """A registered office with no accepted bundle at all."""

    office_code: str
    registered_at: str
    key_status: str


@dataclass(frozen=True)
class Consolidation:
    as_on: datetime
    stale_days: int
    sections: tuple[CampaignSection, ...]
    silent_offices: tuple[SilentOffice, ...]


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    file_name: str
    office_code: str | None
    campaign_id: str | None
    seq: int | None
    result: str
    reason: str
    flags: str
    bundle_sha256: str | None
    bytes: int | None
    source: str


def consolidate(conn: Connection, *, stale_days: int = DEFAULT_STALE_DAYS,
                now: datetime | None = None, campaign: str | None = None) -> Consolidation:
    """Every campaign's offices side by side, with totals and flags, as of *now* (read on
    *conn*: ``Store.snapshot()`` gives every query the same moment); only the campaign id
    *campaign* when given (``FieldDeskError`` if headquarters knows no such campaign)."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    sections = []
    campaigns = all_campaigns(conn)
    if campaign is not None:
        known = sorted({c.campaign_id for c in campaigns}
                       | {r["campaign_id"] for r in stored_campaigns.published(conn)})
        if campaign not in known:
            raise FieldDeskError(f"no campaign {campaign!r} at headquarters (neither published "
                                 f"nor in any bundle); there are: {', '.join(known) or 'none'}")
        campaigns = [c for c in campaigns if c.campaign_id == campaign]
    for campaign_info in campaigns:
        section = _section(conn, campaign_info, stale_days, now)
        if section.offices:
            sections.append(section)
    silent = tuple(SilentOffice(r["code"], r["registered_at"],
                                "active" if r["fingerprint"] else "revoked")
                   for r in keys.silent_offices(conn))
    return Consolidation(as_on=now, stale_days=stale_days, sections=tuple(sections),
                         silent_offices=silent)


def import_log(conn: Connection, *, newest_first: bool = True,
               limit: int | None = None) -> Iterator[LogEntry]:
    """The import log, streamed (it grows with every attempt)."""
    for row in totals.log_rows(conn, newest_first=newest_first, limit=limit):
        yield LogEntry(_time(row[0]), *row[1:])


def _time(text: str) -> datetime:
    """A stored UTC time ("2026-11-20T10:30:00Z"; fromisoformat: ten times strptime's speed
    over ten thousand offices)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def office_section(conn: Connection, campaign: CampaignInfo, office_code: str, *,
                   stale_days: int = DEFAULT_STALE_DAYS,
                   now: datetime | None = None) -> OfficeFigures | None:
    """One office's row of *campaign*'s section, computed by the same queries as the
    consolidated workbook's (the dashboard's office page); None if it has not reported."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    section = _section(conn, campaign, stale_days, now, office_code)
    return section.offices[0] if section.offices else None


def _section(conn: Connection, campaign: CampaignInfo, stale_days: int,
             now: datetime, office_code: str | None = None) -> CampaignSection:
    # The offices whose latest bundle for this campaign uses this template (or one of them).
    scope = (campaign.campaign_id, campaign.template_sha256, office_code)
    targets: dict[str, dict[str, int]] = {}
    for office, code, value in totals.targets(conn, *scope):
        targets.setdefault(office, {})[code] = value
    entered: dict[str, dict[str, int]] = {}
    for office, code, total in totals.entered(conn, *scope):
        entered.setdefault(office, {})[code] = int(total)
    photos = totals.photos(conn, *scope)

    template = (campaign.campaign_id, campaign.template_sha256)
    version = version_status(conn, *template, shipped_version(*template))
    stale_before = now - timedelta(days=stale_days)
    offices = []
    for (code, name, state, district, seq, part, parts, created, imported, flags, n_scrap,
         revenue, space, n_sites, completed, n_events, participants) in totals.offices(
            conn, *scope):
        derived = {IndicatorSource.SCRAP_REVENUE: revenue, IndicatorSource.SCRAP_SPACE: space,
                   IndicatorSource.SITES_COMPLETED: completed,
                   IndicatorSource.EVENTS_HELD: n_events,
                   IndicatorSource.EVENT_PARTICIPANTS: participants}
        office_targets, office_entered = targets.get(code, {}), entered.get(code, {})
        figures = tuple(Figure(
            ind, office_targets.get(ind.code) if ind.has_target else None,
            office_entered.get(ind.code, 0) if ind.source is IndicatorSource.ENTERED
            else derived[ind.source]) for ind in campaign.indicators)
        created_at = _time(created)
        referenced, missing = photos.get(code, (0, 0))
        offices.append(OfficeFigures(
            office_code=code, office_name=name, state=state, district=district, seq=seq,
            part=part, parts=parts,
            bundle_created_at=created_at, imported_at=_time(imported), figures=figures,
            scrap_entries=n_scrap, scrap_revenue_paise=revenue, space_freed_sqft=space,
            sites_total=n_sites, sites_completed=completed, events=n_events,
            participants=participants, photos_referenced=int(referenced or 0),
            photos_missing=int(missing or 0), chain_flags=flags,
            stale_days=(now - created_at).days if created_at < stale_before else None,
            version=version))
    return CampaignSection(campaign, tuple(offices), _totals(campaign, offices), version)


def _totals(campaign: CampaignInfo, offices: list[OfficeFigures]) -> Totals:
    figures = []
    by_indicator = zip(*(o.figures for o in offices)) if offices else ((),) * len(
        campaign.indicators)
    for ind, column in zip(campaign.indicators, by_indicator, strict=True):
        targets = [f.target for f in column if f.target is not None]
        figures.append(Figure(ind, sum(targets) if targets else None,
                              sum(f.achieved for f in column)))

    def total(name: str) -> int:
        return sum(getattr(o, name) for o in offices)

    return Totals(
        offices=len(offices), figures=tuple(figures), scrap_entries=total("scrap_entries"),
        scrap_revenue_paise=total("scrap_revenue_paise"),
        space_freed_sqft=total("space_freed_sqft"), sites_total=total("sites_total"),
        sites_completed=total("sites_completed"), events=total("events"),
        participants=total("participants"), photos_referenced=total("photos_referenced"),
        photos_missing=total("photos_missing"),
        stale_offices=sum(1 for o in offices if o.stale_days is not None),
        offices_missing_photos=sum(1 for o in offices if o.photos_missing),
        older_version_offices=sum(1 for o in offices if o.version and o.version.older))
