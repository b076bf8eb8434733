"""The import queue on PostgreSQL: SKIP LOCKED hands each job to one worker, an office's jobs
go in arrival order, a worker that ends without committing gives its job back, and a job that
keeps failing for headquarters' own reasons is retried later, then given up."""

from __future__ import annotations

import pytest

from desktop_app.hq.store import jobs, open_store, parse_url

NOW = "2026-11-20T10:00:00Z"


@pytest.fixture
def store(pg_url):
    opened = open_store(parse_url(pg_url))
    yield opened
    opened.close()


def add(store, office: str, n: int) -> int:
    with store.write() as conn:
        return jobs.enqueue(conn, bundle_sha256=f"{n:064x}", path=f"uploads/received/{n}.zip",
                            file_name=f"{n}.zip", source="cli", now=NOW, office_code=office)


def test_two_workers_never_take_the_same_job(store):
    a1, a2, b1 = add(store, "A", 1), add(store, "A", 2), add(store, "B", 3)
    with store.engine.connect() as w1, store.engine.connect() as w2, \
            store.engine.connect() as w3, w1.begin(), w2.begin():
        first = jobs.claim(w1, 0)
        second = jobs.claim(w2, 0)
        # A's second job waits for its first (held by w1): w2 gets B's
        assert (first.id, second.id) == (a1, b1)
        with w3.begin():
            assert jobs.claim(w3, 0) is None  # nothing else is ready
        jobs.finish(w1, first.id, {"status": "accepted"}, NOW)
        # w1 committed: A's second job is next
    with store.engine.connect() as w3, w3.begin():
        third = jobs.claim(w3, 0)
        assert third.id == a2 and third.path == "uploads/received/2.zip"
    with store.read() as conn:
        states = jobs.states(conn, [a1, a2, b1])
    assert states[a1].state == "done" and states[a1].outcome == {"status": "accepted"}
    # w2 and w3 ended without finishing: their jobs are queued again, untouched
    assert states[a2].state == states[b1].state == "queued"
    with store.read() as conn:
        assert jobs.pending(conn) == 2


def test_a_job_given_back_is_taken_again_and_only_listed_ids(store):
    ids = [add(store, f"O{n}", n) for n in range(3)]
    with store.engine.connect() as w, w.begin():
        assert jobs.claim(w, 0, only=[ids[2]]).id == ids[2]
    with store.engine.connect() as w, w.begin():
        assert jobs.claim(w, 0, only=[ids[2]]).id == ids[2]  # rolled back: free again
        assert jobs.claim(w, 0, only=[99999]) is None


def test_failed_attempts_back_off_then_stop(store, monkeypatch):
    job_id = add(store, "A", 1)
    later = add(store, "A", 2)
    with store.write() as conn:
        assert jobs.defer(conn, job_id, "disk full", retry_at=1000, now=NOW)
    with store.engine.connect() as w, w.begin():
        assert jobs.claim(w, 999) is None  # not before 1000, and A's next waits for it
        assert jobs.claim(w, 1000).id == job_id
    monkeypatch.setattr(jobs, "MAX_ATTEMPTS", 2)
    with store.write() as conn:
        assert not jobs.defer(conn, job_id, "disk full again", retry_at=2000, now=NOW)
    with store.read() as conn:
        state = jobs.states(conn, [job_id])[job_id]
    assert state.state == "failed" and state.error == "disk full again"
    with store.engine.connect() as w, w.begin():  # a failed job no longer holds A's queue up
        assert jobs.claim(w, 0).id == later
