"""Bad input is refused with a field-level message, or stored exactly as typed."""

from datetime import date

import pytest

from desktop_app.domain.choices import EventType, SiteStatus
from desktop_app.domain.models import CleanlinessSite, Event, ScrapDisposal
from desktop_app.errors import ValidationError


def _scrap(campaign, **kw):
    base = dict(campaign_id=campaign.id, disposal_date=date(2026, 10, 5), item="Old chairs")
    return ScrapDisposal(**(base | kw))


@pytest.mark.parametrize("changes, field, text", [
    ({"revenue_paise": -100}, "revenue_paise", "Cannot be negative"),
    ({"quantity": -1.0}, "quantity", "Cannot be negative"),
    ({"space_freed_sqft": -3}, "space_freed_sqft", "Cannot be negative"),
    ({"disposal_date": date(2026, 9, 1)}, "disposal_date", "before the campaign starts"),
    ({"disposal_date": date(2027, 1, 5)}, "disposal_date", "after the campaign ends"),
    ({"disposal_date": date(2026, 11, 25)}, "disposal_date", "in the future"),
    ({"item": "   "}, "item", "required"),
    ({"item": "x" * 10_000}, "item", "Too long"),
    ({"remarks": "x" * 10_000}, "remarks", "Too long"),
    ({"item": "bad\x00nul"}, "item", "control character"),
    ({"buyer": "line\nbreak"}, "buyer", "control character"),
])
def test_scrap_refused_with_field_message(opened, campaign, changes, field, text):
    with pytest.raises(ValidationError) as err:
        opened.store.scrap.add(_scrap(campaign, **changes))
    assert field in err.value.errors
    assert text in str(err.value.errors[field])
    assert opened.store.db["scrap_disposal"].count == 0


@pytest.mark.parametrize("text", [
    "पुरानी फ़ाइलें और रजिस्टर", "Old PCs 🖥️ and 🪑 chairs", "=HYPERLINK(\"http://x\")", "+91 98765 43210",
    "@sum", "-", "x" * 200, "Tab\u00a0non-breaking ‘quotes’ “and” — dashes",
])
def test_text_is_stored_exactly(opened, campaign, text):
    rec = opened.store.scrap.add(_scrap(campaign, item=text, remarks=text + "\nsecond line"))
    back = opened.store.scrap.get(rec.id)
    assert back.item == text
    assert back.remarks == text + "\nsecond line"


def test_progress_refuses_negative_and_unknown_and_derived(opened, campaign):
    store = opened.store
    with pytest.raises(ValidationError) as err:
        store.progress.save_day(campaign.id, date(2026, 10, 3),
                                {"mp_references": -2, "nonsense": 1, "scrap_revenue": 5})
    assert set(err.value.errors) == {"mp_references.value", "nonsense.indicator_code",
                                     "scrap_revenue.indicator_code"}
    assert store.db["progress_entry"].count == 0


def test_progress_refuses_a_day_outside_the_campaign(opened, campaign):
    with pytest.raises(ValidationError, match="after the campaign ends"):
        opened.store.progress.save_day(campaign.id, date(2027, 2, 1), {"mp_references": 1})


def test_site_rules(opened, campaign):
    store = opened.store
    with pytest.raises(ValidationError) as err:
        store.sites.add(CleanlinessSite(campaign.id, "Record room", status=SiteStatus.COMPLETED,
                                        latitude=123.0))
    assert set(err.value.errors) == {"completed_date", "latitude"}
    site = store.sites.add(CleanlinessSite(campaign.id, "रिकॉर्ड रूम", status=SiteStatus.COMPLETED,
                                           completed_date=date(2026, 10, 20), latitude=18.53, longitude=73.84))
    assert store.sites.get(site.id).name == "रिकॉर्ड रूम"


def test_event_participants_not_negative(opened, campaign):
    with pytest.raises(ValidationError, match="participants"):
        opened.store.events.add(Event(campaign.id, date(2026, 10, 2), EventType.PLEDGE, "Pledge",
                                      participants=-5))


def test_targets_after_start_need_a_reason(opened, campaign):
    store = opened.store
    prep_day = date(2026, 9, 20)
    store.targets.set_targets(campaign.id, {"mp_references": 34}, today=prep_day)
    with pytest.raises(ValidationError, match="Give a reason"):
        store.targets.set_targets(campaign.id, {"mp_references": 40})
    store.targets.set_targets(campaign.id, {"mp_references": 40}, reason="Revised by Ministry letter 12/2026")
    assert store.targets.for_campaign(campaign.id) == {"mp_references": 40}
    with pytest.raises(ValidationError, match="takes no target"):
        store.targets.set_targets(campaign.id, {"files_weeded": 10}, today=prep_day)


def test_full_disk_is_one_clear_error_and_loses_nothing(opened, campaign):
    from desktop_app.errors import FieldDeskError

    store = opened.store
    saved = store.scrap.add(_scrap(campaign, item="kept"))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now 'full'
    with pytest.raises(FieldDeskError, match="disk is full"):
        store.scrap.add_many([_scrap(campaign, item=f"bulk {i}", remarks="x" * 3000) for i in range(200)])
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert [r.item for r in store.scrap.list(campaign.id)] == ["kept"]
    assert store.scrap.get(saved.id).item == "kept"
