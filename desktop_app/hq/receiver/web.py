"""How the dashboard's pages are made: Jinja2 templates (autoescaped), the language, the
numbers, and the CSRF check every form post goes through.

* ``render(request, staff, name, **context)``: a template from ``templates/`` with the
  safety headers of every receiver page (``pages.HEADERS``), the signed-in bar and the
  language switch; ``_``, ``plural`` and the number filters speak the chosen language.
* The language is a cookie (``fielddesk_lang``), set by ``GET /language/hi``: a link, so it
  works on the sign-in page too, and it changes nothing but how pages read.
* ``checked_form(request, staff)``: the posted fields, after the form's ``csrf`` field is
  compared with the session's token (``sessions.py``); a post without it, or with another,
  gets 403 and changes nothing.
* ``cannot_answer``: headquarters' own trouble under a request (its database server gone, a
  full disk: the store's one-line ``FieldDeskError``) is a 503 that says so in one line, a page
  in the reader's language for people and plain text for the offices' upload client (which
  retries on 5xx), never the server's bare "Internal Server Error".
"""

from __future__ import annotations

import hmac
import logging
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.background import BackgroundTask

from desktop_app.campaigns.package import OFFER_PATH
from desktop_app.domain.choices import (
    DisposalMode,
    EventType,
    IndicatorGroup,
    PhotoRole,
    ScrapCategory,
    SiteStatus,
    Unit,
    label,
)
from desktop_app.domain.formatting import format_value
from desktop_app.domain.i18n import N_
from desktop_app.domain.numbers import format_count, format_percent, format_rupees
from desktop_app.errors import FieldDeskError
from desktop_app.hq.receiver.pages import CSS, HEADERS
from desktop_app.hq.receiver.signin import SESSION_COOKIE
from desktop_app.hq.receiver.translate import LANGUAGES, catalog
from desktop_app.hq.reuse import BEFORE_AFTER, OTHER_OFFICE, OTHER_RECORD
from desktop_app.resources import dashboard_templates

LANG_COOKIE = "fielddesk_lang"
TEMPLATES = dashboard_templates()
CANNOT_ANSWER = N_("Headquarters cannot answer just now: {error}")
MACHINE_PATHS = ("/files/", "/receipts/", f"/{OFFER_PATH}")  # the offices' client, not people
log = logging.getLogger(__name__)


class FormRefused(Exception):
    """A form post without the session's CSRF token (or not signed in): 403, nothing done."""


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, "en")
    return lang if lang in LANGUAGES else "en"


# Why a photo is flagged as reused (``hq.reuse``'s scopes), as the pages say it.
REUSE_SCOPES = {OTHER_OFFICE: N_("also sent by another office"),
                OTHER_RECORD: N_("also used for another record of this office"),
                BEFORE_AFTER: N_("the site's after photo is its own before photo")}

VOCABULARIES = {"site": SiteStatus, "event": EventType, "scrap": ScrapCategory,
                "mode": DisposalMode, "role": PhotoRole, "group": IndicatorGroup}


def _vocab(lang: str, kind: str, value: Any) -> str:
    """A stored vocabulary code ('completed', 'e-auction') as its label in *lang*."""
    try:
        return label(VOCABULARIES[kind](value), lang)
    except (KeyError, ValueError):
        return "" if value is None else str(value)


def _day(stamp: str | None) -> str:
    """An ISO time or date as the offices write it: 20.11.2026 (10:30 UTC when a time)."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if len(stamp) <= 10:
        return moment.strftime("%d.%m.%Y")
    return moment.astimezone(UTC).strftime("%d.%m.%Y %H:%M")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["count"] = lambda n: format_count(None if n is None else int(n))
    env.filters["day"] = _day
    env.globals["css"] = CSS
    return env


ENV = _environment()


def render(request: Request, staff: Any, name: str, status: int = 200,
           **context: Any) -> HTMLResponse:
    """The page; the session's one-time message (``sessions.py``) shown on it, then
    cleared once the page is sent."""
    lang = language(request)
    flash = getattr(staff, "flash", None)
    words = catalog(lang)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    text = ENV.get_template(name).render(
        _=words.gettext, plural=words.plural, lang=lang, staff=staff, here=here,
        rupees=lambda paise: format_rupees(None if paise is None else int(paise), lang=lang),
        value=lambda v, unit: format_value(v, unit, lang),
        percent=lambda achieved, target: format_percent(achieved, target),
        sqft=lambda n: f"{format_count(int(n or 0))} {label(Unit.SQFT, lang)}",
        title=lambda labelled: labelled.text(lang), vocab=lambda k, v: _vocab(lang, k, v),
        reuse_scope=lambda scope: words.gettext(REUSE_SCOPES.get(scope, scope)),
        done=flash.text if flash and flash.kind == "done" else "",
        error=flash.text if flash and flash.kind == "error" else "", **context)
    shown = None
    if flash is not None:
        shown = BackgroundTask(request.app.state.receiver.sessions.shown,
                               request.cookies.get(SESSION_COOKIE), flash)
    return HTMLResponse(text, status_code=status, headers=HEADERS, background=shown)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


async def checked_form(request: Request, staff: Any) -> dict[str, Any]:
    """The posted form's fields, once its CSRF token is the session's; else FormRefused."""
    form = await request.form(max_files=1, max_fields=20)
    if staff is None or not same_token(str(form.get("csrf") or ""), staff.csrf):
        raise FormRefused()
    return dict(form)


async def cannot_answer(request: Request, exc: FieldDeskError) -> Response:
    """A one-line 503 for headquarters' own trouble (see the module's notes). No signed-in
    bar: finding who is signed in needs the database that just failed."""
    log.warning("%s %s: %s", request.method, request.url.path, exc)
    if request.url.path.startswith(MACHINE_PATHS):
        return PlainTextResponse(str(exc), 503, headers={"Retry-After": "30"})
    return render(request, None, "message.html", 503, message=CANNOT_ANSWER,
                  params={"error": str(exc)})
