"""The open folder every shell and use case takes: a worker thread's copy of it, and the
folder read again after a restore."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from desktop_app.domain.choices import ScrapCategory
from desktop_app.domain.models import ScrapDisposal
from desktop_app.errors import DataFolderLockedError
from desktop_app.storage.store import open_folder
from tests.conftest import TODAY


def _scrap(cid: str, item: str) -> ScrapDisposal:
    return ScrapDisposal(cid, date(2026, 10, 10), item, ScrapCategory.FURNITURE, 1.0, "piece",
                         revenue_paise=150_000, space_freed_sqft=12)


def test_a_worker_thread_writes_on_its_own_connection_and_leaves_the_lock(demo):
    cid = demo.store.campaigns.current().id
    done: list[str] = []

    def work() -> None:
        with demo.for_worker_thread() as worker:
            assert worker.store.conn is not demo.store.conn and worker.folder == demo.folder
            done.append(worker.store.scrap.add(_scrap(cid, "Old almirah")).id)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert [r["item"] for r in demo.store.scrap.page(cid, limit=1000) if r["id"] == done[0]] == ["Old almirah"]
    demo.store.scrap.add(_scrap(cid, "Broken chair"))  # this connection is still open
    with pytest.raises(DataFolderLockedError):
        open_folder(demo.folder.root)  # and the lock still held


def test_before_the_lock_a_worker_may_not_write_either(demo):
    home = demo.folder.root
    demo.close()
    opened = open_folder(home, defer_lock=True, today=lambda: TODAY)
    try:
        cid = opened.store.campaigns.current().id
        with opened.for_worker_thread() as worker, pytest.raises(Exception, match="read-only|readonly"):
            worker.store.scrap.add(_scrap(cid, "x"))
    finally:
        opened.close()


def test_after_a_restore_the_folder_is_read_again_and_the_clerk_stays(demo):
    demo.settings.clerk_name, demo.settings.language = "R. Verma", "hi"
    demo.save_settings()
    (demo.folder.settings).write_text('{"clerk_name": "Someone before", "language": "en", '
                                      '"photo_max_edge": 1024}', encoding="utf-8")
    demo.store.close()
    demo.reopen_after_restore()
    assert demo.settings.photo_max_edge == 1024
    assert (demo.settings.clerk_name, demo.settings.language) == ("R. Verma", "hi")
    assert demo.store.office.get().code  # a working connection again
