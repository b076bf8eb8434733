"""Screenshots of the headquarters dashboard at 1366x768 (and one on a phone), English and Hindi.

    .venv/bin/python scripts/dashboard_screenshots.py [OUT_DIR]   (default docs/screenshots)

Builds a throw-away headquarters with six demo offices (one with camera-like photos, one
that sent one of its "after" photos as its own), serves it on 127.0.0.1, signs in as an
admin in headless Chromium and saves each page: overview, offices, an office, photos, and
the receiver's status page.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from desktop_app.bundle.export import export_bundle
from desktop_app.demo import add_demo_photos, populate
from desktop_app.domain.choices import DisposalMode, EventType, PhotoRole, ScrapCategory
from desktop_app.domain.models import Event, ScrapDisposal
from desktop_app.hq import open_hq
from desktop_app.hq.importer import import_bundle
from desktop_app.hq.receipts import init_hq_key, load_hq_key
from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.testkit import ServerThread
from desktop_app.hq.registry import register_key
from desktop_app.hq.staff import ADMIN, add_user
from desktop_app.hq.staff_actions import set_place
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.photos import PhotoRecord
from desktop_app.storage.store import open_folder

ROOT = Path(__file__).resolve().parent.parent
OFFICES = (("MH-PUNE-01", "Regional Office, Pune", "Maharashtra", "Pune"),
           ("DL-042", "Zonal Office, Delhi", "Delhi", "New Delhi"),
           ("KA-BLR-07", "Branch Office, Bengaluru", "Karnataka", "Bengaluru Urban"),
           ("UP-LKO-03", "Field Office, Lucknow", "Uttar Pradesh", "Lucknow"),
           ("WB-KOL-11", "Regional Office, Kolkata", "West Bengal", "Kolkata"),
           ("TN-CHE-02", "Zonal Office, Chennai", "Tamil Nadu", "Chennai"))
PASSWORD = "correct horse battery"


def build(root: Path):
    hq = open_hq(root / "hq")
    init_hq_key(hq.folder.keys)
    reused = None
    for n, (code, name, state, district) in enumerate(OFFICES):
        opened = open_folder(root / code)
        populate(opened)
        opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code,
                                                     name=name))
        campaign = opened.store.campaigns.current()
        for k in range(n * 3):  # no two offices the same
            day = date(2026, 10, 3) + timedelta(days=k)
            opened.store.scrap.add(ScrapDisposal(
                campaign.id, day, f"Old furniture lot {k}", ScrapCategory.FURNITURE, 3.0, "nos",
                DisposalMode.E_AUCTION, "MSTC", f"R/{k}", 25_000_00 * (k + 1), 40 * k, ""))
            opened.store.events.add(Event(campaign.id, day, EventType.AWARENESS_WORKSHOP,
                                          f"Workshop {k}", "Hall", 20 + 7 * k, ""))
        create_office_key(opened, reason="screenshots")
        if n == 0:
            add_demo_photos(opened, size=(640, 480))
            reused = next(link.photo_sha256 for link in opened.store.photos.links_of_campaign(
                campaign.id) if link.role == PhotoRole.AFTER)
            reused_bytes = (opened.folder.photos / f"{reused}.jpg").read_bytes()
        elif n == 1:
            (opened.folder.photos / f"{reused}.jpg").write_bytes(reused_bytes)
            opened.store.photos.add(PhotoRecord(
                sha256=reused, width=640, height=480, bytes=len(reused_bytes),
                original_name="after.jpg", original_bytes=len(reused_bytes), dhash="0" * 16,
                taken_at=None, latitude=None, longitude=None, caption="after"))
            site = next(s for s in opened.store.sites.list(campaign.id) if s.completed_date)
            opened.store.photos.link(reused, "site", site.id, PhotoRole.AFTER)
        register_key(hq, (opened.folder.keys / "office.pub.pem").read_bytes(), code)
        if n < 5:  # the last one has not reported
            import_bundle(hq, export_bundle(opened)[-1].path)
        opened.close()
        set_place(hq, "setup", code, state, district)
    add_user(hq, "a.sharma", ADMIN, PASSWORD)
    return hq


def shoot(out: Path) -> list[Path]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory(prefix="fielddesk-shots-") as tmp:
        hq = build(Path(tmp))
        app = create_app(ReceiverConfig(root=hq.folder.root), hq_backend(hq),
                         load_hq_key(hq.folder.keys))
        with ServerThread(app) as server:
            options = Options()
            options.binary_location = "/usr/bin/chromium"
            for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--hide-scrollbars",
                        f"--user-data-dir={tmp}/profile", "--window-size=1366,768"):
                options.add_argument(arg)
            browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
            try:
                browser.set_window_size(1366, 768)
                browser.get(server.url + "/signin?next=/overview")
                browser.save_screenshot(str(out / "dashboard-signin-en.png"))
                browser.find_element(By.ID, "name").send_keys("a.sharma")
                browser.find_element(By.ID, "password").send_keys(PASSWORD)
                browser.find_element(By.ID, "signin").click()
                browser.find_element(By.ID, "figures")
                pages = (("overview", "/overview"), ("offices", "/offices?sort=revenue&desc=1"),
                         ("office", "/offices/DL-042"), ("photos", "/photos?office=MH-PUNE-01"),
                         ("status", "/"))
                for lang in ("en", "hi"):
                    browser.get(f"{server.url}/language/{lang}?next=/overview")
                    for name, path in pages:
                        browser.get(server.url + path)
                        browser.execute_async_script(  # the Devanagari web font, loaded
                            "document.fonts.ready.then(arguments[arguments.length - 1])")
                        target = out / f"dashboard-{name}-{lang}.png"
                        browser.save_screenshot(str(target))
                        saved.append(target)
                browser.set_window_size(390, 844)  # a phone
                browser.get(server.url + "/language/en?next=/overview")
                browser.save_screenshot(str(out / "dashboard-overview-phone.png"))
                saved.append(out / "dashboard-overview-phone.png")
            finally:
                browser.quit()
        hq.close()
    return saved


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in shoot(target):
        print(path)
