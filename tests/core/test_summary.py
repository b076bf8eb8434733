from desktop_app.domain.choices import IndicatorGroup, SiteStatus
from desktop_app.reports.summary import build_summary


def test_summary_matches_the_registers(demo):
    store = demo.store
    s = build_summary(store)
    rows = {r.indicator.code: r for r in s.rows}
    assert rows["state_govt_references"].target == 111
    assert rows["state_govt_references"].achieved == 110
    assert round(rows["state_govt_references"].percent) == 99
    assert rows["files_weeded"].target is None and rows["files_weeded"].percent is None
    scrap = store.scrap.list(s.campaign.id)
    assert s.scrap_revenue_paise == sum(x.revenue_paise for x in scrap) == rows["scrap_revenue"].achieved
    assert s.space_freed_sqft == sum(x.space_freed_sqft for x in scrap) == rows["space_freed"].achieved
    assert s.sites[SiteStatus.COMPLETED] == rows["cleanliness_sites"].achieved == 14
    assert s.events == 10 and s.participants == sum(e.participants for e in store.events.list(s.campaign.id))
    assert [g.group for g in s.groups][:2] == [IndicatorGroup.PENDENCY, IndicatorGroup.RECORDS]


def test_deleting_a_record_changes_the_totals(demo):
    store = demo.store
    before = build_summary(store)
    victim = store.scrap.list(before.campaign.id)[0]
    store.scrap.delete(victim.id)
    after = build_summary(store)
    assert after.scrap_revenue_paise == before.scrap_revenue_paise - victim.revenue_paise
    assert after.scrap_entries == before.scrap_entries - 1


def test_empty_office_has_a_sensible_summary(opened, campaign):
    s = build_summary(opened.store)
    assert all(r.achieved == 0 for r in s.rows)
    assert s.scrap == () and s.events == 0 and s.sites_total == 0 and s.last_export is None
