"""Fixtures for the browser tests: Debian's Chromium, headless, driven by selenium.

``chromium`` fails the test (never skips it) when the browser, its driver or selenium is
missing, saying what to run; ``browser`` is a fresh headless Chromium at 1366x768 with a
profile of its own and no background networking, downloading into ``tmp_path/downloads``.
"""

from __future__ import annotations

import dataclasses
import shutil

import pytest


@dataclasses.dataclass(frozen=True)
class Chromium:
    browser: str
    driver: str


@pytest.fixture
def chromium() -> Chromium:
    """Debian's chromium and chromedriver on ``PATH``, and selenium: or this test fails."""
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    missing = [name for name, path in (("chromium", browser), ("chromedriver", driver)) if not path]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not found on PATH: the status page's browser test "
                    "needs Debian's chromium and chromium-driver; run `bash scripts/setup`",
                    pytrace=False)
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.fail("selenium is not installed (a dev extra): run `bash scripts/setup`",
                    pytrace=False)
    return Chromium(browser, driver)


@pytest.fixture
def browser(chromium, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = Options()
    options.binary_location = chromium.browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-extensions",
                f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1366,768"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(chromium.driver), options=options)
    driver.set_page_load_timeout(30)
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)


def _click_and_wait_for_next_page(browser, element, timeout: float = 30) -> None:
    """Click, then wait until the browser has left the page: a click returns at once, often
    before the next page has loaded (the password hash takes a while on a loaded machine)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element("tag name", "html")
    element.click()

    def old_page_gone(_driver) -> bool:
        try:
            old.is_enabled()
        except WebDriverException:  # stale, or Chrome's "node does not belong to the document"
            return True
        return False

    WebDriverWait(browser, timeout).until(old_page_gone)


@pytest.fixture
def click_and_wait_for_next_page():
    """``click_and_wait_for_next_page(browser, element)`` (a fixture: the suite imports test
    modules by path, so helpers travel as fixtures)."""
    return _click_and_wait_for_next_page
