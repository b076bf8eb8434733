"""A realistic demo office, the same every run: targets, a month of daily progress,
about 40 scrap disposals, 20 cleanliness sites and 10 events (photos when available).

Used by ``fielddesk demo``, the screenshots and the benchmarks. It refuses a folder that
already holds an office, so it can never overwrite real work.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from desktop_app.domain.choices import DisposalMode, EventType, PhotoRole, ScrapCategory, SiteStatus
from desktop_app.domain.models import CleanlinessSite, Event, Office, ProgressEntry, ScrapDisposal
from desktop_app.domain.templates import load_template, templates_dir
from desktop_app.errors import FieldDeskError
from desktop_app.keys.office_key import create_office_key
from desktop_app.photos.attach import default_role, photo_record
from desktop_app.photos.batch import ingest_many
from desktop_app.photos.store import PhotoStore
from desktop_app.photos.synthetic import make_camera_jpeg
from desktop_app.storage.store import OpenFolder

DEMO_TEMPLATE = "special-campaign-6.json"
SEED = 20261002

DEMO_OFFICE = Office(
    code="DEMO-RO-PUNE",
    name="Regional Office, Pune",
    organisation="Ministry of Rural Development",
    parent_office="Zonal Office, Mumbai",
    state="Maharashtra",
    district="Pune",
    address="2nd Floor, Shivajinagar Administrative Building, Pune 411005",
    head_of_office="Smt. Meera Kulkarni, Regional Director",
    nodal_officer="Shri Anil Deshpande, Deputy Director",
    contact="020-2553-0142",
)

# Targets and final achievements shaped like a real ministry's report.
TARGETS = {
    "mp_references": (34, 34), "parliamentary_assurances": (0, 0), "imc_references": (3, 3),
    "state_govt_references": (111, 110), "public_grievances": (54, 54), "pmo_references": (6, 6),
    "pg_appeals": (135, 135), "files_reviewed": (7385, 7385), "files_weeded": (None, 3200),
    "efiles_reviewed": (512, 512), "efiles_closed": (512, 498), "cleanliness_sites": (20, None),
}

_SCRAP_ITEMS = [
    ("Old desktop computers", ScrapCategory.EWASTE, "nos"), ("CRT monitors", ScrapCategory.EWASTE, "nos"),
    ("Dot-matrix printers", ScrapCategory.EWASTE, "nos"), ("UPS batteries", ScrapCategory.EWASTE, "nos"),
    ("Broken steel almirahs", ScrapCategory.FURNITURE, "nos"), ("Wooden chairs", ScrapCategory.FURNITURE, "nos"),
    ("Office tables", ScrapCategory.FURNITURE, "nos"), ("Old files and registers", ScrapCategory.PAPER, "kg"),
    ("Newspapers and cartons", ScrapCategory.PAPER, "kg"), ("Iron racks", ScrapCategory.METAL, "kg"),
    ("Aluminium partitions", ScrapCategory.METAL, "kg"), ("Condemned jeep (MH-12-AB-1234)", ScrapCategory.VEHICLE, "nos"),
    ("Old air coolers", ScrapCategory.OTHER, "nos"), ("Tube-light fittings", ScrapCategory.OTHER, "nos"),
]
_BUYERS = ["M/s Shree Recyclers", "M/s Green Earth E-Waste Pvt Ltd", "MSTC e-auction", "M/s Pune Scrap Traders",
           "M/s Sai Metal Works"]
_SITES = ["Record room, ground floor", "Basement store", "Canteen backyard", "Parking shed", "Terrace",
          "Old registry hall", "Staircase landing", "Guest house store", "Garage", "Library annexe",
          "Dispatch section", "Cash section corridor", "Conference room store", "Compound wall (east)",
          "Generator room", "Reception area", "Cycle stand", "Rear courtyard", "First-floor toilets",
          "Server room"]
_EVENTS = [
    (EventType.PLEDGE, "Swachhata pledge by all staff", "Main hall", 186),
    (EventType.PLANTATION, "Ek Ped Maa Ke Naam plantation drive", "Office compound", 64),
    (EventType.CLEANLINESS_DRIVE, "Shramdaan at the record room", "Record room", 42),
    (EventType.AWARENESS_WORKSHOP, "Workshop on e-Office and record retention", "Conference room", 112),
    (EventType.REVIEW_MEETING, "Mid-campaign review by the Regional Director", "Director's chamber", 18),
    (EventType.CLEANLINESS_DRIVE, "Cleanliness drive at Shivajinagar bus stand", "Shivajinagar", 75),
    (EventType.AWARENESS_WORKSHOP, "Talk on single-use plastic (हिंदी में)", "Main hall", 95),
    (EventType.BEST_PRACTICE, "Scanned 1,200 old files into e-Office", "Record room", 12),
    (EventType.PLANTATION, "Tree plantation with school children", "ZP School, Aundh", 140),
    (EventType.REVIEW_MEETING, "Final review and closure report", "Conference room", 22),
]


def _spread(total: int, days: int, rng: random.Random) -> list[int]:
    """Split a total over days, front-loaded a little, like real daily disposal."""
    weights = [rng.uniform(0.5, 1.5) * (1.3 - i / (2 * days)) for i in range(days)]
    scale = total / sum(weights)
    parts = [int(w * scale) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def populate(opened: OpenFolder, *, progress: Callable[[str], None] | None = None) -> None:
    """Fill an empty data folder with the demo office. Deterministic for the same code."""
    store = opened.store
    if store.office.exists():
        raise FieldDeskError(f"{opened.folder.root} already holds an office; the demo only uses an empty folder")
    say = progress or (lambda _msg: None)
    rng = random.Random(SEED)
    opened.settings.clerk_name = "Ravi Patil"
    opened.save_settings()
    path = templates_dir() / DEMO_TEMPLATE
    campaign = load_template(path)
    store.office.save(DEMO_OFFICE)
    store.campaigns.add(campaign, json.loads(path.read_text(encoding="utf-8")))
    cid = campaign.id
    prep = next(p for p in campaign.phases if p.code == "preparatory")
    impl = next(p for p in campaign.phases if p.code == "implementation")
    say("targets")
    targets = {code: t for code, (t, _a) in TARGETS.items() if t is not None}
    store.targets.set_targets(cid, targets, today=prep.end)
    say("daily progress")
    days = [impl.start + timedelta(days=i) for i in range(30)]
    entries = []
    for code, (_t, achieved) in TARGETS.items():
        if achieved is None:
            continue
        for day, value in zip(days, _spread(achieved, len(days), rng)):
            if value:
                entries.append(ProgressEntry(cid, code, day, value, entered_by="Ravi Patil"))
    store.progress.add_many(entries)
    say("scrap register")
    scrap = []
    for i in range(40):
        item, category, unit = _SCRAP_ITEMS[i % len(_SCRAP_ITEMS)]
        qty = rng.randint(2, 40) if unit == "nos" else rng.randint(50, 900)
        revenue = rng.randint(800, 60000) * 100 if category is not ScrapCategory.VEHICLE else 185000 * 100
        scrap.append(ScrapDisposal(
            cid, days[rng.randrange(len(days))], item, category, float(qty), unit,
            rng.choice(list(DisposalMode)[:3]), rng.choice(_BUYERS), f"RO-PUN/SCR/{2026}/{i + 1:03d}",
            revenue, rng.randint(10, 600), ""))
    store.scrap.add_many(scrap)
    say("cleanliness sites")
    sites = []
    for i, name in enumerate(_SITES):
        status = SiteStatus.COMPLETED if i < 14 else (SiteStatus.IN_PROGRESS if i < 18 else SiteStatus.IDENTIFIED)
        completed = days[min(len(days) - 1, 3 + i)] if status is SiteStatus.COMPLETED else None
        sites.append(CleanlinessSite(
            cid, name, "Regional Office, Pune", round(18.5308 + rng.uniform(-0.002, 0.002), 6),
            round(73.8475 + rng.uniform(-0.002, 0.002), 6), status, impl.start + timedelta(days=20 + i % 10),
            completed, "Weekly shramdaan" if i % 3 == 0 else ""))
    store.sites.add_many(sites)
    say("events")
    events = [Event(cid, days[min(len(days) - 1, i * 3)], etype, title, venue, participants,
                    f"{title}. Organised by the Swachhata committee.")
              for i, (etype, title, venue, participants) in enumerate(_EVENTS)]
    store.events.add_many(events)


def add_demo_photos(opened: OpenFolder, *, size: tuple[int, int] = (1280, 960)) -> int:
    """Camera-like photos (EXIF time, GPS, some rotated) for completed sites, events and scrap.

    Generated deterministically into a temporary folder, then ingested through the same
    pipeline a clerk's photos take (two threads) and linked. Returns how many were linked.
    """
    ist = timezone(timedelta(hours=5, minutes=30))
    store = opened.store
    campaign = store.campaigns.current()
    shots: list[tuple[Path, str, str, PhotoRole]] = []
    with tempfile.TemporaryDirectory(prefix="fielddesk-demo-photos-") as tmp:
        def shoot(name: str, seed: int, day: date, hour: int, lat: float | None, lon: float | None,
                  kind: str, target: str, role: PhotoRole | None = None, orientation: int = 1) -> None:
            when = datetime(day.year, day.month, day.day, hour, 15 + seed % 40, seed % 60, tzinfo=ist)
            path = make_camera_jpeg(Path(tmp) / name, width=size[0], height=size[1], seed=seed,
                                    taken_at=when, lat=lat, lon=lon, orientation=orientation, quality=88)
            shots.append((path, kind, target, default_role(kind, role)))

        for i, site in enumerate(s for s in store.sites.list(campaign.id) if s.completed_date):
            shoot(f"IMG_{1000 + 2 * i}.jpg", 100 + i, site.completed_date - timedelta(days=3), 10,
                  site.latitude, site.longitude, "site", site.id, PhotoRole.BEFORE, 6 if i % 4 == 0 else 1)
            shoot(f"IMG_{1001 + 2 * i}.jpg", 500 + i, site.completed_date, 16, site.latitude, site.longitude,
                  "site", site.id, PhotoRole.AFTER)
        for i, event in enumerate(store.events.list(campaign.id)):
            shoot(f"EVT_{i:03d}.jpg", 900 + i, event.event_date, 11, 18.5308, 73.8475, "event", event.id)
        for i, scrap in enumerate(store.scrap.list(campaign.id)[:10]):
            shoot(f"SCRAP_{i:03d}.jpg", 1300 + i, scrap.disposal_date, 12, None, None, "scrap", scrap.id)
        batch = ingest_many([s[0] for s in shots], PhotoStore(opened.folder.photos),
                            max_edge=opened.settings.photo_max_edge)
        by_name = {photo.original_name: photo for photo in batch.ingested}
        with store.db.atomic():
            for path, kind, target, role in shots:
                photo = by_name[path.name]
                store.photos.add(photo_record(photo))
                store.photos.link(photo.sha256, kind, target, role)
    return len(shots)


def create_demo(opened: OpenFolder, *, with_key: bool = True, with_photos: bool = True,
                progress: Callable[[str], None] | None = None) -> None:
    """The whole demo: records, the office key, and camera-like photos."""
    say = progress or (lambda _msg: None)
    populate(opened, progress=progress)
    if with_key:
        say("office key")
        create_office_key(opened, reason="demo office")
    if with_photos:
        say("photos")
        add_demo_photos(opened)

