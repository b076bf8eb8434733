"""Import workers: take queued bundles and import each in one transaction with its job.

``work_one(hq)`` is one turn: begin a transaction, claim the next job (``store.jobs``:
``FOR UPDATE SKIP LOCKED``), run the same ``import_bundle`` as ``hq import`` inside that
transaction, and let the verdict — accepted, already imported, or rejected with its
reason — mark the job done (and, for an upload, store the signed receipt) before the one
commit. Killed anywhere before the commit, the worker leaves nothing: the server rolls
back, the job is queued again, and the photos it had staged are only temporary files.
``ImportFailed`` (headquarters' own trouble: the disk, the database) rolls back too, then
puts the job back with a growing delay.

``run(hq, stop)`` loops until *stop* is set, waiting ``POLL_SECONDS`` when the queue is
empty, and rides out the database going away (a restart, a lost connection): it waits and
tries again, never exits for that. ``supervise`` is ``fielddesk hq worker --workers N``:
N such processes (multiprocessing, "spawn": the frozen program's entry answers it first),
each started again if it dies.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from desktop_app.errors import BundleError, FieldDeskError
from desktop_app.hq.database import HQ, open_hq, utcnow
from desktop_app.hq.importer import ImportFailed, ImportOutcome, import_bundle
from desktop_app.hq.photo_store import PhotoStore
from desktop_app.hq.receipts import answer_upload, load_hq_key
from desktop_app.hq.reuse_check import hash_pending_safely
from desktop_app.hq.store import jobs

log = logging.getLogger("fielddesk.hq.worker")

POLL_SECONDS = 0.5  # an empty queue is looked at again after this
RETRY_SECONDS = (5, 30, 120, 600, 1800)  # after the 1st, 2nd… failed attempt
OUTAGE_SECONDS = (0.5, 1, 2, 5, 10)  # waits while the database cannot be reached
PENDING_PHOTOS = 64  # photos left unhashed, hashed per idle turn


@dataclass(frozen=True)
class Turn:
    """What one turn did: the job, and its outcome (or the error that put it back)."""

    job: jobs.Job
    outcome: ImportOutcome | None
    error: str = ""


def work_one(hq: HQ, *, only: list[int] | None = None, hq_key: Any = None,
             importer: Callable[..., ImportOutcome] | None = None) -> Turn | None:
    """Claim and import one job; None when none is ready. Raises FieldDeskError when the
    database cannot be reached (``run`` waits and tries again). *importer*: the import to
    run (``import_bundle(hq, path, **kwargs)``'s stand-in taking ``path, **kwargs``)."""
    with hq.store.read() as conn:
        transaction = hq.store.begin(conn)  # with a lock timeout: never wait for ever
        try:
            job = jobs.claim(conn, int(time.time()), only=only)
            if job is None:
                transaction.rollback()
                return None

            def verdict(c: Any, outcome: ImportOutcome) -> None:
                jobs.finish(c, job.id, outcome.to_json(), utcnow())
                if job.upload_id:
                    answer_upload(c, job.upload_id, job.bundle_sha256, outcome, hq_key)

            run_import = importer or (lambda path, **kw: import_bundle(hq, path, **kw))
            try:
                outcome = run_import(hq.folder.root / job.path, file_name=job.file_name,
                                     source=job.source, within=conn, on_verdict=verdict)
            except ImportFailed as exc:
                with contextlib.suppress(DBAPIError):  # a lost connection rolled back already
                    transaction.rollback()
                return Turn(job, None, _defer(hq, job, str(exc)))
            transaction.commit()
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
    if outcome.accepted:  # its photos' hashes, after the commit (hq.reuse_check)
        hash_pending_safely(hq, manifest_sha256=outcome.manifest_sha256)
    return Turn(job, outcome)


def _defer(hq: HQ, job: jobs.Job, error: str) -> str:
    delay = RETRY_SECONDS[min(job.attempts, len(RETRY_SECONDS) - 1)]
    with hq.store.write() as conn:
        again = jobs.defer(conn, job.id, error, retry_at=int(time.time()) + delay, now=utcnow())
    note = f"tried again in {delay} s" if again else "given up after too many attempts"
    log.warning("job %s (%s): %s; %s", job.id, job.file_name, error, note)
    return error


def run(hq: HQ, stop: threading.Event, *, hq_key: Any = None,
        poll_seconds: float = POLL_SECONDS, on_turn: Callable[[Turn], None] | None = None,
        importer: Callable[..., ImportOutcome] | None = None) -> None:
    """Work until *stop* is set."""
    PhotoStore(hq.folder.photos).remove_leftovers()
    outages = 0
    while not stop.is_set():
        try:
            turn = work_one(hq, hq_key=hq_key, importer=importer)
            outages = 0
        except (FieldDeskError, DBAPIError) as exc:  # the database is away: wait, retry
            wait = OUTAGE_SECONDS[min(outages, len(OUTAGE_SECONDS) - 1)]
            outages += 1
            log.warning("the database cannot be reached (%s); trying again in %s s", exc, wait)
            stop.wait(wait)
            continue
        if turn is None:
            if not hash_pending_safely(hq, limit=PENDING_PHOTOS):  # a crash's, an upgrade's
                stop.wait(poll_seconds)
        elif on_turn is not None:
            on_turn(turn)


# --- hq worker --workers N ----------------------------------------------------------------------


def load_receipt_key(hq: HQ) -> Any:
    """Headquarters' receipt key when it has one (uploads are answered with it)."""

    try:
        return load_hq_key(hq.folder.keys)
    except BundleError:
        return None


def run_here(hq: HQ, *, poll_seconds: float = POLL_SECONDS) -> int:
    """One worker in this process, until SIGTERM or Ctrl+C (the job in hand is rolled back
    and queued again)."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    run(hq, stop, hq_key=load_receipt_key(hq), poll_seconds=poll_seconds,
        on_turn=lambda t: print(_turn_line(t), flush=True))
    return 0


def _turn_line(turn: Turn) -> str:
    if turn.outcome is None:
        return f"job {turn.job.id}: failed, will be tried again: {turn.error}"
    return f"job {turn.job.id}: {turn.outcome.line()}"


def _worker_process(root: str, db: str | None) -> None:
    """One worker process of ``supervise`` (started by multiprocessing, "spawn")."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor stops it (SIGTERM)
    hq = open_hq(Path(root), db=db)
    try:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        run(hq, stop, hq_key=load_receipt_key(hq))
    finally:
        hq.close()


def supervise(root: Path, db: str | None, count: int, *, restart_delay: float = 1.0) -> int:
    """*count* worker processes; one that dies is started again; SIGTERM or Ctrl+C stops
    them all (each finishes, or rolls back, the bundle in hand)."""
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads

    def start() -> Any:
        process = context.Process(target=_worker_process, args=(str(root), db),
                                  name="fielddesk-hq-worker", daemon=False)
        process.start()
        return process

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    procs = [start() for _ in range(count)]
    try:
        while not stopping.wait(0.5):
            for i, process in enumerate(procs):
                if not process.is_alive():
                    log.warning("import worker %s ended (exit %s); starting another",
                                process.pid, process.exitcode)
                    time.sleep(restart_delay)
                    procs[i] = start()
    except KeyboardInterrupt:
        pass
    finally:
        for process in procs:
            if process.is_alive():
                process.terminate()  # SIGTERM: the worker stops after its current bundle
        for process in procs:
            process.join(60)
            if process.is_alive():
                process.kill()
    return 0
