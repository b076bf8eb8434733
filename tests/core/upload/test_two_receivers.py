"""Two ``fielddesk hq serve`` processes on different ports, one PostgreSQL database and one
headquarters folder (what two receivers behind one proxy share): an upload begun on one
resumes on the other — also when a request of the first is stalled on a dead link holding
the upload, which the second asks to give way through the database — and either serves the
receipt."""

from __future__ import annotations

import hashlib
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desktop_app.hq.receiver.testkit import free_port
from desktop_app.keys import signing
from desktop_app.upload.client import TusClient
from desktop_app.upload_protocol import signed_request_headers

WAIT = 60


class Serve:
    """``fielddesk --home HQDIR hq serve --port PORT`` in a process of its own."""

    def __init__(self, home: Path, *, workers: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "--home", str(home),
                                      "hq", "serve", "--port", str(self.port), "--workers",
                                      str(workers)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + WAIT
        while True:
            assert self.proc.poll() is None, self.proc.stderr.read()
            try:
                if httpx.options(f"{self.url}/files/", timeout=2,
                                 headers={"Tus-Resumable": "1.0.0"}).status_code == 204:
                    return
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "hq serve did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc.stderr.close()


@pytest.fixture
def receivers(hq_site):
    """Receiver A (with an import worker) and receiver B (none), on hq_site's folder."""
    started = [Serve(hq_site.root, workers=1), Serve(hq_site.root, workers=0)]
    yield started
    for server in started:
        server.stop()


def bundle_of(office) -> tuple[Path, int, str]:
    path = next(office.folder.exports.glob("*.zip"))
    data = path.read_bytes()
    return path, len(data), hashlib.sha256(data).hexdigest()


def on(url: str, server: Serve) -> str:
    """The same upload's address, on *server*."""
    return f"{server.url}/files/{url.rstrip('/').rsplit('/', 1)[1]}"


def accepted(client: TusClient, sha: str) -> bool:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        document = client.receipt(sha)
        if document is not None:
            return json.loads(json.loads(document)["payload"])["accepted"]
        time.sleep(0.1)
    raise AssertionError("no receipt")


@pytest.mark.parametrize("hq_db", ["postgresql"], indirect=True)
def test_an_upload_begun_on_one_receiver_resumes_on_the_other(receivers, make_office):
    a, b = receivers
    office = make_office("MH-PUNE-01", photos=4)
    path, size, sha = bundle_of(office)
    key = signing.load_private_key(office.folder.keys)
    to_a = TusClient(a.url, "MH-PUNE-01", key, chunk_size=64 * 1024)
    to_b = TusClient(b.url, "MH-PUNE-01", key, chunk_size=64 * 1024)
    created = to_a.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    offset, _ = to_a.patch(created.url, path, 0, size)
    assert offset == 64 * 1024
    # the link moves to the other receiver: it knows the upload and its offset
    assert to_b.head(on(created.url, b)) == offset
    while offset < size:
        offset, receipt = to_b.patch(on(created.url, b), path, offset, size)
    assert receipt == f"/receipts/{sha}"
    assert accepted(to_a, sha) and accepted(to_b, sha)  # either serves the receipt
    assert to_a.receipt(sha) == to_b.receipt(sha)
    page = httpx.get(f"{b.url}/", timeout=10).text  # no staff account: open on this machine
    assert '<span id="waiting">0 bundles waiting to be imported</span>' in page
    assert "MH-PUNE-01" in page
    to_a.close()
    to_b.close()


@pytest.mark.parametrize("hq_db", ["postgresql"], indirect=True)
def test_a_request_stalled_on_one_receiver_gives_way_to_the_office_on_the_other(
        receivers, make_office, hq_site):
    a, b = receivers
    office = make_office("MH-PUNE-01", photos=4)
    path, size, sha = bundle_of(office)
    key = signing.load_private_key(office.folder.keys)
    to_b = TusClient(b.url, "MH-PUNE-01", key, chunk_size=256 * 1024)
    created = to_b.create(size=size, sha256=sha, file_name=path.name, campaign_id="c")
    upload_id = created.url.rsplit("/", 1)[1]
    # a PATCH to A sends 20,000 bytes, then its link goes silent (A's body timeout: 60 s)
    headers = signed_request_headers(key, "PATCH", "MH-PUNE-01", upload_id, 0, size)
    lines = [f"PATCH /files/{upload_id} HTTP/1.1", f"Host: 127.0.0.1:{a.port}",
             "Tus-Resumable: 1.0.0", "Upload-Offset: 0", f"Content-Length: {size}",
             "Content-Type: application/offset+octet-stream",
             *(f"{k}: {v}" for k, v in headers.items())]
    stalled = socket.create_connection(("127.0.0.1", a.port), timeout=5)
    stalled.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + path.read_bytes()[:20_000])
    try:
        time.sleep(1.0)  # A holds the upload and has its bytes
        started = time.monotonic()
        offset = to_b.head(created.url)  # B asks A, through the database, to give way
        took = time.monotonic() - started
        assert offset == 20_000, offset
        assert took < 5, f"{took:.1f} s: B waited for A's lock timeout"
        while offset < size:
            offset, _ = to_b.patch(created.url, path, offset, size)
    finally:
        stalled.close()
    assert accepted(to_b, sha)
    assert [r[0] for r in hq_site.import_log(sha)] == ["accepted"]
    events = [r[0] for r in hq_site.rows("SELECT kind FROM upload_event WHERE upload_id = :u "
                                         "ORDER BY id", u=upload_id)]
    assert events[0] == "created" and events[-1] == "accepted"
    to_b.close()
