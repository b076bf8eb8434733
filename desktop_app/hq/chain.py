"""The import's rules that read what headquarters holds: the seq and hash chain of an office's
bundles (steps 6-7 of ``hq.importer``), and why a bundle's key is refused.

Both run twice in an import: once early on any connection (to refuse an older bundle
before its workbook is read), and again inside the write transaction after the office's
row is locked, where another import or a key change may have committed meanwhile.
"""

from __future__ import annotations

from sqlalchemy import Connection

from desktop_app.bundle.manifest import Manifest
from desktop_app.errors import BundleError
from desktop_app.hq import registry
from desktop_app.hq.store import imports


def chain_flags(conn: Connection, m: Manifest) -> list[str]:
    """Steps 6-7 against the last accepted bundle: the flags, or BundleError (older, fork)."""
    last = imports.last_accepted(conn, m.office_code, m.campaign_id)
    previous = m.previous_manifest_sha256
    if last is None:
        if m.seq > 1 or previous is not None:
            return [f"gap: the first bundle received is seq {m.seq}"
                    + (f" ({_seqs(1, m.seq - 1)} never arrived)" if m.seq > 1 else "")]
        return []
    last_seq, last_hash = last
    if m.seq == last_seq:
        raise BundleError(f"fork: seq {m.seq} was already accepted with different contents "
                          f"(manifest {last_hash[:12]}…); was the office's data restored "
                          "from a backup?")
    if m.seq < last_seq:
        raise BundleError(f"older than the last accepted bundle (seq {last_seq}); "
                          "nothing changed")
    if previous == last_hash:
        return [f"gap: seq jumps from {last_seq} to {m.seq}"] if m.seq != last_seq + 1 else []
    if previous is not None:
        branch = imports.seq_of(conn, previous, m.office_code, m.campaign_id)
        if branch is not None:
            raise BundleError(f"fork: it follows seq {branch}, but seq {last_seq} was "
                              f"accepted after that; was the office's data restored from "
                              "a backup?")
    if m.seq > last_seq + 1:
        return [f"gap: {_seqs(last_seq + 1, m.seq - 1)} never arrived"]
    return [f"gap: the chain is broken (seq {m.seq} does not follow the accepted seq "
            f"{last_seq})"]


def no_key(conn: Connection, office: str) -> str:
    history = registry.keys_of(conn, office)
    if not history:
        return (f"office {office} is not registered at headquarters (register its public key "
                "with `fielddesk hq register`)")
    last = history[-1]
    return (f"office {office}'s key was revoked on {_day(last.revoked_at)} "
            f"({last.retired_reason}): its bundles are refused until a new key is registered")


def _retired(conn: Connection, office: str, fingerprint: str) -> str | None:
    key = registry.key_by_fingerprint(conn, fingerprint)
    if key is None or key.office_code != office or key.status == registry.ACTIVE:
        return None
    return (f"signed with office {office}'s {key.status} key ({fingerprint[:19]}…, "
            f"{key.status} on {_day(key.retired_at)}): bundles signed by it are refused")


def wrong_key(conn: Connection, office: str, named: str, registered: str,
               exc: BundleError) -> str:
    """The signature does not match the registered key: say which key it was made with."""
    retired = _retired(conn, office, named)  # *named* is unverified: for the message only
    if retired is not None:
        return retired
    if registry.key_by_fingerprint(conn, named) is None and named != registered:
        return (f"{exc} (the bundle names key {named[:19]}…, which headquarters does not "
                "know; if the office replaced its key, register the new one with "
                "`fielddesk hq register --replace --reason`)")
    return one_line(exc)


def key_changed(conn: Connection, office: str, fingerprint: str) -> str:
    """The key that verified the bundle was replaced or revoked while it was checked."""
    return _retired(conn, office, fingerprint) or no_key(conn, office)


def _seqs(first: int, last: int) -> str:
    return f"seq {first}" if first == last else f"seq {first} to {last}"


def _day(timestamp: str | None) -> str:
    return timestamp[:10] if timestamp else "an unknown date"


def one_line(exc: BaseException) -> str:
    """*exc* in one line; a database error by its driver's message alone (no SQL)."""
    orig = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError
    text = str(orig if isinstance(orig, BaseException) else exc)
    return " ".join(text.split()) or type(exc).__name__
