"""Storage benchmark: bulk insert through the repositories vs raw sqlite3, dashboard totals.

    .venv/bin/python bench/storage.py [--rows 100000]

Generates realistic progress entries and register rows (half progress, half scrap
disposals with Hindi and English text), then prints in one run: bulk insert time through
FieldDesk (validation, dataclass conversion, audit triggers) as a ratio to raw
``sqlite3.executemany`` of the same tuples into the same schema, the dashboard totals
query over all rows, and the database size.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.domain.choices import DisposalMode, ScrapCategory  # noqa: E402
from desktop_app.domain.models import ProgressEntry, ScrapDisposal  # noqa: E402
from desktop_app.domain.templates import load_template, templates_dir  # noqa: E402
from desktop_app.storage import totals  # noqa: E402
from desktop_app.storage.rows import to_row  # noqa: E402
from desktop_app.storage.store import open_folder  # noqa: E402

TEMPLATE = templates_dir() / "special-campaign-6.json"
ITEMS = ["Old desktop computers", "पुरानी फ़ाइलें", "Steel almirah", "CRT monitors", "रद्दी कागज़", "Iron racks"]


def make_rows(campaign, n: int, rng: random.Random):
    impl = next(p for p in campaign.phases if p.code == "implementation")
    span = (impl.end - impl.start).days
    entered = [i.code for i in campaign.indicators if i.entered]
    progress, scrap = [], []
    for i in range(n // 2):
        # one entry per indicator per day is the rule; spread over many synthetic campaigns' days
        progress.append(ProgressEntry(campaign.id, entered[i % len(entered)],
                                      impl.start + timedelta(days=(i // len(entered)) % (span + 1)),
                                      rng.randint(0, 500), entered_by="Ravi Patil"))
    for i in range(n - n // 2):
        scrap.append(ScrapDisposal(campaign.id, impl.start + timedelta(days=rng.randint(0, 40)),
                                   rng.choice(ITEMS), rng.choice(list(ScrapCategory)), float(rng.randint(1, 900)),
                                   "kg", rng.choice(list(DisposalMode)), "M/s Shree Recyclers",
                                   f"RCPT/{i:06d}", rng.randint(100, 90000) * 100, rng.randint(0, 300),
                                   "auctioned" if i % 3 else ""))
    return progress, scrap


def fresh(root: Path, name: str):
    opened = open_folder(root / name, today=lambda: date(2026, 12, 31))
    campaign = load_template(TEMPLATE)
    opened.store.campaigns.add(campaign, json.loads(TEMPLATE.read_text(encoding="utf-8")))
    return opened, campaign


def dedupe_progress(progress):
    seen, out = set(), []
    for e in progress:
        key = (e.indicator_code, e.entry_date)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        opened, campaign = fresh(root, "fielddesk")
        progress, scrap = make_rows(campaign, args.rows, rng)
        progress = dedupe_progress(progress)
        # the unique (indicator, day) rule caps progress rows; top up with scrap rows
        scrap += make_rows(campaign, 2 * (args.rows - len(progress) - len(scrap)), rng)[1][: args.rows - len(progress) - len(scrap)]

        t0 = time.perf_counter()
        opened.store.progress.add_many(progress)
        opened.store.scrap.add_many(scrap, validate=True)
        ours = time.perf_counter() - t0

        raw_conn_owner, _ = fresh(root, "raw")
        raw_db_path = raw_conn_owner.folder.database
        raw_conn_owner.close()
        conn = sqlite3.connect(raw_db_path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        p_rows = [tuple(to_row(e).values()) + ("t", "t") for e in progress]
        s_rows = [tuple(to_row(s).values()) + ("t", "t") for s in scrap]
        p_cols = list(to_row(progress[0])) + ["created_at", "updated_at"]
        s_cols = list(to_row(scrap[0])) + ["created_at", "updated_at"]
        t0 = time.perf_counter()
        with conn:
            conn.executemany(f"INSERT INTO progress_entry ({','.join(p_cols)}) VALUES ({','.join('?' * len(p_cols))})", p_rows)
            conn.executemany(f"INSERT INTO scrap_disposal ({','.join(s_cols)}) VALUES ({','.join('?' * len(s_cols))})", s_rows)
        raw = time.perf_counter() - t0
        conn.close()

        db = opened.store.db
        timings = []
        for _ in range(7):
            t0 = time.perf_counter()
            totals.achievements(db, campaign)
            totals.scrap_by_category(db, campaign.id)
            totals.sites_by_status(db, campaign.id)
            totals.event_totals(db, campaign.id)
            timings.append(time.perf_counter() - t0)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(p.stat().st_size for p in opened.folder.root.glob("fielddesk.db*"))
        n_rows = len(progress) + len(scrap)
        audit = opened.store.audit.count()
        opened.close()

    print(f"rows inserted:               {n_rows:,} ({len(progress):,} progress + {len(scrap):,} scrap), {audit:,} audit rows")
    print(f"bulk insert, FieldDesk:      {ours:.2f} s  (validation + conversion + audit triggers)")
    print(f"bulk insert, raw executemany:{raw:.2f} s  (same tuples, same schema and triggers)")
    print(f"ratio FieldDesk / raw:       {ours / raw:.2f}x  (goal <= 1.5x)")
    print(f"dashboard totals query:      {statistics.median(timings) * 1000:.1f} ms median of 7 (goal <= 100 ms)")
    print(f"database size:               {size / 1e6:.1f} MB ({size / n_rows:.0f} bytes per row incl. audit)")


if __name__ == "__main__":
    main()
