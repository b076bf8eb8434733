"""Benchmark the photo ingest against the naive Pillow path, on realistic 12 MP photos.

    .venv/bin/python bench/photos.py [--count 40] [--out DIR] [--workers 2]

Generates phone-like 12 MP JPEGs once (scene, texture, sensor grain, EXIF time, GPS and
Orientation; a quarter of them portrait, stored sideways with Orientation 6) with
``desktop_app.photos.synthetic``, caches them in ``--out`` (default
bench/out/photos-src, git-ignored), then measures, each in a fresh child process so
that each gets its own peak memory figure:

* naive:  open, full load, exif_transpose, LANCZOS resize to 1600 px, save quality 80
* ingest: desktop_app.photos.ingest_file, one file after another
* batch:  desktop_app.photos.ingest_many into a temporary store, ``--workers`` threads

Goals: ingest <= 0.6 x naive time per photo, median stored size <= 450 KB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_EDGE = 1600
QUALITY = 80
GOAL_RATIO = 0.6
GOAL_MEDIAN_BYTES = 450 * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="photos to generate and use")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "photos-src",
                        help="where the generated photos are cached")
    parser.add_argument("--workers", type=int, default=2, help="threads for the batch run")
    parser.add_argument("--phase", choices=["generate", "timing", "naive", "ingest", "batch", "idle"],
                        help=argparse.SUPPRESS)  # internal: one measurement in a child
    args = parser.parse_args(argv)

    files = [args.out / f"cam-{seed:03d}.jpg" for seed in range(args.count)]
    if args.phase == "generate":
        generate(files)
        return 0
    if args.phase:
        print(json.dumps(run_phase(args.phase, files, args.workers)))
        return 0

    # Everything heavy runs in children: ru_maxrss survives fork and exec on Linux, so a
    # parent holding 12 MP images would inflate every child's figure.
    if not all(f.exists() for f in files):
        print(f"generating {sum(not f.exists() for f in files)} photos ...", flush=True)
        subprocess.run(_command("generate", args), check=True)
    source_bytes = statistics.median(f.stat().st_size for f in files)
    print(f"{len(files)} photos, 4000 x 3000 (12 MP), median {source_bytes / 1e6:.1f} MB, "
          f"in {args.out}")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {sys.platform}\n")

    timing = child("timing", args)
    idle = child("idle", args)
    naive = child("naive", args)
    ingest = child("ingest", args)
    batch = child("batch", args)

    naive_ms = statistics.mean(timing["naive"]) * 1000
    ingest_ms = statistics.mean(timing["ingest"]) * 1000
    ratio = ingest_ms / naive_ms
    median_size = statistics.median(ingest["sizes"])
    rows = [
        ("naive Pillow, ms per photo", f"{naive_ms:.0f}",
         f"(median {statistics.median(timing['naive']) * 1000:.0f}; "
         f"median output {statistics.median(naive['sizes']) / 1000:.0f} KB)"),
        ("FieldDesk ingest, ms per photo", f"{ingest_ms:.0f}",
         f"(median {statistics.median(timing['ingest']) * 1000:.0f}; both timed in one "
         "process, alternating per file)"),
        ("ratio ingest / naive", f"{ratio:.2f}x",
         f"goal <= {GOAL_RATIO}x: {'met' if ratio <= GOAL_RATIO else 'MISSED'}"),
        ("median stored size", f"{median_size / 1000:.0f} KB",
         f"goal <= {GOAL_MEDIAN_BYTES // 1000} KB: "
         f"{'met' if median_size <= GOAL_MEDIAN_BYTES else 'MISSED'}; "
         f"max {max(ingest['sizes']) / 1000:.0f} KB"),
        (f"batch throughput, {args.workers} threads", f"{batch['photos_per_second']:.1f} photos/s",
         f"({batch['seconds']:.1f} s for {len(files)}, with store writes and fsync)"),
        ("peak memory", "", "ru_maxrss of a fresh child process per line:"),
        ("  Python + Pillow, idle", _mb(idle["max_rss"]), ""),
        ("  naive, one by one", _mb(naive["max_rss"]), ""),
        ("  ingest, one by one", _mb(ingest["max_rss"]), ""),
        (f"  batch, {args.workers} threads", _mb(batch["max_rss"]),
         "(holds the results of all photos)"),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>14}  {note}")
    print(f"\nsample output: {ingest['sample']}")
    return 0 if ratio <= GOAL_RATIO and median_size <= GOAL_MEDIAN_BYTES else 1


def generate(files: list[Path]) -> None:
    from desktop_app.photos.synthetic import make_camera_jpeg

    ist = timezone(timedelta(hours=5, minutes=30))
    files[0].parent.mkdir(parents=True, exist_ok=True)
    for path in (f for f in files if not f.exists()):
        seed = int(path.stem.split("-")[1])
        temp = path.with_suffix(".part")
        make_camera_jpeg(
            temp, width=4000, height=3000, seed=seed,
            taken_at=datetime(2026, 10, 2, 9, 0, tzinfo=ist) + timedelta(hours=seed * 7),
            lat=28.6 + seed * 0.001, lon=77.2 + seed * 0.001,
            orientation=6 if seed % 4 == 3 else 1,
        )
        temp.replace(path)


def _command(phase: str, args: argparse.Namespace) -> list[str]:
    return [sys.executable, __file__, "--phase", phase, "--count", str(args.count),
            "--out", str(args.out), "--workers", str(args.workers)]


def child(phase: str, args: argparse.Namespace) -> dict:
    done = subprocess.run(_command(phase, args), check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_phase(phase: str, files: list[Path], workers: int) -> dict:
    from PIL import Image, ImageOps

    from desktop_app.photos import PhotoStore, ingest_file, ingest_many

    def naive(path: Path) -> bytes:
        with Image.open(path) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
        scale = MAX_EDGE / max(upright.size)
        size = (round(upright.width * scale), round(upright.height * scale))
        buffer = io.BytesIO()
        upright.resize(size, Image.Resampling.LANCZOS).save(buffer, "JPEG", quality=QUALITY)
        return buffer.getvalue()

    def ours(path: Path) -> bytes:
        return ingest_file(path, max_edge=MAX_EDGE, quality=QUALITY).jpeg

    result: dict = {"seconds": [], "sizes": []}
    if phase == "timing":
        # Alternate the two paths file by file (and which goes first), so a busy machine
        # slows both alike and the ratio stays meaningful.
        naive(files[0])  # warm-up: plugin imports
        ours(files[0])
        result = {"naive": [], "ingest": []}
        for number, path in enumerate(files):
            order = [("naive", naive), ("ingest", ours)]
            for key, run in order if number % 2 == 0 else reversed(order):
                started = time.perf_counter()
                run(path)
                result[key].append(time.perf_counter() - started)
    elif phase == "naive":
        naive(files[0])  # warm-up: plugin imports
        for path in files:
            started = time.perf_counter()
            result["sizes"].append(len(naive(path)))
            result["seconds"].append(time.perf_counter() - started)
    elif phase == "ingest":
        ingest_file(files[0])  # warm-up
        for path in files:
            started = time.perf_counter()
            photo = ingest_file(path, max_edge=MAX_EDGE, quality=QUALITY)
            result["seconds"].append(time.perf_counter() - started)
            result["sizes"].append(photo.stored_bytes)
        sample = files[0].parent.parent / "photos-sample.jpg"
        sample.write_bytes(ingest_file(files[3 % len(files)]).jpeg)  # a portrait one
        result["sample"] = str(sample)
    elif phase == "batch":
        ingest_file(files[0])  # warm-up
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            done = ingest_many(files, PhotoStore(Path(folder)), max_edge=MAX_EDGE, workers=workers)
            result["seconds"] = time.perf_counter() - started
            assert not done.refused, done.refused
        result["photos_per_second"] = len(files) / result["seconds"]
    else:
        import desktop_app.photos  # noqa: F401 - the baseline: interpreter, Pillow, libheif
    result["max_rss"] = _max_rss_bytes()
    return result


def _max_rss_bytes() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1024 / 1024:.0f} MiB"


if __name__ == "__main__":
    sys.exit(main())
