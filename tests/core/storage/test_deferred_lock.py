"""``open_folder(defer_lock=True)``: reads before the lock, no write until ``take_lock()``."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.choices import ScrapCategory
from desktop_app.domain.models import ScrapDisposal
from desktop_app.errors import DataFolderLockedError
from desktop_app.storage.store import open_folder
from tests.conftest import TODAY


def _scrap(cid: str) -> ScrapDisposal:
    return ScrapDisposal(cid, date(2026, 10, 10), "Old almirah", ScrapCategory.FURNITURE, 1.0, "piece",
                         revenue_paise=150_000, space_freed_sqft=12)


def test_reads_before_the_lock_and_writes_only_after_it(demo):
    home = demo.folder.root
    demo.close()
    opened = open_folder(home, defer_lock=True, today=lambda: TODAY)
    try:
        assert opened.lock_pending and opened.store.office.get().code
        cid = opened.store.campaigns.current().id
        before = opened.store.conn.execute("SELECT count(*) FROM scrap_disposal").fetchone()[0]
        with pytest.raises(Exception, match="read-only|readonly"):
            opened.store.scrap.add(_scrap(cid))
        assert opened.store.conn.execute("SELECT count(*) FROM scrap_disposal").fetchone()[0] == before
        opened.take_lock()
        assert not opened.lock_pending and opened.lock is not None
        opened.store.scrap.add(_scrap(cid))
        assert opened.store.conn.execute("SELECT count(*) FROM scrap_disposal").fetchone()[0] == before + 1
        with pytest.raises(DataFolderLockedError, match="already open"):
            open_folder(home)  # the lock is really held
    finally:
        opened.close()


def test_a_new_folder_or_an_outdated_schema_takes_the_lock_at_once(tmp_path, monkeypatch):
    new = open_folder(tmp_path / "new", defer_lock=True)
    try:
        assert new.lock is not None and not new.store.read_only  # it had to be created
    finally:
        new.close()
    import desktop_app.storage.store as store_module

    monkeypatch.setattr(store_module, "schema_is_current", lambda conn: False)  # as after an upgrade
    upgraded = open_folder(tmp_path / "new", defer_lock=True)
    try:
        assert upgraded.lock is not None and not upgraded.store.read_only
    finally:
        upgraded.close()
