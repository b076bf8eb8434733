"""Fixtures for the headquarters tests: real office folders exporting real signed bundles
(made once per session), a fresh headquarters folder per test, and ``hqkit``: helpers to
re-sign edited bundles, build hostile archives and check that a rejection wrote nothing.

(The suite runs with ``--import-mode=importlib``, so helpers live behind fixtures.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import random
import struct
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from PIL import Image

from desktop_app.bundle import manifest as mf
from desktop_app.bundle.archive import MANIFEST_NAME, SIGNATURE_NAME
from desktop_app.bundle.export import export_bundle
from desktop_app.demo import populate
from desktop_app.domain.choices import DisposalMode, EventType, PhotoRole, ScrapCategory
from desktop_app.domain.models import Event, Office, ProgressEntry, ScrapDisposal
from desktop_app.domain.templates import parse_template, templates_dir
from desktop_app.hq.database import HQFolder, open_hq
from desktop_app.hq.importer import REJECTED, import_bundle
from desktop_app.hq.registry import register_key
from desktop_app.hq.store.tables import import_log, metadata
from desktop_app.keys import signing
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.photos import PhotoRecord
from desktop_app.storage.store import open_folder
from tests.bundle_zips import write_bundle_zip

TODAY = date(2026, 11, 20)
EXPORTED_AT = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def make_jpeg(seed: int, size: tuple[int, int] = (48, 36)) -> bytes:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@dataclass
class OfficeKit:
    """An office data folder (kept open) and the bundles it exported, by seq."""

    code: str
    name: str
    opened: object
    bundles: dict[int, Path] = field(default_factory=dict)
    photo_seed: int = 0

    @property
    def store(self):
        return self.opened.store

    @property
    def pem(self) -> bytes:
        return (self.opened.folder.keys / "office.pub.pem").read_bytes()

    @property
    def private_key(self):
        return signing.load_private_key(self.opened.folder.keys)

    @property
    def campaign(self):
        return self.store.campaigns.current()

    def add_photo(self, kind: str, target_id: str, role: PhotoRole) -> str:
        self.photo_seed += 1
        data = make_jpeg(int(hashlib.sha256(f"{self.code}/{self.photo_seed}".encode()).hexdigest()[:8], 16))
        sha = hashlib.sha256(data).hexdigest()
        (self.opened.folder.photos / f"{sha}.jpg").write_bytes(data)
        self.store.photos.add(PhotoRecord(
            sha256=sha, width=48, height=36, bytes=len(data), original_name=f"IMG_{sha[:6]}.jpg",
            original_bytes=len(data), dhash="0" * 16, taken_at="2026-10-05T10:15:00+05:30",
            latitude=18.53, longitude=73.84, caption=f"{self.code} photo {self.photo_seed}"))
        self.store.photos.link(sha, kind, target_id, role)
        return sha

    def add_work(self, n: int) -> None:
        """Some office-specific records, so that no two offices (or bundles) total the same."""
        cid = self.campaign.id
        day = date(2026, 10, 3) + timedelta(days=n % 40)
        self.store.scrap.add(ScrapDisposal(
            cid, day, f"Old almirahs lot {n}", ScrapCategory.FURNITURE, 3.0, "nos",
            DisposalMode.E_AUCTION, "=HYPERLINK(\"x\")", f"R/{n}", 1000_00 * n + 55, 17 * n, ""))
        self.store.events.add(Event(cid, day, EventType.AWARENESS_WORKSHOP, f"Workshop {n}",
                                    "Hall", 10 * n + 3, "+91 talk"))
        self.store.progress.add_many([ProgressEntry(
            cid, "mp_references", date(2026, 11, 1) + timedelta(days=n % 19), n,
            entered_by="test")])

    def export(self, **kwargs) -> Path:
        kwargs.setdefault("now", EXPORTED_AT)
        results = export_bundle(self.opened, **kwargs)
        for result in results:
            self.bundles[result.seq] = result.path
        return results[-1].path

    def close(self) -> None:
        self.opened.close()


def new_office(root: Path, code: str, name: str, *, template: dict | None = None) -> OfficeKit:
    opened = open_folder(root / code, today=lambda: TODAY)
    if template is None:
        populate(opened)
        opened.store.office.save(dataclasses.replace(opened.store.office.get(), code=code,
                                                     name=name))
    else:
        opened.store.office.save(Office(code, name))
        campaign = parse_template(template)
        opened.store.campaigns.add(campaign, template)
        opened.store.targets.set_targets(campaign.id, {"files_reviewed": 500},
                                         today=date(2026, 9, 20))
    create_office_key(opened, reason="test office")
    return OfficeKit(code, name, opened)


def custom_template() -> dict:
    """A second programme: another id, fewer indicators (its hash is shipped nowhere)."""
    data = json.loads((templates_dir() / "special-campaign-6.json").read_text(encoding="utf-8"))
    data["id"] = "swachhata-drive-2026"
    data["title"] = {"en": "Swachhata Drive 2026", "hi": "स्वच्छता अभियान 2026"}
    keep = {"files_reviewed", "scrap_revenue", "cleanliness_sites"}
    data["indicators"] = [i for i in data["indicators"] if i["code"] in keep]
    return data


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    """Offices and their bundles, made once:

    * DL-001: seq 1 (2 photos), 2 (1 new photo), 3 — photos in every bundle's data;
    * MH-002: seq 1, 2, 3; KA-003: seq 1, 2 (no photos);
    * UP-004: seq 1, never registered at headquarters;
    * SW-005: seq 1 of another campaign template (not shipped with FieldDesk).
    """
    root = tmp_path_factory.mktemp("offices")
    dl = new_office(root, "DL-001", "Regional Office, Delhi")
    sites = [s for s in dl.store.sites.list(dl.campaign.id) if s.completed_date]
    events = dl.store.events.list(dl.campaign.id)
    dl.add_photo("site", sites[0].id, PhotoRole.BEFORE)
    dl.add_photo("site", sites[0].id, PhotoRole.AFTER)
    dl.add_work(1)
    dl.export()
    dl.add_photo("event", events[0].id, PhotoRole.EVENT)
    dl.add_work(2)
    dl.export()
    dl.add_work(3)
    dl.export()

    mh = new_office(root, "MH-002", "Zonal Office, Mumbai")
    for n in (4, 5, 6):
        mh.add_work(n)
        mh.export()
    ka = new_office(root, "KA-003", "Branch Office, Bengaluru")
    ka.add_work(7)
    ka.export()
    ka.add_work(8)
    ka.export()
    up = new_office(root, "UP-004", "Branch Office, Lucknow")
    up.export()
    sw = new_office(root, "SW-005", "Field Office, Shimla", template=custom_template())
    cid = sw.campaign.id
    sw.store.progress.add_many([ProgressEntry(cid, "files_reviewed", date(2026, 10, 5), 321)])
    sw.store.scrap.add(ScrapDisposal(cid, date(2026, 10, 6), "Paper", ScrapCategory.PAPER, 90.0,
                                     "kg", DisposalMode.RECYCLER, "", "", 4321_50, 40, ""))
    sw.export()
    offices = {o.code: o for o in (dl, mh, ka, up, sw)}
    yield SimpleNamespace(offices=offices, root=root, **{o.code.split("-")[0].lower(): o
                                                         for o in offices.values()})
    for office in offices.values():
        office.close()


REGISTERED = ("DL-001", "MH-002", "KA-003", "SW-005")


def new_hq(root: Path, hq_db: str | None):
    """A headquarters folder on SQLite (*hq_db* None) or on the PostgreSQL database *hq_db*,
    remembered in its settings as ``hq init --db`` does (a second ``open_hq`` finds it)."""
    if hq_db:
        HQFolder(root).ensure().write_settings({"database": hq_db})
    return open_hq(root)


@pytest.fixture
def hq(tmp_path, world, hq_db):
    """A fresh headquarters folder with every office but UP-004 registered, on each back-end."""
    opened = new_hq(tmp_path / "hq", hq_db)
    for code in REGISTERED:
        register_key(opened, world.offices[code].pem, code)
    yield opened
    opened.close()


# --- helpers --------------------------------------------------------------------------------


def read_members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def rebuild(src: Path, dst: Path, *, private_key=None, replace: dict[str, bytes] | None = None,
            drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None,
            manifest_bytes: bytes | None = None, relist: bool = True, **changes) -> Path:
    """A copy of bundle *src* with members replaced/dropped/added and manifest fields changed.

    With *private_key* the manifest is re-listed (sizes and hashes of the new members) and
    signed again; without, the old manifest and signature are kept as they were.
    """
    members = dict(read_members(src))
    for name in drop:
        members.pop(name)
    members.update(replace or {})
    members.update(add or {})
    if private_key is not None:
        manifest = mf.loads_strict(members[MANIFEST_NAME])
        if relist:
            files = [mf.FileEntry(n, len(d), mf.sha256_hex(d)) for n, d in members.items()
                     if n not in (MANIFEST_NAME, SIGNATURE_NAME)]
            changes.setdefault("files", files)
        manifest = dataclasses.replace(manifest, **changes)
        data = manifest_bytes if manifest_bytes is not None else mf.dumps(manifest)
        members[MANIFEST_NAME] = data
        members[SIGNATURE_NAME] = signing.sign(private_key, data)
    ordered = [(MANIFEST_NAME, members.pop(MANIFEST_NAME)),
               (SIGNATURE_NAME, members.pop(SIGNATURE_NAME)), *members.items()]
    dst.unlink(missing_ok=True)
    write_bundle_zip(dst, ordered)
    return dst


def write_raw_zip(path: Path, entries, *, compression: int = zipfile.ZIP_STORED) -> Path:
    """Entries (name or ZipInfo, bytes) with plain zipfile: archives ours would refuse."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", compression=compression) as zf:
            for entry, data in entries:
                zf.writestr(entry, data)
    return path


def flip_byte(path: Path, name: str, index: int = 0) -> None:
    """Flip a bit of byte *index* of member *name*'s data (headers left as they were)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        at = zf.getinfo(name).header_offset
    name_len, extra_len = struct.unpack("<2H", data[at + 26:at + 30])
    data[at + 30 + name_len + extra_len + index] ^= 0x01
    path.write_bytes(bytes(data))


def patch_declared_size(path: Path, name: str, size: int) -> None:
    """Set member *name*'s uncompressed size in its local header and central entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        at = zf.getinfo(name).header_offset
    struct.pack_into("<L", data, at + 22, size)
    target = name.encode()
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        n = struct.unpack("<H", data[pos + 28:pos + 30])[0]
        if data[pos + 46:pos + 46 + n] == target:
            struct.pack_into("<L", data, pos + 24, size)
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def edit_workbook(report: bytes, edit) -> bytes:
    """report.xlsx opened with openpyxl, changed by *edit(workbook)*, saved again."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(report))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def edit_part(report: bytes, part: str, change) -> bytes:
    """report.xlsx with one XML part's bytes changed by *change(bytes) -> bytes*."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(report)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out.getvalue()


def sheet_part(report: bytes, sheet: str) -> str:
    """The zip part name of worksheet *sheet* in report.xlsx."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(report), read_only=True)
    try:
        index = book.sheetnames.index(sheet) + 1
    finally:
        book.close()
    return f"xl/worksheets/sheet{index}.xml"


def rows(hq, sql: str, **params) -> list[tuple]:
    """The rows of *sql* (``:name`` parameters) on headquarters' database, either back-end."""
    with hq.store.read() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def read(hq, what, *args, **kwargs):
    """``what(conn, *args, **kwargs)`` on a connection of *hq*'s (``list_offices``,
    ``consolidate``…)."""
    with hq.store.read() as conn:
        return what(conn, *args, **kwargs)


def snapshot(hq) -> tuple[dict, list]:
    """Every table but the import log, and every file in the photo store."""
    with hq.store.read() as conn:
        data = {t.name: sorted(map(repr, conn.execute(sa.select(t))))
                for t in metadata.sorted_tables if t is not import_log}
    files = sorted(str(p.relative_to(hq.folder.photos)) for p in hq.folder.photos.rglob("*"))
    return data, files


def log_rows(hq) -> list[dict]:
    with hq.store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(import_log)
                                                       .order_by(import_log.c.id))]


def fail_accepted_log_rows(hq, on: bool) -> None:
    """Make every 'accepted' import_log row fail ('disk trouble') — a failure inside the import's
    transaction, after everything else was written — or stop doing so."""
    with hq.store.write() as conn:
        if hq.store.is_postgresql:
            if on:
                conn.execute(sa.text(
                    "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.result = 'accepted' "
                    "THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END $$ "
                    "LANGUAGE plpgsql"))
                conn.execute(sa.text("CREATE TRIGGER boom BEFORE INSERT ON import_log FOR EACH ROW "
                                     "EXECUTE FUNCTION boom()"))
            else:
                conn.execute(sa.text("DROP TRIGGER boom ON import_log"))
                conn.execute(sa.text("DROP FUNCTION boom()"))
        elif on:
            conn.execute(sa.text("CREATE TRIGGER boom BEFORE INSERT ON import_log WHEN "
                                 "NEW.result = 'accepted' BEGIN SELECT RAISE(ABORT, "
                                 "'disk trouble'); END"))
        else:
            conn.execute(sa.text("DROP TRIGGER boom"))


def assert_rejected(hq, path: Path, reason: str, **kwargs):
    """Import *path*: rejected with *reason* in its reason, nothing written but one log row."""
    before, logged = snapshot(hq), len(log_rows(hq))
    outcome = import_bundle(hq, path, **kwargs)
    assert outcome.status == REJECTED, outcome
    assert not outcome.accepted
    assert reason in outcome.reason, outcome.reason
    assert "\n" not in outcome.reason
    assert snapshot(hq) == before
    rows = log_rows(hq)
    assert len(rows) == logged + 1
    assert rows[-1]["result"] == "rejected" and rows[-1]["reason"] == outcome.reason
    assert rows[-1]["bundle_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    return outcome


@pytest.fixture(scope="session")
def hqkit():
    return SimpleNamespace(
        rebuild=rebuild, read_members=read_members, write_raw_zip=write_raw_zip,
        flip_byte=flip_byte, patch_declared_size=patch_declared_size,
        edit_workbook=edit_workbook, edit_part=edit_part, sheet_part=sheet_part,
        snapshot=snapshot, log_rows=log_rows, assert_rejected=assert_rejected, rows=rows, read=read,
        new_hq=new_hq, fail_accepted_log_rows=fail_accepted_log_rows,
        make_jpeg=make_jpeg, new_office=new_office, custom_template=custom_template,
        EXPORTED_AT=EXPORTED_AT)
