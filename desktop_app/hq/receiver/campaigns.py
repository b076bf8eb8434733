"""The campaign headquarters offers every office that uploads (``hq campaign publish``).

The answer to ``OPTIONS /files/`` — the first request of every upload run — names the
campaign published last: ``FieldDesk-Campaign: <file name> <sha256>``
(``campaigns.package.OFFER_HEADER``). An office that lacks that version fetches the file
from ``GET /campaigns/<file name>`` (a few KB, from headquarters' database, so every
receiver serves the same bytes) and offers it to its clerk; nothing is applied unseen, and
the office checks the signature with the headquarters key it trusts, so the file needs no
secrecy and the request no signature.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response

from desktop_app.campaigns.package import OFFER_HEADER, OFFER_PATH, parse_name
from desktop_app.hq.published import offer, package_file

router = APIRouter()
MEDIA_TYPE = "application/vnd.fielddesk.campaign+zip"


def offer_headers(store) -> dict[str, str]:
    """The offer header for the campaign published last ({} before any was) (blocking)."""
    with store.read() as conn:
        found = offer(conn)
    return {OFFER_HEADER: f"{found[0]} {found[1]}"} if found else {}


@router.get(f"/{OFFER_PATH}{{file_name}}")
async def campaign_file(request: Request, file_name: str) -> Response:
    """A published campaign file; 404 for any other name."""
    headers = {"Cache-Control": "no-store"}
    if parse_name(file_name) is None:
        return Response(status_code=404, headers=headers)
    store = request.app.state.receiver.backend.store

    def read() -> bytes | None:
        with store.read() as conn:
            return package_file(conn, file_name)

    data = await asyncio.to_thread(read)
    if data is None:
        return Response(status_code=404, headers=headers)
    return Response(data, media_type=MEDIA_TYPE, headers=headers | {
        "Content-Disposition": f'attachment; filename="{file_name}"'})
