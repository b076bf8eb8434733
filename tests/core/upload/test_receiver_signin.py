"""The status page and /report.xlsx show every office's data: staff only.

With a staff account, every page but the upload endpoints needs a signed-in session;
without one, the pages are open on the headquarters machine only and ``hq serve`` will
not listen elsewhere. Sign-in: CSRF token on the form, HttpOnly SameSite=Strict session
cookie, a delay on every wrong password and a lock after five in a row.
"""

from __future__ import annotations

import re
import time

import httpx
import pytest

from desktop_app.errors import FieldDeskError
from desktop_app.hq import staff
from desktop_app.hq.receiver import sessions, signin
from desktop_app.hq.receiver.server import check_staff_for

PASSWORD = "correct horse battery"
REMOTE = {"X-Forwarded-For": "203.0.113.9"}  # uvicorn trusts it from 127.0.0.1: a remote client


@pytest.fixture
def fast_failures(monkeypatch):
    monkeypatch.setattr(signin, "FAILURE_DELAY", 0.05)


def client(site) -> httpx.Client:
    return httpx.Client(base_url=site.url, timeout=10, follow_redirects=False)


def sign_in(http: httpx.Client, name: str, password: str, *, csrf: str | None = None,
            next_path: str = "/") -> httpx.Response:
    form = http.get(f"/signin?next={next_path}")
    assert form.status_code == 200
    token = re.search(r"name='csrf' value='([^']+)'", form.text)[1]
    return http.post("/signin", data={"name": name, "password": password,
                                      "csrf": token if csrf is None else csrf,
                                      "next": next_path})


def test_without_an_account_the_pages_are_open_here_and_closed_elsewhere(hq_site):
    site = hq_site.serve()
    with client(site) as http:
        local = http.get("/")
        assert local.status_code == 200 and "no staff account yet" in local.text
        for path in ("/", "/report.xlsx"):
            remote = http.get(path, headers=REMOTE)
            assert remote.status_code == 403, path
            assert "fielddesk hq user add NAME --role admin" in remote.text
        # the upload endpoints are not behind the sign-in: offices sign their requests
        assert http.options("/files/", headers=REMOTE).status_code == 204


def test_hq_serve_refuses_a_public_address_without_an_account(hq_site):
    for host in ("0.0.0.0", "192.0.2.10", "::", "hq.example.org"):
        with pytest.raises(FieldDeskError, match="run `fielddesk hq user add NAME --role admin`"):
            check_staff_for(host, hq_site.hq)
    check_staff_for("127.0.0.1", hq_site.hq)
    check_staff_for("::1", hq_site.hq)
    staff.add_user(hq_site.hq, "a.sharma", staff.ADMIN, PASSWORD)
    check_staff_for("0.0.0.0", hq_site.hq)
    staff.set_disabled(hq_site.hq, "a.sharma", True)  # a disabled account does not count
    with pytest.raises(FieldDeskError):
        check_staff_for("0.0.0.0", hq_site.hq)


def test_signed_out_is_sent_to_sign_in_then_signed_in_sees_the_pages(hq_site):
    staff.add_user(hq_site.hq, "a.sharma", staff.VIEWER, PASSWORD)
    site = hq_site.serve()
    with client(site) as http:
        for path in ("/", "/report.xlsx"):
            response = http.get(path)  # from this machine too, now that accounts exist
            assert response.status_code == 303, path
            assert response.headers["location"] == f"/signin?next={path}"
        signed = sign_in(http, "a.sharma", PASSWORD, next_path="/report.xlsx")
        assert signed.status_code == 303 and signed.headers["location"] == "/report.xlsx"
        cookie = next(v for k, v in signed.headers.multi_items() if k == "set-cookie"
                      and v.startswith(signin.SESSION_COOKIE))
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        page = http.get("/")
        assert page.status_code == 200 and "a.sharma (viewer)" in page.text
        assert page.headers["x-frame-options"] == "DENY"
        workbook = http.get("/report.xlsx")
        assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
        # sign-out needs the session's CSRF token
        assert http.post("/signout", data={"csrf": "forged"}).status_code == 403
        assert http.get("/").status_code == 200
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
        assert http.post("/signout", data={"csrf": csrf}).status_code == 303
        assert http.get("/").status_code == 303


def test_a_sign_in_without_its_forms_token_is_refused(hq_site):
    staff.add_user(hq_site.hq, "a.sharma", staff.VIEWER, PASSWORD)
    site = hq_site.serve()
    with client(site) as http:
        response = sign_in(http, "a.sharma", PASSWORD, csrf="")
        assert response.status_code == 403 and "expired or did not come from this page" in \
            response.text
        assert signin.SESSION_COOKIE not in http.cookies
        # a form token from another browser (no matching cookie) is no better
        other = httpx.get(f"{site.url}/signin", timeout=10)
        token = re.search(r"name='csrf' value='([^']+)'", other.text)[1]
        assert sign_in(http, "a.sharma", PASSWORD, csrf=token).status_code == 403
        assert http.get("/").status_code == 303


def test_wrong_passwords_are_slowed_then_locked(hq_site, fast_failures):
    staff.add_user(hq_site.hq, "a.sharma", staff.VIEWER, PASSWORD)
    site = hq_site.serve()
    with client(site) as http:
        started = time.monotonic()
        wrong = sign_in(http, "a.sharma", "not the password")
        assert wrong.status_code == 401 and "Wrong name or password." in wrong.text
        assert time.monotonic() - started >= signin.FAILURE_DELAY
        for _ in range(sessions.FREE_FAILURES - 2):
            assert sign_in(http, "a.sharma", "not the password").status_code == 401
        locked = sign_in(http, "a.sharma", "not the password")  # the fifth in a row
        assert locked.status_code == 429 and "try again in 1 minute" in locked.text
        # locked: even the right password is not checked
        assert sign_in(http, "a.sharma", PASSWORD).status_code == 429
        # an unknown name answers like a wrong password, never "no such name"
        unknown = sign_in(http, "nobody.here", PASSWORD)
        assert unknown.status_code == 401 and "Wrong name or password." in unknown.text
    # once the lock has passed, the right password works and clears the count
    site.rx.sessions.succeeded("a.sharma")
    with client(site) as http:
        assert sign_in(http, "a.sharma", PASSWORD).status_code == 303
    assert sessions.lock_seconds(5) == 60 and sessions.lock_seconds(6) == 120
    assert sessions.lock_seconds(40) == sessions.MAX_LOCK_SECONDS


def test_disabling_an_account_or_a_new_password_ends_its_sessions(hq_site):
    staff.add_user(hq_site.hq, "a.sharma", staff.ADMIN, PASSWORD)
    site = hq_site.serve()
    with client(site) as http:
        assert sign_in(http, "a.sharma", PASSWORD).status_code == 303
        assert http.get("/").status_code == 200
        staff.set_password(hq_site.hq, "a.sharma", "another long password")
        assert http.get("/").status_code == 303
        assert sign_in(http, "a.sharma", "another long password").status_code == 303
        staff.set_disabled(hq_site.hq, "a.sharma", True)
        staff.add_user(hq_site.hq, "b.verma", staff.VIEWER, PASSWORD)  # accounts still exist
        assert http.get("/").status_code == 303
        assert sign_in(http, "a.sharma", "another long password").status_code == 401


def test_roles_and_account_rules(hq_site):
    admin = staff.add_user(hq_site.hq, "a.sharma", staff.ADMIN, PASSWORD)
    viewer = staff.add_user(hq_site.hq, "b.verma", staff.VIEWER, PASSWORD)
    assert admin.may(staff.ADMIN) and admin.may(staff.VIEWER)
    assert viewer.may(staff.VIEWER) and not viewer.may(staff.ADMIN)
    with hq_site.hq.store.read() as conn:
        stored = staff.find_user(conn, "a.sharma")
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    assert staff.check_password(stored, PASSWORD) and not staff.check_password(stored, "x" * 12)
    for bad, words in (("short", "too short"), ("a.sharma's secret", "must not contain the name")):
        with pytest.raises(FieldDeskError, match=words):
            staff.set_password(hq_site.hq, "a.sharma", bad)
    with pytest.raises(FieldDeskError, match="exists already"):
        staff.add_user(hq_site.hq, "a.sharma", staff.VIEWER, PASSWORD)
    with pytest.raises(FieldDeskError, match="staff name"):
        staff.add_user(hq_site.hq, "A Sharma", staff.VIEWER, PASSWORD)
    staff.remove_user(hq_site.hq, "b.verma")
    with hq_site.hq.store.read() as conn:
        assert [a.name for a in staff.list_users(conn)] == ["a.sharma"]
    actions = [r[0] for r in hq_site.rows("SELECT action FROM staff_event ORDER BY id")]
    assert actions == ["add", "add", "remove"]


def test_the_sign_in_page_speaks_the_language_chosen(hq_site, fast_failures):
    staff.add_user(hq_site.hq, "a.sharma", staff.VIEWER, PASSWORD)
    site = hq_site.serve()
    with client(site) as http:
        english = http.get("/signin")
        assert "Sign in to see the offices" in english.text and "/language/hi?next=" in english.text
        chosen = http.get("/language/hi?next=/signin")  # the link on the page itself
        assert chosen.status_code == 303 and chosen.headers["location"] == "/signin"
        hindi = http.get("/signin")
        assert "कार्यालयों का डेटा देखने के लिए साइन इन करें" in hindi.text
        assert "Sign in to see" not in hindi.text
        wrong = sign_in(http, "a.sharma", "not the password")
        assert wrong.status_code == 401 and "नाम या पासवर्ड गलत है।" in wrong.text
        for _ in range(sessions.FREE_FAILURES - 2):
            sign_in(http, "a.sharma", "not the password")
        locked = sign_in(http, "a.sharma", "not the password")
        assert locked.status_code == 429 and "1 मिनट बाद फिर प्रयास करें" in locked.text
