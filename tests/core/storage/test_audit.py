from datetime import date

from desktop_app.domain.choices import ScrapCategory
from desktop_app.domain.models import ScrapDisposal


def test_insert_update_delete_each_write_one_audit_row(opened, campaign):
    store = opened.store
    store.set_clerk("Asha Verma")
    rec = store.scrap.add(ScrapDisposal(campaign.id, date(2026, 10, 5), "Old computers",
                                        ScrapCategory.EWASTE, 12, "nos", revenue_paise=1_234_500))
    rec.item = "Old desktop computers"
    rec.revenue_paise = 1_300_000
    store.scrap.update(rec)
    store.scrap.delete(rec.id)

    trail = store.audit.for_row("scrap_disposal", rec.id)
    assert [a.action for a in trail] == ["insert", "update", "delete"]
    assert all(a.clerk == "Asha Verma" for a in trail)
    assert trail[0].old is None and trail[0].new["item"] == "Old computers"
    assert trail[1].changed_fields() == {"item": ("Old computers", "Old desktop computers"),
                                         "revenue_paise": (1_234_500, 1_300_000)}
    assert trail[2].old["deleted_at"] is None and trail[2].new["deleted_at"]
    # soft delete: the row is still there, only hidden
    assert store.db["scrap_disposal"].count == 1
    assert store.scrap.list(campaign.id) == []
    assert store.scrap.get(rec.id, include_deleted=True).item == "Old desktop computers"


def test_failed_save_writes_neither_row_nor_audit(opened, campaign):
    import pytest

    from desktop_app.errors import ValidationError

    before = opened.store.audit.count()
    with pytest.raises(ValidationError):
        opened.store.scrap.add(ScrapDisposal(campaign.id, date(2026, 10, 5), "", revenue_paise=-5))
    assert opened.store.audit.count() == before
    assert opened.store.db["scrap_disposal"].count == 0


def test_day_of_progress_is_one_transaction_with_audit(opened, campaign):
    store = opened.store
    store.set_clerk("Ravi")
    day = date(2026, 10, 3)
    assert store.progress.save_day(campaign.id, day, {"mp_references": 4, "files_reviewed": 120}) == 2
    assert store.progress.save_day(campaign.id, day, {"mp_references": 5, "files_reviewed": 120}) == 1
    entry = store.progress.for_day(campaign.id, day)["mp_references"]
    trail = store.audit.for_row("progress_entry", entry.id)
    assert [a.action for a in trail] == ["insert", "update"]
    assert trail[1].changed_fields()["value"] == (4, 5)
    assert store.progress.cumulative(campaign.id) == {"mp_references": 5, "files_reviewed": 120}
