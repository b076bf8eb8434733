"""Retry timing and chunk sizes: backoff with jitter, waits that a Cancel interrupts, and the
PATCH size that follows how long the link stays up."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop_app import clock
from desktop_app.errors import Cancelled


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one ``send_outbox`` run tries (the production values; tests keep them).

    Once headquarters has answered in this run, the link is *flaky*, not down: a cut is
    retried up to ``max_failures`` times in a row without progress. Progress is the offset
    headquarters reports (HEAD or PATCH) moving past the highest one it reported before:
    any confirmed byte resets the count, whether or not the request that carried it ever
    returned — on a link that drops every few hundred kilobytes no PATCH returns, yet each
    resume shows more bytes held. A cut after which bytes went out is resumed after
    ``resume_delay`` (the server needs a moment to notice the cut); backoff is for tries
    that moved nothing. Before the first answer, only ``first_contact_tries`` attempts: no
    network is normal, and the clerk should hear so in seconds, not minutes.

    The PATCH size starts at ``chunk_size``, halves after each cut (not below
    ``min_chunk_size``) and doubles again after ``grow_after`` whole chunks in a row
    (``ChunkSize``).
    """

    base_delay: float = 1.0
    max_delay: float = 60.0
    max_failures: int = 8
    first_contact_tries: int = 2
    receipt_wait: float = 120.0  # seconds polling for a receipt still being checked
    chunk_size: int = 1 << 20
    min_chunk_size: int = 64 * 1024
    grow_after: int = 2  # whole chunks in a row before the chunk doubles again
    resume_delay: float = 0.2  # after a cut that carried bytes
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
        moment = (now or clock.now()) + timedelta(seconds=seconds * (0.75 + 0.25 * random.random()))
        return clock.iso(moment)


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


class ChunkSize:
    """How much one PATCH asks to send: halved after a cut, doubled after a good stretch.

    A cut costs at most the bytes in flight when headquarters keeps a partial body (ours
    does), but a proxy that buffers bodies keeps nothing of a cut request: there only a
    chunk shorter than the link's good stretches ever gets through. Smaller chunks cost a
    round trip each, so the size grows back as soon as the link holds.
    """

    def __init__(self, policy: RetryPolicy):
        self.largest = policy.chunk_size
        self.smallest = min(policy.min_chunk_size, policy.chunk_size)
        self.grow_after = max(1, policy.grow_after)
        self.size = self.largest
        self._whole = 0

    def cut(self) -> None:
        self.size = max(self.smallest, self.size // 2)
        self._whole = 0

    def whole(self) -> None:
        """A PATCH came back complete."""
        self._whole += 1
        if self._whole >= self.grow_after and self.size < self.largest:
            self.size = min(self.largest, self.size * 2)
            self._whole = 0
