"""Retry timing: exponential backoff with jitter, and waits that a Cancel interrupts."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop_app.errors import Cancelled


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one ``send_outbox`` run tries (tests shrink every number).

    Once headquarters has answered in this run, the link is *flaky*, not down: a cut is
    retried up to ``max_failures`` times in a row without progress (any confirmed byte
    resets the count — unlike tuspy's per-chunk count). Before the first answer, only
    ``first_contact_tries`` attempts: no network is normal, and the clerk should hear so
    in seconds, not minutes.
    """

    base_delay: float = 1.0
    max_delay: float = 60.0
    max_failures: int = 8
    first_contact_tries: int = 2
    receipt_wait: float = 120.0  # seconds polling for a receipt still being checked
    chunk_size: int = 1 << 20
    connect_timeout: float = 15.0
    io_timeout: float = 60.0
    later_base: float = 60.0  # the next automatic attempt: 1 min, 2, 4 … up to later_max
    later_max: float = 3600.0

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Before retry number *failures* (1, 2, …): base·2^(n-1), capped, times 0.5–1."""
        raw = min(self.max_delay, self.base_delay * 2 ** max(0, failures - 1))
        return raw * (0.5 + 0.5 * (rng or random).random())

    def next_attempt_at(self, attempts: int, now: datetime | None = None) -> str:
        """When the app should try this bundle again by itself (UTC, ISO)."""
        seconds = min(self.later_max, self.later_base * 2 ** max(0, attempts - 1))
        moment = (now or datetime.now(UTC)) + timedelta(seconds=seconds * (0.75 + 0.25 * random.random()))
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def wait(seconds: float, cancelled: Callable[[], bool] | None = None, *,
         sleep: Callable[[float], None] = time.sleep) -> None:
    """Sleep *seconds*, looking at *cancelled* every 0.1 s (``Cancelled`` if it turns true)."""
    deadline = time.monotonic() + max(0.0, seconds)
    while True:
        if cancelled is not None and cancelled():
            raise Cancelled("upload paused")
        left = deadline - time.monotonic()
        if left <= 0:
            return
        sleep(min(0.1, left))
