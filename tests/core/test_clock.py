"""One place for "now": patching ``desktop_app.clock.now`` moves every date the office writes."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app import clock
from desktop_app.domain.models import Office, ScrapDisposal

SHIFTED = datetime(2026, 10, 9, 14, 5, 7, tzinfo=UTC)


@pytest.fixture
def shifted(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: SHIFTED)
    return SHIFTED


def test_utcnow_and_today_read_now_at_call_time(shifted):
    assert clock.utcnow() == "2026-10-09T14:05:07Z"
    assert clock.today() == SHIFTED.astimezone().date()
    from desktop_app.storage.database import utcnow  # the repositories' name for it

    assert utcnow() == "2026-10-09T14:05:07Z"


def test_iso_round_trips_and_reads_sqlite_fractions():
    moment = datetime(2026, 12, 5, 8, 0, 1, tzinfo=UTC)
    assert clock.parse_iso(clock.iso(moment)) == moment
    assert clock.parse_iso("2026-12-05T08:00:01.250Z") == moment + timedelta(milliseconds=250)


def test_a_store_opened_without_a_today_follows_the_clock(tmp_path, shifted):
    from desktop_app.domain.templates import load_template, templates_dir
    from desktop_app.storage.store import open_folder

    with open_folder(tmp_path / "office") as opened:
        assert opened.store.today() == SHIFTED.astimezone().date()
        path = templates_dir() / "special-campaign-6.json"
        campaign = load_template(path)
        opened.store.office.save(Office("DL-042", "Regional Office, Delhi"))
        opened.store.campaigns.add(campaign, json.loads(path.read_text(encoding="utf-8")))
        record = opened.store.scrap.add(ScrapDisposal(campaign.id, date(2026, 10, 5), "Old chairs"))
        row = opened.store.db["scrap_disposal"].get(record.id)
    assert row["created_at"] == row["updated_at"] == "2026-10-09T14:05:07Z"


def test_a_date_in_the_clocks_future_is_refused_as_in_the_future(tmp_path, shifted):
    """Entries are validated against the clock's today: a clock behind refuses today's real work
    (which is why the app warns about a wrong clock) but never changes a date."""
    from desktop_app.domain.templates import load_template, templates_dir
    from desktop_app.errors import ValidationError
    from desktop_app.storage.store import open_folder

    with open_folder(tmp_path / "office") as opened:
        path = templates_dir() / "special-campaign-6.json"
        campaign = load_template(path)
        opened.store.office.save(Office("DL-042", "Regional Office, Delhi"))
        opened.store.campaigns.add(campaign, json.loads(path.read_text(encoding="utf-8")))
        with pytest.raises(ValidationError) as err:
            opened.store.scrap.add(ScrapDisposal(campaign.id, date(2026, 10, 12), "Old chairs"))
        assert "in the future" in str(err.value.errors["disposal_date"])


def test_backup_name_and_manifest_follow_the_clock(demo, shifted):
    from desktop_app.storage.backup import create_backup

    out = create_backup(demo.folder)
    assert out.name == f"fielddesk-backup-{SHIFTED.astimezone():%Y%m%d-%H%M%S}.zip"
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("backup.json"))["created_at"] == "2026-10-09T14:05:07Z"


def test_the_bundle_created_at_follows_the_clock(demo, shifted):
    from desktop_app.bundle.export import export_bundle
    from desktop_app.keys.office_key import create_office_key

    create_office_key(demo)
    result = export_bundle(demo)[0]
    with zipfile.ZipFile(result.path) as zf:
        assert json.loads(zf.read("manifest.json"))["created_at"] == "2026-10-09T14:05:07Z"
    assert demo.store.exports.last(demo.store.campaigns.current().id).created_at == "2026-10-09T14:05:07Z"
