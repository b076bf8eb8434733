"""Fixtures shared by every test: a fresh data folder per test, a fixed 'today'."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A day inside the Special Campaign's implementation phase: tests never depend on the clock.
TODAY = date(2026, 11, 20)


@pytest.fixture
def today() -> date:
    return TODAY


class PCClock:
    """The app's one clock (``desktop_app.clock.now``), set by a test: ``pc_clock.at = moment``."""

    def __init__(self, monkeypatch, at: datetime):
        from desktop_app import clock

        self.at = at
        monkeypatch.setattr(clock, "now", lambda: self.at)


@pytest.fixture
def pc_clock(monkeypatch) -> PCClock:
    """The PC's clock, at 10:00 UTC on TODAY until the test moves it."""
    return PCClock(monkeypatch, datetime.combine(TODAY, time(10, 0), tzinfo=UTC))


@pytest.fixture
def opened(tmp_path: Path):
    """An open, empty data folder (lock held, database migrated)."""
    from desktop_app.storage.store import open_folder

    folder = open_folder(tmp_path / "office", today=lambda: TODAY)
    yield folder
    folder.close()


@pytest.fixture
def campaign(opened):
    """The Special Campaign template added to the open folder, with an office."""
    from desktop_app.domain.models import Office
    from desktop_app.domain.templates import load_template, templates_dir

    path = templates_dir() / "special-campaign-6.json"
    c = load_template(path)
    opened.store.office.save(Office("DL-042", "Regional Office, Delhi"))
    opened.store.campaigns.add(c, json.loads(path.read_text(encoding="utf-8")))
    return c


@pytest.fixture
def demo(tmp_path: Path):
    """An open data folder holding the demo office (records only: fast)."""
    from desktop_app.demo import populate
    from desktop_app.storage.store import open_folder

    folder = open_folder(tmp_path / "demo", today=lambda: TODAY)
    populate(folder)
    yield folder
    folder.close()


class _FillingDisk:
    """A disk under one folder that holds *capacity* more bytes, then answers ENOSPC."""

    def __init__(self, folder: Path, capacity: int):
        self.folder, self.capacity, self.used, self.refused = Path(folder).resolve(), capacity, 0, 0

    def holds(self, file: object) -> bool:
        try:
            return Path(os.fspath(file)).resolve().is_relative_to(self.folder)
        except TypeError:  # a file descriptor
            return False


class _FillingFile:
    """A file on a ``_FillingDisk``: writes count against its capacity, as the OS would."""

    def __init__(self, handle, disk: _FillingDisk):
        self._handle, self._disk = handle, disk

    def write(self, data):
        size = memoryview(data).nbytes if not isinstance(data, str) else len(data.encode("utf-8"))
        if self._disk.used + size > self._disk.capacity:
            room = max(0, self._disk.capacity - self._disk.used)
            if room and not isinstance(data, str):
                self._handle.write(memoryview(data)[:room])  # the OS writes what fits, then refuses
            self._disk.used += room
            self._disk.refused += 1
            import errno

            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), getattr(self._handle, "name", None))
        self._disk.used += size
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


@pytest.fixture
def full_disk(monkeypatch):
    """``full_disk(folder, capacity=0)``: from now on, files opened for writing under *folder*
    (by this process, any thread) take *capacity* bytes in all, then every write raises a real
    ``OSError(ENOSPC)``. Returns the disk (``used``, ``refused``)."""
    import builtins
    import io

    real_open = io.open

    def make(folder: Path, capacity: int = 0) -> _FillingDisk:
        disk = _FillingDisk(folder, capacity)

        def filling_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            if any(c in mode for c in "wax+") and disk.holds(file):
                return _FillingFile(handle, disk)
            return handle

        monkeypatch.setattr(builtins, "open", filling_open)
        monkeypatch.setattr(io, "open", filling_open)
        return disk

    return make


# --- headquarters' database: SQLite, or a real PostgreSQL server of the test session's own -----

PG_TEMPLATE = "hq_template"


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL cluster (initdb + pg_ctl, fsync off) for this test process —
    each pytest-xdist worker starts its own — with a template database at the current schema."""
    from desktop_app.hq.store import open_store, parse_url
    from desktop_app.hq.store.testkit import PgCluster

    cluster = PgCluster().start()
    try:
        cluster.create_database(PG_TEMPLATE)
        open_store(parse_url(cluster.url(PG_TEMPLATE)), upgrade=True).close()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh database with the current schema (a copy of the template), dropped after."""
    import uuid

    name = f"t_{uuid.uuid4().hex[:16]}"
    url = pg_cluster.create_database(name, template=PG_TEMPLATE)
    yield url
    pg_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def hq_db(request):
    """Headquarters' back-end, for every test that takes it: None (SQLite in the folder, the
    default) or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_url")


@pytest.fixture
def another_hq_db(request, hq_db):
    """``another_hq_db()``: one more fresh database of the same back-end as ``hq_db`` (a second
    headquarters in one test): None with SQLite, a new PostgreSQL database's URL otherwise."""
    if hq_db is None:
        yield lambda: None
        return
    import uuid

    cluster = request.getfixturevalue("pg_cluster")
    made: list[str] = []

    def make() -> str:
        made.append(f"t_{uuid.uuid4().hex[:16]}")
        return cluster.create_database(made[-1], template=PG_TEMPLATE)

    yield make
    for name in made:
        cluster.drop_database(name)
