"""Requests refused before any office was verified: counted apart, never in the offices' log.

Anyone can POST to ``/files/`` naming any office code. Writing one upload-log row per
such request under the code it *claims* let 100 junk POSTs push real entries off the
status page, and let a stranger make a registered office look "refused". So a refusal
that happens before the request's signature and nonce were verified (``auth.py``: every
status but 413 and 429, which only a verified office can get) goes here instead:

* **counted**: one row per hour, claimed office, request and kind of refusal (the
  reason with its numbers blanked), with a count, the first and last time and the last
  reason as an example;
* **rate-limited**: counts gather in memory and reach SQLite at most every
  ``FLUSH_SECONDS`` (a flood costs no disk writes per request), and at most
  ``MAX_KINDS_PER_HOUR`` rows a hour — past that, everything is counted under "(others)";
* **unverified**: the office code is shown as what the request *claimed* (or
  "(malformed)"), in its own table on the status page.

Kept ``KEEP_DAYS``; the receiver's sweep prunes older hours.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop_app.upload_protocol import CODE_RE

FLUSH_SECONDS = 2.0
MAX_KINDS_PER_HOUR = 50
KEEP_DAYS = 30
OFFICE_STATUSES = frozenset({413, 429})  # refused after the office's signature was verified
OTHERS = "(others)"
MALFORMED = "(malformed)"

_NUMBER = re.compile(r"\d[\d,.]*")


def from_verified_office(status: int) -> bool:
    """True when a refusal with *status* can only have been given to a verified office."""
    return status in OFFICE_STATUSES


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class StrangerLog:
    """Counts unverified refusals; ``note`` is cheap, ``flush`` writes (thread-safe)."""

    def __init__(self, state: Any, clock=time.time):
        self._state = state
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: dict[tuple[str, str, str, int, str], dict[str, Any]] = {}
        self._kinds: dict[str, set[tuple]] = {}  # hour -> keys seen this hour
        self._flushed_at = 0.0

    def note(self, claimed_office: str, what: str, status: int, reason: str) -> None:
        """Count one refused request; write the counts out if ``FLUSH_SECONDS`` have passed."""
        now = self._clock()
        at = _stamp(now)
        hour = at[:13]
        claimed = claimed_office if CODE_RE.match(claimed_office or "") else (
            MALFORMED if claimed_office else "")
        key = (hour, claimed, what[:16], int(status), _NUMBER.sub("#", reason)[:160])
        with self._lock:
            seen = self._kinds.setdefault(hour, set())
            if key not in seen and len(seen) >= MAX_KINDS_PER_HOUR:
                key = (hour, OTHERS, "", 0, "other refused requests")
            seen.add(key)
            for old in [h for h in self._kinds if h != hour]:
                del self._kinds[old]
            row = self._pending.get(key)
            if row is None:
                row = self._pending[key] = dict(zip(
                    ("hour", "claimed_office", "what", "status", "kind"), key),
                    example="", count=0, first_at=at, last_at=at)
            row["count"] += 1
            row["last_at"] = at
            row["example"] = reason[:300]
            due = now - self._flushed_at >= FLUSH_SECONDS
        if due:
            self.flush()

    def flush(self) -> None:
        with self._lock:
            rows, self._pending = list(self._pending.values()), {}
            self._flushed_at = self._clock()
        if rows:
            self._state.add_refusals(rows)

    def rows(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest counted refusals (what is still in memory included), newest first."""
        self.flush()
        return self._state.refusals(limit)

    def prune(self) -> int:
        cutoff = datetime.fromtimestamp(self._clock(), UTC) - timedelta(days=KEEP_DAYS)
        return self._state.prune_refusals(cutoff.strftime("%Y-%m-%dT%H"))
