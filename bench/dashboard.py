"""The headquarters dashboard at national scale: 10,000 offices and 200,000 photos, on SQLite
and on PostgreSQL; and the reuse check of one new photo against 1,000,000 stored hashes.

    .venv/bin/python bench/dashboard.py [--offices 10000] [--photos 200000]
                                        [--hashes 1000000] [--repeat 7] [--backends sqlite,postgresql]

Rows are generated straight into a fresh headquarters database (no bundles are signed: the
import is ``bench/hq_scale.py``'s business): offices in 30 states and 150 districts, each
with the latest bundle of the shipped Special Campaign 6.0, its targets, three daily entries
per entered indicator, scrap disposals, sites, events, and photos (sites' before and after,
events'), and the photos' perceptual hashes — the photos' own and synthetic ones up to
``--hashes``. Then, through the receiver app (FastAPI's TestClient, signed in as staff),
each office's figures are kept as each import keeps them (``hq.office_figures``; timed
apart), and each page is asked ``--repeat`` times and the **median server time** is printed: the
overview, the offices page (first page, a filter, a sort), an office's page and a photos
page. Goal: <= 300 ms each, on both back-ends.

The reuse check (reuse-hq's ``hq.reuse_check.matches_for``): one new photo's hash searched
among ``--hashes`` hashes in the in-memory index (built from the table, not timed: a
receiver builds it once), the candidates confirmed from the database. Goal: <= 50 ms.
The machine's load average is printed first and last: figures compare within one run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from desktop_app.domain.choices import IndicatorSource  # noqa: E402
from desktop_app.domain.templates import available_templates  # noqa: E402
from desktop_app.hq import office_figures, open_hq  # noqa: E402
from desktop_app.hq.database import HQFolder  # noqa: E402
from desktop_app.hq.receipts import init_hq_key, load_hq_key  # noqa: E402
from desktop_app.hq.receiver.app import create_app  # noqa: E402
from desktop_app.hq.receiver.backend import hq_backend  # noqa: E402
from desktop_app.hq.receiver.config import ReceiverConfig  # noqa: E402
from desktop_app.hq.reuse_check import matches_for  # noqa: E402
from desktop_app.hq.staff import VIEWER, add_user  # noqa: E402
from desktop_app.hq.store import photo_hashes, totals  # noqa: E402
from desktop_app.hq.store.tables import (  # noqa: E402
    bundle,
    campaign,
    import_log,
    office,
    office_campaign,
    photo,
    photo_hash,
    st_events,
    st_photos,
    st_progress,
    st_scrap,
    st_sites,
    st_targets,
)
from desktop_app.photos.hash_index import HashIndex, to_signed  # noqa: E402
from desktop_app.photos.phash import PhotoHash  # noqa: E402

GOAL_PAGE_MS = 300
GOAL_REUSE_MS = 50
PASSWORD = "correct horse battery"
BATCH = 20_000
STATES = [f"State {n:02d}" for n in range(30)]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _hex(rng: random.Random, bits: int = 256) -> str:
    return f"{rng.getrandbits(bits):064x}"


def _insert(conn, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(table), rows[start:start + BATCH])


def generate(hq, offices: int, photos: int, hashes: int) -> str:
    """Fill headquarters' database; returns one photo's hash-key neighbourhood seed."""
    rng = random.Random(22)
    template = next(t for t in available_templates() if t.id == "special-campaign-6")
    cid, sha = template.id, template.template_sha256
    per_office = max(2, photos // offices)
    now = "2026-12-06T10:00:00Z"
    with hq.store.write(lock_timeout=600) as conn:
        conn.execute(insert(campaign).values(
            campaign_id=cid, template_sha256=sha, title_en=template.title.en,
            title_hi=template.title.hi, indicators_json=_indicators_json(template),
            source="template", first_seen_at=now))
        offices_rows, bundles, latest, logs = [], [], [], []
        for n in range(offices):
            code = f"OF-{n:05d}"
            state = STATES[n % len(STATES)]
            offices_rows.append({"code": code, "name": f"Field Office {n}", "registered_at": now,
                                 "updated_at": now, "state": state,
                                 "district": f"{state} district {n // len(STATES) % 5}"})
            manifest = _hex(rng)
            made = f"2026-{11 + (n % 2):02d}-{1 + n % 28:02d}T10:00:00Z"
            bundles.append({"manifest_sha256": manifest, "bundle_sha256": _hex(rng),
                            "bundle_id": f"b{n}", "office_code": code, "campaign_id": cid,
                            "template_sha256": sha, "seq": 1, "part": 1, "parts": 1,
                            "created_at": made, "previous_manifest_sha256": None,
                            "key_fingerprint": "x", "file_name": f"{code}.zip", "bytes": 1000,
                            "imported_at": made, "counts_json": "{}", "flags": ""})
            latest.append({"office_code": code, "campaign_id": cid, "template_sha256": sha,
                           "office_name": f"Field Office {n}", "seq": 1, "part": 1, "parts": 1,
                           "manifest_sha256": manifest, "bundle_created_at": made,
                           "imported_at": made, "flags": ""})
            logs.append({"at": made, "file_name": f"{code}.zip", "office_code": code,
                         "campaign_id": cid, "seq": 1, "result": "accepted", "reason": "",
                         "flags": "", "source": "bench"})
            if n % 50 == 0:
                logs.append({"at": now, "file_name": f"{code}-bad.zip", "office_code": code,
                             "campaign_id": cid, "seq": 2, "result": "rejected",
                             "reason": "the signature does not match", "flags": "",
                             "source": "bench"})
        _insert(conn, office, offices_rows)
        _insert(conn, bundle, bundles)
        _insert(conn, office_campaign, latest)
        _insert(conn, import_log, logs)
        targets, progress, scrap, sites, events, shots, held = [], [], [], [], [], [], []
        for n in range(offices):
            code = f"OF-{n:05d}"
            key = {"office_code": code, "campaign_id": cid}
            for ind in template.indicators:
                if ind.has_target:
                    targets.append(key | {"id": ind.code, "indicator_code": ind.code,
                                          "value": rng.randint(10, 500), "reason": ""})
                if ind.source is IndicatorSource.ENTERED:
                    for day in range(3):
                        progress.append(key | {"id": f"{ind.code}-{day}",
                                               "indicator_code": ind.code,
                                               "entry_date": f"2026-10-{day + 3:02d}",
                                               "value": rng.randint(0, 150), "remark": "",
                                               "entered_by": "bench"})
            for k in range(3):
                scrap.append(key | {"id": f"s{k}", "disposal_date": "2026-10-05", "item": "Lot",
                                    "category": "furniture", "quantity": 3.0,
                                    "quantity_unit": "nos", "mode": "e-auction", "buyer": "",
                                    "receipt_no": "", "revenue_paise": rng.randint(1, 10**7),
                                    "space_freed_sqft": rng.randint(0, 500), "remarks": ""})
            site_count = max(1, (per_office - 2) // 2)
            for k in range(site_count):
                sites.append(key | {"id": f"site-{k}", "name": f"Site {k}", "location": "",
                                    "latitude": None, "longitude": None, "status": "completed",
                                    "target_date": None, "completed_date": "2026-10-10",
                                    "remarks": ""})
                for role in ("before", "after"):
                    shots.append((key, "site", f"site-{k}", role))
            events.append(key | {"id": "event-0", "event_date": "2026-10-02",
                                 "event_type": "pledge", "title": "Pledge", "venue": "",
                                 "participants": rng.randint(5, 200), "description": ""})
            for _ in range(per_office - 2 * site_count):
                shots.append((key, "event", "event-0", "event"))
        _insert(conn, st_targets, targets)
        _insert(conn, st_progress, progress)
        _insert(conn, st_scrap, scrap)
        _insert(conn, st_sites, sites)
        _insert(conn, st_events, events)
        for n in range(offices):  # the totals each import keeps beside the state it writes
            totals.refresh(conn, f"OF-{n:05d}", cid)
        rows = []
        for i, (key, kind, target, role) in enumerate(shots[:photos]):
            sha256 = _hex(rng)
            held.append({"sha256": sha256, "bytes": 100_000, "received_at": now,
                         "office_code": key["office_code"], "manifest_sha256": ""})
            rows.append(key | {"id": f"p{i}", "sha256": sha256, "target_kind": kind,
                               "target_id": target, "role": role, "caption": "",
                               "taken_at": None, "latitude": None, "longitude": None,
                               "width": 1280, "height": 960, "bytes": 100_000})
        _insert(conn, st_photos, rows)
        _insert(conn, photo, held)
    with hq.store.write(lock_timeout=600) as conn:  # the hashes: the photos', then synthetic
        shas = [h["sha256"] for h in held] + [_hex(rng) for _ in range(max(0, hashes - len(held)))]
        for start in range(0, len(shas), BATCH):
            conn.execute(insert(photo_hash), [
                {"sha256": s, "seq": start + i + 1, "phash_key": to_signed(rng.getrandbits(64)),
                 "phash_full": _hex(rng), "hashed_at": now, "error": ""}
                for i, s in enumerate(shas[start:start + BATCH])])
    return code


def _indicators_json(template) -> str:
    from desktop_app.hq.campaigns import CampaignInfo

    return CampaignInfo(template.id, template.template_sha256, template.title,
                        template.indicators, "template").indicators_json()


def sign_in(client: TestClient) -> None:
    token = re.search(r"name='csrf' value='([^']+)'", client.get("/signin").text).group(1)
    client.post("/signin", data={"name": "bench.viewer", "password": PASSWORD, "csrf": token})


def time_pages(client: TestClient, repeat: int, offices: int) -> dict[str, float]:
    pages = {"overview": "/overview", "offices, first page": "/offices",
             "offices, filter (state, below 60%)": "/offices?state=State+07&below=60",
             "offices, sort (revenue, desc)": "/offices?sort=revenue&desc=1",
             "offices, stale, page 20": "/offices?stale=1&page=20",
             "an office's page": f"/offices/OF-{offices * 43 // 100:05d}",
             "photos (sites, first page)": "/photos",
             "photos (one state, a date range)":
                 "/photos?state=State+03&date_from=2026-10-01&date_to=2026-10-31"}
    out = {}
    for label, path in pages.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            answer = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
        out[label] = statistics.median(times)
    return out


def reuse_check(hq, repeat: int) -> tuple[float, float, int]:
    """(index build seconds, median ms of one check, index size)."""
    started = time.perf_counter()
    index = HashIndex()
    with hq.store.read() as conn:
        index.extend(photo_hashes.keys_since(conn, 0))
    built = time.perf_counter() - started
    rng = random.Random(7)
    times = []
    with hq.store.read() as conn:
        for _ in range(repeat):
            new = PhotoHash(rng.getrandbits(64), rng.getrandbits(256))
            started = time.perf_counter()
            matches_for(conn, index, new)
            times.append((time.perf_counter() - started) * 1000)
    return built, statistics.median(times), len(index)


def run(label: str, home: Path, url: str | None, args) -> dict[str, float]:
    if url:
        HQFolder(home).ensure().write_settings({"database": url})
    hq = open_hq(home, upgrade=True)  # a fresh PostgreSQL database has no schema yet
    try:
        started = time.perf_counter()
        generate(hq, args.offices, args.photos, args.hashes)
        print(f"  [{label}] generated {args.offices:,} offices, {args.photos:,} photos, "
              f"{args.hashes:,} hashes in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        kept = office_figures.catch_up(hq.store)  # what each import does for its office
        took = time.perf_counter() - started
        print(f"  [{label}] figures kept for {kept:,} offices in {took:.1f} s "
              f"({1000 * took / max(1, kept):.1f} ms an office: each import's extra cost)",
              flush=True)
        with hq.store.write() as conn:
            conn.exec_driver_sql("ANALYZE")
        add_user(hq, "bench.viewer", VIEWER, PASSWORD)
        init_hq_key(hq.folder.keys)
        app = create_app(ReceiverConfig(root=hq.folder.root), hq_backend(hq),
                         load_hq_key(hq.folder.keys))
        with TestClient(app) as client:
            sign_in(client)
            figures = time_pages(client, args.repeat, args.offices)
        built, check_ms, size = reuse_check(hq, args.repeat * 3)
        figures[f"reuse check, 1 photo vs {size:,} hashes"] = check_ms
        print(f"  [{label}] reuse index built from the table in {built:.1f} s (not timed below)")
        return figures
    finally:
        hq.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=10_000)
    parser.add_argument("--photos", type=int, default=200_000)
    parser.add_argument("--hashes", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    print(f"load average at start: {load()}")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="fielddesk-bench-dashboard-") as tmp:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                results["SQLite"] = run("SQLite", Path(tmp) / "sqlite", None, args)
            elif backend == "postgresql":
                from desktop_app.hq.store.testkit import PgCluster

                with PgCluster(fsync=True, prefix="dashboard-pg-") as cluster:
                    url = cluster.create_database("dashboard")
                    results["PostgreSQL"] = run("PostgreSQL", Path(tmp) / "pg", url, args)
    labels = list(next(iter(results.values())))
    names = list(results)
    print(f"\nmedian server time, ms ({args.repeat} requests each; goal <= {GOAL_PAGE_MS} ms "
          f"a page, <= {GOAL_REUSE_MS} ms the reuse check)")
    print(f"  {'':44}" + "".join(f"{n:>12}" for n in names))
    met = True
    for label in labels:
        goal = GOAL_REUSE_MS if label.startswith("reuse") else GOAL_PAGE_MS
        cells = "".join(f"{results[n][label]:>12.1f}" for n in names)
        ok = all(results[n][label] <= goal for n in names)
        met &= ok
        print(f"  {label:44}{cells}   {'ok' if ok else 'OVER GOAL'}")
    print(f"load average at end: {load()}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
