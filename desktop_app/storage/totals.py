"""The dashboard's numbers, computed by SQL from the registers and daily entries, never stored.

One function per question. The dashboard, the workbook's Summary sheet and the printed
summary all read these, so the three always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.domain.choices import IndicatorSource, ScrapCategory, SiteStatus
from desktop_app.domain.models import Campaign


@dataclass(frozen=True)
class ScrapTotal:
    category: ScrapCategory
    entries: int
    revenue_paise: int
    space_freed_sqft: int


def _scalar(db: Any, sql: str, params: list[Any]) -> int:
    row = db.execute(sql, params).fetchone()
    return int(row[0] or 0)


def achievements(db: Any, campaign: Campaign, upto: date | None = None) -> dict[str, int]:
    """Cumulative achievement per indicator code, from its source (entries or a register)."""
    cid = campaign.id
    up = upto.isoformat() if upto else "9999-12-31"
    entered = dict(db.execute(
        "SELECT indicator_code, sum(value) FROM progress_entry WHERE campaign_id = ? "
        "AND deleted_at IS NULL AND entry_date <= ? GROUP BY indicator_code", [cid, up]).fetchall())
    scrap = db.execute(
        "SELECT coalesce(sum(revenue_paise), 0), coalesce(sum(space_freed_sqft), 0) FROM scrap_disposal "
        "WHERE campaign_id = ? AND deleted_at IS NULL AND disposal_date <= ?", [cid, up]).fetchone()
    sites = _scalar(db, "SELECT count(*) FROM cleanliness_site WHERE campaign_id = ? AND deleted_at IS NULL "
                        "AND status = 'completed' AND completed_date <= ?", [cid, up])
    events = db.execute("SELECT count(*), coalesce(sum(participants), 0) FROM event WHERE campaign_id = ? "
                        "AND deleted_at IS NULL AND event_date <= ?", [cid, up]).fetchone()
    derived = {
        IndicatorSource.SCRAP_REVENUE: int(scrap[0]),
        IndicatorSource.SCRAP_SPACE: int(scrap[1]),
        IndicatorSource.SITES_COMPLETED: sites,
        IndicatorSource.EVENTS_HELD: int(events[0]),
        IndicatorSource.EVENT_PARTICIPANTS: int(events[1]),
    }
    result = {}
    for ind in (*campaign.indicators, *campaign.retired):
        if ind.source is IndicatorSource.ENTERED:
            result[ind.code] = int(entered.get(ind.code) or 0)
        else:
            result[ind.code] = derived[ind.source]
    return result


def scrap_by_category(db: Any, campaign_id: str) -> list[ScrapTotal]:
    rows = db.execute(
        # INDEXED BY: without statistics the planner picks the date index and reads every row.
        "SELECT category, count(*), sum(revenue_paise), sum(space_freed_sqft) FROM scrap_disposal "
        "INDEXED BY scrap_totals WHERE campaign_id = ? AND deleted_at IS NULL GROUP BY category", [campaign_id]).fetchall()
    found = {r[0]: r for r in rows}
    return [ScrapTotal(c, int(found[c.value][1]), int(found[c.value][2] or 0), int(found[c.value][3] or 0))
            for c in ScrapCategory if c.value in found]


def sites_by_status(db: Any, campaign_id: str) -> dict[SiteStatus, int]:
    rows = dict(db.execute("SELECT status, count(*) FROM cleanliness_site WHERE campaign_id = ? "
                           "AND deleted_at IS NULL GROUP BY status", [campaign_id]).fetchall())
    return {s: int(rows.get(s.value, 0)) for s in SiteStatus}


def event_totals(db: Any, campaign_id: str) -> tuple[int, int]:
    """(events held, participants) for the campaign."""
    row = db.execute("SELECT count(*), coalesce(sum(participants), 0) FROM event WHERE campaign_id = ? "
                     "AND deleted_at IS NULL", [campaign_id]).fetchone()
    return int(row[0]), int(row[1])


def record_counts(db: Any, campaign_id: str | None = None) -> dict[str, int]:
    """Live (not deleted) rows per table, for `fielddesk info` and the export page."""
    tables = ("target", "progress_entry", "scrap_disposal", "cleanliness_site", "event", "photo_link")
    out = {}
    for t in tables:
        sql = f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL"
        params: list[Any] = []
        if campaign_id:
            sql += " AND campaign_id = ?"
            params.append(campaign_id)
        out[t] = _scalar(db, sql, params)
    out["photo"] = _scalar(db, "SELECT count(*) FROM photo", [])
    return out
