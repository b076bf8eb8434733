"""``send_outbox``: send what is queued, oldest first, resuming, retrying, and checking receipts.

For each bundle not yet decided by headquarters, in export order:

1. its SHA-256 (once, kept), then — with no upload address yet — a signed creation
   request; with one, a signed HEAD for the offset headquarters has committed (the stored
   offset is only for display: the server's word decides);
2. PATCH chunks from that offset; each offset headquarters confirms is saved at once, so a
   Ctrl+C, a crash or a power cut costs at most the chunk in flight;
3. the receipt (``GET /receipts/<sha256>``, polled while headquarters checks the bundle),
   verified with headquarters' key: only a receipt that verifies, for this bundle and
   this office, marks it accepted or rejected. One that does not verify is kept out and
   shown as such.

The run first asks headquarters for its signed time (``hq_time``): every signature uses
it, so a PC clock that is off never stops an upload, and the report says how far off it is.

A run keeps going as long as the offset headquarters reports moves: a cut that carried
bytes is resumed at once, with a smaller chunk (``backoff.ChunkSize``); only tries that
moved nothing back off (``backoff.RetryPolicy``), and ``max_failures`` of them in a row end
the run. When headquarters cannot be reached at all, the run stops quietly: the bundles
stay queued, with the next automatic attempt recorded, and the report says so in one calm
line. Headquarters refusing a request (unknown office, bundle too big…) stops the run with
its reason: the bundles after it would meet the same answer, and they must arrive in order.

A bundle exported elsewhere (``export --out E:\\``) is sent from where it was written, or
from ``exports/`` if the clerk copied it there.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.errors import Cancelled, FieldDeskError
from desktop_app.fileio import hash_file
from desktop_app.keys import signing
from desktop_app.storage.database import utcnow
from desktop_app.storage.outbox import (
    ACCEPTED,
    QUEUED,
    REJECTED,
    SENT,
    UPLOADING,
    OutboxEntry,
    OutboxRepository,
)
from desktop_app.storage.store import OpenFolder
from desktop_app.upload.backoff import ChunkSize, RetryPolicy, wait
from desktop_app.upload.client import (
    AlreadyReceived,
    Busy,
    LinkDown,
    OffsetMismatch,
    Refused,
    TusClient,
    UploadGone,
)
from desktop_app.upload.hq_time import clock_note
from desktop_app.upload.remote import NO_REMOTE, hq_public_key
from desktop_app.upload.send_report import SendReport, summary_parts
from desktop_app.upload_protocol import ReceiptError, verify_receipt

Progress = Callable[[int, int, str], None]


class _StopRun(Exception):
    pass


def send_outbox(opened: OpenFolder, *, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None, policy: RetryPolicy | None = None,
                transport: Any = None) -> SendReport:
    """Send the outbox of the open folder *opened*; see the module docstring.

    Runs on a worker thread in the GUI (``progress(done, total, text)`` in bytes;
    ``cancelled()`` true pauses the upload with ``Cancelled`` — it resumes next time).
    Raises ``FieldDeskError`` only when no headquarters is set up.
    """
    run = _Run(opened, progress, cancelled, policy or RetryPolicy(), transport)
    try:
        return run.run()
    finally:
        run.close()


class _Run:
    def __init__(self, opened: OpenFolder, progress: Progress | None, cancelled: Callable[[], bool] | None,
                 policy: RetryPolicy, transport: Any):
        settings = opened.settings
        if not settings.remote_url:
            raise FieldDeskError(NO_REMOTE)
        self.opened = opened
        self.exports_dir: Path = opened.folder.exports
        self.repo = OutboxRepository(opened.store)
        self.hq_key = hq_public_key(opened)
        self.office_code = opened.store.office.get().code
        office_key = signing.load_private_key(opened.folder.keys)
        self.remote_url = settings.remote_url
        self.policy = policy
        self.client = TusClient(self.remote_url, self.office_code, office_key,
                                chunk_size=policy.chunk_size, connect_timeout=policy.connect_timeout,
                                io_timeout=policy.io_timeout, transport=transport)
        self.cancelled = cancelled
        self._progress = progress
        self.connected = False
        self.asked_time = False
        self.report = SendReport()
        self.rng = random.Random()
        self.done = 0
        self.total = 0
        self.current = ""

    def close(self) -> None:
        self.client.close()

    # -- progress -------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.current = text
        if self._progress is not None:
            self._progress(min(self.done, self.total), max(self.total, 1), text)

    def on_bytes(self, n: int) -> None:
        self.done += n
        self.report.bytes_sent += n
        if self._progress is not None:
            self._progress(min(self.done, self.total), max(self.total, 1), self.current)

    def check_cancel(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled("upload paused: it resumes where it stopped next time")

    # -- the run --------------------------------------------------------------------------------

    def run(self) -> SendReport:
        pending = self.repo.pending()
        self.total = sum(max(0, e.bytes - (e.offset if e.tus_url else 0)) for e in pending
                         if e.status != SENT)
        report = self.report
        try:
            for entry in pending:
                self.check_cancel()
                try:
                    self.send_one(entry)
                except _StopRun:
                    break
        finally:
            if self._progress is not None:
                self._progress(self.total, max(self.total, 1), "")
        report.left = sum(1 for e in self.repo.pending() if e.status in (QUEUED, UPLOADING))
        report.parts = summary_parts(report)
        if self.client.clock is not None:
            report.pc_clock_offset = self.client.clock.pc_offset
            report.clock = clock_note(self.client.clock.pc_offset)
        return report

    def bundle_file(self, entry: OutboxEntry) -> Path | None:
        """Where the bundle is: where it was exported, else ``exports/`` (copied there)."""
        places = [Path(entry.folder)] if entry.folder else []
        for place in [*places, self.exports_dir]:
            path = place / entry.file_name
            if path.is_file() and path.stat().st_size == entry.bytes:
                return path
        return None

    def send_one(self, entry: OutboxEntry) -> None:
        key = (entry.campaign_id, entry.seq)
        if entry.status == SENT and entry.bundle_sha256:  # only the receipt is missing
            self.repo.update(*key, attempts=entry.attempts + 1, last_attempt_at=utcnow())
            self.fetch_receipt(entry, entry.bundle_sha256)
            return
        path = self.bundle_file(entry)
        if path is None:
            where = f"{entry.folder} (where it was exported) nor in " if entry.folder else ""
            problem = (f"{entry.file_name} is not in {where}{self.exports_dir}: plug in the pen "
                       f"drive it went to, or copy it into {self.exports_dir}")
            self.repo.update(*key, last_error=problem)
            self.report.skipped.append((entry.file_name, problem))
            return
        size = path.stat().st_size
        sha = entry.bundle_sha256
        if not sha:
            self.say(f"Checking {entry.file_name}")
            sha, size = hash_file(path)
            self.repo.update(*key, bundle_sha256=sha)
        self.repo.update(*key, attempts=entry.attempts + 1, last_attempt_at=utcnow())
        url = entry.tus_url if entry.remote_url == self.remote_url else ""
        if entry.status == SENT or self.upload(entry, path, size, sha, url):
            self.fetch_receipt(entry, sha)

    def upload(self, entry: OutboxEntry, path: Path, size: int, sha: str, url: str) -> bool:
        """Send the bytes; True when headquarters has them all (or had them already).

        ``failures`` counts the tries in a row in which headquarters confirmed no new byte:
        an offset it reports past ``confirmed`` (the most it has said it holds) resets it,
        whether the request that carried those bytes came back or was cut.
        """
        key = (entry.campaign_id, entry.seq)
        failures = 0
        confirmed = entry.offset if url else 0
        chunks = ChunkSize(self.policy)
        fresh = entry.attempts == 0 and entry.status == QUEUED
        self.say(f"Sending {entry.file_name}")
        start_done = self.done
        while True:
            self.check_cancel()
            sent_before = self.report.bytes_sent
            try:
                if not self.asked_time:  # headquarters' time, for every signature after this
                    self.client.ask_time(self.hq_key)
                    self.asked_time = True
                if not url:
                    if not fresh and self.client.receipt(sha) is not None:
                        self.connected = True
                        return True  # headquarters had it all along
                    created = self.client.create(size=size, sha256=sha, file_name=entry.file_name,
                                                 campaign_id=entry.campaign_id)
                    url, offset = created.url, created.offset
                    self.repo.update(*key, status=UPLOADING, tus_url=url, offset=offset,
                                     remote_url=self.remote_url, last_error="")
                else:
                    offset = self.client.head(url)
                    self.repo.update(*key, status=UPLOADING, offset=offset)
                self.connected = True
                if offset > confirmed:  # the bytes of a cut request arrived after all
                    failures, confirmed = 0, offset
                self.done = start_done + offset - (entry.offset if entry.tus_url else 0)
                while offset < size:
                    self.client.chunk_size = chunks.size
                    offset, _receipt = self.client.patch(
                        url, path, offset, size, on_bytes=self.on_bytes, cancelled=self.cancelled)
                    chunks.whole()
                    if offset > confirmed:
                        failures, confirmed = 0, offset
                    self.repo.update(*key, offset=offset)
                if offset == size:
                    self.repo.update(*key, status=SENT, offset=size, last_error="")
                    return True
            except AlreadyReceived:
                self.connected = True
                self.repo.update(*key, status=SENT, offset=size, last_error="")
                return True
            except OffsetMismatch:
                failures += 1  # a resume raced a cut request: ask again after a breath
                if failures >= self.policy.max_failures:
                    self.give_up(entry, "headquarters and this office disagree on the offset",
                                 offline=False)
                wait(self.policy.delay(1, self.rng) / 4, self.cancelled)
            except UploadGone as exc:
                failures += 1
                url, fresh, confirmed = "", False, 0
                self.repo.update(*key, status=QUEUED, tus_url="", offset=0, last_error=str(exc))
                if failures >= min(3, self.policy.max_failures):  # HQ keeps discarding it
                    self.give_up(entry, str(exc), offline=False)
            except (LinkDown, Busy) as exc:
                carried = self.report.bytes_sent > sent_before  # body bytes went out
                if carried:
                    chunks.cut()
                failures += 1
                limit = self.policy.max_failures if self.connected else self.policy.first_contact_tries
                if failures >= limit:
                    self.give_up(entry, str(exc), offline=isinstance(exc, LinkDown) or not self.connected)
                if carried and isinstance(exc, LinkDown):
                    # The link moved bytes until this cut: ask at once how many arrived.
                    self.say(f"{exc}; resuming")
                    wait(self.policy.resume_delay, self.cancelled)
                else:
                    self.say(f"{exc}; trying again")
                    wait(self.policy.delay(failures, self.rng), self.cancelled)
                self.say(f"Sending {entry.file_name}")
            except Refused as exc:
                self.connected = self.connected or bool(exc.status)
                self.repo.update(*key, last_error=exc.reason,
                                 next_attempt_at=self.policy.next_attempt_at(entry.attempts + 1))
                if exc.status:
                    self.report.refused = exc.reason
                else:
                    self.report.stopped = exc.reason
                raise _StopRun() from None

    def give_up(self, entry: OutboxEntry, problem: str, *, offline: bool = True) -> None:
        """End the run: the link failed (*offline*) or headquarters said no (*problem*). A link
        that failed after headquarters answered in this run broke off: "no network?" would
        tell the clerk something untrue."""
        self.repo.update(entry.campaign_id, entry.seq, last_error=problem,
                         next_attempt_at=self.policy.next_attempt_at(entry.attempts + 1))
        if offline and self.connected:
            self.report.broke_off = True
        elif offline:
            self.report.offline = True
        else:
            self.report.refused = problem
        raise _StopRun()

    def fetch_receipt(self, entry: OutboxEntry, sha: str) -> None:
        """Poll for the receipt (headquarters may still be importing), then verify it."""
        key = (entry.campaign_id, entry.seq)
        self.say(f"Waiting for headquarters' receipt for {entry.file_name}")
        deadline = time.monotonic() + self.policy.receipt_wait
        polls = 0
        while True:
            self.check_cancel()
            try:
                document = self.client.receipt(sha)
            except (LinkDown, Busy) as exc:
                document, problem = None, str(exc)
            else:
                problem = ""
                self.connected = True
            if document is not None:
                break
            polls += 1
            if time.monotonic() >= deadline or polls > 200:
                self.repo.update(*key, last_error=problem)
                self.report.waiting.append(entry.file_name)
                return
            wait(min(self.policy.delay(polls, self.rng), 5.0,
                     max(0.0, deadline - time.monotonic())), self.cancelled)
        try:
            receipt = verify_receipt(document, self.hq_key, bundle_sha256=sha,
                                     office_code=self.office_code)
        except ReceiptError as exc:
            self.repo.update(*key, receipt_problem=str(exc),
                             last_error=f"headquarters' receipt did not verify: {exc}")
            self.report.unverified.append((entry.file_name, str(exc)))
            return
        status = ACCEPTED if receipt.accepted else REJECTED
        self.repo.update(*key, status=status, receipt_json=document, receipt_problem="",
                         decided_at=receipt.issued_at, reason=receipt.reason, last_error="",
                         next_attempt_at=None)
        if receipt.accepted:
            self.report.accepted.append(entry.file_name)
        else:
            self.report.rejected.append((entry.file_name, receipt.reason))
