"""The status page for headquarters staff: plain server-rendered HTML, no script at all.

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

from desktop_app.hq.receiver import signin
from desktop_app.hq.receiver.pages import e, page

router = APIRouter()

def _parse(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(stamp: str | None) -> str:
    moment = _parse(stamp)
    return moment.strftime("%d.%m.%Y %H:%M") if moment else ""


def office_rows(offices: list[Any], stale_days: int, now: datetime) -> list[dict[str, Any]]:
    """One dict per office for the table (the same logic the tests read back)."""
    rows = []
    limit = now - timedelta(days=stale_days)
    for office in offices:
        last = getattr(office, "last", None)
        made = _parse(getattr(last, "bundle_created_at", None)) if last else None
        stale = made is None or made < limit
        fingerprint = getattr(office, "fingerprint", None)
        rows.append({
            "code": office.code, "name": getattr(office, "name", ""),
            "key": f"{fingerprint[:19]}…" if fingerprint else "revoked",
            "campaign": getattr(last, "campaign_id", "") if last else "",
            "seq": getattr(last, "seq", "") if last else "",
            "made": _day(getattr(last, "bundle_created_at", None)) if last else "",
            "imported": _day(getattr(last, "imported_at", None)) if last else "",
            "flags": getattr(last, "flags", "") if last else "",
            "stale": stale,
        })
    return rows


def render(offices: list[dict[str, Any]], uploads: list[Any], events: list[dict[str, Any]],
           stale_days: int, now: datetime, refusals: list[dict[str, Any]] = (),
           staff: signin.Staff | None = None, waiting: int | None = None) -> str:
    """The page's body. *waiting*: bundles in the import queue (PostgreSQL), or None
    (SQLite: no queue)."""
    stale_count = sum(1 for r in offices if r["stale"])
    since = (now - timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%SZ")
    strangers = sum(r["count"] for r in refusals if r["last_at"] >= since)
    out = [signin.signed_in_bar(staff), "<h1>FieldDesk — headquarters receiver</h1>",
           f"<p class='muted'>As of {now:%d.%m.%Y %H:%M} UTC · {len(offices)} offices · "
           f"{stale_count} with nothing accepted in {stale_days} days · "
           f"{len(uploads)} uploads arriving · "
           + (f"<span id='waiting'>{waiting:,} bundles waiting to be imported</span> · "
              if waiting is not None else "")
           + f"{strangers:,} requests refused in 24 hours before any office was verified</p>",
           "<p><a class='button' id='download-report' href='report.xlsx'>Download the "
           "consolidated workbook (.xlsx)</a></p>",
           "<h2>Offices</h2><table id='offices'><thead><tr><th>Office</th><th>Name</th>"
           "<th>Key</th><th>Campaign</th><th>Last accepted seq</th><th>Bundle made</th>"
           "<th>Accepted at HQ</th><th>Status</th></tr></thead><tbody>"]
    for r in offices:
        status = ("<span class='ok'>up to date</span>" if not r["stale"] else
                  "<span class='stale'>stale</span>" if r["seq"] != "" else
                  "<span class='stale'>stale — no bundle yet</span>")
        if r["flags"]:
            status += f" <span class='muted'>{e(r['flags'])}</span>"
        out.append(f"<tr data-office='{e(r['code'])}'><td>{e(r['code'])}</td><td>{e(r['name'])}</td>"
                   f"<td class='muted'>{e(r['key'])}</td><td>{e(r['campaign'])}</td>"
                   f"<td class='num'>{e(r['seq'])}</td><td>{e(r['made'])}</td>"
                   f"<td>{e(r['imported'])}</td><td>{status}</td></tr>")
    if not offices:
        out.append("<tr><td colspan='8' class='muted'>No office registered yet "
                   "(<code>fielddesk hq register OFFICE.pub.pem --office CODE</code>).</td></tr>")
    out.append("</tbody></table><h2>Uploads arriving</h2><table id='uploads'><thead><tr>"
               "<th>Office</th><th>Bundle</th><th>Received</th><th>Last byte</th></tr></thead><tbody>")
    for u in uploads:
        pct = 100 * u.offset // max(1, u.length)
        out.append(f"<tr><td>{e(u.office_code)}</td><td>{e(u.file_name)}</td>"
                   f"<td class='num'>{pct}% of {u.length:,} bytes</td><td>{e(_day(u.updated_at))}</td></tr>")
    if not uploads:
        out.append("<tr><td colspan='4' class='muted'>None.</td></tr>")
    out.append("</tbody></table><h2>Upload log</h2><table id='log'><thead><tr><th>When (UTC)</th>"
               "<th>Office</th><th>What</th><th>Detail</th></tr></thead><tbody>")
    for ev in events:
        out.append(f"<tr><td>{e(_day(ev['at']))}</td><td>{e(ev['office_code'])}</td>"
                   f"<td>{e(ev['kind'])}</td><td>{e(ev['detail'])}</td></tr>")
    if not events:
        out.append("<tr><td colspan='4' class='muted'>Nothing yet.</td></tr>")
    out.append("</tbody></table>")
    out.append(_refusals_table(refusals))
    return "".join(out)


def _refusals_table(refusals: list[dict[str, Any]]) -> str:
    """Requests refused before their sender was verified: counted, the office only claimed."""
    out = ["<h2>Refused before any office was verified</h2><p class='muted'>Unsigned, wrongly "
           "signed, replayed or stale requests. The office code is what the request claimed: "
           "unverified, and nothing was recorded against that office.</p>"
           "<table id='strangers'><thead><tr><th>Last (UTC)</th><th>Claimed office</th>"
           "<th>Request</th><th>Refusal</th><th>Count</th><th>Example</th></tr></thead><tbody>"]
    for r in refusals:
        claimed = (f"{e(r['claimed_office'])} <span class='muted'>(unverified)</span>"
                   if r["claimed_office"] else "<span class='muted'>none</span>")
        out.append(f"<tr data-claimed='{e(r['claimed_office'])}'><td>{e(_day(r['last_at']))}"
                   f"</td><td>{claimed}</td><td>{e(r['what'])}</td><td>{e(r['status'] or '')}"
                   f"</td><td class='num'>{r['count']:,}</td><td class='muted'>"
                   f"{e(r['example'])}</td></tr>")
    if not refusals:
        out.append("<tr><td colspan='6' class='muted'>None.</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


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
    body = render(office_rows(offices, days, now), live, events, days, now, refusals,
                  staff, waiting)
    return page("FieldDesk — headquarters", body)


@router.get("/report.xlsx")
async def report(request: Request,
                 staff: signin.Staff | None = Depends(signin.viewer)) -> Response:
    rx = request.app.state.receiver
    if rx.backend.build_workbook is None:
        return HTMLResponse("The consolidated workbook is not available on this server.", 503)
    folder = Path(tempfile.mkdtemp(prefix="fielddesk-report-"))
    out = folder / f"consolidated-{datetime.now(UTC):%Y%m%d-%H%M}.xlsx"

    def cleanup() -> None:
        out.unlink(missing_ok=True)
        folder.rmdir()
    try:
        await asyncio.to_thread(rx.backend.build_workbook, out)
    except Exception as exc:
        cleanup()
        return HTMLResponse(f"Could not build the consolidated workbook: {e(exc)}", 500)
    return FileResponse(out, filename=out.name, background=BackgroundTask(cleanup),
                        headers={"Cache-Control": "no-store"}, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
