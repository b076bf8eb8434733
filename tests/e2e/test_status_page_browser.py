"""The headquarters status page in a real browser: Debian's Chromium, headless, via selenium.

Two offices are registered, one has uploaded a bundle; the page must list both, flag the
silent one as stale, show the upload log, and its download link must give an .xlsx. Once
a staff account exists, a signed-out browser gets the sign-in page instead of the page or
the workbook, a wrong password is refused, and signing in and out works.
Everything stays on 127.0.0.1; the browser runs with a fresh profile and no background
networking.

The browser fixtures are in ``conftest.py`` (shared with the dashboard's test).
``scripts/setup`` installs the browser (Debian's chromium and chromium-driver) and
selenium (a dev extra). On a machine without them this test fails, alone, saying what is
missing (the ``chromium`` fixture): never a skip, and never an error at import time that
would stop pytest from collecting every other test.
"""

from __future__ import annotations

import dataclasses
import time
import zipfile
from pathlib import Path

import pytest

from desktop_app.bundle.export import export_bundle
from desktop_app.demo import populate
from desktop_app.hq import open_hq
from desktop_app.hq.database import HQFolder
from desktop_app.hq.receipts import init_hq_key, load_hq_key
from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.testkit import ServerThread
from desktop_app.hq.registry import register_key
from desktop_app.keys import signing
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.store import open_folder
from desktop_app.upload.backoff import RetryPolicy
from desktop_app.upload.remote import set_remote
from desktop_app.upload.runner import send_outbox


def office(root: Path, code: str):
    opened = open_folder(root)
    populate(opened)
    opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code))
    create_office_key(opened, reason="tests")
    export_bundle(opened)
    return opened


@pytest.fixture
def receiver(tmp_path, hq_db):
    """A receiver on each back-end (PostgreSQL: the folder remembers its database, and the
    receiver imports with its own import worker, as `hq serve` does)."""
    if hq_db:
        HQFolder(tmp_path / "hq").ensure().write_settings({"database": hq_db})
    hq = open_hq(tmp_path / "hq")
    init_hq_key(hq.folder.keys)
    app = create_app(ReceiverConfig(root=hq.folder.root), hq_backend(hq), load_hq_key(hq.folder.keys))
    server = ServerThread(app).start()
    offices = [office(tmp_path / code, code) for code in ("MH-PUNE-01", "DL-042")]
    for opened in offices:
        register_key(hq, signing.public_pem_path(opened.folder.keys).read_bytes(),
                     opened.store.office.get().code)
    set_remote(offices[0], server.url, signing.public_pem_path(hq.folder.keys, "hq"))
    report = send_outbox(offices[0], policy=RetryPolicy(base_delay=0.05, receipt_wait=20))
    assert len(report.accepted) == 1, report
    server.hq = hq
    yield server
    server.stop()
    for opened in offices:
        opened.close()
    hq.close()


def test_status_page_lists_offices_and_downloads_the_workbook(chromium, receiver, browser):
    # ``chromium`` first: a machine without the browser fails before the offices are built.
    from selenium.webdriver.common.by import By

    browser.get(receiver.url + "/")
    assert "FieldDesk" in browser.title
    rows = browser.find_elements(By.CSS_SELECTOR, "#offices tbody tr")
    by_code = {row.get_attribute("data-office"): row.text for row in rows}
    assert set(by_code) == {"MH-PUNE-01", "DL-042"}
    assert "special-campaign-6" in by_code["MH-PUNE-01"] and "up to date" in by_code["MH-PUNE-01"]
    assert "stale" in by_code["DL-042"]  # registered, nothing accepted yet
    log = browser.find_element(By.ID, "log").text
    assert "accepted" in log and "created" in log

    browser.find_element(By.ID, "download-report").click()
    deadline = time.monotonic() + 30
    files: list[Path] = []
    while time.monotonic() < deadline:
        files = [p for p in browser.downloads.iterdir() if p.suffix == ".xlsx"]
        if files:
            break
        time.sleep(0.1)
    assert files, list(browser.downloads.iterdir())
    with zipfile.ZipFile(files[0]) as workbook:
        assert "xl/workbook.xml" in workbook.namelist()


def test_signed_out_browser_is_refused_and_a_staff_member_signs_in(receiver, browser,
                                                                  click_and_wait_for_next_page):
    from selenium.webdriver.common.by import By

    from desktop_app.hq.staff import VIEWER, add_user

    add_user(receiver.hq, "a.sharma", VIEWER, "correct horse battery")

    browser.get(receiver.url + "/")  # signed out: the sign-in page, not the offices
    assert browser.current_url == receiver.url + "/signin?next=/"
    assert not browser.find_elements(By.ID, "offices")
    assert "Sign in" in browser.title
    browser.get(receiver.url + "/report.xlsx")  # nor the workbook
    assert browser.current_url.startswith(receiver.url + "/signin?next=/report.xlsx")
    assert not list(browser.downloads.iterdir())

    def sign_in(password: str) -> None:
        browser.find_element(By.ID, "name").send_keys("a.sharma")
        browser.find_element(By.ID, "password").send_keys(password)
        click_and_wait_for_next_page(browser, browser.find_element(By.ID, "signin"))

    browser.get(receiver.url + "/signin")
    sign_in("not my password")
    assert "Wrong name or password." in browser.find_element(By.ID, "signin-error").text
    assert not browser.find_elements(By.ID, "offices")

    sign_in("correct horse battery")
    assert browser.current_url == receiver.url + "/"
    assert "a.sharma (viewer)" in browser.find_element(By.ID, "who").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#offices tbody tr")
    assert {row.get_attribute("data-office") for row in rows} == {"MH-PUNE-01", "DL-042"}
    session = browser.get_cookie("fielddesk_session")
    assert session["httpOnly"] and session["sameSite"] == "Strict"

    click_and_wait_for_next_page(browser, browser.find_element(By.ID, "signout"))
    assert browser.current_url == receiver.url + "/signin"
    browser.get(receiver.url + "/")
    assert browser.current_url == receiver.url + "/signin?next=/"
