"""The dashboard's pages: overview, offices, one office, photos — for signed-in
staff only (``signin.viewer``), read from headquarters' database on a worker thread.

What each page shows is ``hq.dashboard``'s data; the templates only lay it out. Every
page takes its choices from the address (campaign, filters, sort, page), so a page can
be bookmarked and sent to a colleague, and changes nothing.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse, RedirectResponse

from desktop_app.domain.i18n import N_
from desktop_app.hq import dashboard as board
from desktop_app.hq import office_figures
from desktop_app.hq.photo_store import PhotoStore
from desktop_app.hq.receiver import signin
from desktop_app.hq.receiver.pages import HEADERS
from desktop_app.hq.receiver.translate import LANGUAGES
from desktop_app.hq.receiver.web import LANG_COOKIE, render
from desktop_app.hq.store.dashboard import PhotoFilter
from desktop_app.hq.thumbnails import thumbnail
from desktop_app.photos.store import is_sha256
from desktop_app.resources import asset_path

router = APIRouter()
Viewer = Depends(signin.viewer)

NOT_AVAILABLE = N_("The dashboard is not available on this server.")
NO_OFFICE = N_("No office {code} is registered here.")
NO_DATA = N_("No office has sent a bundle yet: the figures appear with the first one.")


def _hq(request: Request) -> Any:
    return request.app.state.receiver.backend.hq


def _stale_days(request: Request, asked: int | None) -> int:
    return asked if asked and asked > 0 else request.app.state.receiver.config.stale_days


async def _read(request: Request, job: Any, *args: Any, **kwargs: Any) -> Any:
    """*job(conn, …)* on one consistent snapshot of headquarters' database, off the loop."""
    hq = _hq(request)

    def run() -> Any:
        office_figures.catch_up(hq.store)  # one cheap query unless some are missing
        with hq.store.snapshot() as conn:
            return job(conn, *args, **kwargs)
    return await asyncio.to_thread(run)


def _unavailable(request: Request, staff: Any) -> Response | None:
    if _hq(request) is None:
        return render(request, staff, "message.html", 503, message=NOT_AVAILABLE, params={})
    return None


def _campaign(conn: Any, key: str | None) -> tuple[list, Any]:
    campaigns = board.reported_campaigns(conn)
    return campaigns, board.pick_campaign(campaigns, key)


@router.get("/overview")
async def overview(request: Request, campaign: str | None = None, stale_days: int | None = None,
                   staff: signin.Staff | None = Viewer) -> Response:
    if (closed := _unavailable(request, staff)) is not None:
        return closed
    days = _stale_days(request, stale_days)

    def load(conn: Any) -> tuple:
        campaigns, chosen = _campaign(conn, campaign)
        return campaigns, chosen and board.overview(conn, chosen, stale_days=days)
    campaigns, data = await _read(request, load)
    return render(request, staff, "overview.html", page="overview", campaigns=campaigns,
                  data=data, key=board.campaign_key, stale_days=days, no_data=NO_DATA)


def _percent_arg(text: str | None) -> float | None:
    try:
        value = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return value if value is None or 0 <= value <= 1000 else None


@router.get("/offices")
async def offices(request: Request, campaign: str | None = None, state: str = "",
                  district: str = "", stale: str = "", below: str | None = None, q: str = "",
                  sort: str = "code", desc: str = "", page: int = 1, per_page: int = 50,
                  stale_days: int | None = None,
                  staff: signin.Staff | None = Viewer) -> Response:
    if (closed := _unavailable(request, staff)) is not None:
        return closed
    days = _stale_days(request, stale_days)
    chosen_filter = board.offices_filter(
        stale_days=days, page=page, per_page=per_page, state=state[:64], district=district[:64],
        stale=bool(stale), below_percent=_percent_arg(below), search=q.strip()[:64], sort=sort,
        descending=bool(desc))

    def load(conn: Any) -> tuple:
        campaigns, chosen = _campaign(conn, campaign)
        return campaigns, chosen, chosen and board.offices_page(conn, chosen, chosen_filter)
    campaigns, chosen, data = await _read(request, load)
    args = {"campaign": board.campaign_key(chosen) if chosen else "", "state": state,
            "district": district, "stale": stale, "below": below or "", "q": q, "sort": sort,
            "desc": desc, "per_page": per_page}
    return render(request, staff, "offices.html", page="offices", campaigns=campaigns,
                  chosen=chosen, data=data, key=board.campaign_key, args=args,
                  stale_days=days, no_data=NO_DATA)


@router.get("/offices/{code}")
async def office(request: Request, code: str, stale_days: int | None = None,
                 staff: signin.Staff | None = Viewer) -> Response:
    if (closed := _unavailable(request, staff)) is not None:
        return closed
    days = _stale_days(request, stale_days)
    data = await _read(request, board.office_page, code[:32], stale_days=days)
    if data is None:
        return render(request, staff, "message.html", 404, message=NO_OFFICE,
                      params={"code": code[:32]})
    return render(request, staff, "office.html", page="offices", data=data, stale_days=days,
                  now=datetime.now(UTC))


@router.get("/photos")
async def photos(request: Request, kind: str = "site", office: str = "", state: str = "",
                 date_from: str = "", date_to: str = "", page: int = 1,
                 staff: signin.Staff | None = Viewer) -> Response:
    if (closed := _unavailable(request, staff)) is not None:
        return closed
    kind = kind if kind in ("site", "event") else "site"
    f = PhotoFilter(office=office.strip().upper()[:32], state=state[:64],
                    date_from=_date_arg(date_from), date_to=_date_arg(date_to),
                    offset=(max(1, page) - 1) * PhotoFilter.limit)
    data, states = await _read(request, lambda conn: (
        board.photos_page(conn, kind, f), sorted({s for s, _d in board.q.places(conn)})))
    args = {"kind": kind, "office": f.office, "state": state, "date_from": f.date_from,
            "date_to": f.date_to}
    return render(request, staff, "photos.html", page="photos", data=data, args=args,
                  states=states)


def _date_arg(text: str) -> str:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date().isoformat()
    except ValueError:
        return ""


async def _photo_file(request: Request, sha256: str, thumb: bool) -> Response:
    hq = _hq(request)
    if hq is None or not is_sha256(sha256):
        return Response("no such photo", 404, headers=HEADERS)
    held = await _read(request, board.q.photo_held, sha256)
    if not held:
        return Response("no such photo", 404, headers=HEADERS)
    store = PhotoStore(hq.folder.photos)
    path = (await asyncio.to_thread(thumbnail, hq.folder.root, store, sha256) if thumb
            else store.path(sha256))
    if path is None or not path.is_file():
        return Response("the photo's file is missing at headquarters", 404, headers=HEADERS)
    headers = dict(HEADERS)
    headers["Cache-Control"] = "private, max-age=86400"  # a photo never changes: named by hash
    return FileResponse(path, media_type="image/jpeg", headers=headers)


@router.get("/photo/{sha256}/thumb")
async def photo_thumb(request: Request, sha256: str,
                      staff: signin.Staff | None = Viewer) -> Response:
    return await _photo_file(request, sha256, True)


@router.get("/photo/{sha256}")
async def photo_full(request: Request, sha256: str,
                     staff: signin.Staff | None = Viewer) -> Response:
    return await _photo_file(request, sha256, False)


@router.get("/font/NotoSansDevanagari.ttf")
async def devanagari_font(staff: signin.Staff | None = Viewer) -> Response:
    """The app's own Devanagari font (``assets/fonts``), so Hindi pages read the same on a PC
    without one; the stylesheet asks for it only when a page has Devanagari text."""
    headers = dict(HEADERS)
    headers["Cache-Control"] = "private, max-age=604800"
    return FileResponse(asset_path("fonts", "NotoSansDevanagari.ttf"), media_type="font/ttf",
                        headers=headers)


@router.get("/language/{lang}")
async def choose_language(lang: str, next: str = "/overview") -> Response:
    """Remember the language in a cookie and go back; open to all (the sign-in page has it)."""
    target = signin._next_path(next)
    response = RedirectResponse(target, status_code=303, headers=HEADERS)
    if lang in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, path="/", httponly=True,
                            samesite="strict")
    return response
