"""Campaign benchmark: build and publish a 200-indicator campaign, import it at a busy office.

    .venv/bin/python bench/campaign.py [--indicators 200] [--rows 100000] [--runs 5]

Headquarters' side: a campaign workbook of N bilingual indicators (limits, phases, every
group and kind) is written, read back and checked (``hq campaign build``), then signed
into its ``.fdcampaign`` file and kept in a headquarters folder's store (``hq campaign
publish``, SQLite); the file's size is printed.
The office's side: a data folder holding ``--rows`` records of the previous campaign
(Special Campaign 6.0: half daily figures, half scrap entries, with their audit rows)
imports the new campaign — verify, compare, apply — and switches to it: the current
campaign read again and its dashboard summary built, as the window does after Apply. Each
import runs on a fresh copy of the same folder; the medians are printed. Goals:
import and switch <= 2 s, package <= 50 KB. Also timed: a new version of the previous
campaign (an indicator renamed, one added, one removed) upgraded in place over its rows.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from bench.storage import dedupe_progress, make_rows  # noqa: E402
from desktop_app.campaigns.hq_key import trust_hq_key  # noqa: E402
from desktop_app.campaigns.office_import import apply_import, prepare_import  # noqa: E402
from desktop_app.campaigns.package import package_bytes, package_name  # noqa: E402
from desktop_app.campaigns.workbook import read_campaign_workbook  # noqa: E402
from desktop_app.campaigns.workbook_template import write_campaign_workbook  # noqa: E402
from desktop_app.domain.choices import IndicatorGroup  # noqa: E402
from desktop_app.domain.templates import load_template, parse_template, templates_dir  # noqa: E402
from desktop_app.hq.database import open_hq  # noqa: E402
from desktop_app.hq.published import publish_campaign  # noqa: E402
from desktop_app.keys import signing  # noqa: E402
from desktop_app.reports.summary import build_summary  # noqa: E402
from desktop_app.storage.store import open_folder  # noqa: E402

PREVIOUS = templates_dir() / "special-campaign-6.json"
TODAY = date(2026, 12, 31)
WORDS_EN = ["references", "files", "grievances", "appeals", "assurances", "e-files", "cases",
            "records", "returns", "inspections", "audits", "sites", "registers", "applications"]
WORDS_HI = ["संदर्भ", "फ़ाइलें", "शिकायतें", "अपीलें", "आश्वासन", "ई-फ़ाइलें", "मामले", "अभिलेख",
            "विवरणी", "निरीक्षण", "लेखा परीक्षा", "स्थल", "रजिस्टर", "आवेदन"]
SOURCES = [("scrap_revenue", "INR", "scrap"), ("scrap_space", "sqft", "scrap"),
           ("sites_completed", "count", "cleanliness"), ("events_held", "count", "events"),
           ("event_participants", "count", "events")]


def big_campaign(n: int, rng: random.Random) -> dict:
    """A new campaign of *n* indicators, as headquarters staff would fill the workbook."""
    groups = [g.value for g in IndicatorGroup]
    indicators = []
    for i in range(n):
        if i < len(SOURCES):
            source, unit, group = SOURCES[i]
            extra = {}
        else:
            source, unit, group = "entered", "count", groups[i % len(groups)]
            cap = rng.choice([50, 500, 2000, 50000])
            extra = {"daily_max": cap, "unusual_above": cap // 10}
            if i % 7 == 0:
                extra["phase"] = "implementation"
        word = i % len(WORDS_EN)
        indicators.append({
            "code": f"ind_{i:03d}", "group": group, "unit": unit, "source": source,
            "title": {"en": f"{WORDS_EN[word].capitalize()} disposed of, category {i + 1}",
                      "hi": f"निपटाए गए {WORDS_HI[word]}, श्रेणी {i + 1}"},
            "has_target": source == "entered" and i % 5 != 0, **extra})
    return {"format": 1, "id": "special-campaign-7", "version": 1,
            "title": {"en": "Special Campaign 7.0 for Disposal of Pending Matters",
                      "hi": "लंबित मामलों के निपटान हेतु विशेष अभियान 7.0"},
            "phases": [{"code": "preparatory", "title": {"en": "Preparatory phase", "hi": "प्रारंभिक चरण"},
                        "start": "2027-09-15", "end": "2027-09-30"},
                       {"code": "implementation", "title": {"en": "Implementation phase", "hi": "कार्यान्वयन चरण"},
                        "start": "2027-10-02", "end": "2027-12-31"}],
            "indicators": indicators}


def busy_office(root: Path, rows: int, hq_key: Ed25519PrivateKey) -> Path:
    """A data folder with *rows* records of the previous campaign; returns its path."""
    home = root / "office"
    opened = open_folder(home, today=lambda: TODAY)
    from desktop_app.domain.models import Office

    opened.store.office.save(Office("DL-042", "Regional Office, Delhi"))
    campaign = load_template(PREVIOUS)
    opened.store.campaigns.add(campaign, json.loads(PREVIOUS.read_text(encoding="utf-8")))
    rng = random.Random(7)
    progress, scrap = make_rows(campaign, rows, rng)
    progress = dedupe_progress(progress)
    while len(progress) + len(scrap) < rows:
        scrap += make_rows(campaign, 2 * (rows - len(progress) - len(scrap)), rng)[1]
    scrap = scrap[: rows - len(progress)]
    opened.store.progress.add_many(progress)
    opened.store.scrap.add_many(scrap, validate=False)
    trust_hq_key(opened, hq_key.public_key())
    opened.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    opened.close()
    return home


def timed_import(home: Path, package: Path) -> tuple[float, float, float]:
    """(prepare, apply, switch) seconds on one fresh copy of the office."""
    opened = open_folder(home, today=lambda: TODAY)
    try:
        t0 = time.perf_counter()
        plan = prepare_import(opened, package)
        t1 = time.perf_counter()
        apply_import(opened, plan)
        t2 = time.perf_counter()
        current = opened.store.campaigns.current()
        build_summary(opened.store, campaign=current)  # the dashboard of the new campaign
        t3 = time.perf_counter()
        assert current.id == plan.campaign.id
    finally:
        opened.close()
    return t1 - t0, t2 - t1, t3 - t2


def upgrade_of_previous() -> dict:
    data = json.loads(PREVIOUS.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["version"] = 2
    data["indicators"][0]["title"]["en"] = "References from Members of Parliament"
    data["indicators"] = [i for i in data["indicators"] if i["code"] != "pg_appeals"]
    data["indicators"].append({"code": "court_cases", "title": {"en": "Court cases", "hi": "न्यायालय मामले"},
                               "group": "pendency", "unit": "count", "has_target": True, "source": "entered"})
    return data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--indicators", type=int, default=200)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(19)
    hq_key = Ed25519PrivateKey.generate()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # -- headquarters: build from the workbook, then publish -----------------------------
        data = big_campaign(args.indicators, rng)
        workbook = write_campaign_workbook(parse_template(data), root / "CAMPAIGN.xlsx")
        workbook_bytes = workbook.stat().st_size
        builds, publishes = [], []
        hq = open_hq(root / "hq")  # SQLite, as one headquarters machine runs it
        for run in range(args.runs):
            t0 = time.perf_counter()
            built = read_campaign_workbook(workbook)
            t1 = time.perf_counter()
            # each run a new version: signed, stored in the HQ store, written to campaigns/
            done = publish_campaign(hq, {**built, "version": run + 1}, hq_key)
            t2 = time.perf_counter()
            builds.append(t1 - t0)
            publishes.append(t2 - t1)
        assert built == data
        package = hq.folder.published / package_name(built["id"], 1)
        blob = package.read_bytes()
        assert done.bytes == len(package_bytes({**built, "version": args.runs}, hq_key))
        hq.close()
        raw_json = len(json.dumps(built, ensure_ascii=False).encode("utf-8"))

        # -- the office: 100,000 records of the previous campaign ------------------------------
        t0 = time.perf_counter()
        home = busy_office(root, args.rows, hq_key)
        setup = time.perf_counter() - t0
        db_bytes = sum(p.stat().st_size for p in home.glob("fielddesk.db*"))
        results = []
        for run in range(args.runs):
            copy_home = root / f"run-{run}"
            shutil.copytree(home, copy_home)
            results.append(timed_import(copy_home, package))
            shutil.rmtree(copy_home)
        upgrade_path = root / "special-campaign-6-v2.fdcampaign"
        upgrade_path.write_bytes(package_bytes(upgrade_of_previous(), hq_key))
        upgrades = []
        for run in range(args.runs):
            copy_home = root / f"up-{run}"
            shutil.copytree(home, copy_home)
            upgrades.append(timed_import(copy_home, upgrade_path))
            shutil.rmtree(copy_home)

    def med(values) -> float:
        return statistics.median(values)

    prepare, apply, switch = (med([r[i] for r in results]) for i in range(3))
    total = med([sum(r) for r in results])
    up_total = med([sum(r) for r in upgrades])
    print(f"campaign:                 {args.indicators} indicators, {workbook_bytes / 1024:.1f} KB workbook,"
          f" {raw_json / 1024:.1f} KB of JSON")
    print(f"hq campaign build:        {med(builds) * 1000:.0f} ms median of {args.runs} (workbook read and checked)")
    print(f"hq campaign publish:      {med(publishes) * 1000:.1f} ms median of {args.runs} (canonical JSON, "
          "Ed25519, ZIP, kept in the HQ store and campaigns/)")
    print(f"package size:             {len(blob) / 1024:.1f} KB ({len(blob):,} bytes; goal <= 50 KB)")
    print(f"office:                   {args.rows:,} records of the previous campaign, {db_bytes / 1e6:.1f} MB "
          f"database (set up in {setup:.1f} s)")
    print(f"import, verify + compare: {prepare * 1000:.0f} ms")
    print(f"import, apply:            {apply * 1000:.0f} ms")
    print(f"switch (current + dashboard summary): {switch * 1000:.0f} ms")
    print(f"import and switch:        {total * 1000:.0f} ms median of {args.runs} (goal <= 2000 ms)")
    print(f"upgrade v1 -> v2 in place over the {args.rows:,} records (renamed, added, removed): "
          f"{up_total * 1000:.0f} ms median of {args.runs}")
    print(f"HQ key fingerprint:       {signing.fingerprint_short(hq_key)}…")


if __name__ == "__main__":
    main()
