"""The headquarters dashboard in a real browser (Debian's Chromium, headless, via selenium).

Two offices' bundles are imported at a headquarters on SQLite (the routes run on both
back-ends in ``tests/core/hq/test_dashboard.py``); MH-PUNE-01 has camera-like photos of its
sites and events, DL-042 sent one of MH-PUNE-01's "after" photos as its own. Signed out,
every page sends the browser to sign in; five wrong passwords are each slowed down and
then lock the name; signed in, the browser walks every page, reads the figures and
checks them against the consolidated workbook made from the same data, opens a site's
before and after photos, sees the reused photo flagged, and a form posted without its
CSRF token is refused.
"""

from __future__ import annotations

import dataclasses
import io
import time
from pathlib import Path

import openpyxl
import pytest

from desktop_app.bundle.export import export_bundle
from desktop_app.demo import add_demo_photos, populate
from desktop_app.domain.choices import PhotoRole
from desktop_app.domain.numbers import parse_count, parse_rupees
from desktop_app.hq import open_hq
from desktop_app.hq.importer import import_bundle
from desktop_app.hq.receipts import init_hq_key, load_hq_key
from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.signin import FAILURE_DELAY
from desktop_app.hq.receiver.testkit import ServerThread
from desktop_app.hq.registry import register_key
from desktop_app.hq.report import HEADER_ROW, write_report
from desktop_app.hq.staff import ADMIN, VIEWER, add_user
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.photos import PhotoRecord
from desktop_app.storage.store import open_folder

PASSWORD = "correct horse battery"
PAGES = ("/overview", "/offices", "/offices/MH-PUNE-01", "/photos", "/photos?kind=event")


def _office(root: Path, code: str, name: str):
    opened = open_folder(root / code)
    populate(opened)
    opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code, name=name))
    create_office_key(opened, reason="tests")
    return opened


@pytest.fixture
def dashboard(tmp_path):
    """A running receiver over a headquarters with two offices' bundles imported."""
    hq = open_hq(tmp_path / "hq")
    init_hq_key(hq.folder.keys)
    mh = _office(tmp_path, "MH-PUNE-01", "Regional Office, Pune")
    add_demo_photos(mh, size=(320, 240))
    dl = _office(tmp_path, "DL-042", "Zonal Office, Delhi")
    sha = next(link.photo_sha256 for link in mh.store.photos.links_of_campaign(
        mh.store.campaigns.current().id) if link.role == PhotoRole.AFTER)
    data = (mh.folder.photos / f"{sha}.jpg").read_bytes()
    (dl.folder.photos / f"{sha}.jpg").write_bytes(data)
    dl.store.photos.add(PhotoRecord(sha256=sha, width=320, height=240, bytes=len(data),
                                    original_name="after.jpg", original_bytes=len(data),
                                    dhash="0" * 16, taken_at=None, latitude=None, longitude=None,
                                    caption="our after"))
    site = next(s for s in dl.store.sites.list(dl.store.campaigns.current().id) if s.completed_date)
    dl.store.photos.link(sha, "site", site.id, PhotoRole.AFTER)
    for opened in (mh, dl):
        code = opened.store.office.get().code
        register_key(hq, (opened.folder.keys / "office.pub.pem").read_bytes(), code)
        assert import_bundle(hq, export_bundle(opened)[-1].path).accepted
        opened.close()
    add_user(hq, "a.sharma", ADMIN, PASSWORD)
    add_user(hq, "w.wrong", VIEWER, PASSWORD)
    app = create_app(ReceiverConfig(root=hq.folder.root), hq_backend(hq), load_hq_key(hq.folder.keys))
    server = ServerThread(app).start()
    server.hq, server.reused = hq, sha
    yield server
    server.stop()
    hq.close()


def workbook_totals(hq, tmp: Path) -> tuple[dict[str, dict[str, object]], dict[str, dict]]:
    """The consolidated workbook's Offices sheet: {header: total}, {office: {header: value}}."""
    out = write_report(hq, tmp / "consolidated.xlsx").path
    book = openpyxl.load_workbook(io.BytesIO(Path(out).read_bytes()), read_only=True)
    sheet = next(book[n] for n in book.sheetnames if n.endswith("Offices"))
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    at = HEADER_ROW - 1
    header = [str(h or "").replace(" (Rs.)", "").replace(" (sq ft)", "") for h in rows[at]]
    totals = dict(zip(header, rows[at + 1]))
    offices = {r[0]: dict(zip(header, r)) for r in rows[at + 2:] if r and r[0]}
    return totals, offices


def shown_figures(browser, table_id: str) -> dict[str, tuple[str, str, str]]:
    from selenium.webdriver.common.by import By

    out = {}
    for row in browser.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr[data-indicator]"):
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        out[cells[1]] = (cells[2], cells[3], cells[4])
    return out


def as_number(text: str, workbook_value: object) -> float:
    """The page's text as the workbook's number (rupees as rupees)."""
    if text.startswith("Rs."):
        return parse_rupees(text.removeprefix("Rs.").strip()) / 100
    return parse_count(text.split(" sq ft")[0])


def check_against_workbook(browser, table_id: str, book_row: dict[str, object]) -> int:
    checked = 0
    for title, (target, achieved, _pct) in shown_figures(browser, table_id).items():
        for text, column in ((target, f"{title}\nTarget"), (achieved, f"{title}\nAchievement")):
            if column in book_row and text != "–":
                assert as_number(text, book_row[column]) == pytest.approx(
                    float(book_row[column] or 0)), (title, column)
                checked += 1
    return checked


def test_signed_out_every_page_sends_to_sign_in(chromium, dashboard, browser):
    for path in (*PAGES, f"/photo/{dashboard.reused}", f"/photo/{dashboard.reused}/thumb"):
        browser.get(dashboard.url + path)
        assert "/signin?next=" in browser.current_url, path
        assert not browser.find_elements("id", "figures"), path


def test_five_wrong_passwords_are_slowed_down_then_the_name_is_locked(
        chromium, dashboard, browser, click_and_wait_for_next_page):
    from selenium.webdriver.common.by import By

    browser.get(dashboard.url + "/signin")
    for attempt in range(5):
        browser.find_element(By.ID, "name").send_keys("w.wrong")
        browser.find_element(By.ID, "password").send_keys(f"guess number {attempt}")
        started = time.monotonic()
        click_and_wait_for_next_page(browser, browser.find_element(By.ID, "signin"))
        assert time.monotonic() - started >= FAILURE_DELAY * 0.9  # each answer is slowed down
    assert "Too many wrong passwords" in browser.find_element(By.ID, "signin-error").text
    browser.find_element(By.ID, "name").send_keys("w.wrong")  # now even the right one waits
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "signin"))
    assert "Too many wrong passwords" in browser.find_element(By.ID, "signin-error").text
    assert "/signin" in browser.current_url


def test_staff_walk_every_page_and_the_figures_are_the_workbooks(
        chromium, dashboard, browser, tmp_path, click_and_wait_for_next_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    totals, offices = workbook_totals(dashboard.hq, tmp_path)
    browser.get(dashboard.url + "/overview")
    browser.find_element(By.ID, "name").send_keys("a.sharma")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "signin"))
    assert browser.current_url == dashboard.url + "/overview"
    assert "a.sharma" in browser.find_element(By.ID, "who").text

    # Overview: the campaign's totals are the workbook's totals row
    assert check_against_workbook(browser, "figures", totals) >= 10
    assert browser.find_element(By.CSS_SELECTOR, "#reported .big").text == "2"

    # Offices: both, with the workbook's revenue; sorted by revenue, biggest first
    click_and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Offices"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#offices tbody tr[data-office]")
    assert {r.get_attribute("data-office") for r in rows} == {"MH-PUNE-01", "DL-042"}
    click_and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "Scrap revenue"))
    click_and_wait_for_next_page(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Scrap revenue"))
    shown = [(r.get_attribute("data-office"),
              r.find_element(By.CSS_SELECTOR, "td.revenue").text) for r in
             browser.find_elements(By.CSS_SELECTOR, "#offices tbody tr[data-office]")]
    revenue = next(h for h in totals if "revenue" in h and h.endswith("Achievement"))
    expected = sorted(offices, key=lambda c: -float(offices[c][revenue] or 0))
    assert [code for code, _ in shown] == expected
    for code, text in shown:
        assert as_number(text, None) == pytest.approx(float(offices[code][revenue]))

    # An office's page: its figures are its workbook row; history, key, reuse flag
    click_and_wait_for_next_page(browser, browser.find_element(By.LINK_TEXT, "DL-042"))
    assert check_against_workbook(browser, "figures-special-campaign-6", offices["DL-042"]) >= 10
    assert "accepted" in browser.find_element(By.ID, "history").text
    assert browser.find_element(By.ID, "active-key").text.startswith("Active key")
    flags = browser.find_element(By.ID, "reuse-flags").text
    assert "MH-PUNE-01" in flags and "also sent by another office" in flags

    # Photos: a site's before and after side by side, the full photo on demand
    browser.get(dashboard.url + "/photos?office=MH-PUNE-01")
    group = browser.find_elements(By.CSS_SELECTOR, "#groups .group")[0]
    roles = [f.get_attribute("data-role") for f in group.find_elements(By.CSS_SELECTOR, "figure.photo")]
    assert roles == ["before", "after"]
    images = group.find_elements(By.TAG_NAME, "img")
    # Wait for the thumbnails to finish loading (a loaded machine is slow to make them); a
    # broken one is complete too, with no width, and fails below.
    WebDriverWait(browser, 30).until(lambda b: all(
        b.execute_script("return arguments[0].complete", i) for i in images))
    assert all(browser.execute_script("return arguments[0].naturalWidth", i) > 0 for i in images)
    assert max(browser.execute_script("return arguments[0].naturalWidth", i) for i in images) <= 320
    click_and_wait_for_next_page(browser, group.find_element(By.CSS_SELECTOR, "a.full"))
    assert "/photo/" in browser.current_url and "/thumb" not in browser.current_url
    browser.get(dashboard.url + "/photos?office=DL-042")
    reused = browser.find_element(By.CSS_SELECTOR, f'figure[data-sha="{dashboard.reused}"]')
    assert "MH-PUNE-01" in reused.find_element(By.CSS_SELECTOR, ".reused").text
    browser.get(dashboard.url + "/photos?kind=event&office=MH-PUNE-01")
    assert browser.find_elements(By.CSS_SELECTOR, 'figure[data-role="event"]')

    # A form posted without its CSRF token is refused, and changes nothing
    browser.get(dashboard.url + "/offices/DL-042")
    browser.execute_script("document.querySelector('#revoke-form input[name=csrf]').remove()")
    browser.find_element(By.ID, "revoke-reason").send_keys("stolen PC")
    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "revoke"))
    assert "nothing was changed" in browser.find_element(By.ID, "message").text
    browser.get(dashboard.url + "/offices/DL-042")
    assert browser.find_element(By.ID, "active-key").text.startswith("Active key")
    # ... and with it, done, and audited with who did it
    browser.find_element(By.ID, "revoke-reason").send_keys("stolen PC")
    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "revoke"))
    assert "revoked" in browser.find_element(By.ID, "done").text
    assert "a.sharma" in browser.find_element(By.ID, "audit").text

    # Hindi, then sign out: every page is refused again
    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "lang"))
    assert browser.find_element(By.TAG_NAME, "h2").text and "अवलोकन" in browser.page_source
    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "signout"))
    for path in PAGES:
        browser.get(dashboard.url + path)
        assert "/signin?next=" in browser.current_url, path
