"""One test per failure of tuspyserver/tuspy measured in docs/decisions/0001 that applies to
our own receiver and client (#1 racing resumes and #5 a crash mid-PATCH: test_resume.py;
#3 auth before the body: test_receiver_auth.py; #11 the reverse proxy: docs/upload.md).
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.keys import signing
from desktop_app.storage.outbox import OutboxRepository
from desktop_app.upload.backoff import RetryPolicy
from desktop_app.upload.client import Refused, TusClient
from desktop_app.upload.runner import send_outbox
from desktop_app.upload_protocol import RECEIPT_HEADER, signed_request_headers


def bundle_of(office) -> tuple[Path, int, str]:
    path = next(office.folder.exports.glob("*.zip"))
    data = path.read_bytes()
    return path, len(data), hashlib.sha256(data).hexdigest()


def client_for(office, url: str, chunk: int = 256 * 1024) -> TusClient:
    return TusClient(url, office.store.office.get().code,
                     signing.load_private_key(office.folder.keys), chunk_size=chunk,
                     io_timeout=10)


def finish(client: TusClient, url: str, path: Path, offset: int, size: int) -> None:
    for _ in range(1000):
        if offset >= size:
            return
        offset, _ = client.patch(url, path, offset, size)
    raise AssertionError("upload did not finish")


def wait_for_receipt(client: TusClient, sha: str, seconds: float = 15) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        document = client.receipt(sha)
        if document is not None:
            return json.loads(json.loads(document)["payload"])
        time.sleep(0.05)
    raise AssertionError("no receipt")


def test_2_a_dead_connection_neither_freezes_the_server_nor_keeps_its_upload(hq_site, make_office, up):
    site = hq_site.serve(body_idle_timeout_seconds=30.0)
    office = make_office("MH-PUNE-01")
    path, size, sha = bundle_of(office)
    client = client_for(office, site.url)
    created = client.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    part = path.read_bytes()[:20_000]
    sock = up.stalled_patch(site.server.port, office, created.url, part, size)
    try:
        time.sleep(0.3)
        started = time.monotonic()
        assert httpx.options(f"{site.url}/files/", timeout=5).status_code == 204
        offset = client.head(created.url)  # takes over from the silent request
        took = time.monotonic() - started
        assert took < 2.0, took
        assert offset == len(part)  # what the dead request delivered is kept
        finish(client, created.url, path, offset, size)
        assert wait_for_receipt(client, sha)["accepted"] is True
    finally:
        sock.close()
        client.close()


def test_2_a_silent_body_is_cut_after_the_idle_timeout(hq_site, make_office, up):
    site = hq_site.serve(body_idle_timeout_seconds=0.5)
    office = make_office("MH-PUNE-01")
    path, size, sha = bundle_of(office)
    client = client_for(office, site.url)
    created = client.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    upload_id = created.url.rsplit("/", 1)[1]
    sock = up.stalled_patch(site.server.port, office, created.url, path.read_bytes()[:10_000], size)
    try:
        deadline = time.monotonic() + 5
        while site.rx.state.get(upload_id).offset != 10_000 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.rx.state.get(upload_id).offset == 10_000
        sock.settimeout(5)
        assert b" 408 " in sock.recv(4096)  # told why, then closed
    finally:
        sock.close()
        client.close()


def test_4_size_is_fixed_at_creation_and_a_patch_cannot_pass_it(hq_site, make_office):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01")
    path, size, sha = bundle_of(office)
    client = client_for(office, site.url)
    created = client.create(size=size - 1000, sha256=sha, file_name=path.name, campaign_id="c")
    partial = hq_site.root / "uploads" / "partial" / f"{created.url.rsplit('/', 1)[1]}.part"
    client.chunk_size = size  # one PATCH with more than was declared
    with pytest.raises(Refused) as caught:
        client.patch(created.url, path, 0, size)
    assert caught.value.status == 413 and partial.stat().st_size == 0
    client.close()


def test_6_completion_twice_imports_once_and_gives_the_same_receipt(hq_site, make_office):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01")
    path, size, sha = bundle_of(office)
    client = client_for(office, site.url)
    created = client.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    finish(client, created.url, path, 0, size)
    first = client.receipt(sha)
    # The final response was "lost": the client sends the empty final PATCH again, twice at once.
    results = []

    def again() -> None:
        results.append(client.patch(created.url, path, size, size))

    threads = [threading.Thread(target=again) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert [r[0] for r in results] == [size, size]
    assert all(r[1] == f"/receipts/{sha}" for r in results)
    [upload] = [u for u in [site.rx.state.get(created.url.rsplit("/", 1)[1])] if u]
    assert site.rx.completion.import_and_sign(upload) == first  # the hook itself, once more
    assert client.receipt(sha) == first
    assert [r[0] for r in hq_site.import_log(sha)] == ["accepted"]
    head = httpx.head(created.url, timeout=5, headers={"Tus-Resumable": "1.0.0"} | signed_request_headers(
        signing.load_private_key(office.folder.keys), "HEAD", "MH-PUNE-01", upload.id))
    assert head.headers[RECEIPT_HEADER] == f"/receipts/{sha}"
    client.close()


def test_7_a_slow_import_does_not_hold_up_other_requests(hq_site, make_office):
    real = hq_backend(hq_site.hq)
    importing = threading.Event()

    def slow_import(path, **kwargs):
        importing.set()
        time.sleep(2.0)
        return real.import_bundle(path, **kwargs)

    backend = type(real)(**{**real.__dict__, "import_bundle": slow_import})
    site = hq_site.serve(backend=backend, finalize_wait_seconds=0.1)
    pune, delhi = make_office("MH-PUNE-01"), make_office("DL-042")
    path, size, sha = bundle_of(pune)
    client = client_for(pune, site.url)
    created = client.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    finish(client, created.url, path, 0, size)
    assert importing.wait(5)
    other_path, other_size, other_sha = bundle_of(delhi)
    other = client_for(delhi, site.url)
    started = time.monotonic()
    other_upload = other.create(size=other_size, sha256=other_sha, file_name=other_path.name,
                                campaign_id="c")
    assert other.head(other_upload.url) == 0
    assert httpx.get(f"{site.url}/receipts/{sha}", timeout=5).status_code == 202
    assert time.monotonic() - started < 0.5
    assert wait_for_receipt(client, sha)["accepted"] is True
    client.close()
    other.close()


def test_9_unfinished_uploads_expire_and_are_swept(hq_site, make_office):
    site = hq_site.serve(expire_seconds=1, cleanup_interval_seconds=0.2)
    office = make_office("MH-PUNE-01")
    path, size, sha = bundle_of(office)
    client = client_for(office, site.url, chunk=4096)
    created = client.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    client.patch(created.url, path, 0, size)
    partial = hq_site.root / "uploads" / "partial" / f"{created.url.rsplit('/', 1)[1]}.part"
    deadline = time.monotonic() + 5
    while partial.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not partial.exists()
    with pytest.raises(Exception) as caught:
        client.head(created.url)
    assert "expired" in str(caught.value)
    assert any(e["kind"] == "expired" for e in site.rx.state.events())
    client.close()


def test_10_a_server_that_never_answers_times_out_calmly(hq_site, make_office, up):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])  # and never answer
            except (TimeoutError, OSError):
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        office = make_office("MH-PUNE-01", url=f"http://127.0.0.1:{listener.getsockname()[1]}")
        policy = RetryPolicy(base_delay=0.05, max_delay=0.1, first_contact_tries=2,
                             connect_timeout=0.5, io_timeout=0.5)
        started = time.monotonic()
        report = send_outbox(office, policy=policy)
        assert time.monotonic() - started < 4
        assert report.offline and "cannot be reached" in report.message
        [entry] = OutboxRepository(office.store).entries()
        assert entry.status == "queued" and "timed out" in entry.last_error
        assert entry.next_attempt_at
    finally:
        stop.set()
        thread.join(5)
        listener.close()
        for sock in accepted:
            sock.close()
