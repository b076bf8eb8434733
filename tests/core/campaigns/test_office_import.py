"""An office imports campaigns from headquarters: a new campaign becomes current and the
earlier one stays read-only; a newer version upgrades in place and keeps every entry; every
refusal leaves the folder exactly as it was."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.campaigns.hq_key import trusted_hq_key
from desktop_app.campaigns.office_import import (
    NEW,
    SAME,
    UPGRADE,
    apply_import,
    prepare_import,
)
from desktop_app.campaigns.package import CampaignRefused
from desktop_app.domain.campaign_changes import ADDED, PHASE_DATES, REMOVED, RENAMED
from desktop_app.domain.models import ScrapDisposal
from desktop_app.reports.summary import build_summary
from desktop_app.storage.campaigns import CampaignClosedError
from tests.core.campaigns.kit import new_campaign, shipped, snapshot, trust, version_two

DAY = date(2026, 11, 2)


@pytest.fixture
def office(opened, campaign):
    """The Special Campaign 6.0 office with targets, daily figures and a scrap entry."""
    store = opened.store
    store.targets.set_targets(campaign.id, {"mp_references": 40, "pg_appeals": 25})
    store.progress.save_day(campaign.id, DAY, {"mp_references": 3, "pg_appeals": 7, "files_reviewed": 100})
    store.progress.save_day(campaign.id, date(2026, 11, 3), {"pg_appeals": 4})
    store.scrap.add(ScrapDisposal(campaign.id, DAY, "Old chairs", revenue_paise=150000))
    return opened


def test_a_newer_version_upgrades_in_place_and_keeps_every_entry(office, hq):
    trust(office, hq)
    store = office.store
    before = store.campaigns.record_count("special-campaign-6")
    plan = prepare_import(office, hq.publish(version_two()))
    assert plan.kind == UPGRADE and not plan.needs_trust
    kinds = {(c.kind, c.code) for c in plan.changes.changes}
    assert {(ADDED, "court_cases"), (REMOVED, "pg_appeals"), (RENAMED, "mp_references"),
            (PHASE_DATES, "implementation")} <= kinds
    lines = [str(m) for m in plan.changes.lines("en")]
    assert "Removed indicator: Public Grievance Appeals (pg_appeals); its 3 entries are kept, shown as retired" in lines
    assert ("Renamed: “References from MPs” becomes “References from Members of Parliament” "
            "(mp_references)") in lines
    assert "Implementation phase: 02.10.2026 to 31.12.2026 becomes 02.10.2026 to 14.01.2027" in lines
    assert "New indicator: Court cases reviewed (court_cases)" in lines
    assert "नया संकेतक" not in " ".join(lines)
    hindi = [str(m) for m in plan.changes.lines("hi")]
    assert any("संसद सदस्यों के संदर्भ" in line for line in hindi)

    upgraded = apply_import(office, plan)
    assert upgraded.version == 2 and upgraded.current
    assert store.campaigns.current().id == "special-campaign-6"
    assert store.campaigns.record_count("special-campaign-6") == before
    assert store.progress.cumulative("special-campaign-6") == {"mp_references": 3, "pg_appeals": 11,
                                                               "files_reviewed": 100}
    assert [i.code for i in upgraded.retired] == ["pg_appeals"]
    assert upgraded.indicator("mp_references").title.en == "References from Members of Parliament"
    assert upgraded.end == date(2027, 1, 14)
    assert [v["version"] for v in store.campaigns.versions("special-campaign-6")] == [1, 2]
    # the retired indicator is shown, marked, with what it holds
    rows = {r.indicator.code: r for r in build_summary(store).rows}
    assert rows["pg_appeals"].indicator.title.en == "Public Grievance Appeals (retired)"
    assert rows["pg_appeals"].indicator.title.hi == "लोक शिकायत अपीलें (हटाया गया)"
    assert rows["pg_appeals"].achieved == 11 and rows["pg_appeals"].target == 25
    assert rows["court_cases"].achieved == 0
    # new entries go to the new indicators; the retired one takes none
    store.progress.save_day("special-campaign-6", date(2026, 11, 19), {"court_cases": 2})
    with pytest.raises(Exception, match="removed from the campaign"):
        store.progress.save_day("special-campaign-6", date(2026, 11, 21), {"pg_appeals": 1})


def test_a_new_campaign_becomes_current_and_the_earlier_one_is_read_only(office, hq):
    trust(office, hq)
    store = office.store
    old_rows = store.conn.execute("SELECT * FROM progress_entry ORDER BY id").fetchall()
    plan = prepare_import(office, hq.publish(new_campaign()))
    assert plan.kind == NEW
    assert [str(m) for m in plan.changes.lines()] == [
        "New campaign: Special Campaign 7.0 (version 1), 15.09.2027 to 31.12.2027. It becomes the "
        "current campaign; the records of earlier campaigns stay, read-only."]
    apply_import(office, plan)
    assert store.campaigns.current().id == "special-campaign-7"
    earlier = store.campaigns.get("special-campaign-6")
    assert not earlier.current
    assert store.conn.execute("SELECT * FROM progress_entry ORDER BY id").fetchall() == old_rows
    listing = store.campaigns.listing()
    assert [(c.id, c.current, c.records) for c in listing] == [
        ("special-campaign-7", True, 0), ("special-campaign-6", False, 7)]
    assert listing[0].signed_by == trusted_hq_key_fingerprint(office)
    # read-only: no write path changes an earlier campaign's records
    with pytest.raises(CampaignClosedError, match="is an earlier campaign"):
        store.progress.save_day("special-campaign-6", DAY, {"mp_references": 9})
    with pytest.raises(CampaignClosedError):
        store.targets.set_targets("special-campaign-6", {"mp_references": 99}, reason="x")
    record = store.scrap.list("special-campaign-6")[0]
    with pytest.raises(CampaignClosedError):
        store.scrap.delete(record.id)
    assert "campaign_id" in store.scrap.errors(ScrapDisposal("special-campaign-6", DAY, "Desk"))
    assert store.conn.execute("SELECT * FROM progress_entry ORDER BY id").fetchall() == old_rows
    # ...and still viewed, printed, exported
    summary = build_summary(store, campaign=earlier)
    assert {r.indicator.code: r.achieved for r in summary.rows}["pg_appeals"] == 11


def trusted_hq_key_fingerprint(opened) -> str:
    return opened.settings.hq_key_fingerprint


def test_the_same_version_again_changes_nothing(office, hq):
    trust(office, hq)
    path = hq.publish(shipped())
    before = snapshot(office)
    plan = prepare_import(office, path)
    assert plan.kind == SAME and plan.changes.changes == ()
    apply_import(office, plan)
    assert snapshot(office) == before


@pytest.mark.parametrize("case, expected", [
    ("older", "special-campaign-6-v1.fdcampaign is version 1 of Special Campaign 6.0 for Disposal "
              "of Pending Matters; this office already has version 2. Nothing was changed."),
    ("other-key", "is signed by another key ("),
    ("damaged", "is damaged or is not a campaign file from headquarters"),
    ("same-version-other-content", "but differs from the version 2 this office has"),
])
def test_each_refusal_is_one_line_and_changes_nothing(office, hq, case, expected):
    trust(office, hq)
    apply_import(office, prepare_import(office, hq.publish(version_two())))
    if case == "older":
        path = hq.publish(shipped())
    elif case == "other-key":
        path = hq.publish(version_two() | {"version": 3}, key=Ed25519PrivateKey.generate())
    elif case == "damaged":
        path = hq.publish(version_two() | {"version": 3})
        path.write_bytes(path.read_bytes()[:200])
    else:
        changed = version_two()
        changed["title"] = {"en": "Another title", "hi": "दूसरा शीर्षक"}
        path = hq.publish(changed)
    before = snapshot(office)
    with pytest.raises(CampaignRefused) as err:
        prepare_import(office, path)
    assert expected in str(err.value) and "\n" not in str(err.value)
    assert str(err.value).endswith("Nothing was changed.")
    assert snapshot(office) == before


def test_with_no_key_trusted_the_fingerprint_is_confirmed_first(office, hq):
    path = hq.publish(new_campaign())
    before = snapshot(office)
    plan = prepare_import(office, path)
    assert plan.needs_trust
    from desktop_app.keys.signing import fingerprint

    assert plan.fingerprint == fingerprint(hq.key)
    with pytest.raises(CampaignRefused, match="Headquarters' key was not confirmed: nothing was changed"):
        apply_import(office, plan)
    assert snapshot(office) == before
    apply_import(office, plan, trust=True)
    assert office.store.campaigns.current().id == "special-campaign-7"
    assert trusted_hq_key(office) is not None
    assert office.settings.hq_key_fingerprint == fingerprint(hq.key)
    # from now on another key is refused
    other = hq.publish(new_campaign() | {"version": 2}, key=Ed25519PrivateKey.generate())
    with pytest.raises(CampaignRefused, match="signed by another key"):
        prepare_import(office, other)


def test_a_plan_gone_stale_is_not_applied(office, hq):
    """Two imports prepared side by side: the second finds the version already there."""
    trust(office, hq)
    v2 = prepare_import(office, hq.publish(version_two()))
    v3 = prepare_import(office, hq.publish(version_two() | {"version": 3}))
    apply_import(office, v3)
    before = snapshot(office)
    with pytest.raises(CampaignRefused, match="already has version 3"):
        apply_import(office, v2)
    assert snapshot(office) == before
