"""The local summary's content as plain data: one source for the dashboard, the workbook's
Summary sheet and the printed summary, so the three never disagree.

Built only from ``storage.totals`` queries and the campaign template; formatting to text
happens at the edges (``domain.numbers``), never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from desktop_app.domain.choices import IndicatorGroup, SiteStatus, Unit, retired_title
from desktop_app.domain.models import Campaign, Indicator, Office, Phase
from desktop_app.domain.numbers import percent
from desktop_app.storage import totals
from desktop_app.storage.exports import ExportRecord
from desktop_app.storage.totals import ScrapTotal


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    target: int | None
    achieved: int

    @property
    def percent(self) -> float | None:
        return percent(self.achieved, self.target) if self.indicator.has_target else None

    @property
    def is_money(self) -> bool:
        return self.indicator.unit is Unit.INR


@dataclass(frozen=True)
class IndicatorGroupRows:
    group: IndicatorGroup
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Summary:
    office: Office
    campaign: Campaign
    as_on: date
    phase: Phase | None
    groups: tuple[IndicatorGroupRows, ...]
    scrap: tuple[ScrapTotal, ...]
    sites: dict[SiteStatus, int]
    events: int
    participants: int
    last_export: ExportRecord | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for g in self.groups for row in g.rows]

    @property
    def scrap_revenue_paise(self) -> int:
        return sum(s.revenue_paise for s in self.scrap)

    @property
    def space_freed_sqft(self) -> int:
        return sum(s.space_freed_sqft for s in self.scrap)

    @property
    def scrap_entries(self) -> int:
        return sum(s.entries for s in self.scrap)

    @property
    def sites_total(self) -> int:
        return sum(self.sites.values())

    @property
    def days_left(self) -> int | None:
        return (self.phase.end - self.as_on).days if self.phase else None


def build_summary(store, *, as_on: date | None = None, campaign: Campaign | None = None) -> Summary:
    """Everything the dashboard, the Summary sheet and the PDF show, from one set of queries.

    An indicator a newer version of the campaign removed is shown, marked retired, while it
    holds entries: they are the office's records, kept."""
    campaign = campaign or store.campaigns.current()
    as_on = as_on or store.today()
    db = store.conn  # reads only, on the raw connection: no sqlite-utils on the start-up path
    achieved = totals.achievements(db, campaign)
    targets = store.targets.for_campaign(campaign.id)
    groups: list[IndicatorGroupRows] = []
    retired = [replace(ind, title=retired_title(ind.title)) for ind in campaign.retired
               if ind.entered and (achieved.get(ind.code) or ind.code in targets)]
    for group in IndicatorGroup:
        rows = tuple(IndicatorRow(ind, targets.get(ind.code) if ind.has_target else None, achieved[ind.code])
                     for ind in (*campaign.indicators, *retired) if ind.group is group)
        if rows:
            groups.append(IndicatorGroupRows(group, rows))
    events, participants = totals.event_totals(db, campaign.id)
    return Summary(
        office=store.office.get(),
        campaign=campaign,
        as_on=as_on,
        phase=campaign.phase_on(as_on),
        groups=tuple(groups),
        scrap=tuple(totals.scrap_by_category(db, campaign.id)),
        sites=totals.sites_by_status(db, campaign.id),
        events=events,
        participants=participants,
        last_export=store.exports.last(campaign.id),
        counts=totals.record_counts(db, campaign.id),
    )
