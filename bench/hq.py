"""Headquarters benchmark: import 1,000 signed office bundles, then write the consolidated report.

    .venv/bin/python bench/hq.py [--offices 1000] [--photos 3] [--regenerate] [--workers 2]

Generation (cached in bench/out/hq/, git-ignored; ``--regenerate`` to redo): the demo
office's records (``demo.populate``: 11 targets, 226 daily entries, 40 scrap disposals,
20 sites, 10 events) are made once; each office then gets a copy of that database, its
own code and name, its own Ed25519 key (``create_office_key``), a scrap disposal and an
event of its own (so no two offices total the same), ``--photos`` small camera-sized
JPEGs of its own (160x120 with noise, about 10 KB) linked to its sites and events, and
exports a real signed bundle with ``export_bundle`` — every bundle genuinely signed by
its office's key, which headquarters registers from the office's ``.pub.pem``.

Measured in this process, on a fresh headquarters folder:

* registering the 1,000 keys (not part of the rate);
* importing every bundle with ``HQ.import_bundle`` — bundles per second overall, and
  without the photo copying (time between the "Copying photos" and "Saving" progress
  texts, which includes the photos' fsyncs); the time per step from the progress texts;
  resident memory after every 100 bundles and the peak (``ru_maxrss``): goal flat;
* re-importing all of them ("already imported": the idempotent path);
* writing the consolidated workbook for the 1,000 offices.

Goal: >= 20 bundles per second on this 2-core machine, memory flat.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 20)
GOAL_RATE = 20.0
OUT = ROOT / "bench" / "out" / "hq"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=3, help="photos per office")
    parser.add_argument("--workers", type=int, default=2, help="processes generating bundles")
    parser.add_argument("--regenerate", action="store_true", help="make the bundles again")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    bundles_dir, keys_dir = args.out / "bundles", args.out / "keys"
    have = sorted(bundles_dir.glob("*.zip")) if bundles_dir.is_dir() else []
    if args.regenerate or len(have) != args.offices:
        generate(args.out, args.offices, args.photos, args.workers)
    bundles = sorted(bundles_dir.glob("*.zip"))
    total_bytes = sum(p.stat().st_size for p in bundles)
    print(f"{len(bundles):,} bundles, {total_bytes / 1e6:.1f} MB "
          f"({total_bytes / len(bundles) / 1e3:.0f} KB each)")
    measure(bundles, keys_dir)
    return 0


# --- generation ---------------------------------------------------------------------------------


def generate(out: Path, offices: int, photos: int, workers: int) -> None:
    from desktop_app.demo import populate
    from desktop_app.storage.store import open_folder

    shutil.rmtree(out, ignore_errors=True)
    (out / "bundles").mkdir(parents=True)
    (out / "keys").mkdir()
    template = out / "template"
    with open_folder(template, today=lambda: TODAY) as opened:
        populate(opened)
        opened.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    start = time.perf_counter()
    jobs = [(out, i, photos) for i in range(offices)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for n, _ in enumerate(pool.map(_make_office, jobs, chunksize=8), start=1):
            if n % 100 == 0:
                print(f"  generated {n:,} bundles ({time.perf_counter() - start:.0f} s)",
                      file=sys.stderr)
    shutil.rmtree(template)
    print(f"generated {offices:,} signed bundles in {time.perf_counter() - start:.0f} s "
          f"with {workers} processes")


def _make_office(job: tuple[Path, int, int]) -> str:
    from desktop_app.bundle.export import export_bundle
    from desktop_app.domain.choices import (
        DisposalMode,
        EventType,
        PhotoRole,
        ScrapCategory,
    )
    from desktop_app.domain.models import Event, ScrapDisposal
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.photos import PhotoRecord
    from desktop_app.storage.store import open_folder

    out, i, n_photos = job
    code = f"OF-{i:04d}"
    work = Path(tempfile.mkdtemp(prefix=f"hqbench-{code}-"))
    try:
        folder = work / code
        folder.mkdir()
        shutil.copy(out / "template" / "fielddesk.db", folder / "fielddesk.db")
        shutil.copy(out / "template" / "settings.json", folder / "settings.json")
        rng = random.Random(i)
        with open_folder(folder, today=lambda: TODAY) as opened:
            store = opened.store
            store.office.save(dataclasses.replace(store.office.get(), code=code,
                                                  name=f"Field Office No. {i + 1}"))
            create_office_key(opened, reason="benchmark office")
            cid = store.campaigns.current().id
            day = date(2026, 10, 2 + i % 28)
            store.scrap.add(ScrapDisposal(cid, day, f"Condemned items lot {i}",
                                          ScrapCategory.METAL, float(rng.randint(5, 500)), "kg",
                                          DisposalMode.E_AUCTION, "MSTC e-auction", f"B/{i}",
                                          rng.randint(1_000, 900_000) * 100 + i % 100,
                                          rng.randint(5, 900), ""))
            event = store.events.add(Event(cid, day, EventType.PLEDGE, f"Pledge {i}",
                                           "Main hall", rng.randint(10, 400), ""))
            sites = [s for s in store.sites.list(cid) if s.completed_date]
            targets = [("event", event.id, PhotoRole.EVENT)] + [
                ("site", s.id, PhotoRole.AFTER) for s in sites]
            for k in range(n_photos):
                data = _jpeg(i * 100 + k)
                sha = hashlib.sha256(data).hexdigest()
                (opened.folder.photos / f"{sha}.jpg").write_bytes(data)
                store.photos.add(PhotoRecord(sha256=sha, width=160, height=120, bytes=len(data),
                                             original_name=f"IMG_{k}.jpg",
                                             original_bytes=len(data), dhash="0" * 16))
                kind, target, role = targets[k % len(targets)]
                store.photos.link(sha, kind, target, role)
            result = export_bundle(opened, out_dir=out / "bundles")[0]
            shutil.copy(opened.folder.keys / "office.pub.pem", out / "keys" / f"{code}.pub.pem")
        return result.path.name
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _jpeg(seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (160, 120), rng.randbytes(160 * 120 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60)
    return out.getvalue()


# --- measurement ------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StepClock:
    """Seconds spent in each import step, from the progress texts."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.text = ""
        self.since = time.perf_counter()

    def __call__(self, _done: int, _total: int, text: str) -> None:
        if text != self.text:
            now = time.perf_counter()
            if self.text:
                self.totals[self.text] = self.totals.get(self.text, 0.0) + now - self.since
            self.text, self.since = text, now

    def end(self) -> None:
        self("", 0, "")
        self.text = ""


def measure(bundles: list[Path], keys_dir: Path) -> None:
    from desktop_app.hq.database import open_hq
    from desktop_app.hq.importer import import_bundle
    from desktop_app.hq.registry import register_key
    from desktop_app.hq.report import write_report

    home = Path(tempfile.mkdtemp(prefix="hqbench-hq-", dir=OUT.parent))
    try:
        hq = open_hq(home)
        start = time.perf_counter()
        for pem in sorted(keys_dir.glob("*.pub.pem")):
            register_key(hq, pem.read_bytes(), pem.name.removesuffix(".pub.pem"))
        print(f"registered {len(bundles):,} office keys in {time.perf_counter() - start:.1f} s")

        # warm-up outside the clock: imports and the shipped templates are loaded once
        rss_start = rss_mb()
        clock = StepClock()
        statuses: dict[str, int] = {}
        rss_marks = []
        start = time.perf_counter()
        for n, path in enumerate(bundles, start=1):
            outcome = import_bundle(hq, path, source="bench", progress=clock)
            clock.end()
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            if n % 100 == 0:
                rss_marks.append((n, rss_mb()))
        elapsed = time.perf_counter() - start
        photo_time = clock.totals.get("Copying photos", 0.0)
        with hq.store.read() as conn:
            photos = conn.exec_driver_sql("SELECT count(*), coalesce(sum(bytes), 0) "
                                          "FROM photo").one()
        rate = len(bundles) / elapsed
        print(f"import: {len(bundles):,} bundles in {elapsed:.1f} s = {rate:.1f} bundles/s "
              f"({statuses}); goal >= {GOAL_RATE:.0f}/s: {'MET' if rate >= GOAL_RATE else 'NOT MET'}")
        print(f"        without photo copying ({photos[0]:,} photos, {photos[1] / 1e6:.1f} MB, "
              f"{photo_time:.1f} s): {len(bundles) / (elapsed - photo_time):.1f} bundles/s")
        steps = ", ".join(f"{name} {seconds / len(bundles) * 1000:.1f}"
                          for name, seconds in sorted(clock.totals.items(), key=lambda kv: -kv[1]))
        print(f"        ms per bundle by step: {steps}")
        print(f"memory: RSS {rss_start:.0f} MB before, then every 100 bundles: "
              + " ".join(f"{mb:.0f}" for _n, mb in rss_marks) + f" MB; peak {peak_mb():.0f} MB")

        start = time.perf_counter()
        again = [import_bundle(hq, path).status for path in bundles]
        elapsed = time.perf_counter() - start
        print(f"re-import (idempotent): {len(again):,} x {set(again)} in {elapsed:.1f} s "
              f"= {len(again) / elapsed:.0f} bundles/s")

        out = home / "consolidated.xlsx"
        start = time.perf_counter()
        result = write_report(hq, out)
        elapsed = time.perf_counter() - start
        print(f"report: {result.offices:,} offices, {result.log_rows:,} import log rows, "
              f"{out.stat().st_size / 1e6:.1f} MB in {elapsed:.2f} s; peak RSS {peak_mb():.0f} MB")
        db_mb = os.path.getsize(hq.folder.database) / 1e6
        print(f"hq.db: {db_mb:.1f} MB")
        hq.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
