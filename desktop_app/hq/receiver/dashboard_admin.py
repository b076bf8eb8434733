"""What an admin changes from the dashboard: office keys (register, replace, revoke), an
office's place, and bundles imported from the browser — through ``hq.staff_actions``,
the command line's own functions, each recorded with who did it.

Every post needs an admin's session (``signin.admin``) and the session's CSRF token in the
form (``web.checked_form``); without either it is refused (403) before anything is read.
The answer is a redirect to the office's page (post, redirect, get: reloading the page
never repeats the action), its one-line message left in the session for that page alone
(``sessions.py``): never in the address, where a crafted link could show words of its own.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from desktop_app.domain.i18n import N_
from desktop_app.errors import FieldDeskError
from desktop_app.fileio import fsync_dir
from desktop_app.hq import staff_actions
from desktop_app.hq.receiver import signin
from desktop_app.hq.receiver.pages import HEADERS
from desktop_app.hq.receiver.sessions import Flash
from desktop_app.hq.receiver.signin import SESSION_COOKIE
from desktop_app.hq.receiver.translate import catalog
from desktop_app.hq.receiver.web import FormRefused, checked_form, language, render

router = APIRouter()
Admin = Depends(signin.admin)
MAX_PEM = 4096
MAX_BUNDLE_BYTES = 2 * 1024 ** 3
CHUNK = 1 << 20

FORM_REFUSED = N_("This form did not come from this dashboard's page (or it has expired): "
                  "nothing was changed. Open the page again and repeat.")


KEY_REGISTERED = N_("key {fingerprint} registered for {office}")
KEY_REVOKED = N_("key {fingerprint} of {office} revoked")
PLACE_SAVED = N_("place of {office} saved")
CHOOSE_BUNDLE = N_("choose a bundle file (.zip) to import")


def _say(request: Request, message: str, **params: str) -> str:
    """One of this module's own messages in the admin's language (the core's refusals keep
    the command line's English: they name files, keys and reasons as the log does)."""
    return catalog(language(request)).gettext(message).format(**params)


async def _back(request: Request, path: str, message: str, ok: bool = True) -> Response:
    flash = Flash("done" if ok else "error", message[:300])
    await asyncio.to_thread(request.app.state.receiver.sessions.flash,
                            request.cookies.get(SESSION_COOKIE), flash)
    return RedirectResponse(path, status_code=303, headers=HEADERS)


async def _run(request: Request, job: Any, *args: Any, **kwargs: Any) -> Any:
    return await asyncio.to_thread(job, request.app.state.receiver.backend.hq, *args, **kwargs)


@router.post("/keys")
async def register_key(request: Request, staff: signin.Staff | None = Admin) -> Response:
    fields = await checked_form(request, staff)
    code = str(fields.get("office") or "").strip().upper()[:32]
    pem = str(fields.get("pem") or "").strip().encode("ascii", "replace")[:MAX_PEM]
    reason = str(fields.get("reason") or "")[:200]
    replace = bool(fields.get("replace"))
    back = f"/offices/{quote(code)}"
    try:
        done = await _run(request, staff_actions.register_key, staff.name, pem, code,
                          replace=replace, reason=reason)
    except FieldDeskError as exc:
        return await _back(request, back if replace else "/offices", str(exc), ok=False)
    return await _back(request, back, _say(request, KEY_REGISTERED,
                                           fingerprint=f"{done.fingerprint[:19]}…", office=code))


@router.post("/offices/{code}/revoke")
async def revoke_key(request: Request, code: str,
                     staff: signin.Staff | None = Admin) -> Response:
    fields = await checked_form(request, staff)
    back = f"/offices/{quote(code)}"
    try:
        fp = await _run(request, staff_actions.revoke_key, staff.name, code,
                        reason=str(fields.get("reason") or "")[:200])
    except FieldDeskError as exc:
        return await _back(request, back, str(exc), ok=False)
    return await _back(request, back, _say(request, KEY_REVOKED, fingerprint=f"{fp[:19]}…",
                                           office=code))


@router.post("/offices/{code}/place")
async def set_place(request: Request, code: str,
                    staff: signin.Staff | None = Admin) -> Response:
    fields = await checked_form(request, staff)
    back = f"/offices/{quote(code)}"
    try:
        await _run(request, staff_actions.set_place, staff.name, code,
                   str(fields.get("state") or ""), str(fields.get("district") or ""))
    except FieldDeskError as exc:
        return await _back(request, back, str(exc), ok=False)
    return await _back(request, back, _say(request, PLACE_SAVED, office=code))


@router.post("/import")
async def import_bundle(request: Request, staff: signin.Staff | None = Admin) -> Response:
    fields = await checked_form(request, staff)
    upload = fields.get("bundle")
    if upload is None or not hasattr(upload, "read") or not upload.filename:
        return await _back(request, "/offices", _say(request, CHOOSE_BUNDLE), ok=False)
    hq = request.app.state.receiver.backend.hq
    inbox = hq.folder.inbox
    name = Path(upload.filename).name[:120] or "bundle.zip"
    target = inbox / f"browser-{secrets.token_hex(6)}-{name}"

    def keep() -> int:
        """The file into the inbox (as `hq import` reads one), bounded, fsynced."""
        inbox.mkdir(parents=True, exist_ok=True)
        size = 0
        with open(target, "wb") as out:
            upload.file.seek(0)
            while chunk := upload.file.read(CHUNK):
                size += len(chunk)
                if size > MAX_BUNDLE_BYTES:
                    raise FieldDeskError("the file is larger than any bundle can be")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        fsync_dir(inbox)
        return size
    try:
        await asyncio.to_thread(keep)
        outcome = await _run(request, staff_actions.import_bundle, staff.name, target)
    except FieldDeskError as exc:
        target.unlink(missing_ok=True)
        return await _back(request, "/offices", str(exc), ok=False)
    back = f"/offices/{quote(outcome.office_code)}" if outcome.office_code else "/offices"
    return await _back(request, back, outcome.line(), ok=outcome.status != "rejected")


def install(app: FastAPI) -> None:
    """The admin routes, and the 403 page of a form post without its token."""

    async def refused(request: Request, _exc: FormRefused) -> Response:
        return render(request, None, "message.html", 403, message=FORM_REFUSED, params={})

    app.add_exception_handler(FormRefused, refused)
    app.include_router(router)
