"""Data-quality warnings over an office's photos (warnings, never refusals).

Per site: photos taken outside the campaign, an "after" older than its "before", a
position far from the site, an "after" that is nearly the same picture as a "before";
across sites: one picture used for two sites.
"""

from __future__ import annotations

from desktop_app.domain.choices import PhotoRole
from desktop_app.photos.quality import (
    QualityWarning,
    check_site,
    outside_campaign,
    reused_across_sites,
)


def photo_warnings(store, campaign) -> list[QualityWarning]:
    warnings: list[QualityWarning] = []
    by_site: dict[str, list] = {}
    for site in store.sites.list(campaign.id):
        links = store.photos.links_for("site", site.id)
        before = [store.photos.get(link.photo_sha256) for link in links if link.role is PhotoRole.BEFORE]
        after = [store.photos.get(link.photo_sha256) for link in links if link.role is PhotoRole.AFTER]
        warnings += check_site(before, after, site_lat=site.latitude, site_lon=site.longitude,
                               campaign_start=campaign.start, campaign_end=campaign.end)
        by_site[site.name] = before + after
    warnings += reused_across_sites(by_site)
    others = {link.photo_sha256 for link in store.photos.links_of_campaign(campaign.id)
              if link.target_kind != "site"}
    warnings += outside_campaign([store.photos.get(sha) for sha in sorted(others)], campaign.start, campaign.end)
    return warnings
