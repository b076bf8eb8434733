"""Export benchmark: a signed bundle against the floor for the same bytes, and memory vs rows.

    .venv/bin/python bench/export.py [--rows 10000] [--big-rows 100000] [--photos 500] [--trials 3]

Builds two offices in a temporary folder: the demo office plus ``--rows`` register rows
(scrap 60 %, sites 20 %, events 20 %, English and Hindi text), and the same with
``--big-rows``; both hold the same ``--photos`` already-ingested photos (1600x1200 JPEGs at
quality 80 with sensor-like noise, 250-400 KB each; generated once and cached in
bench/out/export-photos, git-ignored), linked to sites, events and scrap entries.

Then, in the same run, each measurement in a fresh child process (so each gets its own
peak-memory figure, ``ru_maxrss``):

* floor:  SHA-256 of every photo file and a stored ZIP of the same files (1 MiB chunks),
          fsynced — the least any bundle of these photos costs; timed both in one pass
          (hash while zipping) and in two, the faster counts;
* export: ``export_bundle`` with every photo (``all_photos``: the same bytes each trial),
          its workbook time (from the progress texts; the photos are zipped meanwhile by
          the photo pass, in a process of its own: ``bundle.photo_pass``), bundle size and
          peak memory (the export's process, and the photo pass's);
* export of the big office: time and peak memory.

Goals: export <= 1.5 x floor; peak memory flat, under 150 MB at any row count.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 20)
GOAL_RATIO = 1.5
GOAL_PEAK_MB = 150
CHUNK = 1 << 20
ITEMS = ["Old desktop computers", "पुरानी फ़ाइलें और रजिस्टर", "Steel almirah (broken)", "CRT monitors",
         "रद्दी कागज़", "Iron racks", "Condemned jeep MH-12-AB-1234", "UPS batteries"]
BUYERS = ["M/s Shree Recyclers", "M/s Green Earth E-Waste Pvt Ltd", "MSTC e-auction",
          "M/s पुणे स्क्रैप ट्रेडर्स"]
SITES = ["Record room", "Basement store", "Canteen backyard", "Parking shed", "अभिलेख कक्ष", "Terrace"]
EVENTS = ["Swachhata pledge by all staff", "Plantation drive", "स्वच्छता जागरूकता कार्यशाला",
          "Shramdaan at the record room"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="register rows of the office")
    parser.add_argument("--big-rows", type=int, default=100_000, help="register rows, big office")
    parser.add_argument("--photos", type=int, default=500, help="already-ingested photos")
    parser.add_argument("--trials", type=int, default=5, help="runs of each timing (median)")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "export-photos",
                        help="where the generated photos are cached")
    parser.add_argument("--phase", choices=["export", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        if args.cold:
            evict(sorted((args.home / "photos").glob("*.jpg")))
        run = run_export if args.phase == "export" else run_floor
        print(json.dumps(run(args.home, args.out, args.cold)))
        return 0

    # A clerk's machine has bytecode for FieldDesk (installed or frozen); this environment
    # may forbid writing it (PYTHONDONTWRITEBYTECODE): compile once, as an installation
    # would, so that the export's child process (the photo pass) starts as it would there.
    import compileall

    compileall.compile_dir(str(ROOT / "desktop_app"), quiet=1)
    photos = cached_photos(args.cache, args.photos)
    with tempfile.TemporaryDirectory(prefix="fielddesk-bench-") as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        small = make_office(tmp / "office", args.rows, photos)
        print(f"office with {args.rows:,} register rows and {len(photos)} photos built in "
              f"{time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        big = make_office(tmp / "big", args.big_rows, photos)
        print(f"office with {args.big_rows:,} register rows built in {time.perf_counter() - t:.1f} s")
        out = tmp / "out"
        out.mkdir()
        os.sync()  # every photo on disk: the cold runs can drop them from the page cache

        runs: dict[str, list[dict]] = {k: [] for k in ("floor", "export", "floor cold",
                                                       "export cold", "big")}
        for _ in range(args.trials):
            runs["floor"].append(child("floor", small, out))
            runs["export"].append(child("export", small, out))
            if COLD:
                runs["floor cold"].append(child("floor", small, out, cold=True))
                runs["export cold"].append(child("export", small, out, cold=True))
            runs["big"].append(child("export", big, out))
        report(args, photos, runs)
    return 0


COLD = hasattr(os, "posix_fadvise")


def evict(files: list[Path]) -> None:
    """Drop these files (only these) from the page cache, as if read for the first time
    since the photos were taken: the usual case, days after they were ingested."""
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


# --- the measured phases (children) ------------------------------------------------------------


def run_export(home: Path, out: Path, cold: bool = False) -> dict:
    from desktop_app.bundle import photo_pass
    from desktop_app.bundle.export import export_bundle
    from desktop_app.storage.store import open_folder

    marks: dict[str, float] = {}
    children = []  # the photo passes started (each a process of its own)
    real_init = photo_pass.PhotoPass.__init__

    def counting_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        children.append(args)

    photo_pass.PhotoPass.__init__ = counting_init

    def progress(_done: int, _total: int, text: str) -> None:
        marks.setdefault(text, time.perf_counter())

    with open_folder(home, today=lambda: TODAY) as opened:
        before = peak_mb()
        start = time.perf_counter()
        results = export_bundle(opened, out_dir=out, all_photos=True, progress=progress)
        elapsed = time.perf_counter() - start
    order = sorted(marks.items(), key=lambda kv: kv[1]) + [("end", start + elapsed)]
    # the workbook runs from its text to the next one (the photos are zipped meanwhile, in
    # the photo pass's process; "Writing the photos" shows only if they take longer)
    began = marks.get("Writing the workbook")
    workbook = next((t for _, t in order if began is not None and t > began), began or start) \
        - (began or start)
    steps = {text: round(order[i + 1][1] - t, 3) for i, (text, t) in enumerate(order[:-1])}
    size = sum(r.bytes for r in results)
    for r in results:
        r.path.unlink()
    return {"seconds": elapsed, "workbook": workbook, "steps": steps, "bytes": size,
            "parts": len(results), "children": len(children),
            "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "peak_mb": peak_mb(), "before_mb": before,
            "photos": sum(len(r.photos_included) for r in results)}


def run_floor(home: Path, out: Path, cold: bool = False) -> dict:
    """The least any bundle of these photos costs, two ways, as plainly and fast as Python does it:

    * one pass: read each photo once, SHA-256 it and write it into a stored ZIP;
    * two passes: SHA-256 every photo, then a stored ZIP of the same files.

    Both fsync the ZIP; both read and write in 1 MiB chunks.
    """
    files = sorted((home / "photos").glob("*.jpg"))
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    target = out / "floor.zip"

    start = time.perf_counter()
    with open(target, "wb") as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as zf:
            for path in files:
                sha = hashlib.sha256()
                with open(path, "rb") as src, zf.open(f"photos/{path.name}", "w") as dst:
                    while n := src.readinto(buffer):
                        sha.update(view[:n])
                        dst.write(view[:n])
        fh.flush()
        os.fsync(fh.fileno())
    one_pass = time.perf_counter() - start
    size = target.stat().st_size
    target.unlink()

    if cold:
        evict(files)
    start = time.perf_counter()
    for path in files:
        sha = hashlib.sha256()
        with open(path, "rb") as fh:
            while n := fh.readinto(buffer):
                sha.update(view[:n])
    with open(target, "wb") as fh:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as zf:
            for path in files:
                with open(path, "rb") as src, zf.open(f"photos/{path.name}", "w") as dst:
                    while n := src.readinto(buffer):
                        dst.write(view[:n])
        fh.flush()
        os.fsync(fh.fileno())
    two_pass = time.perf_counter() - start
    target.unlink()
    return {"seconds": min(one_pass, two_pass), "one_pass": one_pass, "two_pass": two_pass,
            "bytes": size, "peak_mb": peak_mb()}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(phase: str, home: Path, out: Path, *, cold: bool = False) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--phase", phase, "--home", str(home),
                           "--out", str(out), *(["--cold"] if cold else [])],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- the offices --------------------------------------------------------------------------------


def cached_photos(cache: Path, count: int) -> list[Path]:
    """Camera-sized JPEGs (1600x1200, quality 80, noise like a sensor's): 250-400 KB each."""
    from PIL import Image

    cache.mkdir(parents=True, exist_ok=True)
    paths = []
    made = 0
    for seed in range(count):
        path = cache / f"photo-{seed:04d}.jpg"
        if not path.exists():
            rng = random.Random(seed)
            base = Image.frombytes("RGB", (60, 45), rng.randbytes(60 * 45 * 3))
            scene = base.resize((1600, 1200), Image.BICUBIC)
            grain = Image.frombytes("L", (800, 600), rng.randbytes(800 * 600))
            grain = grain.resize((1600, 1200), Image.NEAREST).convert("RGB")
            image = Image.blend(scene, grain, rng.uniform(0.03, 0.095))
            data = io.BytesIO()
            image.save(data, "JPEG", quality=80)
            tmp = path.with_suffix(".partial")
            tmp.write_bytes(data.getvalue())
            os.replace(tmp, path)
            made += 1
        paths.append(path)
    if made:
        print(f"generated {made} photos in {cache}")
    return paths


def make_office(root: Path, rows: int, photos: list[Path]) -> Path:
    from desktop_app.demo import populate
    from desktop_app.domain.choices import (
        DisposalMode,
        EventType,
        PhotoRole,
        ScrapCategory,
        SiteStatus,
    )
    from desktop_app.domain.models import CleanlinessSite, Event, ScrapDisposal
    from desktop_app.keys.office_key import create_office_key
    from desktop_app.storage.photos import PhotoRecord
    from desktop_app.storage.store import open_folder

    rng = random.Random(rows)
    with open_folder(root, today=lambda: TODAY) as opened:
        populate(opened)
        create_office_key(opened, reason="benchmark")
        store = opened.store
        campaign = store.campaigns.current()
        cid = campaign.id
        impl = next(p for p in campaign.phases if p.code == "implementation")
        span = (TODAY - impl.start).days

        def day() -> date:
            return impl.start + timedelta(days=rng.randint(0, span))

        n_scrap, n_sites = rows * 6 // 10, rows * 2 // 10
        store.scrap.add_many(ScrapDisposal(
            cid, day(), rng.choice(ITEMS), rng.choice(list(ScrapCategory)),
            float(rng.randint(1, 900)), rng.choice(["kg", "nos"]), rng.choice(list(DisposalMode)),
            rng.choice(BUYERS), f"RCPT/{i:06d}", rng.randint(100, 90000) * 100 + rng.choice([0, 50]),
            rng.randint(0, 300), "auctioned" if i % 3 else "") for i in range(n_scrap))
        store.sites.add_many(CleanlinessSite(
            cid, f"{rng.choice(SITES)} {i}", "Regional Office, Pune",
            round(18.53 + rng.uniform(-0.01, 0.01), 6), round(73.84 + rng.uniform(-0.01, 0.01), 6),
            (status := rng.choice(list(SiteStatus))), day(),
            day() if status is SiteStatus.COMPLETED else None, "") for i in range(n_sites))
        store.events.add_many(Event(
            cid, day(), rng.choice(list(EventType)), rng.choice(EVENTS), "Main hall",
            rng.randint(5, 400), "Organised by the Swachhata committee.")
            for _ in range(rows - n_scrap - n_sites))

        sites = [s["id"] for s in store.sites.page(cid, limit=len(photos))]
        events = [e["id"] for e in store.events.page(cid, limit=len(photos))]
        scrap = [s["id"] for s in store.scrap.page(cid, limit=len(photos))]
        with store.db.atomic():
            for i, source in enumerate(photos):
                data = source.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
                target = opened.folder.photos / f"{sha}.jpg"
                if not target.exists():
                    try:
                        os.link(source, target)
                    except OSError:
                        target.write_bytes(data)
                store.photos.add(PhotoRecord(
                    sha256=sha, width=1600, height=1200, bytes=len(data),
                    original_name=f"IMG_{i:04d}.jpg", original_bytes=len(data) * 8,
                    dhash=f"{i:016x}", taken_at=f"{day().isoformat()}T10:15:00+05:30",
                    latitude=18.53, longitude=73.84, caption=f"Photo {i}"))
                kind = ("site", "event", "scrap")[i % 3]
                target_id = {"site": sites, "event": events, "scrap": scrap}[kind][i // 3]
                role = {"site": PhotoRole.BEFORE if i % 2 else PhotoRole.AFTER,
                        "event": PhotoRole.EVENT, "scrap": PhotoRole.SCRAP}[kind]
                store.photos.link(sha, kind, target_id, role)
    return root


# --- the report ---------------------------------------------------------------------------------


def trials(runs: list[dict]) -> str:
    return ", ".join(f"{run['seconds']:.2f}" for run in runs)


def report(args, photos: list[Path], runs: dict[str, list[dict]]) -> None:
    def median(name: str, key: str = "seconds") -> float:
        return statistics.median(run[key] for run in runs[name])

    def best(name: str) -> float:
        return min(run["seconds"] for run in runs[name])

    photo_mb = sum(p.stat().st_size for p in photos) / 1e6
    print()
    print(f"photos: {len(photos)} files, {photo_mb:.1f} MB ({photo_mb * 1000 / len(photos):.0f} KB "
          f"average); times are medians of {args.trials} runs, each in a fresh process")
    ratios: list[float] = []
    for cache in ("", " cold"):
        if not runs["floor" + cache]:
            continue
        label = ("photos in the page cache (just read)" if not cache else
                 "photos read from disk (dropped from the page cache first)")
        floor, export = median("floor" + cache), median("export" + cache)
        ratio = export / floor
        best_ratio = best("export" + cache) / best("floor" + cache)
        ratios.append(ratio)
        fastest = min(runs["export" + cache], key=lambda x: x["seconds"])
        print(f"\n{label}:")
        print(f"  floor, SHA-256 + stored zip + fsync: {floor:.2f} s (one pass "
              f"{median('floor' + cache, 'one_pass'):.2f} s, two passes "
              f"{median('floor' + cache, 'two_pass'):.2f} s; trials {trials(runs['floor' + cache])})")
        print(f"  export, {args.rows:,} rows: {export:.2f} s (trials {trials(runs['export' + cache])})"
              f" = {ratio:.2f}x floor (goal <= {GOAL_RATIO}x): "
              f"{'OK' if ratio <= GOAL_RATIO else 'MISSED'}; fastest runs: "
              f"{best('export' + cache):.2f} s / {best('floor' + cache):.2f} s = {best_ratio:.2f}x")
        print(f"  of which the workbook: {median('export' + cache, 'workbook'):.2f} s; steps of the "
              "fastest run: " + ", ".join(f"{k} {v:.3f}" for k, v in fastest["steps"].items()))
    e = runs["export"][0]
    peak = max(run["peak_mb"] for run in runs["export"] + runs["export cold"])
    big_peak = max(run["peak_mb"] for run in runs["big"])
    print(f"\nbundle: {e['bytes'] / 1e6:.1f} MB, {e['parts']} part(s), {e['photos']} photos")
    if e["children"]:
        child_peak = max(run["child_peak_mb"] for run in runs["export"] + runs["export cold"])
        print(f"photo pass: in a process of its own ({e['children']} per export), peak memory "
              f"{child_peak:.0f} MB")
        peak = max(peak, child_peak)
    else:
        print("photo pass: none started (no photos)")
    print(f"peak memory, {args.rows:,} rows: {peak:.0f} MB (after imports and opening the "
          f"folder: {e['before_mb']:.0f} MB)")
    print(f"export, {args.big_rows:,} rows: {median('big'):.2f} s, of which the workbook "
          f"{median('big', 'workbook'):.2f} s; peak memory {big_peak:.0f} MB")
    flat = max(peak, big_peak) < GOAL_PEAK_MB
    print(f"peak memory goal, under {GOAL_PEAK_MB} MB at any row count: "
          f"{'OK' if flat else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
