"""Each office's dashboard figures, kept at import: the consolidated report's computation
(``consolidate.office_section``) run for the one office a bundle changed, inside the
import's transaction, and stored in ``office_summary`` and ``office_indicator_figures``.

Why stored (docs/decisions/0022): the offices table sorts and filters 10,000 offices by
figures that are sums over ~1 million register rows; computed per request that is seconds,
read from one row per office it is milliseconds. The numbers are still the workbook's:
the same function makes both, and ``catch_up`` recomputes any office whose summary is not
of its latest bundle (a database from before this table, an import by an older FieldDesk),
so a summary is never silently stale.
"""

from __future__ import annotations

from sqlalchemy import Connection

from desktop_app.hq.campaigns import CampaignInfo, known_campaign
from desktop_app.hq.consolidate import office_section
from desktop_app.hq.store import Store
from desktop_app.hq.store import dashboard as q


def remember(conn: Connection, campaign: CampaignInfo, office_code: str,
             manifest_sha256: str) -> None:
    """Store *office_code*'s figures for *campaign* as its data now stands (in *conn*'s
    transaction: the import's, right after it wrote the office's state)."""
    figures = office_section(conn, campaign, office_code)
    q.forget_figures(conn, office_code, campaign.campaign_id)
    if figures is None:
        return
    percents = [f.percent for f in figures.figures if f.percent is not None]
    q.save_figures(conn, {
        "office_code": office_code, "campaign_id": campaign.campaign_id,
        "template_sha256": campaign.template_sha256, "manifest_sha256": manifest_sha256,
        "percent": sum(percents) / len(percents) if percents else None,
    }, [{"office_code": office_code, "campaign_id": campaign.campaign_id,
         "template_sha256": campaign.template_sha256, "indicator_code": f.indicator.code, "target": f.target, "achieved": f.achieved}
        for f in figures.figures])


def catch_up(store: Store) -> int:
    """Recompute the figures of every office whose summary is missing or not of its latest
    bundle; returns how many. One cheap query when nothing is missing."""
    with store.read() as conn:
        behind = q.unsummarised(conn)
    if not behind:
        return 0
    with store.write() as conn:
        for office_code, campaign_id, template_sha256, manifest in q.unsummarised(conn):
            campaign = known_campaign(conn, campaign_id, template_sha256)
            if campaign is not None:
                remember(conn, campaign, office_code, manifest)
    return len(behind)
