"""The import queue: one ``import_job`` row per bundle handed over, taken by import workers.

A worker **holds** the job it works on: ``claim`` runs inside the worker's transaction and
locks the row ``FOR UPDATE SKIP LOCKED``, the import writes in that same transaction, and
``finish`` marks the job done in it — so "job done" and "bundle written" commit together or
not at all. A worker that dies (SIGKILL, power cut, lost connection) leaves nothing: the
server rolls its transaction back, the row is unlocked and still ``queued``, and the next
claim takes it. There is no lease to expire and no "running" state to clean up; a job
being worked on is a queued job whose row is locked.

Order: a job is claimed only when no older queued job claims the same office, so an
office's bundles are imported in the order they arrived (the chain rules make any order
safe; this keeps "older than the last accepted" refusals for real ones). Different
offices go in parallel. A job that failed for headquarters' own reason (disk, database)
is put back with ``not_before`` (backoff) by ``defer``, in a transaction of its own after
the worker's rolled back, and stops after ``MAX_ATTEMPTS`` (``failed``).

This queue runs on PostgreSQL. With SQLite, ``hq serve`` and ``hq import`` import in
their own process, as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from desktop_app.hq.store.tables import DONE, FAILED, QUEUED, import_job

MAX_ATTEMPTS = 10


@dataclass(frozen=True)
class Job:
    id: int
    bundle_sha256: str
    path: str  # relative to the headquarters folder
    file_name: str
    source: str
    office_code: str
    upload_id: str | None
    attempts: int


def enqueue(conn: Connection, *, bundle_sha256: str, path: str, file_name: str, source: str,
            now: str, office_code: str = "", upload_id: str | None = None) -> int:
    """A new queued job; returns its id."""
    result = conn.execute(insert(import_job).values(
        bundle_sha256=bundle_sha256, path=path, file_name=file_name, source=source,
        office_code=office_code, upload_id=upload_id, state=QUEUED, enqueued_at=now))
    return int(result.inserted_primary_key[0])


def claim(conn: Connection, now: int, *, only: list[int] | None = None) -> Job | None:
    """Lock the next job ready to run (inside the caller's transaction), or None.

    *now* is Unix seconds (jobs deferred past it wait); *only* limits the choice to these
    ids (``hq import`` working through its own files).
    """
    j = import_job.c
    older = import_job.alias("older")
    waits_for_older = (select(older.c.id).where(
        older.c.state == QUEUED, older.c.office_code == j.office_code, older.c.office_code != "",
        older.c.id < j.id).exists())
    query = (select(import_job).where(j.state == QUEUED, j.not_before <= now, ~waits_for_older)
             .order_by(j.id).limit(1).with_for_update(skip_locked=True))
    if only is not None:
        query = query.where(j.id.in_(only))
    row = conn.execute(query).first()
    if row is None:
        return None
    m = row._mapping
    return Job(id=m["id"], bundle_sha256=m["bundle_sha256"], path=m["path"],
               file_name=m["file_name"], source=m["source"], office_code=m["office_code"],
               upload_id=m["upload_id"], attempts=m["attempts"])


def finish(conn: Connection, job_id: int, outcome: dict[str, Any], now: str) -> None:
    """Mark the job done with its outcome (``ImportOutcome.to_json()``), in the import's
    own transaction."""
    conn.execute(update(import_job).where(import_job.c.id == job_id).values(
        state=DONE, finished_at=now, result=outcome.get("status"),
        outcome_json=json.dumps(outcome, ensure_ascii=False)))


def defer(conn: Connection, job_id: int, error: str, *, retry_at: int, now: str) -> bool:
    """Count a failed attempt and put the job back until *retry_at*; after
    ``MAX_ATTEMPTS`` it is ``failed`` for good. Returns True when it will be retried."""
    attempts = conn.execute(select(import_job.c.attempts).where(import_job.c.id == job_id)
                            .with_for_update()).scalar_one() + 1
    retry = attempts < MAX_ATTEMPTS
    conn.execute(update(import_job).where(import_job.c.id == job_id).values(
        attempts=attempts, error=error[:2000], not_before=retry_at,
        state=QUEUED if retry else FAILED, finished_at=None if retry else now))
    return retry


@dataclass(frozen=True)
class JobState:
    id: int
    state: str
    result: str | None
    outcome: dict[str, Any] | None
    error: str


def states(conn: Connection, ids: list[int]) -> dict[int, JobState]:
    j = import_job.c
    rows = conn.execute(select(j.id, j.state, j.result, j.outcome_json, j.error)
                        .where(j.id.in_(ids)))
    return {r[0]: JobState(r[0], r[1], r[2], json.loads(r[3]) if r[3] else None, r[4])
            for r in rows}


def pending(conn: Connection) -> int:
    """Queued jobs (being worked on or waiting)."""
    return conn.execute(select(func.count()).select_from(import_job)
                        .where(import_job.c.state == QUEUED)).scalar_one()
