"""Which receiver process holds an upload: a lease on its row, so that several ``hq serve``
processes on one database (behind one proxy, over one shared folder) never write one
upload's file at once, and an upload begun on one resumes on another.

Inside a process, ``locks.UploadLock`` (an asyncio lock) orders the requests; its holder
then takes the upload's **lease** in the database (``store.uploads.take``: the row's
``holder`` and ``held_until``) before touching the file, and lets go after. While it
holds it, ``keep()`` — one background task per receiver — renews the lease every
``RENEW_SECONDS`` and looks every ``POLL_SECONDS`` for a request elsewhere asking it to
give way (``takeover``): the same polite take-over as inside one process (the holder
commits what it has and stops), across processes. A receiver that dies holding a lease
stops renewing it; after ``LEASE_SECONDS`` anyone may take it. An offset is recorded only
while its writer still holds the lease (``store.uploads.commit_offset``), so a writer that
lost it never moves the upload on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from typing import Any

from desktop_app.hq.store import Store, uploads

log = logging.getLogger("fielddesk.receiver")

LEASE_SECONDS = 10
RENEW_SECONDS = 2.0
POLL_SECONDS = 0.1


class LeaseTimeout(Exception):
    """Another receiver held the upload for the whole wait."""


class Leases:
    """This receiver's leases (``me`` names it in the ``holder`` column)."""

    def __init__(self, store: Store, *, lease_seconds: int = LEASE_SECONDS):
        self.store = store
        self.lease_seconds = lease_seconds
        self.me = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"
        self.held: dict[str, Any] = {}  # upload id -> the local holder (its .preempt event)

    def _take(self, upload_id: str) -> bool:
        """True when held now — or when there is no such upload (nothing to hold: the
        request then answers 404 as it would have)."""
        now = int(time.time())
        with self.store.write() as conn:
            return (uploads.take(conn, upload_id, self.me, now, now + self.lease_seconds)
                    or uploads.get(conn, upload_id) is None)

    def _ask(self, upload_id: str) -> None:
        with self.store.write() as conn:
            uploads.ask_to_give_way(conn, upload_id, self.me)

    def _let_go(self, upload_id: str) -> None:
        with self.store.write() as conn:
            uploads.let_go(conn, upload_id, self.me)

    def _elsewhere(self, upload_id: str) -> bool:
        with self.store.read() as conn:
            return uploads.held_elsewhere(conn, upload_id, self.me, int(time.time()))

    async def acquire(self, upload_id: str, holder: Any, timeout: float, *,
                      take_over: bool) -> None:
        """Take the upload's lease for *holder* (asking the receiver that has it to give
        way, with *take_over*); LeaseTimeout after *timeout* seconds."""
        deadline = time.monotonic() + timeout
        asked = False
        while not await asyncio.to_thread(self._take, upload_id):
            if take_over and not asked:
                await asyncio.to_thread(self._ask, upload_id)
                asked = True
            if time.monotonic() >= deadline:
                raise LeaseTimeout()
            await asyncio.sleep(POLL_SECONDS)
        self.held[upload_id] = holder

    async def release(self, upload_id: str) -> None:
        self.held.pop(upload_id, None)
        await asyncio.shield(asyncio.to_thread(self._let_go, upload_id))

    async def busy_elsewhere(self, upload_id: str) -> bool:
        """Another receiver holds the upload now."""
        return await asyncio.to_thread(self._elsewhere, upload_id)

    def _renew(self, ids: list[str], extend: bool) -> set[str]:
        until = int(time.time()) + self.lease_seconds
        if extend:
            with self.store.write() as conn:
                return uploads.renew(conn, self.me, ids, until)
        with self.store.read() as conn:
            return uploads.asked_to_give_way(conn, self.me, ids)

    async def keep(self) -> None:
        """Renew what this receiver holds; pass on the requests to give way."""
        renewed = time.monotonic()
        while True:
            await asyncio.sleep(POLL_SECONDS)
            ids = list(self.held)
            if not ids:
                continue
            extend = time.monotonic() - renewed >= RENEW_SECONDS
            try:
                asked = await asyncio.to_thread(self._renew, ids, extend)
            except Exception:  # the database is away: the next turn tries again
                log.exception("renewing upload leases failed")
                continue
            if extend:
                renewed = time.monotonic()
            for upload_id in asked:
                holder = self.held.get(upload_id)
                if holder is not None:
                    with contextlib.suppress(AttributeError):
                        holder.preempt.set()
