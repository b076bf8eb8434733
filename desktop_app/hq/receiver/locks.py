"""One asyncio lock per upload, with a timeout and a polite take-over.

A PATCH holds its upload's lock while it streams. When its connection dies without the
server noticing (a 2G link that just stops), a newer request from the office would wait
for it until the body timeout; instead the newcomer — any request signed by the office
that owns the upload, HEAD, PATCH, DELETE or a repeated creation POST — *asks* the holder
to stop (``preempt``): the holder stops reading, fsyncs and commits what it has, and
releases, within ``app.DRAIN_SECONDS`` of its last byte. Waiting is bounded by a timeout
(``asyncio.wait_for``), never ``time.sleep`` on the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class LockTimeout(Exception):
    pass


class UploadLock:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.preempt = asyncio.Event()
        self.waiters = 0

    @property
    def busy(self) -> bool:
        """A request holds the upload now."""
        return self._lock.locked()

    @asynccontextmanager
    async def hold(self, timeout: float, *, take_over: bool = True) -> AsyncIterator[UploadLock]:
        self.waiters += 1
        try:
            if not self._lock.locked():
                await self._lock.acquire()  # free: taken at once, without yielding
            else:
                if take_over:
                    self.preempt.set()
                try:
                    await asyncio.wait_for(self._lock.acquire(), timeout)
                except TimeoutError:
                    raise LockTimeout() from None
        finally:
            self.waiters -= 1
        self.preempt = asyncio.Event()  # a fresh flag for this holder
        try:
            yield self
        finally:
            self._lock.release()


class UploadLocks:
    """The locks of the live uploads (dropped when an upload ends and nobody waits)."""

    def __init__(self) -> None:
        self._locks: dict[str, UploadLock] = {}

    def get(self, upload_id: str) -> UploadLock:
        lock = self._locks.get(upload_id)
        if lock is None:
            lock = self._locks[upload_id] = UploadLock()
        return lock

    def drop(self, upload_id: str) -> None:
        lock = self._locks.get(upload_id)
        if lock is not None and not lock._lock.locked() and lock.waiters == 0:
            del self._locks[upload_id]
