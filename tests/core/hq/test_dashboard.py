"""The headquarters dashboard's routes through FastAPI's TestClient, on SQLite and PostgreSQL:
who may see what, the figures against the consolidated report's core, the offices table's
filters, sort and pages, the office page, photos and thumbnails, admin forms with and
without their CSRF token, and Hindi.
"""

from __future__ import annotations

import hashlib
import html
import re

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from desktop_app.domain.choices import PhotoRole
from desktop_app.domain.formatting import format_value
from desktop_app.domain.numbers import format_percent
from desktop_app.errors import FieldDeskError
from desktop_app.hq import dashboard as board
from desktop_app.hq.consolidate import consolidate
from desktop_app.hq.importer import import_bundle
from desktop_app.hq.photo_store import PhotoStore
from desktop_app.hq.receipts import init_hq_key, load_hq_key
from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.state import Upload
from desktop_app.hq.registry import active_key, register_key
from desktop_app.hq.staff import ADMIN, VIEWER, add_user
from desktop_app.hq.store.tables import office, staff_event
from desktop_app.hq.store.uploads import OPEN
from desktop_app.hq.thumbnails import thumbnail_path
from desktop_app.storage.photos import PhotoRecord

PASSWORD = "correct horse battery"
IMPORTED = (("DL-001", 1), ("DL-001", 2), ("DL-001", 3), ("MH-002", 1), ("MH-002", 2),
            ("MH-002", 3), ("KA-003", 1), ("KA-003", 2), ("SW-005", 1))
PAGES = ("/overview", "/offices", "/offices/DL-001", "/photos", "/photos?kind=event")


@pytest.fixture
def site(hq, world):
    """Headquarters with the world's bundles imported, a viewer and an admin, and the app."""
    for code, seq in IMPORTED:
        assert import_bundle(hq, world.offices[code].bundles[seq]).accepted
    add_user(hq, "v.rao", VIEWER, PASSWORD)
    add_user(hq, "a.sharma", ADMIN, PASSWORD)
    init_hq_key(hq.folder.keys)
    app = create_app(ReceiverConfig(root=hq.folder.root), hq_backend(hq),
                     load_hq_key(hq.folder.keys))
    with TestClient(app) as client:
        client.hq = hq
        yield client


def sign_in(client: TestClient, name: str) -> str:
    """Sign *name* in; return the session's CSRF token (from a page's sign-out form)."""
    page = client.get("/signin").text
    token = re.search(r"name='csrf' value='([^']+)'", page).group(1)
    answer = client.post("/signin", data={"name": name, "password": PASSWORD, "csrf": token,
                                          "next": "/overview"}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/overview").text).group(1)


def cells(page: str, table_id: str) -> dict[str, list[str]]:
    """data-indicator/data-office -> the text of each cell of table *table_id*'s rows."""
    table = re.search(rf'<table[^>]*id="{re.escape(table_id)}".*?</table>', page, re.S).group(0)
    out = {}
    for key, row in re.findall(r'<tr data-(?:indicator|office)="([^"]+)"[^>]*>(.*?)</tr>',
                               table, re.S):
        out[html.unescape(key)] = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                                   for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return out


def test_every_page_and_photo_needs_a_signed_in_account(site):
    with site.hq.store.read() as conn:
        sha = conn.execute(sa.text("SELECT sha256 FROM photo LIMIT 1")).scalar_one()
    for path in (*PAGES, f"/photo/{sha}", f"/photo/{sha}/thumb"):
        answer = site.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/signin?next="), path
    for path in ("/keys", "/import", "/offices/DL-001/revoke", "/offices/DL-001/place"):
        assert site.post(path, data={"csrf": "x"}).status_code == 401, path
    with site.hq.store.read() as conn:  # nothing was done by any of those
        assert active_key(conn, "DL-001") is not None
        assert conn.execute(sa.select(sa.func.count()).select_from(staff_event)
                            .where(staff_event.c.action != "add")).scalar_one() == 0


def test_overview_shows_the_consolidated_reports_totals(site):
    sign_in(site, "v.rao")
    page = site.get("/overview").text
    with site.hq.store.read() as conn:
        section = next(s for s in consolidate(conn).sections
                       if s.campaign.campaign_id == "special-campaign-6")
        direct = board.overview(conn, section.campaign)
    totals = section.totals
    # the dashboard's sums are the report's, figure by figure
    assert direct.figures == totals.figures
    assert (direct.offices, direct.stale_offices, direct.scrap_revenue_paise,
            direct.space_freed_sqft, direct.sites_completed, direct.events,
            direct.participants) == (totals.offices, totals.stale_offices,
                                     totals.scrap_revenue_paise, totals.space_freed_sqft,
                                     totals.sites_completed, totals.events, totals.participants)
    shown = cells(page, "figures")
    assert set(shown) == {f.indicator.code for f in totals.figures}
    for f in totals.figures:
        unit = f.indicator.unit
        expected_target = format_value(f.target, unit) if f.indicator.has_target else "–"
        expected_pct = format_percent(f.achieved, f.target) if f.indicator.has_target else "–"
        assert shown[f.indicator.code][2:] == [expected_target, format_value(f.achieved, unit),
                                               expected_pct], f.indicator.code
    revenue = re.search(r'id="revenue"><span class="big">([^<]+)<', page).group(1)
    assert revenue == format_value(totals.scrap_revenue_paise, section.campaign.indicator(
        "scrap_revenue").unit)
    assert re.search(r'id="reported"><span class="big">3<', page)  # DL, MH, KA
    # the other campaign section is a choice, and shows its own totals
    other = next(s for s in consolidate_sections(site) if s.campaign.campaign_id != "special-campaign-6")
    page = site.get("/overview", params={"campaign": board.campaign_key(other.campaign)}).text
    assert cells(page, "figures")["files_reviewed"][3] == "321"


def consolidate_sections(site):
    with site.hq.store.read() as conn:
        return consolidate(conn).sections


def test_offices_table_filters_sorts_and_pages_in_the_database(site):
    sign_in(site, "v.rao")
    with site.hq.store.write() as conn:
        for code, state, district in (("DL-001", "Delhi", "New Delhi"),
                                      ("MH-002", "Maharashtra", "Mumbai"),
                                      ("KA-003", "Karnataka", "Bengaluru Urban")):
            conn.execute(office.update().where(office.c.code == code)
                         .values(state=state, district=district))
    section = next(s for s in consolidate_sections(site)
                   if s.campaign.campaign_id == "special-campaign-6")
    by_code = {o.office_code: o for o in section.offices}

    page = site.get("/offices").text
    rows = cells(page, "offices")
    assert list(rows) == ["DL-001", "KA-003", "MH-002", "SW-005"]  # every registered office
    assert rows["SW-005"][-1].startswith("none yet")  # it reported in another campaign only
    # % of target: the mean of each indicator's % of target, as the office page shows them
    for code, o in by_code.items():
        pcts = [f.percent for f in o.figures if f.percent is not None]
        assert rows[code][4] == f"{sum(pcts) / len(pcts):.0f}%", code

    page = site.get("/offices", params={"sort": "revenue", "desc": "1"}).text
    ranked = sorted(by_code, key=lambda c: -by_code[c].scrap_revenue_paise)
    assert list(cells(page, "offices"))[:3] == ranked
    assert list(cells(site.get("/offices", params={"state": "Maharashtra"}).text,
                      "offices")) == ["MH-002"]
    assert list(cells(site.get("/offices", params={"q": "bengaluru"}).text,
                      "offices")) == ["KA-003"]
    # stale: every bundle was made on 20.11.2026, long before today; SW-005 has none here
    assert len(cells(site.get("/offices", params={"stale": "1"}).text, "offices")) == 4
    assert list(cells(site.get("/offices", params={"stale": "1", "stale_days": "100000"}).text,
                      "offices")) == ["SW-005"]
    low = min(by_code, key=lambda c: float(rows[c][4].rstrip("%")))
    threshold = float(rows[low][4].rstrip("%")) + 0.5
    below = cells(site.get("/offices", params={"below": str(threshold)}).text, "offices")
    assert low in below and "SW-005" in below  # no figures here: 0% of target
    assert all(float(v[4].rstrip("%")) < threshold for k, v in below.items() if k != "SW-005")
    # pages of 25: a fifth office page does not exist, the pager says one page
    page = site.get("/offices", params={"per_page": "25", "page": "2"}).text
    assert cells(page, "offices") == {} and "page 2 of 1" in page
    # a sort that is not a column falls back to the code, never into SQL
    assert list(cells(site.get("/offices", params={"sort": "name; drop table office"}).text,
                      "offices"))[0] == "DL-001"


def test_office_page_shows_its_figures_registers_history_and_keys(site, world, hqkit):
    # a refused bundle of DL-001 (signed, but its workbook is not one), for the history
    bad = hqkit.rebuild(world.dl.bundles[3], world.root / "dl-bad.zip",
                        private_key=world.dl.private_key,
                        replace={"report.xlsx": b"not a workbook"}, seq=4)
    assert not import_bundle(site.hq, bad).accepted
    sign_in(site, "v.rao")
    page = site.get("/offices/DL-001").text
    with site.hq.store.read() as conn:
        section = next(s for s in consolidate(conn).sections
                       if s.campaign.campaign_id == "special-campaign-6")
        key = active_key(conn, "DL-001")
    mine = next(o for o in section.offices if o.office_code == "DL-001")
    shown = cells(page, "figures-special-campaign-6")
    for f in mine.figures:
        assert shown[f.indicator.code][3] == format_value(f.achieved, f.indicator.unit)
    assert "Old almirahs lot 3" in page and "Workshop 2" in page  # its registers
    history = re.search(r'id="history".*?</table>', page, re.S).group(0)
    assert history.count('class="accepted"') == 3 and history.count('class="rejected"') == 1
    assert key.fingerprint in page and 'id="admin"' not in page  # a viewer: no admin forms
    assert site.get("/offices/NO-SUCH").status_code == 404


def test_photos_page_pairs_before_and_after_and_sends_thumbnails_then_full_photos(site):
    sign_in(site, "v.rao")
    page = site.get("/photos", params={"office": "dl-001"}).text
    group = re.search(r'<div class="group" data-office="DL-001".*?</div>\s*</div>', page, re.S)
    roles = re.findall(r'data-sha="([0-9a-f]{64})" data-role="(\w+)"', group.group(0))
    assert [r for _s, r in roles] == ["before", "after"]
    sha = roles[0][0]
    thumb = site.get(f"/photo/{sha}/thumb")
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    assert thumbnail_path(site.hq.folder.root, sha).read_bytes() == thumb.content  # cached
    full = site.get(f"/photo/{sha}")
    assert hashlib.sha256(full.content).hexdigest() == sha
    assert full.content == PhotoStore(site.hq.folder.photos).path(sha).read_bytes()
    assert site.get("/photo/" + "0" * 64).status_code == 404  # not a photo HQ holds
    assert site.get("/photo/..%2F..%2Fhq.db").status_code == 404
    events = site.get("/photos", params={"kind": "event", "office": "DL-001"}).text
    assert 'data-role="event"' in events
    assert "participants" in events
    none = site.get("/photos", params={"date_from": "2031-01-01"}).text
    assert "No photos match." in none and 'class="group"' not in none


def test_admin_forms_need_an_admin_and_the_sessions_csrf_token(site, world):
    token = sign_in(site, "v.rao")
    answer = site.post("/offices/DL-001/revoke", data={"csrf": token, "reason": "stolen"})
    assert answer.status_code == 403  # a viewer may not
    site.cookies.clear()
    token = sign_in(site, "a.sharma")
    for data in ({"reason": "stolen"}, {"reason": "stolen", "csrf": "forged"}):
        answer = site.post("/offices/DL-001/revoke", data=data)
        assert answer.status_code == 403 and "nothing was changed" in answer.text
    with site.hq.store.read() as conn:
        assert active_key(conn, "DL-001") is not None
    answer = site.post("/offices/DL-001/revoke", data={"csrf": token, "reason": "PC stolen"},
                       follow_redirects=False)
    assert answer.status_code == 303
    with site.hq.store.read() as conn:
        assert active_key(conn, "DL-001") is None
    page = site.get("/offices/DL-001").text
    audit = cells_text(page, "audit")
    assert "a.sharma" in audit and "key revoke" in audit and "PC stolen" in audit

    # a new office's key, then its bundle, from the browser
    up = world.offices["UP-004"]
    answer = site.post("/keys", data={"csrf": token, "office": "UP-004",
                                      "pem": up.pem.decode()})
    assert answer.status_code == 200 and "registered for UP-004" in answer.text
    bundle = up.bundles[1]
    answer = site.post("/import", data={"csrf": token},
                       files={"bundle": (bundle.name, bundle.read_bytes(), "application/zip")})
    assert answer.status_code == 200 and "accepted" in answer.text
    assert answer.url.path == "/offices/UP-004"
    assert "a.sharma" in cells_text(answer.text, "audit")
    answer = site.post("/import", files={"bundle": (bundle.name, b"x", "application/zip")})
    assert answer.status_code == 403  # the upload form needs its token too
    answer = site.post("/offices/UP-004/place", data={"csrf": token, "state": "Uttar Pradesh",
                                                      "district": "Lucknow"})
    assert "Uttar Pradesh" in answer.text
    assert list(cells(site.get("/offices", params={"state": "Uttar Pradesh"}).text,
                      "offices")) == ["UP-004"]


def cells_text(page: str, table_id: str) -> str:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    return html.unescape(re.sub(r"<[^>]+>", " ", table))


def test_pages_in_hindi_with_indian_grouping(site):
    sign_in(site, "v.rao")
    answer = site.get("/language/hi", params={"next": "/overview"})
    assert answer.url.path == "/overview"
    page = answer.text
    assert '<html lang="hi">' in page and "अवलोकन" in page and "कार्यालय" in page
    assert "लंबित संदर्भ" in page  # the indicator groups' labels, from the domain layer
    revenue = re.search(r'id="revenue"><span class="big">([^<]+)<', page).group(1)
    assert revenue.startswith("रु. ") and re.search(r"\d{1,2},\d{2},\d{3}", revenue)
    assert site.get("/language/en", params={"next": "//evil.example"}).url.path == "/"


def test_a_photo_sent_by_two_offices_is_flagged_on_the_office_and_photo_pages(site, world, hqkit,
                                                                             tmp_path):
    with site.hq.store.read() as conn:
        after = conn.execute(sa.text("SELECT sha256 FROM st_photos WHERE office_code = 'DL-001' "
                                     "AND role = 'after'")).scalar_one()
    copier = hqkit.new_office(tmp_path, "PB-006", "Field Office, Amritsar")
    try:
        site_id = next(s.id for s in copier.store.sites.list(copier.campaign.id)
                       if s.completed_date)
        data = PhotoStore(site.hq.folder.photos).path(after).read_bytes()
        (copier.opened.folder.photos / f"{after}.jpg").write_bytes(data)
        copier.store.photos.add(PhotoRecord(
            sha256=after, width=48, height=36, bytes=len(data), original_name="after.jpg",
            original_bytes=len(data), dhash="0" * 16, taken_at="2026-10-06T10:15:00+05:30",
            latitude=None, longitude=None, caption="our after"))
        copier.store.photos.link(after, "site", site_id, PhotoRole.AFTER)
        register_key(site.hq, copier.pem, "PB-006")
        assert import_bundle(site.hq, copier.export()).accepted
    finally:
        copier.close()
    sign_in(site, "v.rao")
    page = site.get("/offices/PB-006").text
    flags = cells_text(page, "reuse-flags")
    assert "DL-001" in flags and "also sent by another office" in flags
    assert f'data-sha="{after}"' in page
    assert "DL-001" not in cells_text(site.get("/offices/KA-003").text, "history")
    photos = site.get("/photos", params={"office": "PB-006"}).text
    figure = re.search(rf'<figure class="photo" data-sha="{after}".*?</figure>', photos, re.S)
    assert "also sent by another office" in figure.group(0) and "DL-001" in figure.group(0)
    # and from the other side
    assert "PB-006" in cells_text(site.get("/offices/DL-001").text, "reuse-flags")


def test_status_page_in_hindi_with_indian_grouping_and_linked_both_ways(site):
    sign_in(site, "v.rao")
    now = "2026-12-07T05:00:00Z"
    state = site.app.state.receiver.state
    state.add(Upload(  # a 1.2-crore-byte bundle, half arrived
        "upload-1", "DL-001", "fp", "0" * 64, 12_345_678, 6_172_839, "DL-001-s4.zip",
        "special-campaign-6", OPEN, now, now, 4_000_000_000))
    state.log("created", office_code="DL-001", upload_id="upload-1", detail="DL-001-s4.zip")
    english = site.get("/").text
    assert "<h2>Upload log</h2>" in english and "12,345,678" not in english
    assert 'href="/overview"' in english  # the dashboard, from the status page's bar
    assert '<a href="/" class="here">Receiver status</a>' in english
    assert 'href="/"' in site.get("/overview").text  # and back
    answer = site.get("/language/hi", params={"next": "/"})
    assert answer.url.path == "/"
    page = answer.text
    assert '<html lang="hi">' in page
    for heading in ("<h1>फ़ील्डडेस्क — मुख्यालय प्राप्तकर्ता</h1>", "<h2>कार्यालय</h2>",
                    "<h2>आ रहे अपलोड</h2>", "<h2>अपलोड लॉग</h2>",
                    "<h2>किसी कार्यालय के सत्यापन से पहले अस्वीकृत</h2>"):
        assert heading in page, heading
    assert "1,23,45,678 बाइट में से 50%" in cells_text(page, "uploads")
    assert "Upload log" not in page and "Uploads arriving" not in page
    statuses = {code: row[-1] for code, row in cells(page, "offices").items()}
    assert set(statuses) >= {"DL-001", "MH-002", "KA-003", "SW-005"}
    assert all(s.startswith(("अद्यतन", "पुराना")) for s in statuses.values()), statuses
    assert "अपलोड शुरू" in cells_text(page, "log")  # the log's kinds speak Hindi too


def test_admin_messages_come_once_from_the_session_never_from_the_address(site):
    token = sign_in(site, "a.sharma")
    crafted = site.get("/offices/DL-001", params={
        "done": "Key revoked: call 98765 43210 to restore it", "error": "Your password expired"})
    assert crafted.status_code == 200
    shown = re.search(r"<main>.*</main>", crafted.text, re.S).group(0)  # (the language
    assert "98765" not in shown and "password expired" not in shown  # link keeps the address)
    assert 'id="done"' not in crafted.text and 'id="error"' not in crafted.text

    answer = site.post("/offices/DL-001/place", data={"csrf": token, "state": "Delhi",
                                                      "district": "New Delhi"},
                       follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/offices/DL-001"  # nothing in the address
    page = site.get("/offices/DL-001").text
    assert re.search(r'id="done">place of DL-001 saved<', page)
    again = site.get("/offices/DL-001").text  # shown once
    assert 'id="done"' not in again and "place of DL-001 saved" not in again

    answer = site.post("/offices/DL-001/revoke", data={"csrf": token, "reason": " "})
    assert re.search(r'id="error">give a reason for revoking', answer.text)
    assert 'id="error"' not in site.get("/offices").text
    site.cookies.clear()  # another session never sees this one's message
    sign_in(site, "v.rao")
    site.cookies.clear()
    token = sign_in(site, "a.sharma")
    site.post("/offices/DL-001/place", data={"csrf": token, "state": "Delhi", "district": "X"},
              follow_redirects=False)
    site.cookies.clear()
    sign_in(site, "v.rao")
    assert 'id="done"' not in site.get("/offices/DL-001").text


def test_a_key_change_and_its_record_of_who_did_it_are_one_transaction(site, world,
                                                                       monkeypatch):
    token = sign_in(site, "a.sharma")

    def broken_log(conn, **_row):  # the record of who did it cannot be written
        raise FieldDeskError("the staff log could not be written")

    monkeypatch.setattr("desktop_app.hq.staff_actions.stored.log", broken_log)
    for path, form in (("/offices/DL-001/revoke", {"reason": "PC stolen"}),
                       ("/keys", {"office": "UP-004",
                                  "pem": world.offices["UP-004"].pem.decode()})):
        answer = site.post(path, data={"csrf": token, **form})
        assert re.search(r'id="error">the staff log could not be written<', answer.text), path
    with site.hq.store.read() as conn:
        assert active_key(conn, "DL-001") is not None  # not revoked without its record
        assert active_key(conn, "UP-004") is None  # nor registered
        actions = conn.execute(sa.select(staff_event.c.action)).scalars().all()
        assert not [a for a in actions if a.startswith("key")], actions


def test_an_admins_messages_speak_the_admins_language(site):
    token = sign_in(site, "a.sharma")
    site.cookies.set("fielddesk_lang", "hi")
    page = site.post("/offices/DL-001/place", data={"csrf": token, "state": "Delhi",
                                                    "district": "X"}).text  # and its redirect
    assert re.search(r'id="done">DL-001 का स्थान सहेजा गया<', page)
    answer = site.post("/import", data={"csrf": token})  # no file chosen
    assert re.search(r'id="error">आयात करने के लिए बंडल फ़ाइल \(\.zip\) चुनें<', answer.text)
    site.cookies.set("fielddesk_lang", "en")
    page = site.post("/offices/DL-001/place", data={"csrf": token, "state": "Delhi",
                                                    "district": "Y"}).text
    assert re.search(r'id="done">place of DL-001 saved<', page)


def test_a_database_that_cannot_answer_gives_a_one_line_page_not_a_crash(site, monkeypatch):
    """Headquarters' database failing under a page (a full disk, a lost server): the page says
    so in one line, in the reader's language, with 503 (try again); the next page works."""
    sign_in(site, "v.rao")

    def broken(*_args, **_kwargs):
        raise FieldDeskError("hq.db: the disk is full; free some space")
    with monkeypatch.context() as patch:
        patch.setattr(board, "overview", broken)
        answer = site.get("/overview")
        assert answer.status_code == 503
        assert re.search(r'id="message">Headquarters cannot answer just now: hq\.db: the disk is '
                         r'full; free some space<', answer.text)
        site.cookies.set("fielddesk_lang", "hi")
        answer = site.get("/overview")
        assert answer.status_code == 503
        assert "मुख्यालय अभी उत्तर नहीं दे सकता: hq.db: the disk is full" in answer.text
        site.cookies.set("fielddesk_lang", "en")
    assert site.get("/overview").status_code == 200


@pytest.mark.parametrize("hq_db", ["postgresql"], indirect=True)
def test_a_postgresql_server_that_stopped_gives_a_one_line_page_then_comes_back(site, pg_cluster):
    """The real fault: the server stops under signed-in staff (sessions live in the database
    too), every page says so in one line; the server back, the same session carries on."""
    sign_in(site, "v.rao")
    pg_cluster.stop()
    try:
        for path in ("/overview", "/offices", "/photos", "/"):
            answer = site.get(path)
            assert answer.status_code == 503, path
            message = re.search(r'id="message">([^<]*)<', answer.text)
            assert message and "PostgreSQL server" in message.group(1), path
            assert "Traceback" not in answer.text
        answer = site.get("/receipts/" + "0" * 64)  # the offices' client: plain text
        assert answer.status_code == 503 and answer.headers["retry-after"] == "30"
        assert "PostgreSQL server" in answer.text and "\n" not in answer.text
    finally:
        pg_cluster.restart()  # the same port; stopping twice does nothing
    assert site.get("/overview").status_code == 200
