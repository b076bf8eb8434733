"""How each bundle's upload is shown: queued, uploading 43%, accepted by HQ on …, rejected: why.

One function for the CLI (``fielddesk upload --status``), ``fielddesk info`` and the
GUI's upload panel, so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app import clock
from desktop_app.domain.dates import format_timestamp
from desktop_app.storage.outbox import (
    ACCEPTED,
    REJECTED,
    SENT,
    UPLOADING,
    OutboxEntry,
    OutboxRepository,
)
from desktop_app.storage.store import OpenFolder


@dataclass(frozen=True)
class BundleUploadState:
    file_name: str
    campaign_id: str
    seq: int
    status: str  # queued | uploading | sent | accepted | rejected
    percent: int
    text: str  # "uploading 43%", "accepted by HQ on 20.11.2026 16:05", …
    problem: str  # the last error or receipt problem, "" if none


def status_text(entry: OutboxEntry) -> str:
    if entry.status == ACCEPTED:
        return f"accepted by HQ on {format_timestamp(entry.decided_at, on_pc_clock=True)}"
    if entry.status == REJECTED:
        return f"rejected: {entry.reason or 'no reason given'}"
    if entry.status == SENT:
        if entry.receipt_problem:
            return f"sent; HQ's receipt did not verify ({entry.receipt_problem})"
        return "sent, waiting for HQ's receipt"
    text = f"uploading {entry.percent}%" if entry.status == UPLOADING else "queued"
    if entry.last_error:
        text += f" — last try {format_timestamp(entry.last_attempt_at, on_pc_clock=True)}: {entry.last_error}"
    return text


def outbox_states(opened: OpenFolder) -> list[BundleUploadState]:
    """Every exported bundle's upload state, oldest first."""
    return [BundleUploadState(e.file_name, e.campaign_id, e.seq, e.status,
                              100 if e.status in (SENT, ACCEPTED, REJECTED) else e.percent,
                              status_text(e), e.receipt_problem or e.last_error)
            for e in OutboxRepository(opened.store).entries()]


def upload_info_lines(opened: OpenFolder) -> list[str]:
    """Lines for ``fielddesk info``: where uploads go and each bundle's state."""
    settings = opened.settings
    lines = [f"upload to:   {settings.remote_url or 'not set (fielddesk remote set URL --hq-key HQ.pub.pem)'}"]
    for state in outbox_states(opened):
        lines.append(f"upload:      {state.file_name}: {state.text}")
    return lines


def due_for_retry(opened: OpenFolder, now: datetime | None = None) -> bool:
    """True when a bundle waits and the next automatic attempt is due (for a GUI timer).

    A run always starts with the oldest waiting bundle, so its ``next_attempt_at`` decides.
    """
    pending = OutboxRepository(opened.store).pending()
    if not pending:
        return False
    moment = clock.iso(now or clock.now())
    return (pending[0].next_attempt_at or "") <= moment
