"""Who may see every office's data in the browser: staff sign-in for the receiver's pages.

The upload endpoints (``/files/``, ``/receipts/``) are not concerned: offices sign each
request with their key (``auth.py``). Every other page asks ``gate(request, role)``:

* **some staff account exists** (``fielddesk hq user add``): a signed-in session is needed,
  whoever asks and from wherever; a page needing an admin refuses a viewer;
* **no account yet**: the pages are open to a browser on the headquarters machine itself
  (a client on the loopback address: a one-machine headquarters, as before accounts
  existed), and refused to anyone else with a line saying what to run. ``hq serve``
  refuses to listen on a non-loopback address then (``server.py``). A reverse proxy on
  the same machine that forwards these pages passes the real client in
  ``X-Forwarded-For`` (uvicorn trusts it from 127.0.0.1), so its visitors are not local.

Sign-in (``/signin``) takes a name and password (``hq.staff``), then sets a session
cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, 12 hours (``sessions.py``). Every
form carries a CSRF token: the sign-in form the one in a cookie set with the form (double
submit), later forms their session's. Each wrong password costs the sender a
``FAILURE_DELAY`` and counts towards a lock of the name (``sessions.py``); at most
``CHECKS_AT_ONCE`` passwords are hashed at a time. Sign-out (``POST /signout``) ends the
session. The dashboard's pages sit behind the same ``gate``.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from desktop_app.domain.i18n import N_
from desktop_app.hq.receiver.pages import HEADERS, e, page
from desktop_app.hq.receiver.sessions import SESSION_SECONDS, UNKNOWN, Flash
from desktop_app.hq.receiver.translate import LANGUAGES, Catalog, catalog
from desktop_app.hq.staff import ADMIN, VIEWER, check_password, session_tag

SESSION_COOKIE = "fielddesk_session"
FORM_COOKIE = "fielddesk_signin"
FAILURE_DELAY = 1.0
CHECKS_AT_ONCE = 2
MAX_FORM_BYTES = 4096

router = APIRouter()


@dataclass(frozen=True)
class Staff:
    """Who is looking: a signed-in account, or ``None`` from ``gate`` on an open machine."""

    name: str
    role: str
    csrf: str
    flash: Flash | None = None  # the session's one-time message (``sessions.py``)


class SignInRequired(Exception):
    """No valid session: the browser is sent to the sign-in page."""


class Refused(Exception):
    """Signed in (or not) but not allowed: a page saying why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


NO_ACCOUNT = ("No staff account exists at this headquarters yet, so its pages are shown only "
              "on the headquarters machine itself. To see them from elsewhere, run there: "
              "fielddesk hq user add NAME --role admin")


def is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address((host or "").strip("[]")).is_loopback
    except ValueError:
        return False


def _now() -> int:
    return int(time.time())


async def gate(request: Request, role: str = VIEWER) -> Staff | None:
    """The signed-in staff member allowed *role*, or None when the page is open (no account
    exists, asked from this machine). Raises ``SignInRequired`` or ``Refused``."""
    rx = request.app.state.receiver
    directory = rx.backend.staff
    accounts = 0 if directory is None else await asyncio.to_thread(directory.active_count)
    if accounts == 0:
        if is_loopback(request.client.host if request.client else None):
            return None
        raise Refused(NO_ACCOUNT)
    token = request.cookies.get(SESSION_COOKIE)
    session = await asyncio.to_thread(rx.sessions.get, token, _now())
    if session is None:
        raise SignInRequired()
    account = await asyncio.to_thread(directory.find, session.name)
    if account is None or account.disabled or session_tag(account) != session.tag:
        await asyncio.to_thread(rx.sessions.end, token)  # disabled, removed, new password
        raise SignInRequired()
    if not account.may(role):
        raise Refused(f"{account.name} is a {account.role}: this page is for an {ADMIN}.")
    return Staff(account.name, account.role, session.csrf, session.flash)


async def viewer(request: Request) -> Staff | None:
    """FastAPI dependency: a page any staff member may see."""
    return await gate(request, VIEWER)


async def admin(request: Request) -> Staff | None:
    """FastAPI dependency: a page only an admin may see."""
    return await gate(request, ADMIN)


# --- the pages ---------------------------------------------------------------------------------


def _next_path(value: str | None) -> str:
    """Where to go after signing in: a path on this server only (never another site)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


LANG_COOKIE = "fielddesk_lang"  # the dashboard's language choice (``web.LANG_COOKIE``)


def _words(request: Request) -> Catalog:
    """The sign-in page speaks the language chosen on it or on the dashboard."""
    lang = request.cookies.get(LANG_COOKIE, "en")
    return catalog(lang if lang in LANGUAGES else "en")


def _form(request: Request, next_path: str, message: str = "", status: int = 200) -> Response:
    _ = _words(request).gettext
    token = secrets.token_urlsafe(24)
    error = f"<p class='error' id='signin-error'>{e(message)}</p>" if message else ""
    back = quote(f"/signin?next={next_path}", safe="")
    switch = (f"<p class='muted' id='languages'><a href='/language/en?next={back}'>English</a>"
              f" · <a href='/language/hi?next={back}' lang='hi'>हिन्दी</a></p>")
    body = (f"{switch}<h1>{e(_(HEADING))}</h1><p class='muted'>"
            f"{e(_(INTRO))}</p>{error}"
            "<form class='signin' method='post' action='/signin'>"
            f"<label for='name'>{e(_(NAME))}</label><input id='name' name='name' "
            "autocomplete='username' required autofocus>"
            f"<label for='password'>{e(_(PASSWORD))}</label><input id='password' "
            "name='password' type='password' autocomplete='current-password' required>"
            f"<input type='hidden' name='csrf' value='{token}'>"
            f"<input type='hidden' name='next' value='{e(next_path)}'>"
            f"<button type='submit' id='signin'>{e(_(SIGN_IN))}</button></form>")
    response = page(_(PAGE_TITLE), body, status)
    response.set_cookie(FORM_COOKIE, token, max_age=1800, path="/signin", httponly=True,
                        samesite="strict")
    return response


@router.get("/signin")
async def signin_page(request: Request, next: str = "/") -> Response:
    return _form(request, _next_path(next))


async def _form_fields(request: Request) -> dict[str, str]:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return {}
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=8)
    return {k: v[0] for k, v in fields.items()}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


@router.post("/signin")
async def signin(request: Request) -> Response:
    rx = request.app.state.receiver
    fields = await _form_fields(request)
    next_path = _next_path(fields.get("next"))
    if not _same(fields.get("csrf"), request.cookies.get(FORM_COOKIE)):
        return _form(request, next_path, _words(request).gettext(FORM_EXPIRED), 403)
    directory = rx.backend.staff
    if directory is None:
        return _form(request, next_path, _words(request).gettext(NO_SIGNIN), 503)
    name = fields.get("name", "").strip().lower()[:64]
    account = await asyncio.to_thread(directory.find, name) if name else None
    key = account.name if account is not None else UNKNOWN
    now = _now()
    locked = await asyncio.to_thread(rx.sessions.locked_for, key, now)
    if locked:
        return _form(request, next_path, _locked_text(request, locked), 429)
    async with request.app.state.password_checks:
        good = await asyncio.to_thread(check_password, account, fields.get("password", ""))
    if not good or account.disabled:
        locked = await asyncio.to_thread(rx.sessions.failed, key, now)
        await asyncio.sleep(FAILURE_DELAY)
        return _form(request, next_path, _locked_text(request, locked) if locked else
                     _words(request).gettext(WRONG_PASSWORD), 429 if locked else 401)
    await asyncio.to_thread(rx.sessions.succeeded, key)
    token, _session = await asyncio.to_thread(rx.sessions.start, account.name,
                                              session_tag(account), now)
    response = RedirectResponse(next_path, status_code=303, headers=HEADERS)
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_SECONDS, path="/", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    response.delete_cookie(FORM_COOKIE, path="/signin")
    return response


HEADING = N_("FieldDesk — headquarters")
INTRO = N_("Sign in to see the offices’ data.")
NAME = N_("Name")
PASSWORD = N_("Password")
SIGN_IN = N_("Sign in")
PAGE_TITLE = N_("Sign in — FieldDesk headquarters")
FORM_EXPIRED = N_("This sign-in form has expired or did not come from this page: sign in again.")
NO_SIGNIN = N_("Staff sign-in is not available on this server.")
WRONG_PASSWORD = N_("Wrong name or password.")


def _locked_text(request: Request, seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return _words(request).plural(
        "Too many wrong passwords for this name: try again in {n} minute.",
        "Too many wrong passwords for this name: try again in {n} minutes.", minutes)


@router.post("/signout")
async def signout(request: Request) -> Response:
    rx = request.app.state.receiver
    token = request.cookies.get(SESSION_COOKIE)
    session = await asyncio.to_thread(rx.sessions.get, token, _now())
    fields = await _form_fields(request)
    if session is not None and not _same(fields.get("csrf"), session.csrf):
        return page("Not signed out", "<p class='error'>That sign-out did not come from this "
                    "site's page; you are still signed in.</p><p><a href='/'>Back</a></p>", 403)
    await asyncio.to_thread(rx.sessions.end, token)
    response = RedirectResponse("/signin", status_code=303, headers=HEADERS)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def install(app: FastAPI) -> None:
    """The sign-in routes, and what ``SignInRequired`` and ``Refused`` turn into."""

    async def to_signin(request: Request, _exc: SignInRequired) -> Response:
        if request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/signin?next={quote(target, safe='/')}", status_code=303,
                                    headers=HEADERS)
        return page("Sign in", "<p class='error'>Sign in first.</p>", 401)

    async def refused(_request: Request, exc: Refused) -> Response:
        return page("Not allowed — FieldDesk headquarters",
                    f"<h1>FieldDesk — headquarters</h1><p class='error' id='refused'>"
                    f"{e(exc.message)}</p>", 403)

    app.state.password_checks = asyncio.Semaphore(CHECKS_AT_ONCE)
    app.add_exception_handler(SignInRequired, to_signin)
    app.add_exception_handler(Refused, refused)
    app.include_router(router)
