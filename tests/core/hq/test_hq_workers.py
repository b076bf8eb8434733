"""Import workers on PostgreSQL (``hq worker``): the queue hands each job to one worker, an
office's bundles in arrival order; a failure of headquarters' own is tried again; a worker
killed with SIGKILL inside its transaction leaves nothing and its job is taken again; the
database restarted under a waiting worker is ridden out; ``hq worker --workers 2`` runs two
processes and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from desktop_app.hq import worker
from desktop_app.hq.importer import ACCEPTED, ALREADY_IMPORTED, ImportFailed, import_bundle
from desktop_app.hq.photo_store import PhotoStore
from desktop_app.hq.queue import enqueue_file
from desktop_app.hq.store import jobs, keys

WAIT = 60  # seconds: every wait below is bounded


@pytest.fixture
def pg_hq(tmp_path, hqkit, pg_url, world):
    """A headquarters on a fresh PostgreSQL database, its folder remembering it, with the
    world's offices registered (UP-004 aside)."""
    from desktop_app.hq.registry import register_key

    hq = hqkit.new_hq(tmp_path / "hq", pg_url)
    for code in ("DL-001", "MH-002", "KA-003", "SW-005"):
        register_key(hq, world.offices[code].pem, code)
    yield hq
    hq.close()


class Workers:
    """*n* workers (``worker.run``) on threads of this process, stopped at the end."""

    def __init__(self, hq, n: int, **kwargs):
        self.stop = threading.Event()
        self.turns: list = []
        self.threads = [threading.Thread(target=worker.run, args=(hq, self.stop), daemon=True,
                                         kwargs={"poll_seconds": 0.1, "on_turn": self.turns.append,
                                                 **kwargs}) for _ in range(n)]
        for t in self.threads:
            t.start()

    def close(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(WAIT)


def wait_until(condition, seconds: float = WAIT) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def queue_empty(hq) -> bool:
    with hq.store.read() as conn:
        return jobs.pending(conn) == 0


def outcomes(hq, ids: list[int]) -> list[str]:
    with hq.store.read() as conn:
        states = jobs.states(conn, ids)
    return [states[i].result for i in ids]


def test_two_workers_empty_the_queue_each_office_in_order(pg_hq, hqkit, world):
    ids = [enqueue_file(pg_hq, world.offices[code].bundles[seq], source="cli")
           for seq in (1, 2, 3) for code in ("DL-001", "MH-002")]
    workers = Workers(pg_hq, 2)
    try:
        wait_until(lambda: queue_empty(pg_hq))
    finally:
        workers.close()
    # every bundle accepted: an office's seq 2 was never taken before its seq 1 was done
    assert outcomes(pg_hq, ids) == [ACCEPTED] * 6
    assert sorted(hqkit.rows(pg_hq, "SELECT office_code, seq FROM office_campaign")) == [
        ("DL-001", 3), ("MH-002", 3)]
    assert {t.outcome.status for t in workers.turns} == {ACCEPTED} and len(workers.turns) == 6
    # the kept copies are where the jobs say, inside the folder the workers share
    with pg_hq.store.read() as conn:
        paths = [r[0] for r in conn.execute(sa.text("SELECT path FROM import_job"))]
    assert all(p.startswith("uploads/received/") and (pg_hq.folder.root / p).is_file()
               for p in paths)


def test_the_same_bundle_queued_twice_is_imported_once(pg_hq, hqkit, world):
    ids = [enqueue_file(pg_hq, world.dl.bundles[1], source="cli") for _ in range(2)]
    workers = Workers(pg_hq, 2)
    try:
        wait_until(lambda: queue_empty(pg_hq))
    finally:
        workers.close()
    assert outcomes(pg_hq, ids) == [ACCEPTED, ALREADY_IMPORTED]
    assert hqkit.rows(pg_hq, "SELECT count(*) FROM bundle") == [(1,)]


def test_headquarters_own_failure_is_tried_again_later(pg_hq, world, monkeypatch):
    monkeypatch.setattr(worker, "RETRY_SECONDS", (1,))
    failures = []

    def flaky(path, **kwargs):
        if not failures:
            failures.append(path)
            raise ImportFailed(f"{path.name}: headquarters could not import it: disk full")
        return import_bundle(pg_hq, path, **kwargs)

    [job_id] = [enqueue_file(pg_hq, world.ka.bundles[1], source="cli")]
    first = worker.work_one(pg_hq, importer=flaky)
    assert first.outcome is None and "disk full" in first.error
    assert worker.work_one(pg_hq, importer=flaky) is None  # not before its retry time
    with pg_hq.store.read() as conn:
        state = jobs.states(conn, [job_id])[job_id]
    assert state.state == "queued" and "disk full" in state.error
    time.sleep(1.1)
    again = worker.work_one(pg_hq, importer=flaky)
    assert again.outcome.status == ACCEPTED and again.job.attempts == 1


_KILLED_WORKER = """
import sys, threading, time
from pathlib import Path
from desktop_app.hq import open_hq, photo_store, worker

signal_file = Path(sys.argv[2])

def publish(self):  # the last step inside the import's transaction: stop here, for ever
    signal_file.write_text("inside the transaction")
    time.sleep(3600)

photo_store.PhotoIntake.publish = publish
worker.run(open_hq(sys.argv[1]), threading.Event(), poll_seconds=0.1)
"""


def test_a_worker_killed_inside_its_transaction_leaves_nothing_and_its_job_is_retried(
        pg_hq, hqkit, world, tmp_path):
    before = hqkit.snapshot(pg_hq)
    logged = len(hqkit.log_rows(pg_hq))
    job_id = enqueue_file(pg_hq, world.dl.bundles[1], source="cli")  # it carries 2 photos
    inside = tmp_path / "inside"
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WORKER, str(pg_hq.folder.root),
                             str(inside)], stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: inside.exists() or proc.poll() is not None)
        assert proc.poll() is None, proc.stderr.read()
        # every row of the import is written, uncommitted, and the job is held
        assert _job_locked(pg_hq, job_id)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    # the server rolled the killed worker's transaction back: the state is as before (the
    # photos it had copied are temporary files, never moved into the store)
    wait_until(lambda: not _job_locked(pg_hq, job_id))
    after, store_files = hqkit.snapshot(pg_hq)
    assert after == before[0] | {"import_job": after["import_job"]}
    assert [f for f in store_files if not f.startswith(".incoming")] == \
        [f for f in before[1] if not f.startswith(".incoming")]
    assert len(hqkit.log_rows(pg_hq)) == logged
    with pg_hq.store.read() as conn:
        assert jobs.states(conn, [job_id])[job_id].state == "queued"
    leftovers = list((pg_hq.folder.photos / ".incoming").glob("*.part"))
    assert len(leftovers) == 2
    # the job is taken again, and this time it goes through
    turn = worker.work_one(pg_hq)
    assert turn.job.id == job_id and turn.outcome.status == ACCEPTED
    assert turn.outcome.photos_stored == 2
    assert [r["result"] for r in hqkit.log_rows(pg_hq)][logged:] == ["accepted"]
    assert PhotoStore(pg_hq.folder.photos).remove_leftovers(older_than=0) == 2


def _job_locked(hq, job_id: int) -> bool:
    with hq.store.engine.connect() as conn, conn.begin():
        try:
            conn.execute(sa.text("SELECT id FROM import_job WHERE id = :id FOR UPDATE NOWAIT"),
                         {"id": job_id})
            return False
        except sa.exc.OperationalError:
            return True


def test_the_database_restarted_under_waiting_workers(pg_hq, hqkit, world, pg_cluster,
                                                      monkeypatch):
    """One worker waits for work, another inside an import for the office's row (held by a
    key change that never ends); the server restarts. The waiting one carries on with the
    next bundle; the other's transaction was cut: its job is tried again, and goes through."""
    monkeypatch.setattr(worker, "RETRY_SECONDS", (1,))
    monkeypatch.setattr(worker, "OUTAGE_SECONDS", (0.2,))
    blocker = pg_hq.store.engine.connect()
    blocker.begin()
    keys.lock_office(blocker, "DL-001")
    workers = Workers(pg_hq, 2)
    try:
        held = enqueue_file(pg_hq, world.dl.bundles[1], source="cli")
        wait_until(lambda: _job_locked(pg_hq, held))  # a worker has it, and waits for DL-001
        pg_cluster.restart()
        with pytest.raises(sa.exc.DBAPIError):
            blocker.execute(sa.text("SELECT 1"))
        later = enqueue_file(pg_hq, world.mh.bundles[1], source="cli")
        wait_until(lambda: queue_empty(pg_hq))
    finally:
        blocker.invalidate()
        blocker.close()
        workers.close()
    assert outcomes(pg_hq, [held, later]) == [ACCEPTED, ACCEPTED]
    assert sorted(hqkit.rows(pg_hq, "SELECT office_code FROM office_campaign")) == [
        ("DL-001",), ("MH-002",)]


def test_hq_worker_runs_n_processes_and_stops_on_sigterm(pg_hq, world):
    ids = [enqueue_file(pg_hq, world.offices[code].bundles[1], source="cli")
           for code in ("DL-001", "MH-002", "KA-003", "SW-005")]
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "--home", str(pg_hq.folder.root),
                             "hq", "worker", "--workers", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: queue_empty(pg_hq) or proc.poll() is not None)
        assert proc.poll() is None, proc.stderr.read()
        children = worker_processes(proc.pid)
        assert len(children) == 2
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "2 import workers on postgresql://" in err
    assert outcomes(pg_hq, ids) == [ACCEPTED] * 4
    assert all(not Path(f"/proc/{pid}").exists() for pid in children)


def worker_processes(parent: int) -> list[str]:
    """The worker processes multiprocessing started for *parent* (not its resource tracker)."""
    found = []
    for pid in Path(f"/proc/{parent}/task/{parent}/children").read_text().split():
        if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
            found.append(pid)
    return found


def test_hq_worker_refuses_sqlite(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--home", str(tmp_path / "hq"),
                           "hq", "worker"], capture_output=True, text=True, timeout=WAIT,
                          env={k: v for k, v in os.environ.items() if k != "FIELDDESK_HQ_DB"})
    assert proc.returncode == 1
    assert "import workers need PostgreSQL" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
