"""What the receiver needs from headquarters, as four callables (tests inject their own).

``hq_backend(hq)`` wires them to the real ``desktop_app.hq`` package: the database the
receiver keeps its own state in (``hq.store``), the key registry (only an office's
**active** key counts: a replaced or revoked key gives None), the same ``import_bundle``
that ``hq import`` runs (no second copy of its checks), an import worker's loop
(PostgreSQL), the office listing, the consolidated workbook (``hq report``'s
``write_report``) and the staff accounts who may sign in (``hq.staff``). Every call takes
a connection of its own from the store.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.hq import registry, staff
from desktop_app.hq.importer import import_bundle as run_import
from desktop_app.hq.report import write_report
from desktop_app.hq.store import Store, jobs
from desktop_app.hq.worker import run


@dataclass(frozen=True)
class StaffDirectory:
    """The staff accounts, read-only (``hq.staff``; written by ``hq user``)."""

    find: Callable[[str], Any]  # name -> hq.staff.StaffAccount | None
    active_count: Callable[[], int]


@dataclass(frozen=True)
class ReceiverBackend:
    store: Store  # headquarters' database: the receiver keeps its state there too
    public_key_for: Callable[[str], Ed25519PublicKey | None]
    # import_bundle(path, **kwargs) -> ImportOutcome: hq import's, run by this receiver's
    # import thread (SQLite) or its import workers (PostgreSQL)
    import_bundle: Callable[..., Any]
    offices: Callable[[], list[Any]]  # -> registry.OfficeListing-like rows
    build_workbook: Callable[[Path], Any] | None = None  # writes the consolidated .xlsx
    hq_keys_dir: Path | None = None  # where hq.key lives (receipts)
    staff: StaffDirectory | None = None  # None: no accounts (pages open on this machine only)
    # run_worker(stop, hq key, import_bundle): one import worker until *stop* (PostgreSQL)
    run_worker: Callable[[threading.Event, Any, Callable[..., Any]], None] | None = None
    pending_imports: Callable[[], int] | None = None  # bundles waiting in the import queue
    hq: Any = None  # the open headquarters (hq.HQ): the dashboard's pages; None: not shown


def hq_backend(hq: Any, *, stale_days: int = 7) -> ReceiverBackend:
    """The backend over an open ``HQ`` (``desktop_app.hq.open_hq``)."""

    store = hq.store

    def public_key_for(office_code: str) -> Ed25519PublicKey | None:
        with store.read() as conn:
            key = registry.active_key(conn, office_code)
        return key.public_key if key is not None else None

    def import_bundle(path: Path, **kwargs: Any) -> Any:
        return run_import(hq, path, **kwargs)

    def offices() -> list[Any]:
        with store.read() as conn:
            return registry.list_offices(conn)

    def build_workbook(out: Path) -> Any:

        return write_report(hq, out, stale_days=stale_days)

    def find_user(name: str) -> Any:
        with store.read() as conn:
            return staff.find_user(conn, name)

    def active_count() -> int:
        with store.read() as conn:
            return staff.active_count(conn)

    def pending_imports() -> int:
        with store.read() as conn:
            return jobs.pending(conn)

    backend = ReceiverBackend(
        store=store, public_key_for=public_key_for, import_bundle=import_bundle,
        offices=offices, build_workbook=build_workbook, hq_keys_dir=hq.folder.keys,
        staff=StaffDirectory(find=find_user, active_count=active_count),
        pending_imports=pending_imports if store.is_postgresql else None, hq=hq)

    def run_worker(stop: threading.Event, hq_key: Any, importer: Callable[..., Any]) -> None:

        run(hq, stop, hq_key=hq_key, importer=importer)

    return dataclasses.replace(backend, run_worker=run_worker)
