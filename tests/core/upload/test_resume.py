"""Uploads that are cut, killed or restarted continue from the last byte headquarters has."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.errors import Cancelled
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.storage.store import open_folder
from desktop_app.upload.runner import send_outbox

REPO = Path(__file__).resolve().parents[3]


def bundle_size(office) -> int:
    [entry] = OutboxRepository(office.store).entries()
    return (office.folder.exports / entry.file_name).stat().st_size


def test_cut_every_300kb_with_no_retry_delay_resumes_and_stays_under_1_2x(
        hq_site, make_office, links, up):
    """docs/decisions/0001 #1: the client retries at once (delay 0), the server's HEAD waits for the cut
    request to commit, so no byte is sent twice beyond what was in flight."""
    site = hq_site.serve()
    link = links(site.server.port, cut_every=300_000, max_cuts=20)
    office = make_office("MH-PUNE-01", photos=8, url=link.url)
    size = bundle_size(office)
    racing = dataclasses.replace(up.POLICY, base_delay=0.0, max_delay=0.0, resume_delay=0.0)

    report = send_outbox(office, policy=racing)

    assert len(report.accepted) == 1, report
    assert link.cuts >= 5
    assert link.client_bytes < 1.2 * size, (link.client_bytes, size, link.cuts)


def test_creation_request_cut_is_retried(hq_site, make_office, links, up):
    """docs/decisions/0001 #10: tuspy never retries the creation POST; we do."""
    site = hq_site.serve()
    link = links(site.server.port, cut_every=300, max_cuts=1)
    office = make_office("MH-PUNE-01", url=link.url)
    report = send_outbox(office, policy=up.POLICY)
    assert len(report.accepted) == 1 and link.cuts == 1


def _stored_offset(home: Path) -> int:
    """The offset the office's database holds now (read beside the running upload)."""
    conn = sqlite3.connect(f"file:{home / 'fielddesk.db'}?mode=ro", uri=True, timeout=5)
    try:
        row = conn.execute("SELECT max(offset) FROM upload_state").fetchone()
    finally:
        conn.close()
    return row[0] or 0


def test_client_killed_mid_upload_resumes_from_the_stored_offset(hq_site, make_office, links, up):
    site = hq_site.serve()
    link = links(site.server.port, rate=1_500_000)  # ~2.2 MB takes ~1.5 s
    office = make_office("MH-PUNE-01", photos=8, url=link.url)
    size = bundle_size(office)
    home = office.folder.root
    office.close()  # the CLI process takes the folder lock

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "--home", str(home), "upload"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            live = site.rx.state.live()
            # killed once headquarters has a third and the office has recorded an offset
            # (it records each offset headquarters confirms, at the end of each chunk)
            if live and live[0].offset > size // 3 and _stored_offset(home) > 0:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        else:
            raise AssertionError("the upload never got a third of the way")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    sent_before = link.client_bytes
    committed = site.rx.state.live()[0].offset

    reopened = open_folder(home)
    try:
        [entry] = OutboxRepository(reopened.store).entries()
        assert entry.status == "uploading" and entry.tus_url and 0 < entry.offset <= committed
        report = send_outbox(reopened, policy=up.POLICY)
        assert len(report.accepted) == 1, report
        assert report.bytes_sent <= size - committed + 65536  # resumed, not restarted
        assert link.client_bytes < 1.2 * size, (link.client_bytes, sent_before, size)
    finally:
        reopened.close()


def test_server_restart_mid_upload_keeps_only_committed_bytes(hq_site, make_office, links, up):
    """docs/decisions/0001 #5: a crash leaves bytes behind the committed offset; the resumed upload cuts
    them off first, so the file comes out with the right hash (not 28 MB for 20)."""
    site = hq_site.serve()
    link = links(site.server.port, rate=1_500_000)
    office = make_office("MH-PUNE-01", photos=8, url=link.url)
    size = bundle_size(office)

    def cancel_after_a_third() -> bool:
        live = site.rx.state.live()
        return bool(live and live[0].offset > size // 3)

    with pytest.raises(Cancelled):
        send_outbox(office, policy=up.POLICY, cancelled=cancel_after_a_third)
    site.server.stop()
    [upload] = site.rx.state.live()
    partial = hq_site.root / "uploads" / "partial" / f"{upload.id}.part"
    committed = upload.offset
    with open(partial, "ab") as fh:  # what a kill -9 between write and commit leaves
        fh.write(os.urandom(300_000))
    assert partial.stat().st_size == committed + 300_000

    again = hq_site.serve()  # a new receiver process on the same folder
    assert again.rx.state.get(upload.id).offset == committed
    link.target_port = again.server.port  # same address for the office
    report = send_outbox(office, policy=up.POLICY)
    assert len(report.accepted) == 1, report
    assert report.bytes_sent <= size - committed + 65536
    [entry] = OutboxRepository(office.store).entries()
    assert [r[0] for r in hq_site.import_log(entry.bundle_sha256)] == ["accepted"]
