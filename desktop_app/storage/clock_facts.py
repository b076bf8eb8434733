"""What the office database knows about time, for the clock check (``domain.clock_check``).

Each fact is a query that reads one row, or a small table (one row per bundle), cheap
enough for start-up: the newest row of each register (its ``created_at``/``updated_at``,
written through ``clock``), the newest export, and headquarters' newest signed receipt
from the outbox (``upload_state.receipt_json``: its ``issued_at`` by headquarters' clock,
and ``updated_at``, this PC's clock when it was saved). The receipt's signature was
checked when it was saved; here only its time is read, and an unreadable one is skipped.
The audit trail is not used: SQLite writes its times from the system clock directly.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from desktop_app import clock
from desktop_app.domain.clock_check import ClockFacts, check_clock
from desktop_app.domain.i18n import Message
from desktop_app.errors import NotFoundError

# Where the clerk's work is saved; the newest row of each is a moment that has passed.
SAVED_TABLES = ("progress_entry", "scrap_disposal", "cleanliness_site", "event", "target",
                "photo", "photo_link", "campaign", "office")


def read_clock_facts(conn: sqlite3.Connection, campaign: Any = None) -> ClockFacts:
    """The facts from *conn*; *campaign* (a ``Campaign``) adds its dates."""
    saved = [_moment(text) for table in SAVED_TABLES for text in _newest_times(conn, table)]
    export = conn.execute("SELECT max(created_at) FROM export").fetchone()
    hq_time = hq_received = None
    for document, saved_at in conn.execute(
            "SELECT receipt_json, updated_at FROM upload_state WHERE receipt_json IS NOT NULL"):
        issued = _moment(_issued_at(document))
        if issued is not None and (hq_time is None or issued > hq_time):
            hq_time, hq_received = issued, _moment(saved_at)
    return ClockFacts(
        last_saved_at=max((m for m in saved if m is not None), default=None),
        last_export_at=_moment(export[0] if export else None),
        hq_time=hq_time, hq_received_at=hq_received,
        campaign_start=getattr(campaign, "start", None), campaign_end=getattr(campaign, "end", None))


def _newest_times(conn: sqlite3.Connection, table: str) -> tuple[str | None, ...]:
    """created_at and updated_at of the row last inserted (rowid order: no index needed)."""
    row = conn.execute(f"SELECT created_at, updated_at FROM {table} ORDER BY rowid DESC LIMIT 1").fetchone()
    return tuple(row) if row else ()


def clock_warning(store: Any, campaign: Any = None, now: datetime | None = None) -> Message | None:
    """The one-line warning for the PC's clock as *store*'s office sees it (None: plausible).

    *campaign* defaults to the current one (none yet: its dates are not used)."""
    if campaign is None:
        try:
            campaign = store.campaigns.current()
        except NotFoundError:  # no campaign yet: the other facts still count
            campaign = None
    facts = read_clock_facts(store.conn, campaign)
    return check_clock(facts, now or clock.now())


def _issued_at(document: str | None) -> str | None:
    """``issued_at`` of a stored receipt document ``{"payload": JSON TEXT, "signature": ...}``."""
    try:
        payload = json.loads(json.loads(document)["payload"])
        return payload["issued_at"]
    except (TypeError, ValueError, KeyError):
        return None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return clock.parse_iso(str(text))
    except ValueError:
        return None
