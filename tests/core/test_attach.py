"""Attaching photos to records, the data-quality review, and the office key."""

from datetime import date, datetime, timedelta, timezone

import pytest

from desktop_app.domain.choices import PhotoRole
from desktop_app.photos.attach import attach_files
from desktop_app.photos.review import photo_warnings
from desktop_app.photos.synthetic import make_camera_jpeg

IST = timezone(timedelta(hours=5, minutes=30))


def _jpeg(tmp_path, name, seed, day=date(2026, 10, 10), lat=18.5308, lon=73.8475):
    return make_camera_jpeg(tmp_path / name, width=800, height=600, seed=seed,
                            taken_at=datetime(day.year, day.month, day.day, 10, 0, tzinfo=IST), lat=lat, lon=lon)


def test_attach_records_links_and_stores_once(demo, tmp_path):
    store = demo.store
    site = store.sites.list(store.campaigns.current().id)[0]
    good = _jpeg(tmp_path, "a.jpg", 1)
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    result = attach_files(store, demo.folder, [good, bad], "site", site.id, PhotoRole.BEFORE)
    assert len(result.attached) == 1
    assert result.refused[0][0] == str(bad) and "notes.jpg" in result.refused[0][1]
    sha = result.attached[0]
    assert (demo.folder.photos / f"{sha}.jpg").is_file()
    photo = store.photos.get(sha)
    assert photo.original_name == "a.jpg" and photo.taken_at.startswith("2026-10-10T10:00")
    assert abs(photo.latitude - 18.5308) < 1e-4
    links = store.photos.links_for("site", site.id)
    assert [(link.photo_sha256, link.role) for link in links] == [(sha, PhotoRole.BEFORE)]
    # the same picture again: one file, one photo row, still one link
    again = attach_files(store, demo.folder, [good], "site", site.id, PhotoRole.BEFORE)
    assert again.attached == [sha]
    assert len(store.photos.links_for("site", site.id)) == 1
    assert store.db["photo"].count == 1
    # detaching is soft and audited, and keeps the file
    store.photos.detach(links[0].id)
    assert store.photos.links_for("site", site.id) == []
    assert (demo.folder.photos / f"{sha}.jpg").is_file()
    assert [a.action for a in store.audit.for_row("photo_link", links[0].id)] == ["insert", "delete"]


def test_site_photo_needs_a_role(demo, tmp_path):
    site = demo.store.sites.list(demo.store.campaigns.current().id)[0]
    with pytest.raises(ValueError, match="before or after"):
        attach_files(demo.store, demo.folder, [_jpeg(tmp_path, "a.jpg", 1)], "site", site.id)


def test_review_warns_about_reuse_and_order(demo, tmp_path):
    store = demo.store
    campaign = store.campaigns.current()
    s1, s2 = store.sites.list(campaign.id)[:2]
    late = _jpeg(tmp_path, "before.jpg", 7, day=date(2026, 10, 20))
    early = _jpeg(tmp_path, "after.jpg", 8, day=date(2026, 10, 5))
    attach_files(store, demo.folder, [late], "site", s1.id, PhotoRole.BEFORE)
    attach_files(store, demo.folder, [early], "site", s1.id, PhotoRole.AFTER)
    attach_files(store, demo.folder, [late], "site", s2.id, PhotoRole.BEFORE)  # reused elsewhere
    codes = {w.code for w in photo_warnings(store, campaign)}
    assert "after_before_order" in codes
    assert "reused_across_sites" in codes


def test_office_key_is_created_once_and_replacement_is_audited(demo):
    from desktop_app.errors import FieldDeskError
    from desktop_app.keys.office_key import create_office_key

    first = create_office_key(demo)
    assert demo.store.office.get().key_fingerprint == first
    with pytest.raises(FieldDeskError, match="already has a signing key"):
        create_office_key(demo)
    with pytest.raises(FieldDeskError, match="reason"):
        create_office_key(demo, replace=True)
    second = create_office_key(demo, replace=True, reason="laptop stolen")
    assert second != first
    history = demo.store.office.key_history()
    assert [h["fingerprint"] for h in history] == [first, second]
    assert history[0]["retired_at"] and history[1]["retired_at"] is None
    assert list((demo.folder.keys / "retired").iterdir())
    audit = demo.store.audit.for_row("key_history", second)
    assert audit and audit[0].new["reason"] == "laptop stolen"


def test_photos_of_a_deleted_record_are_not_referenced(demo, tmp_path):
    store = demo.store
    campaign = store.campaigns.current()
    event = store.events.list(campaign.id)[0]
    sha = attach_files(store, demo.folder, [_jpeg(tmp_path, "e.jpg", 5)], "event", event.id).attached[0]
    assert sha in {p.sha256 for p in store.photos.referenced(campaign.id)}
    store.events.delete(event.id)
    assert sha not in {p.sha256 for p in store.photos.referenced(campaign.id)}
    assert all(link.target_id != event.id for link in store.photos.links_of_campaign(campaign.id))
    store.events.restore(event.id)
    assert sha in {p.sha256 for p in store.photos.referenced(campaign.id)}
