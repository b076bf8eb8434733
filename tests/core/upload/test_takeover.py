"""Bad links: when a stalled connection still holds an upload, a new signed request from the
same office takes over at once — not after the 15 s lock timeout and a 423 (16.9 s to
resume). A stranger's request never interrupts an office's upload."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import httpx
import pytest

from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.keys import signing
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload.client import OffsetMismatch, TusClient
from desktop_app.upload.remote import set_remote
from desktop_app.upload.runner import send_outbox
from desktop_app.upload_protocol import signed_request_headers

PRODUCTION = ReceiverConfig(root=Path("."))  # the receiver's own timeouts: 15 s lock, 60 s body
HELD = 20_000  # bytes the stalled request delivered before its link went silent


def bundle_of(office) -> tuple[Path, int, str]:
    path = next(office.folder.exports.glob("*.zip"))
    data = path.read_bytes()
    return path, len(data), hashlib.sha256(data).hexdigest()


def client_for(office, url: str) -> TusClient:
    return TusClient(url, office.store.office.get().code,
                     signing.load_private_key(office.folder.keys), io_timeout=30)


@pytest.fixture
def held(hq_site, make_office, up):
    """A receiver with production timeouts, and an upload held by a stalled PATCH."""
    site = hq_site.serve(lock_timeout_seconds=PRODUCTION.lock_timeout_seconds,
                         body_idle_timeout_seconds=PRODUCTION.body_idle_timeout_seconds)
    office = make_office("MH-PUNE-01")
    path, size, sha = bundle_of(office)
    client = client_for(office, site.url)
    created = client.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    sock = up.stalled_patch(site.server.port, office, created.url, path.read_bytes()[:HELD], size)
    lock = site.rx.locks.get(created.url.rsplit("/", 1)[1])
    deadline = time.monotonic() + 5
    while not lock.busy and time.monotonic() < deadline:
        time.sleep(0.01)
    assert lock.busy
    time.sleep(0.2)  # its bytes are in
    yield site, office, client, created, (path, size, sha)
    sock.close()
    client.close()


def test_the_offices_patch_takes_over_a_stalled_one_at_once(held):
    site, office, client, created, (path, size, sha) = held
    started = time.monotonic()
    with pytest.raises(OffsetMismatch) as caught:  # it asked for 0: the stalled one had more
        client.patch(created.url, path, 0, size)
    took = time.monotonic() - started
    assert took < 3.0, f"{took:.1f} s: waited for the lock instead of taking over"
    assert caught.value.offset == HELD  # what the stalled request carried is kept
    offset = HELD
    while offset < size:
        offset, _ = client.patch(created.url, path, offset, size)
    assert offset == size


def test_a_stranger_cannot_take_over_an_offices_upload(held, make_office, hq_site):
    site, office, client, created, (path, size, sha) = held
    stranger = make_office("DL-042")
    upload_id = created.url.rsplit("/", 1)[1]
    headers = signed_request_headers(signing.load_private_key(stranger.folder.keys), "PATCH",
                                     "DL-042", upload_id, 0, 10)
    started = time.monotonic()
    response = httpx.patch(created.url, content=b"x" * 10, timeout=20, headers=headers | {
        "Tus-Resumable": "1.0.0", "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream"})
    assert response.status_code == 403 and time.monotonic() - started < 3.0
    assert site.rx.locks.get(upload_id).busy  # the office's own request still holds it


def test_an_office_that_lost_its_upload_address_resumes_well_under_the_lock_timeout(held, hq_site):
    """The outbox never stored the address (the answer to its POST was lost): the repeated
    POST gets the same upload, at the offset the stalled request settles on, at once."""
    site, office, client, created, (path, size, sha) = held
    [entry] = OutboxRepository(office.store).entries()
    assert entry.tus_url == ""
    set_remote(office, site.url, hq_site.public_pem)
    started = time.monotonic()
    report = send_outbox(office)
    took = time.monotonic() - started
    assert len(report.accepted) == 1, report.message
    assert took < PRODUCTION.lock_timeout_seconds / 3, f"{took:.1f} s to resume"
    assert report.bytes_sent == size - HELD  # resumed after the stalled request's bytes

