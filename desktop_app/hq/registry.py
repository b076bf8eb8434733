"""The registry of office public keys: who may send bundles, and with which key.

An office hands its ``OFFICE.pub.pem`` over out of band and reads the fingerprint back
over the phone; ``register_key`` records it as the office's **active** key. Each office
has at most one active key, and a key belongs to one office only (otherwise one office
could sign for another). Replacing a key needs a reason; the old key stays on record as
*replaced*, revoking one leaves the office without an active key; in both cases bundles
signed with the old key are refused from then on. Every change is a ``key_event`` row
with its reason, written in the same transaction, which first locks the office's row
(``store.keys.lock_office``) — the row every import of that office locks before it
writes, and checks the key again under: no bundle verified with a key that was revoked
meanwhile is accepted. Reads take any connection (``hq.store.read()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection

from desktop_app.domain.models import Office
from desktop_app.domain.validation import validate_office
from desktop_app.errors import FieldDeskError, NotFoundError
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.store import keys
from desktop_app.hq.store.keys import ACTIVE, REPLACED, REVOKED
from desktop_app.keys.signing import fingerprint, load_public_key_pem, public_key_pem


@dataclass(frozen=True)
class RegisteredKey:
    """One key on record for an office."""

    fingerprint: str
    office_code: str
    public_pem: str
    status: str
    registered_at: str
    reason: str
    replaced_at: str | None
    revoked_at: str | None
    retired_reason: str

    @property
    def public_key(self) -> Ed25519PublicKey:
        return load_public_key_pem(self.public_pem.encode("ascii"),
                                   source=f"registered key of {self.office_code}")

    @property
    def retired_at(self) -> str | None:
        return self.revoked_at or self.replaced_at


@dataclass(frozen=True)
class Registration:
    """What ``register_key`` did."""

    office_code: str
    fingerprint: str
    replaced: str | None = None  # the fingerprint of the key it replaced
    already: bool = False  # the same key was already the office's active key: nothing changed


@dataclass(frozen=True)
class OfficeCampaignStatus:
    campaign_id: str
    seq: int
    bundle_created_at: str
    imported_at: str
    flags: str
    template_sha256: str = ""  # which version of the campaign the bundle reports against


@dataclass(frozen=True)
class OfficeListing:
    """One line of ``hq offices``."""

    code: str
    name: str
    fingerprint: str | None  # the active key; None when revoked
    key_status: str  # active | revoked
    registered_at: str
    campaigns: tuple[OfficeCampaignStatus, ...]

    @property
    def last(self) -> OfficeCampaignStatus | None:
        """The most recently made accepted bundle, over all campaigns."""
        return max(self.campaigns, key=lambda c: c.bundle_created_at, default=None)


def check_office_code(code: str) -> str:
    """The office code rule of the office app (2 to 20 capitals, digits or hyphens)."""
    errors = validate_office(Office(code=code, name="x"))
    if "code" in errors:
        raise FieldDeskError(f"office code {code!r}: {errors['code']}")
    return code


def register_key(hq: HQ, pem: bytes, office_code: str, *, replace: bool = False,
                 reason: str = "", source: str = "public key") -> Registration:
    """Register *pem* (an Ed25519 SubjectPublicKeyInfo PEM) as *office_code*'s active key."""
    with hq.store.write() as conn:
        return register_key_on(conn, pem, office_code, replace=replace, reason=reason,
                               source=source)


def register_key_on(conn: Connection, pem: bytes, office_code: str, *, replace: bool = False,
                    reason: str = "", source: str = "public key") -> Registration:
    """``register_key`` in the caller's write transaction (the dashboard writes who did it
    in the same one)."""
    check_office_code(office_code)
    key = load_public_key_pem(pem, source=source)
    fp = fingerprint(key)
    reason = reason.strip()
    exists = keys.lock_office(conn, office_code)
    known = key_by_fingerprint(conn, fp)
    if known is not None:
        if known.office_code != office_code:
            raise FieldDeskError(f"this key ({fp[:19]}…) is already registered for office "
                                 f"{known.office_code}; every office needs its own key")
        if known.status == ACTIVE:
            return Registration(office_code, fp, already=True)
        raise FieldDeskError(f"this key ({fp[:19]}…) of office {office_code} was {known.status} "
                             f"on {known.retired_at}; a retired key is never registered again")
    history = keys_of(conn, office_code)
    active = next((k for k in history if k.status == ACTIVE), None)
    if history and not replace:
        what = (f"already has a registered key ({active.fingerprint[:19]}…)" if active
                else "had its key revoked")
        raise FieldDeskError(f"office {office_code} {what}; registering a new key needs "
                             "--replace --reason TEXT")
    if history and not reason:
        raise FieldDeskError("give a reason for replacing the office key (--reason TEXT)")
    now = utcnow()
    if not exists:
        keys.add_office(conn, office_code, now)
    if active is not None:
        keys.retire_key(conn, active.fingerprint, REPLACED, reason=reason, now=now)
    keys.add_key(conn, fingerprint=fp, office_code=office_code,
                 public_pem=public_key_pem(key).decode("ascii"), reason=reason, now=now)
    keys.add_key_event(conn, office_code=office_code, action="replace" if history
                       else "register", fingerprint=fp, reason=reason, now=now)
    return Registration(office_code, fp, replaced=active.fingerprint if active else None)


def revoke_key(hq: HQ, office_code: str, *, reason: str) -> str:
    """Revoke *office_code*'s active key (a lost or stolen PC); returns its fingerprint.

    From then on the office's bundles are refused until a new key is registered with
    ``register_key(..., replace=True, reason=...)``.
    """
    with hq.store.write() as conn:
        return revoke_key_on(conn, office_code, reason=reason)


def revoke_key_on(conn: Connection, office_code: str, *, reason: str) -> str:
    """``revoke_key`` in the caller's write transaction."""
    reason = reason.strip()
    if not reason:
        raise FieldDeskError("give a reason for revoking the office key (--reason TEXT)")
    if not keys.lock_office(conn, office_code):
        raise NotFoundError(f"office {office_code} is not registered")
    active = active_key(conn, office_code)
    if active is None:
        raise FieldDeskError(f"office {office_code} has no active key to revoke")
    now = utcnow()
    keys.retire_key(conn, active.fingerprint, REVOKED, reason=reason, now=now)
    keys.add_key_event(conn, office_code=office_code, action="revoke",
                       fingerprint=active.fingerprint, reason=reason, now=now)
    return active.fingerprint


# --- reads (any connection) -------------------------------------------------------------------


def key_by_fingerprint(conn: Connection, fp: str) -> RegisteredKey | None:
    row = keys.key_by_fingerprint(conn, fp)
    return RegisteredKey(**row) if row else None


def keys_of(conn: Connection, office_code: str) -> list[RegisteredKey]:
    """Every key on record for the office, oldest first."""
    return [RegisteredKey(**r) for r in keys.keys_of(conn, office_code)]


def active_key(conn: Connection, office_code: str) -> RegisteredKey | None:
    row = keys.active_key(conn, office_code)
    return RegisteredKey(**row) if row else None


def key_events(conn: Connection, office_code: str | None = None) -> list[dict[str, Any]]:
    return keys.key_events(conn, office_code)


def list_offices(conn: Connection) -> list[OfficeListing]:
    """Every registered office with its active key and latest accepted bundle per campaign."""
    campaigns: dict[str, list[OfficeCampaignStatus]] = {}
    for r in keys.latest_per_campaign(conn):
        campaigns.setdefault(r.pop("office_code"), []).append(OfficeCampaignStatus(**r))
    return [OfficeListing(code=r["code"], name=r["name"], fingerprint=r["fingerprint"],
                          key_status=ACTIVE if r["fingerprint"] else REVOKED,
                          registered_at=r["registered_at"],
                          campaigns=tuple(campaigns.get(r["code"], ())))
            for r in keys.offices_with_keys(conn)]
