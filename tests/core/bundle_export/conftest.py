"""Fixtures for the export tests: the demo office with its key and a few real photos, and
``bx``: helpers to add photos, export, and read a bundle's workbook back.

(The suite runs with ``--import-mode=importlib``: helpers live behind a fixture.)
"""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from desktop_app.domain.choices import PhotoRole
from desktop_app.keys import signing
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.photos import PhotoRecord

NOW = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)


def make_jpeg(seed: int, size: tuple[int, int] = (96, 72)) -> bytes:
    """A small real JPEG, different for every seed (noise does not compress away)."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def add_photo(opened, seed: int, kind: str, target_id: str, role: PhotoRole,
              *, size: tuple[int, int] = (96, 72), caption: str = "") -> str:
    """Store a JPEG as the photo store does (photos/<sha256>.jpg), record and link it."""
    data = make_jpeg(seed, size)
    sha = hashlib.sha256(data).hexdigest()
    (opened.folder.photos / f"{sha}.jpg").write_bytes(data)
    opened.store.photos.add(PhotoRecord(
        sha256=sha, width=size[0], height=size[1], bytes=len(data),
        original_name=f"IMG_{seed:04d}.jpg", original_bytes=len(data) * 3, dhash="0" * 16,
        taken_at=f"2026-10-{5 + seed % 20:02d}T10:15:00+05:30" if seed % 3 else None,
        latitude=18.5308 + seed / 10000 if seed % 2 else None,
        longitude=73.8475 + seed / 10000 if seed % 2 else None, caption=caption))
    opened.store.photos.link(sha, kind, target_id, role)
    return sha


def export(opened, **kwargs):
    from desktop_app.bundle.export import export_bundle

    kwargs.setdefault("now", NOW)
    return export_bundle(opened, **kwargs)


def public_key(opened):
    return signing.load_private_key(opened.folder.keys).public_key()


def read_member(bundle: Path, name: str) -> bytes:
    with zipfile.ZipFile(bundle) as zf:
        return zf.read(name)


def workbook(bundle: Path, tmp_path: Path):
    """report.xlsx of a bundle, opened read-only with openpyxl (values, number formats)."""
    import openpyxl

    path = tmp_path / f"report-{bundle.stem}.xlsx"
    path.write_bytes(read_member(bundle, "report.xlsx"))
    return openpyxl.load_workbook(path, read_only=True)


def sheet_rows(wb, name: str) -> list[tuple]:
    return [tuple(row) for row in wb[name].iter_rows(values_only=True)]


@pytest.fixture
def bx() -> SimpleNamespace:
    return SimpleNamespace(NOW=NOW, make_jpeg=make_jpeg, add_photo=add_photo, export=export,
                           public_key=public_key, read_member=read_member, workbook=workbook,
                           sheet_rows=sheet_rows)


@pytest.fixture
def office(demo):
    """The demo office (records), its signing key, and four photos on a site, an event, scrap."""
    create_office_key(demo, reason="tests")
    store = demo.store
    cid = store.campaigns.current().id
    site = store.sites.list(cid)[0]
    event = store.events.list(cid)[0]
    scrap = store.scrap.list(cid)[0]
    add_photo(demo, 1, "site", site.id, PhotoRole.BEFORE, caption="Record room before")
    add_photo(demo, 2, "site", site.id, PhotoRole.AFTER, caption="रिकॉर्ड रूम के बाद ✨")
    add_photo(demo, 3, "event", event.id, PhotoRole.EVENT)
    add_photo(demo, 4, "scrap", scrap.id, PhotoRole.SCRAP, caption="=cmd|' /C calc'!A0")
    return demo
