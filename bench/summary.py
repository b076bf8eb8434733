"""Benchmark the printed summary: a big office's PDF, with 100 before/after photo pairs.

    .venv/bin/python bench/summary.py [--records 10000] [--pairs 100] [--lang en]

Builds an office with ``--records`` register rows (10% daily progress entries, 50% scrap
disposals, 20% cleanliness sites, 20% events — so the events list alone runs to dozens
of pages) and ``--pairs`` completed sites with a before and an after photo (camera-sized
1600x1200 JPEGs with texture and grain, ~300-400 KB each, like the photo pipeline stores).
Then, each in a fresh child process so each gets its own peak-memory figure, it writes
the summary PDF exactly as ``fielddesk summary --pdf`` does:

* thumbs:    the photo pipeline's 256 px thumbnails present (``photos/thumbs/<sha>.jpg``)
* originals: no thumbnails: the renderer decodes the 1600 px photos, shrunk by libjpeg
* no-photos: ``--no-photos``

and prints wall time (collect + layout + paint + write), peak RSS of the child, PDF size,
pages and the largest embedded image. Goals: under 5 s and under 10 MB with photos.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 5.0
GOAL_BYTES = 10 * 1000 * 1000
TODAY = date(2026, 11, 20)


_GRAIN: dict = {}


def _grain(width: int, height: int):
    """Sensor grain (made once: noise is the slow part, and JPEG size depends on it, not on which noise)."""
    from PIL import Image

    if (width, height) not in _GRAIN:
        _GRAIN[width, height] = Image.effect_noise((width, height), 28).convert("RGB")
    return _GRAIN[width, height]


def camera_jpeg(rng: random.Random, width: int, height: int, dirty: bool) -> bytes:
    """A photo-like JPEG: a scene drawn small and enlarged (soft shapes) plus sensor grain."""
    from PIL import Image, ImageDraw

    small = Image.new("RGB", (width // 8, height // 8), (150, 135, 110) if dirty else (200, 210, 220))
    draw = ImageDraw.Draw(small)
    draw.rectangle([0, 0, small.width, small.height // 3], fill=(140, 175, 215))  # sky
    for _ in range(60 if dirty else 20):
        x, y = rng.randrange(small.width), rng.randrange(small.height // 3, small.height)
        colour = tuple(rng.randrange(40, 230) for _ in range(3))
        draw.rectangle([x, y, x + rng.randrange(3, 30), y + rng.randrange(2, 20)], fill=colour)
    picture = small.resize((width, height), Image.Resampling.BILINEAR)
    picture = Image.blend(picture, _grain(width, height), 0.12)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def thumbnail(data: bytes) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.thumbnail((256, 256), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=75)
    return buffer.getvalue()


def build_office(root: Path, records: int, pairs: int) -> dict:
    from desktop_app.domain.choices import (
        DisposalMode,
        EventType,
        PhotoRole,
        ScrapCategory,
        SiteStatus,
    )
    from desktop_app.domain.models import (
        CleanlinessSite,
        Event,
        Office,
        ProgressEntry,
        ScrapDisposal,
    )
    from desktop_app.domain.templates import load_template, templates_dir
    from desktop_app.storage.photos import PhotoRecord
    from desktop_app.storage.store import open_folder

    rng = random.Random(9)
    t0 = time.perf_counter()
    opened = open_folder(root, today=lambda: TODAY)
    store = opened.store
    path = templates_dir() / "special-campaign-6.json"
    campaign = load_template(path)
    store.office.save(Office("BENCH-01", "Divisional Office, Nagpur", "Ministry of Rural Development",
                             head_of_office="Smt. A. Rao, Director", nodal_officer="Shri B. Singh, Deputy Director"))
    store.campaigns.add(campaign, json.loads(path.read_text(encoding="utf-8")))
    cid = campaign.id
    impl = next(p for p in campaign.phases if p.code == "implementation")
    days = [impl.start + timedelta(days=i) for i in range((TODAY - impl.start).days + 1)]
    entered = [i.code for i in campaign.indicators if i.entered]
    n_progress, n_scrap, n_sites = records // 10, records // 2, records // 5
    n_events = records - n_progress - n_scrap - n_sites
    slots = [(code, day) for day in days for code in entered]  # one entry per indicator per day
    store.progress.add_many([ProgressEntry(cid, code, day, rng.randint(0, 40), entered_by="bench")
                             for code, day in slots[:n_progress]])
    store.scrap.add_many([ScrapDisposal(cid, rng.choice(days), f"Item {i}", rng.choice(list(ScrapCategory)),
                                        float(rng.randint(1, 90)), "kg", rng.choice(list(DisposalMode)),
                                        "M/s Recyclers", f"R/{i}", rng.randint(100, 90000) * 100,
                                        rng.randint(0, 300)) for i in range(n_scrap)], validate=False)
    sites = []
    for i in range(n_sites):
        status = SiteStatus.COMPLETED if i < max(pairs, n_sites * 3 // 5) else SiteStatus.IN_PROGRESS
        sites.append(CleanlinessSite(cid, f"Site {i:04d}, block {i % 17}", "Civil Lines, Nagpur", status=status,
                                     target_date=days[-1], completed_date=rng.choice(days) if status is SiteStatus.COMPLETED else None))
    store.sites.add_many(sites, validate=False)
    store.events.add_many([Event(cid, rng.choice(days), rng.choice(list(EventType)), f"Event {i}: cleanliness "
                                 f"awareness programme for staff and visitors", "Main hall", rng.randint(5, 400))
                           for i in range(n_events)], validate=False)
    photos = opened.folder.photos
    (photos / "thumbs").mkdir(parents=True, exist_ok=True)
    photo_bytes = 0
    for site in sites[:pairs]:
        for role in (PhotoRole.BEFORE, PhotoRole.AFTER):
            data = camera_jpeg(rng, 1600, 1200, role is PhotoRole.BEFORE)
            sha = hashlib.sha256(data).hexdigest()
            (photos / f"{sha}.jpg").write_bytes(data)
            (photos / "thumbs" / f"{sha}.jpg").write_bytes(thumbnail(data))
            photo_bytes += len(data)
            store.photos.add(PhotoRecord(sha, 1600, 1200, len(data), f"IMG_{sha[:6]}.jpg", len(data), "0" * 16,
                                         taken_at="2026-10-12T09:30:00", caption=f"{role.value} at {site.name}"))
            store.photos.link(sha, "site", site.id, role)
    opened.close()
    return {"records": n_progress + n_scrap + n_sites + n_events, "progress": n_progress, "scrap": n_scrap,
            "sites": n_sites, "events": n_events, "pairs": pairs, "photo_mb": round(photo_bytes / 1e6, 1),
            "build_s": round(time.perf_counter() - t0, 1)}


def render_child(home: Path, out: Path, lang: str, with_photos: bool) -> None:
    """In a fresh process: write the PDF as the CLI does and print the figures as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pypdf import PdfReader

    from desktop_app.reports.render import ensure_app, write_summary_pdf
    from desktop_app.storage.store import open_folder

    ensure_app()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with open_folder(home, today=lambda: TODAY) as opened:
        result = write_summary_pdf(opened.store, out, photos_dir=opened.folder.photos, lang=lang,
                                   with_photos=with_photos)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    widths = [img.image.size for page in PdfReader(out).pages for img in page.images]
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak / 1024, 1),
                      "rss_growth_mb": round((peak - base_rss) / 1024, 1), "pdf_mb": round(result.bytes / 1e6, 2),
                      "pages": result.pages, "images": len(widths),
                      "largest_image": max(widths, key=lambda s: s[0] * s[1]) if widths else None}))


def run_child(home: Path, out: Path, lang: str, with_photos: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", str(home), "--out", str(out), "--lang", lang]
    if not with_photos:
        cmd.append("--no-photos")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--lang", choices=("en", "hi"), default="en")
    ap.add_argument("--keep", type=Path, help="keep the office and the PDFs in this folder (reused when run again)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--no-photos", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        render_child(args.child, args.out, args.lang, not args.no_photos)
        return
    with tempfile.TemporaryDirectory() as tmp:
        outdir = args.keep or Path(tmp)
        home = outdir / f"office-{args.records}-{args.pairs}"
        if not (home / "fielddesk.db").exists():
            print(f"office: {build_office(home, args.records, args.pairs)}")
        thumbs = home / "photos" / "thumbs"
        results = {"thumbs": run_child(home, outdir / "summary-thumbs.pdf", args.lang, True)}
        shutil.move(thumbs, home / "thumbs-aside")
        results["originals"] = run_child(home, outdir / "summary-originals.pdf", args.lang, True)
        shutil.move(home / "thumbs-aside", thumbs)
        results["no-photos"] = run_child(home, outdir / "summary-no-photos.pdf", args.lang, False)
        for name, r in results.items():
            ok = r["seconds"] < GOAL_SECONDS and r["pdf_mb"] * 1e6 < GOAL_BYTES
            print(f"{name:10s} {r['seconds']:5.2f} s  peak RSS {r['peak_rss_mb']:6.1f} MB "
                  f"(+{r['rss_growth_mb']:.1f} while rendering)  PDF {r['pdf_mb']:5.2f} MB  {r['pages']:3d} pages  "
                  f"{r['images']} images, largest {r['largest_image']}  {'OK' if ok else 'OVER GOAL'}")
        print(f"goals: < {GOAL_SECONDS:.0f} s and < {GOAL_BYTES / 1e6:.0f} MB with photos")


if __name__ == "__main__":
    main()
