"""One asyncio lock per upload, with a timeout and a polite take-over.

A PATCH holds its upload's lock while it streams. When its connection dies without the
server noticing (a 2G link that just stops), a newer request from the office would wait
for it until the body timeout; instead the newcomer — any request signed by the office
that owns the upload, HEAD, PATCH, DELETE or a repeated creation POST — *asks* the holder
to stop (``preempt``): the holder stops reading, fsyncs and commits what it has, and
releases, within ``app.DRAIN_SECONDS`` of its last byte. Waiting is bounded by a timeout
(``asyncio.wait_for``), never ``time.sleep`` on the event loop.

The asyncio lock orders the requests of this process; its holder then takes the upload's
lease in the database (``leases.py``), which orders them across receivers — the request
on another receiver is asked to give way the same way.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from desktop_app.hq.receiver.leases import Leases, LeaseTimeout


class LockTimeout(Exception):
    pass


class UploadLock:
    def __init__(self, upload_id: str = "", leases: Leases | None = None) -> None:
        self.upload_id = upload_id
        self._leases = leases
        self._lock = asyncio.Lock()
        self.preempt = asyncio.Event()
        self.waiters = 0

    @property
    def busy(self) -> bool:
        """A request of this receiver holds the upload now."""
        return self._lock.locked()

    async def busy_anywhere(self) -> bool:
        """A request holds the upload now, here or on another receiver."""
        if self.busy:
            return True
        return self._leases is not None and await self._leases.busy_elsewhere(self.upload_id)

    @asynccontextmanager
    async def hold(self, timeout: float, *, take_over: bool = True) -> AsyncIterator[UploadLock]:
        started = time.monotonic()
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
            if self._leases is not None:
                left = max(0.0, timeout - (time.monotonic() - started))
                try:
                    await self._leases.acquire(self.upload_id, self, left, take_over=take_over)
                except LeaseTimeout:
                    raise LockTimeout() from None
            try:
                yield self
            finally:
                if self._leases is not None:
                    await self._leases.release(self.upload_id)
        finally:
            self._lock.release()


class UploadLocks:
    """The locks of the live uploads (dropped when an upload ends and nobody waits)."""

    def __init__(self, leases: Leases | None = None) -> None:
        self._locks: dict[str, UploadLock] = {}
        self.leases = leases

    def get(self, upload_id: str) -> UploadLock:
        lock = self._locks.get(upload_id)
        if lock is None:
            lock = self._locks[upload_id] = UploadLock(upload_id, self.leases)
        return lock

    def drop(self, upload_id: str) -> None:
        lock = self._locks.get(upload_id)
        if lock is not None and not lock._lock.locked() and lock.waiters == 0:
            del self._locks[upload_id]
