"""Requests refused before any office was verified stay out of the offices' upload log.

100 junk POSTs claiming a registered office pushed its real entries off the
status page and made it look "refused". Now they are counted apart (strangers.py): the
office's log keeps its own events only, the status page shows the junk as claimed by an
unverified sender, and a flood costs a handful of rows and disk writes.
"""

from __future__ import annotations

import re

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.hq.receiver import strangers
from desktop_app.upload.runner import send_outbox
from desktop_app.upload_protocol import (
    b64,
    create_message,
    encode_metadata,
    new_nonce,
    unix_now,
)

OFFICE = "MH-PUNE-01"


def junk(http: httpx.Client, office: str, *, key=None) -> httpx.Response:
    """A creation request claiming *office*: unsigned, or signed with a key not its own."""
    meta = {"office": office, "sha256": "ab" * 32, "ts": str(unix_now()), "nonce": new_nonce()}
    if key is not None:
        meta["sig"] = b64(key.sign(create_message(office, 1000, meta["sha256"],
                                                  int(meta["ts"]), meta["nonce"])))
    return http.post("/files/", headers={
        "Tus-Resumable": "1.0.0", "Upload-Length": "1000", "Upload-Metadata": encode_metadata(meta)})


def table(page: str, table_id: str) -> list[str]:
    body = re.search(rf"<table id=[\"']{table_id}[\"']>.*?<tbody>(.*?)</tbody>", page, re.S)[1]
    return [re.sub(r"<[^>]+>", " ", row) for row in re.findall(r"<tr.*?</tr>", body, re.S)]


def test_a_hundred_junk_posts_leave_the_offices_log_alone(hq_site, make_office, up):
    site = hq_site.serve(log_rows=10)
    office = make_office(OFFICE, url=site.url)
    report = send_outbox(office, policy=up.POLICY)
    assert len(report.accepted) == 1, report

    forged = Ed25519PrivateKey.generate()
    with httpx.Client(base_url=site.url, timeout=10) as http:
        for i in range(100):
            response = junk(http, OFFICE, key=forged if i % 2 else None)
            assert response.status_code in (401, 403), response.text
        page = http.get("/").text
    log = table(page, "log")
    assert any("accepted" in row and OFFICE in row for row in log), log  # still on the page
    assert any("created" in row for row in log), log
    assert not any("refused" in row for row in log), log
    office_row = re.search(rf"<tr data-office=[\"']{OFFICE}[\"']>.*?</tr>", page, re.S)[0]
    assert "up to date" in office_row and "refused" not in office_row

    rows = table(page, "strangers")
    assert all("(unverified)" in row for row in rows), rows
    counted = [r for r in site.rx.state.refusals() if r["claimed_office"] == OFFICE]
    assert sum(r["count"] for r in counted) == 100
    assert len(counted) == 2  # unsigned, and a signature that does not match: two kinds
    assert {r["status"] for r in counted} == {401, 403}
    assert "100 requests refused in 24 hours before any office was verified" in page
    # nothing of it in the offices' own log
    events = site.rx.state.events(1000)
    assert [e for e in events if e["kind"] == "refused"] == []


def test_a_flood_of_invented_offices_is_bounded(hq_site):
    site = hq_site.serve()
    with httpx.Client(base_url=site.url, timeout=10) as http:
        for i in range(strangers.MAX_KINDS_PER_HOUR + 30):
            assert junk(http, f"XX-{i:04d}").status_code == 401
        assert junk(http, "not an office code!").status_code == 401
    rows = site.rx.strangers.rows(1000)
    assert len(rows) == strangers.MAX_KINDS_PER_HOUR + 1
    assert sum(r["count"] for r in rows) == strangers.MAX_KINDS_PER_HOUR + 31
    others = next(r for r in rows if r["claimed_office"] == strangers.OTHERS)
    assert others["count"] == 31


def test_counts_reach_the_disk_at_most_every_few_seconds():
    writes = []

    class State:
        def add_refusals(self, rows):
            writes.append(rows)

    now = [1_800_000_000.0]
    log = strangers.StrangerLog(State(), clock=lambda: now[0])
    for _ in range(500):
        log.note("DL-001", "POST", 401, "unsigned upload request: sig missing")
        now[0] += 0.001  # 500 requests in half a second
    assert len(writes) == 1 and writes[0][0]["count"] == 1  # the first one, then held
    now[0] += strangers.FLUSH_SECONDS
    log.note("DL-001", "POST", 401, "unsigned upload request: sig missing")
    assert len(writes) == 2 and writes[1][0]["count"] == 500


def test_a_verified_offices_own_refusal_stays_in_its_log(hq_site, make_office):
    from desktop_app.keys import signing

    site = hq_site.serve(max_upload_bytes=500)
    office = make_office(OFFICE)
    key = signing.load_private_key(office.folder.keys)
    meta = {"office": OFFICE, "sha256": "cd" * 32, "ts": str(unix_now()), "nonce": new_nonce()}
    meta["sig"] = b64(key.sign(create_message(OFFICE, 1000, meta["sha256"], int(meta["ts"]),
                                              meta["nonce"])))
    response = httpx.post(f"{site.url}/files/", timeout=10, headers={
        "Tus-Resumable": "1.0.0", "Upload-Length": "1000", "Upload-Metadata": encode_metadata(meta)})
    assert response.status_code == 413
    (event,) = [e for e in site.rx.state.events() if e["kind"] == "refused"]
    assert event["office_code"] == OFFICE and "413" in event["detail"]
    assert site.rx.strangers.rows() == []
