"""What an admin does from the browser, through the command line's own functions, and a
``staff_event`` row saying who did it (``hq.staff`` keeps the same log for accounts).

Each action runs the core function (``registry.register_key``, ``revoke_key``,
``queue.import_files`` — the very checks of ``hq register``, ``hq revoke``, ``hq import``)
and records ``(who, action, "OFFICE detail")``; the office page lists them. A key's change
and its record are one transaction: both are written or neither. An import commits in its
own transactions (on PostgreSQL through the queue, perhaps by a worker), so its record is
written after its verdict. A refused action raises the core's one-line ``FieldDeskError``
and records nothing.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.errors import FieldDeskError
from desktop_app.hq import registry
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.outcome import ImportOutcome
from desktop_app.hq.queue import import_files
from desktop_app.hq.store import dashboard as q
from desktop_app.hq.store import staff as stored

MAX_PLACE = 64


def _audit(hq: HQ, who: str, action: str, detail: str) -> None:
    with hq.store.write() as conn:
        stored.log(conn, name=who, action=action, detail=detail, now=utcnow())


def register_key(hq: HQ, who: str, pem: bytes, office_code: str, *, replace: bool = False,
                 reason: str = "") -> registry.Registration:
    """``hq register OFFICE.pub.pem --office CODE [--replace --reason TEXT]``, by *who*."""
    with hq.store.write() as conn:
        done = registry.register_key_on(conn, pem, office_code, replace=replace, reason=reason,
                                        source="the pasted public key")
        if not done.already:
            action = "key replace" if done.replaced else "key register"
            stored.log(conn, name=who, action=action, now=utcnow(),
                       detail=f"{office_code} {done.fingerprint[:19]} {reason}".strip())
    return done


def revoke_key(hq: HQ, who: str, office_code: str, *, reason: str) -> str:
    """``hq revoke --office CODE --reason TEXT``, by *who*."""
    with hq.store.write() as conn:
        fingerprint = registry.revoke_key_on(conn, office_code, reason=reason)
        stored.log(conn, name=who, action="key revoke", now=utcnow(),
                   detail=f"{office_code} {fingerprint[:19]} {reason.strip()}")
    return fingerprint


def import_bundle(hq: HQ, who: str, path: Path) -> ImportOutcome:
    """``hq import FILE``, by *who* (a bundle sent from the browser, kept in the inbox)."""
    result = next(import_files(hq, [path], source="browser"))
    if result.outcome is None:
        raise FieldDeskError(result.error or "the import failed; it will be retried")
    outcome = result.outcome
    _audit(hq, who, "import", f"{outcome.office_code or '-'} {outcome.status} {path.name} "
           f"{outcome.reason}".strip())
    return outcome


def set_place(hq: HQ, who: str, office_code: str, state: str, district: str) -> None:
    """Where an office is (bundles do not say): the offices table filters by it."""
    state, district = " ".join(state.split())[:MAX_PLACE], " ".join(district.split())[:MAX_PLACE]
    with hq.store.write() as conn:
        if q.office_row(conn, office_code) is None:
            raise FieldDeskError(f"office {office_code} is not registered")
        q.set_place(conn, office_code, state, district, utcnow())
        stored.log(conn, name=who, action="place", detail=f"{office_code} {state} / {district}",
                   now=utcnow())
