"""Headquarters staff accounts: who may see every office's data in the browser.

The status page and ``/report.xlsx`` (and the dashboard) show every
office's figures. Staff sign in with a name and password; an account is a **viewer**
(looks) or an **admin** (also, later, changes keys and imports from the browser). Kept
in headquarters' database (``staff_user``, with a ``staff_event`` row for every change), written by
``fielddesk hq user …``; the receiver only reads them (its sessions and failed sign-ins
are ``receiver.sessions``'s).

Passwords are hashed with argon2-cffi's argon2id at OWASP's minimum parameters (19 MiB,
2 passes, 1 lane: about 50 ms and 19 MiB a check on this 2-core machine), so a sign-in
storm cannot take the receiver's memory; a hash made with other parameters still checks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection

from desktop_app.errors import FieldDeskError, NotFoundError
from desktop_app.hq.database import HQ, utcnow
from desktop_app.hq.store import staff as stored

VIEWER, ADMIN = "viewer", "admin"
ROLES = (VIEWER, ADMIN)
MIN_PASSWORD = 10
MAX_PASSWORD = 256
NAME_RE = re.compile(r"[a-z][a-z0-9._-]{1,31}")


@dataclass(frozen=True)
class StaffAccount:
    name: str
    role: str
    disabled: bool
    created_at: str
    updated_at: str
    password_hash: str = field(repr=False)

    def may(self, role: str) -> bool:
        """True if this account may do what *role* may (an admin may do what a viewer may)."""
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)


@cache
def _hasher() -> Any:

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    return _hasher().hash("not anybody's password")


def check_password(account: StaffAccount | None, password: str) -> bool:
    """True if *password* is *account*'s. An unknown account costs the same time (a hash
    is still checked), so the answer does not tell which names exist."""

    try:
        _hasher().verify(account.password_hash if account else _dummy_hash(),
                         password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return False
    return account is not None


def check_name(name: str) -> str:
    if not NAME_RE.fullmatch(name):
        raise FieldDeskError(f"{name!r}: a staff name is 2 to 32 small letters, digits, dots, "
                             "hyphens or underscores, starting with a letter (e.g. a.sharma)")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise FieldDeskError(f"role {role!r}: choose viewer or admin")
    return role


def _check_new_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise FieldDeskError(f"the password is too short: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise FieldDeskError(f"the password is too long: at most {MAX_PASSWORD} characters")
    if name in password.lower():
        raise FieldDeskError("the password must not contain the name")


def _account(row: dict[str, Any]) -> StaffAccount:
    return StaffAccount(row["name"], row["role"], bool(row["disabled"]), row["created_at"],
                        row["updated_at"], row["password_hash"])


def find_user(conn: Connection, name: str) -> StaffAccount | None:
    row = stored.find(conn, name)
    return _account(row) if row else None


def list_users(conn: Connection) -> list[StaffAccount]:
    return [_account(r) for r in stored.every(conn)]


def active_count(conn: Connection) -> int:
    """How many accounts may sign in (none: the pages stay closed off this machine)."""
    return stored.active_count(conn)


@contextmanager
def _change(hq: HQ, name: str, action: str, detail: str = "") -> Iterator[Connection]:
    """One change of an account and its ``staff_event`` row, in one transaction."""
    with hq.store.write() as conn:
        yield conn
        stored.log(conn, name=name, action=action, detail=detail, now=utcnow())


def _existing(hq: HQ, name: str) -> StaffAccount:
    with hq.store.read() as conn:
        account = find_user(conn, name)
    if account is None:
        raise NotFoundError(f"no staff account {name!r} (fielddesk hq user list)")
    return account


def add_user(hq: HQ, name: str, role: str, password: str) -> StaffAccount:
    check_name(name)
    _check_role(role)
    _check_new_password(name, password)
    with hq.store.read() as conn:
        if find_user(conn, name) is not None:
            raise FieldDeskError(f"staff account {name!r} exists already (hq user passwd, "
                                 "disable or remove it)")
    with _change(hq, name, "add", role) as conn:
        stored.add(conn, name=name, role=role, password_hash=_hasher().hash(password),
                   now=utcnow())
    return _existing(hq, name)


def set_password(hq: HQ, name: str, password: str) -> None:
    """A new password; sessions signed in with the old one end (``session_tag``)."""
    _existing(hq, name)
    _check_new_password(name, password)
    with _change(hq, name, "passwd") as conn:
        stored.change(conn, name, utcnow(), password_hash=_hasher().hash(password))


def set_disabled(hq: HQ, name: str, disabled: bool) -> None:
    """Disable (every session of the account ends at its next request) or enable again."""
    _existing(hq, name)
    with _change(hq, name, "disable" if disabled else "enable") as conn:
        stored.change(conn, name, utcnow(), disabled=int(disabled))


def remove_user(hq: HQ, name: str) -> None:
    _existing(hq, name)
    with _change(hq, name, "remove") as conn:
        stored.remove(conn, name)


def session_tag(account: StaffAccount) -> str:
    """Changes when the password does: a session remembers it, so a new password (or a
    removed and re-added account) ends the sessions signed in before."""

    return hashlib.sha256(f"{account.name}\0{account.password_hash}".encode()).hexdigest()[:32]
