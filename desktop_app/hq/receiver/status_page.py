"""The status page for headquarters staff: the dashboard's template ``status.html`` (its
bar, navigation and language: English or Hindi, numbers in Indian grouping), no script.

``GET /`` lists the registered offices (active key, last accepted seq and when, stale
ones flagged), the uploads still arriving, the upload log and the requests refused before
any office was verified; ``GET /report.xlsx`` builds the consolidated workbook on a worker
thread and sends it. Both show every office's data: staff only (``signin.gate``: signed
in, or no account yet and asked from this machine). Not for offices: the reverse proxy
forwards only ``/files/``, ``/receipts/`` and ``/campaigns/`` (``docs/upload.md``).
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from starlette.background import BackgroundTask

from desktop_app.domain.i18n import N_
from desktop_app.hq.receiver import signin
from desktop_app.hq.receiver.web import render

router = APIRouter()


def _parse(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def office_rows(offices: list[Any], stale_days: int, now: datetime) -> list[dict[str, Any]]:
    """One dict per office for the table (the same logic the tests read back)."""
    rows = []
    limit = now - timedelta(days=stale_days)
    for office in offices:
        last = getattr(office, "last", None)
        made = _parse(getattr(last, "bundle_created_at", None)) if last else None
        rows.append({
            "code": office.code, "name": getattr(office, "name", ""),
            "fingerprint": getattr(office, "fingerprint", None),
            "campaign": getattr(last, "campaign_id", "") if last else "",
            "seq": getattr(last, "seq", "") if last else "",
            "made": getattr(last, "bundle_created_at", "") if last else "",
            "imported": getattr(last, "imported_at", "") if last else "",
            "flags": getattr(last, "flags", "") if last else "",
            "stale": made is None or made < limit,
        })
    return rows


# The upload log's kinds (``ReceiverState.log``, the import's verdicts): marked here so
# that the template's ``_(ev.kind)`` finds their Hindi.
EVENT_KINDS = (N_("created"), N_("queued"), N_("accepted"), N_("unchanged"), N_("rejected"),
               N_("refused"), N_("failed"), N_("import-deferred"))
NO_WORKBOOK = N_("The consolidated workbook is not available on this server.")
NOT_BUILT = N_("Could not build the consolidated workbook: {error}")


@router.get("/", response_class=HTMLResponse)
async def status(request: Request, stale_days: int | None = None,
                 staff: signin.Staff | None = Depends(signin.viewer)) -> HTMLResponse:
    rx = request.app.state.receiver
    days = stale_days if stale_days and stale_days > 0 else rx.config.stale_days
    now = datetime.now(UTC)
    offices = await asyncio.to_thread(rx.backend.offices)
    events = await asyncio.to_thread(rx.state.events, rx.config.log_rows)
    refusals = await asyncio.to_thread(rx.strangers.rows, 50)
    live = await asyncio.to_thread(rx.state.live)
    waiting = (await asyncio.to_thread(rx.backend.pending_imports)
               if rx.backend.pending_imports is not None else None)
    since = (now - timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = office_rows(offices, days, now)
    return render(request, staff, "status.html", page="status", offices=rows, uploads=live,
                  events=events, refusals=refusals, stale_days=days, now=now, waiting=waiting,
                  stale_count=sum(1 for r in rows if r["stale"]),
                  strangers=sum(r["count"] for r in refusals if r["last_at"] >= since))


@router.get("/report.xlsx")
async def report(request: Request,
                 staff: signin.Staff | None = Depends(signin.viewer)) -> Response:
    rx = request.app.state.receiver
    if rx.backend.build_workbook is None:
        return render(request, staff, "message.html", 503, message=NO_WORKBOOK, params={})
    folder = Path(tempfile.mkdtemp(prefix="fielddesk-report-"))
    out = folder / f"consolidated-{datetime.now(UTC):%Y%m%d-%H%M}.xlsx"

    def cleanup() -> None:
        out.unlink(missing_ok=True)
        folder.rmdir()
    try:
        await asyncio.to_thread(rx.backend.build_workbook, out)
    except Exception as exc:
        cleanup()
        return render(request, staff, "message.html", 500, message=NOT_BUILT,
                      params={"error": str(exc)})
    return FileResponse(out, filename=out.name, background=BackgroundTask(cleanup),
                        headers={"Cache-Control": "no-store"}, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
