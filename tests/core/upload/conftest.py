"""Fixtures for the upload tests: a real headquarters folder and receiver on 127.0.0.1, real
offices with exported bundles and registered keys, and a link that cuts and throttles.

``up`` bundles the helpers (the suite runs with ``--import-mode=importlib``: helpers live
behind a fixture). Every receiver and proxy listens on 127.0.0.1 only and is stopped at
the end of its test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import random
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from PIL import Image

from desktop_app.bundle.export import export_bundle
from desktop_app.demo import populate
from desktop_app.domain.choices import PhotoRole
from desktop_app.hq import open_hq
from desktop_app.hq.database import HQFolder
from desktop_app.hq.receipts import init_hq_key, load_hq_key
from desktop_app.hq.receiver.app import create_app
from desktop_app.hq.receiver.backend import hq_backend
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.testkit import FlakyLink, ServerThread, free_port
from desktop_app.hq.registry import register_key
from desktop_app.keys import signing
from desktop_app.keys.office_key import create_office_key
from desktop_app.storage.photos import PhotoRecord
from desktop_app.storage.store import open_folder
from desktop_app.upload.backoff import RetryPolicy
from desktop_app.upload.remote import set_remote
from desktop_app.upload_protocol import signed_request_headers

# The production policy, as a clerk's `fielddesk upload` runs it: the tests stay fast by
# sending small bundles over a loopback link, never by trying harder or waiting less.
POLICY = RetryPolicy()


def noise_jpeg(seed: int, size: tuple[int, int]) -> bytes:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def add_photos(opened, count: int, *, seed: int = 0, size: tuple[int, int] = (640, 480)) -> None:
    """*count* camera-sized photos (noise: they do not compress) on the first site."""
    store = opened.store
    site = store.sites.list(store.campaigns.current().id)[0]
    for i in range(count):
        data = noise_jpeg(seed * 1000 + i, size)
        sha = hashlib.sha256(data).hexdigest()
        (opened.folder.photos / f"{sha}.jpg").write_bytes(data)
        store.photos.add(PhotoRecord(sha256=sha, width=size[0], height=size[1], bytes=len(data),
                                     original_name=f"IMG_{i:04d}.jpg", original_bytes=len(data),
                                     dhash="0" * 16))
        store.photos.link(sha, "site", site.id, PhotoRole.BEFORE if i % 2 else PhotoRole.AFTER)


def stalled_patch(port: int, office, upload_url: str, body: bytes, declared: int) -> socket.socket:
    """A PATCH that sends its headers and *body*, then goes silent (a dead 2G link)."""
    upload_id = upload_url.rsplit("/", 1)[1]
    headers = signed_request_headers(signing.load_private_key(office.folder.keys), "PATCH",
                                     office.store.office.get().code, upload_id, 0, declared)
    lines = [f"PATCH /files/{upload_id} HTTP/1.1", f"Host: 127.0.0.1:{port}",
             "Tus-Resumable: 1.0.0", "Upload-Offset: 0", f"Content-Length: {declared}",
             "Content-Type: application/offset+octet-stream"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body)
    return sock


class HQSite:
    """A headquarters folder with its receipt key; ``serve()`` starts a receiver on it."""

    def __init__(self, root: Path, db: str | None = None):
        self.root = root
        if db:  # as `hq init --db` leaves it: any open_hq(root) finds the database
            HQFolder(root).ensure().write_settings({"database": db})
        self.hq = open_hq(root)
        init_hq_key(self.hq.folder.keys)
        self.hq_key = load_hq_key(self.hq.folder.keys)
        self.public_pem = signing.public_pem_path(self.hq.folder.keys, "hq")
        self.servers: list[ServerThread] = []

    def config(self, **overrides) -> ReceiverConfig:
        base = dict(root=self.root, body_idle_timeout_seconds=5.0, lock_timeout_seconds=5.0,
                    finalize_wait_seconds=15.0, cleanup_interval_seconds=3600.0)
        base.update(overrides)
        return ReceiverConfig(**base)

    def serve(self, *, backend=None, **overrides) -> SimpleNamespace:
        app = create_app(self.config(**overrides), backend or hq_backend(self.hq), self.hq_key)
        server = ServerThread(app).start()
        self.servers.append(server)
        return SimpleNamespace(server=server, app=app, rx=app.state.receiver, url=server.url)

    def register(self, office) -> None:
        pem = signing.public_pem_path(office.folder.keys).read_bytes()
        register_key(self.hq, pem, office.store.office.get().code)

    def rows(self, sql: str, **params) -> list[tuple]:
        """The rows of *sql* (``:name`` parameters) on headquarters' database."""
        with self.hq.store.read() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql), params)]

    def import_log(self, bundle_sha256: str) -> list[tuple]:
        return self.rows("SELECT result, reason FROM import_log WHERE bundle_sha256 = :sha",
                         sha=bundle_sha256)

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.hq.close()


@pytest.fixture
def hq_site(tmp_path, hq_db):
    """A headquarters folder with its receipt key, on each back-end (PostgreSQL: its receiver
    imports with one in-process import worker, as `hq serve` does)."""
    site = HQSite(tmp_path / "hq", hq_db)
    yield site
    site.close()


@pytest.fixture
def make_office(tmp_path, hq_site, today):
    """``make_office(code, photos=0, register=True, url=None)`` → an open office folder with
    one exported bundle, its key registered at HQ and (with *url*) its remote set."""
    opened_folders = []

    def make(code: str = "MH-PUNE-01", *, photos: int = 0, photo_size=(640, 480),
             register: bool = True, url: str | None = None, seed: int = 1):
        folder = open_folder(tmp_path / f"office-{code}", today=lambda: today)
        opened_folders.append(folder)
        populate(folder)
        office = folder.store.office.get()
        folder.store.office.save(dataclasses.replace(office, code=code))
        create_office_key(folder, reason="tests")
        if photos:
            add_photos(folder, photos, seed=seed, size=photo_size)
        export_bundle(folder)
        if register:
            hq_site.register(folder)
        if url:
            set_remote(folder, url, hq_site.public_pem)
        return folder

    yield make
    for folder in opened_folders:
        try:
            folder.close()
        except Exception:
            pass


@pytest.fixture
def links():
    """``links(target_port, cut_every=..., rate=...)`` → a started FlakyLink, stopped after."""
    started = []

    def make(target_port: int, **kwargs) -> FlakyLink:
        link = FlakyLink(target_port, **kwargs).start()
        started.append(link)
        return link

    yield make
    for link in started:
        link.stop()


@pytest.fixture
def up() -> SimpleNamespace:
    return SimpleNamespace(POLICY=POLICY, add_photos=add_photos, noise_jpeg=noise_jpeg,
                           free_port=free_port, stalled_patch=stalled_patch)
