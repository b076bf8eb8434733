"""Old PCs: a PC clock that is off by hours or years no longer stops an upload. The office
signs headquarters' time (asked for, signed by HQ over the office's nonce); headquarters
still checks every signature against its own clock, so a captured request is still
useless later; the clerk is told how far off the PC clock is; no date is changed."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app import cli, clock
from desktop_app.keys import signing
from desktop_app.upload import hq_time
from desktop_app.upload.client import Refused, TusClient
from desktop_app.upload.hq_time import clock_note, read_hq_time
from desktop_app.upload.runner import send_outbox
from desktop_app.upload_protocol import (
    HQ_TIME_HEADER,
    HQ_TIME_SIGNATURE_HEADER,
    TIME_NONCE_HEADER,
    new_nonce,
    signed_request_headers,
)

HOUR, DAY, YEAR = 3600, 86400, 365 * 86400
real_now = clock.now


def shift_pc_clock(monkeypatch, seconds: float) -> None:
    """The PC clock (``desktop_app.clock``, which the upload reads too), *seconds* off;
    headquarters' (the receiver reads the operating system's) is right."""
    monkeypatch.setattr(clock, "now", lambda: real_now() + timedelta(seconds=seconds))


def dates(office) -> list:
    """Every date the office holds: entries, sites, events, its exports."""
    db = office.store.db
    return [db.execute(sql).fetchall() for sql in (
        "SELECT entry_date, created_at, updated_at FROM progress_entry ORDER BY rowid",
        "SELECT created_at, updated_at FROM cleanliness_site ORDER BY rowid",
        "SELECT event_date, created_at FROM event ORDER BY rowid",
        "SELECT created_at, seq FROM export ORDER BY seq")]


@pytest.mark.parametrize("shift, words", [
    (-3 * HOUR, "3 hours behind"), (2 * DAY, "2 days ahead"),
    (-5 * YEAR, "5 years behind"), (11 * YEAR, "11 years ahead"),
])
def test_an_office_whose_clock_is_off_still_uploads_and_is_told(
        hq_site, make_office, monkeypatch, shift, words):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01", url=site.url)
    before = dates(office)
    shift_pc_clock(monkeypatch, shift)

    report = send_outbox(office)

    assert len(report.accepted) == 1, report.message
    assert report.pc_clock_offset == pytest.approx(-shift, abs=5)
    assert words in str(report.clock) and "uploads still work" in str(report.clock)
    assert dates(office) == before  # nothing was re-dated, nothing "fixed" silently


def test_a_right_clock_gets_no_warning(hq_site, make_office):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01", url=site.url)
    report = send_outbox(office)
    assert len(report.accepted) == 1 and report.clock is None
    assert abs(report.pc_clock_offset) < 5


def test_the_cli_prints_the_clock_line(hq_site, make_office, monkeypatch, capsys):
    site = hq_site.serve()
    office = make_office("MH-PUNE-01", url=site.url)
    home = office.folder.root
    office.close()  # the command opens the folder itself
    shift_pc_clock(monkeypatch, -3 * HOUR)
    assert cli.main(["--home", str(home), "upload"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "upload: 1 bundle accepted by headquarters"
    assert out[1].startswith("clock:  This PC's clock is 3 hours behind headquarters' time")


def test_an_office_signing_with_its_own_clock_still_works_and_is_still_checked(
        hq_site, make_office, monkeypatch):
    """Offices not yet updated sign with the PC clock: headquarters treats them as before."""
    site = hq_site.serve()
    office = make_office("MH-PUNE-01")
    path = next(office.folder.exports.glob("*.zip"))
    data = path.read_bytes()
    old = TusClient(site.url, "MH-PUNE-01", signing.load_private_key(office.folder.keys))
    assert old.clock is None  # never asked headquarters' time
    created = old.create(size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                         file_name=path.name, campaign_id="c")
    assert old.head(created.url) == 0
    shift_pc_clock(monkeypatch, -3 * HOUR)
    with pytest.raises(Refused) as caught:
        old.head(created.url)
    assert caught.value.status == 401 and "stale request" in caught.value.reason
    old.close()


def test_a_captured_request_signed_with_hq_time_expires_on_hq_clock(
        hq_site, make_office, monkeypatch):
    """Replay protection is headquarters' clock: a request signed 11 minutes ago by its own
    time is refused, whatever the office's clock says."""
    site = hq_site.serve()
    office = make_office("MH-PUNE-01")
    path = next(office.folder.exports.glob("*.zip"))
    data = path.read_bytes()
    key = signing.load_private_key(office.folder.keys)
    shift_pc_clock(monkeypatch, 2 * DAY)
    client = TusClient(site.url, "MH-PUNE-01", key)
    hq_clock = client.ask_time(hq_site.hq_key.public_key())
    created = client.create(size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                            file_name=path.name, campaign_id="c")
    upload_id = created.url.rsplit("/", 1)[1]
    captured = signed_request_headers(key, "HEAD", "MH-PUNE-01", upload_id,
                                      timestamp=hq_clock.now() - 11 * 60)
    response = httpx.head(created.url, timeout=10, headers=captured | {"Tus-Resumable": "1.0.0"})
    assert response.status_code == 401 and "stale" in response.headers["FieldDesk-Reason"]
    fresh = signed_request_headers(key, "HEAD", "MH-PUNE-01", upload_id, timestamp=hq_clock.now())
    assert httpx.head(created.url, timeout=10,
                      headers=fresh | {"Tus-Resumable": "1.0.0"}).status_code == 200
    client.close()


def test_hq_time_counts_only_when_signed_by_hq_over_our_nonce(hq_site):
    site = hq_site.serve()
    hq_key = hq_site.hq_key.public_key()
    nonce = new_nonce()
    answer = httpx.options(f"{site.url}/files/", timeout=10, headers={TIME_NONCE_HEADER: nonce})
    assert answer.status_code == 204 and answer.headers[HQ_TIME_HEADER].isdigit()
    assert read_hq_time(answer.headers, nonce, hq_key) is not None
    # an answer recorded for another office's nonce cannot be played back to us
    assert read_hq_time(answer.headers, new_nonce(), hq_key) is None
    # a time signed by anyone but headquarters (a man in the middle) is ignored
    assert read_hq_time(answer.headers, nonce, Ed25519PrivateKey.generate().public_key()) is None
    forged = dict(answer.headers) | {HQ_TIME_HEADER: str(int(answer.headers[HQ_TIME_HEADER]) + DAY)}
    assert read_hq_time(forged, nonce, hq_key) is None
    # without a nonce, tus discovery as before and no time
    plain = httpx.options(f"{site.url}/files/", timeout=10)
    assert plain.status_code == 204 and HQ_TIME_SIGNATURE_HEADER not in plain.headers


@pytest.mark.parametrize("offset, text", [
    (5 * 60, None), (-9 * 60, None),
    (11 * 60, "This PC's clock is 11 minutes behind"), (-HOUR, "60 minutes ahead"),
    (3 * HOUR, "3 hours behind"), (-(47 * HOUR), "47 hours ahead"),
    (DAY * 2, "2 days behind"), (-YEAR, "365 days ahead"), (3 * YEAR, "3 years behind"),
])
def test_the_clock_line_says_how_far_off_in_plain_units(offset, text):
    note = clock_note(offset)
    assert (note is None) if text is None else text in str(note)



@pytest.mark.parametrize("status", [204, 404, 405, 502])
def test_no_signed_time_from_a_receiver_or_proxy_falls_back_to_the_pc_clock(status, monkeypatch):
    """An older receiver (204 without the time) or a proxy that refuses OPTIONS: the office
    signs with its PC clock as before, instead of failing the upload."""
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.method == "OPTIONS" and request.headers[TIME_NONCE_HEADER]
        return httpx.Response(status)

    client = TusClient("http://hq.invalid", "MH-PUNE-01", Ed25519PrivateKey.generate(),
                       transport=httpx.MockTransport(answer))
    assert client.ask_time(Ed25519PrivateKey.generate().public_key()) is None
    shift_pc_clock(monkeypatch, -3 * HOUR)
    assert hq_time.signing_time(client.clock) == pytest.approx(real_now().timestamp() - 3 * HOUR, abs=2)
    client.close()


def test_a_certificate_refused_for_a_wrong_date_stops_in_one_line_not_no_network(make_office):
    """With https, a PC years off fails the certificate check: nothing to retry, and the
    clerk is told to set the date, not that there is no network."""
    def tls_refuses(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                                 "certificate is not yet valid (_ssl.c:1006)")

    office = make_office("MH-PUNE-01", url="https://hq.example.gov.in/fielddesk")
    report = send_outbox(office, transport=httpx.MockTransport(tls_refuses))
    assert not report.offline and report.accepted == []
    assert report.message.startswith("the upload stopped: headquarters' certificate could not be checked")
    assert "set it first" in report.message and "no network" not in report.message
