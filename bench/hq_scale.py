"""Headquarters past one machine: 10,000 signed bundles into SQLite and into PostgreSQL with 1, 2
and 4 import workers, then the consolidated report for 10,000 offices on both.

    .venv/bin/python bench/hq_scale.py [--offices 10000] [--workers 1,2,4] [--regenerate]
                                       [--generate-only] [--skip-sqlite]

Bundles are made as ``bench/hq.py`` makes them (``generate``: the demo office's records,
its own key, scrap disposal, event and ``--photos`` photos per office, a real signed export)
and cached in ``bench/out/hq_scale/`` (git-ignored). Then, each on a fresh headquarters
folder with every office's key registered (not timed):

* **SQLite**, one process: ``import_bundle`` for every bundle, as ``hq import`` does.
* **PostgreSQL**, a server of its own (``store.testkit.PgCluster``, **fsync on**: the
  same durability as SQLite's ``synchronous=FULL``), for each worker count N: a copy of a
  database where every key was registered once, every bundle
  linked into the folder's received-bundles folder and queued (not timed), then
  ``fielddesk hq worker --workers N`` started and timed until the queue is empty. Each
  worker's resident memory is sampled every second (``/proc/PID/status``).

Printed: bundles per second for each; the speed-up of 2 workers over 1 (goal >= 1.7x on a
2-core machine); memory per worker at five points of the run (goal: flat); the consolidation and the
consolidated workbook for all the offices on each back-end (goal <= 5 s), wall and CPU. The machine's load average is
printed first and last: the figures are only comparable within one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "hq_scale"
SCRATCH = OUT.parent  # where the runs' headquarters folders go (--out's parent)
GOAL_SPEEDUP = 1.7
GOAL_REPORT_SECONDS = 5.0


def bench_hq():
    """bench/hq.py as a module (its generator and helpers)."""
    spec = importlib.util.spec_from_file_location("bench_hq", ROOT / "bench" / "hq.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_hq"] = module  # its generator's jobs are pickled by module name
    spec.loader.exec_module(module)
    return module


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=10_000)
    parser.add_argument("--photos", type=int, default=3, help="photos per office")
    parser.add_argument("--workers", default="1,2,4", help="worker counts for PostgreSQL")
    parser.add_argument("--generators", type=int, default=2, help="processes making bundles")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--limit", type=int, default=None,
                        help="use only the first N bundles made (a quick check)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    global SCRATCH
    SCRATCH = args.out.resolve().parent

    bundles_dir, keys_dir = args.out / "bundles", args.out / "keys"
    have = sorted(bundles_dir.glob("*.zip")) if bundles_dir.is_dir() else []
    if args.regenerate or len(have) != args.offices:
        bench_hq().generate(args.out, args.offices, args.photos, args.generators)
    bundles = sorted(bundles_dir.glob("*.zip"))[:args.limit]
    total = sum(p.stat().st_size for p in bundles)
    print(f"{len(bundles):,} bundles, {total / 1e6:.0f} MB ({total / len(bundles) / 1e3:.0f} KB "
          f"each); {os.cpu_count()} CPUs; load average {load()}")
    if args.generate_only:
        return 0
    pems = sorted(keys_dir.glob("*.pub.pem"))[:args.limit]
    results: dict[str, float] = {}
    if not args.skip_sqlite:
        results["sqlite"] = run_sqlite(bundles, pems)
    counts = [int(n) for n in args.workers.split(",") if n.strip()]
    results.update(run_postgresql(bundles, pems, counts))
    one, two = results.get("pg-1"), results.get("pg-2")
    if one and two:
        speedup = two / one
        print(f"speed-up of 2 workers over 1 on PostgreSQL: {speedup:.2f}x; goal >= "
              f"{GOAL_SPEEDUP}x: {'MET' if speedup >= GOAL_SPEEDUP else 'NOT MET'}")
    print(f"load average at the end: {load()}")
    return 0


# --- the two back-ends --------------------------------------------------------------------------


def new_folder(prefix: str) -> Path:
    """A scratch headquarters folder beside the cached bundles (``--out``'s parent), on the
    same disk as them: the PostgreSQL runs link the bundles rather than copy them."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=SCRATCH))


def register_all(hq, pems: list[Path]) -> None:
    from desktop_app.hq.registry import register_key

    start = time.perf_counter()
    for pem in pems:
        register_key(hq, pem.read_bytes(), pem.name.removesuffix(".pub.pem"))
    print(f"  registered {len(pems):,} office keys in {time.perf_counter() - start:.1f} s")


def timed_report(hq, label: str) -> float:
    """The consolidation (every office's figures and totals, from the database) and the
    consolidated workbook (``hq report``: the consolidation again, then the workbook), each
    timed, wall clock and this process's CPU (on a shared machine the CPU time is the
    steadier figure)."""
    from desktop_app.hq.consolidate import consolidate
    from desktop_app.hq.report import write_report

    start, cpu = time.perf_counter(), time.process_time()
    with hq.store.snapshot() as conn:
        data = consolidate(conn)
    figures, figures_cpu = time.perf_counter() - start, time.process_time() - cpu
    offices = sum(len(s.offices) for s in data.sections)
    print(f"  consolidation ({label}): {offices:,} offices' figures and totals in "
          f"{figures:.2f} s (CPU {figures_cpu:.2f} s); goal <= {GOAL_REPORT_SECONDS:.0f} s: "
          f"{'MET' if figures <= GOAL_REPORT_SECONDS else 'NOT MET'}")
    out = hq.folder.root / "consolidated.xlsx"
    start, cpu = time.perf_counter(), time.process_time()
    result = write_report(hq, out)
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  consolidated workbook ({label}): {result.offices:,} offices, {result.log_rows:,} "
          f"log rows, {out.stat().st_size / 1e6:.1f} MB in {elapsed:.2f} s (CPU "
          f"{elapsed_cpu:.2f} s); goal <= {GOAL_REPORT_SECONDS:.0f} s: "
          f"{'MET' if elapsed <= GOAL_REPORT_SECONDS else 'NOT MET'}")
    return elapsed


def run_sqlite(bundles: list[Path], pems: list[Path]) -> float:
    from desktop_app.hq.database import open_hq
    from desktop_app.hq.importer import import_bundle

    print("SQLite, one process:")
    home = new_folder("hqscale-sqlite-")
    try:
        hq = open_hq(home)
        register_all(hq, pems)
        statuses: dict[str, int] = {}
        start = time.perf_counter()
        for path in bundles:
            outcome = import_bundle(hq, path, source="bench")
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        elapsed = time.perf_counter() - start
        rate = len(bundles) / elapsed
        print(f"  import: {len(bundles):,} bundles in {elapsed:.1f} s = {rate:.1f} bundles/s "
              f"{statuses}; load average {load()}")
        timed_report(hq, "SQLite")
        hq.close()
        return rate
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_postgresql(bundles: list[Path], pems: list[Path], counts: list[int]) -> dict[str, float]:
    from desktop_app.hq.database import open_hq
    from desktop_app.hq.store import migrate, parse_url
    from desktop_app.hq.store.testkit import PgCluster

    rates: dict[str, float] = {}
    with PgCluster(fsync=True, prefix="hqscale-pg-") as cluster:
        print(f"PostgreSQL (its own server, fsync on, port {cluster.port}):")
        # every office's key registered once, in a template each run's database copies
        url = cluster.create_database("hqscale_registered")
        migrate(parse_url(url))
        home = new_folder("hqscale-pg-registry-")
        try:
            with open_hq(home, db=url) as hq:
                register_all(hq, pems)
        finally:
            shutil.rmtree(home, ignore_errors=True)
        for n in counts:
            rates[f"pg-{n}"] = run_workers(cluster, bundles, n, report=n == counts[-1])
    return rates


def run_workers(cluster, bundles: list[Path], n: int, *, report: bool) -> float:
    from desktop_app.hq.database import open_hq
    from desktop_app.hq.queue import enqueue_file

    url = cluster.create_database(f"hqscale_{n}", template="hqscale_registered")
    home = new_folder(f"hqscale-pg{n}-")
    try:
        hq = open_hq(home, db=url)
        start = time.perf_counter()
        for path in bundles:
            enqueue_file(hq, path, source="bench", link=True)
        print(f"  {n} worker(s): queued {len(bundles):,} bundles in "
              f"{time.perf_counter() - start:.1f} s (not timed)")
        rate, memory = time_workers(home, url, n, len(bundles), hq)
        print(f"  {n} worker(s): {len(bundles):,} bundles in {len(bundles) / rate:.1f} s = "
              f"{rate:.1f} bundles/s; load average {load()}")
        for pid, samples in sorted(memory.items()):
            settled = samples[len(samples) // 10:] or samples  # after its imports and warm-up
            marks = [settled[i * (len(settled) - 1) // 4] for i in range(5)]
            print(f"    worker {pid}: RSS at 10/30/55/80/100% of the run "
                  + " ".join(f"{mb:.0f}" for mb in marks)
                  + f" MB, peak {max(samples):.0f} MB ({len(samples)} samples, one a second)")
        if report:
            timed_report(hq, "PostgreSQL")
        hq.close()
        return rate
    finally:
        shutil.rmtree(home, ignore_errors=True)
        cluster.drop_database(f"hqscale_{n}")


def time_workers(home: Path, url: str, n: int, expected: int, hq) -> tuple[float, dict]:
    """Start ``hq worker --workers N``, wait for an empty queue; (bundles/s, RSS samples)."""
    from desktop_app.hq.store import jobs

    command = [sys.executable, "-m", "desktop_app", "--home", str(home), "hq", "worker",
               "--db", url, "--workers", str(n)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    memory: dict[int, list[float]] = {}
    try:
        while True:
            time.sleep(1.0)
            for pid in worker_pids(proc.pid, n):
                mb = rss_of(pid)
                if mb:
                    memory.setdefault(pid, []).append(mb)
            with hq.store.read() as conn:
                if jobs.pending(conn) == 0:
                    break
            if proc.poll() is not None:
                raise RuntimeError(f"hq worker ended: {proc.stderr.read()}")
        elapsed = time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(60)
    return expected / elapsed, memory


def worker_pids(parent: int, n: int) -> list[int]:
    """The worker processes: the parent itself with one worker, else its children."""
    if n == 1:
        return [parent]
    try:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        # multiprocessing's workers, not its resource tracker
        return [int(pid) for pid in children
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    except OSError:
        return []


def rss_of(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
