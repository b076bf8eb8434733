"""What the receiver needs from headquarters, as four callables (tests inject their own).

``hq_backend(hq)`` wires them to the real ``desktop_app.hq`` package: the key registry
(only an office's **active** key counts: a replaced or revoked key gives None), the same
``import_bundle`` that ``hq import`` runs (no second copy of its checks), the office
listing, the consolidated workbook (``hq report``'s ``write_report``) and the staff
accounts who may sign in (``hq.staff``). Registry reads use one connection per thread
(``HQ.reader()``): the ``HQ`` connection itself belongs to the import lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


@dataclass(frozen=True)
class StaffDirectory:
    """The staff accounts, read-only (``hq.staff``; written by ``hq user``)."""

    find: Callable[[str], Any]  # name -> hq.staff.StaffAccount | None
    active_count: Callable[[], int]


@dataclass(frozen=True)
class ReceiverBackend:
    public_key_for: Callable[[str], Ed25519PublicKey | None]
    import_bundle: Callable[[Path], Any]  # -> outcome: accepted, reason, office_code, campaign_id, seq
    offices: Callable[[], list[Any]]  # -> registry.OfficeListing-like rows
    build_workbook: Callable[[Path], Any] | None = None  # writes the consolidated .xlsx
    hq_keys_dir: Path | None = None  # where hq.key lives (receipts)
    staff: StaffDirectory | None = None  # None: no accounts (pages open on this machine only)


def hq_backend(hq: Any, *, stale_days: int = 7) -> ReceiverBackend:
    """The backend over an open ``HQ`` (``desktop_app.hq.open_hq``)."""
    from desktop_app.hq import registry

    local = threading.local()

    def reader():
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = hq.reader()
        return conn

    def public_key_for(office_code: str) -> Ed25519PublicKey | None:
        key = registry.active_key(reader(), office_code)
        return key.public_key if key is not None else None

    def import_bundle(path: Path) -> Any:
        return hq.import_bundle(path, source="upload")

    def offices() -> list[Any]:
        return registry.list_offices(reader())

    def build_workbook(out: Path) -> Any:
        from desktop_app.hq.report import write_report  # the same as `hq report`

        conn = hq.reader()
        try:
            return write_report(conn, out, stale_days=stale_days)
        finally:
            conn.close()

    from desktop_app.hq import staff

    directory = StaffDirectory(find=lambda name: staff.find_user(reader(), name),
                               active_count=lambda: staff.active_count(reader()))
    return ReceiverBackend(public_key_for=public_key_for, import_bundle=import_bundle,
                           offices=offices, build_workbook=build_workbook,
                           hq_keys_dir=hq.folder.keys, staff=directory)
