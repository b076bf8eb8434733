"""Queries of the upload receiver: uploads and their committed offsets, nonces, receipts, the
upload log, counted refusals, staff sessions and failed sign-ins.

Nothing about an upload lives in a receiver's memory: every request reads its row, so any
``hq serve`` process on the same database can answer for any upload (an upload begun on
one resumes on another). An offset is written only after its bytes are fsynced. A nonce is
recorded with ``INSERT … ON CONFLICT DO NOTHING``: the one insert that wins across every
receiver is the one request accepted. The first receipt stored for a bundle is the only
one (a second completion changes nothing).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from desktop_app.hq.store.database import dialect_insert, insert_ignore
from desktop_app.hq.store.tables import (
    receipt,
    refusal,
    signin_failure,
    staff_session,
    upload,
    upload_event,
    upload_nonce,
)

OPEN = "open"  # receiving bytes
COMPLETE = "complete"  # every byte in; hash, import and receipt pending
QUEUED = "queued"  # every byte in and checked; waiting for an import worker (PostgreSQL)
FINISHED = "finished"  # receipt issued
FAILED = "failed"  # the bytes did not hash to the declared SHA-256: discarded
EXPIRED = "expired"
DELETED = "deleted"
LIVE = (OPEN, COMPLETE, QUEUED)


def add(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(insert(upload).values(**row))


def get(conn: Connection, upload_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(upload).where(upload.c.id == upload_id)).first()
    return dict(row._mapping) if row else None


def live(conn: Connection, office_code: str | None = None) -> list[dict[str, Any]]:
    """Uploads still arriving or waiting for their receipt (of one office, or all)."""
    query = select(upload).where(upload.c.status.in_(LIVE)).order_by(upload.c.created_at,
                                                                      upload.c.id)
    if office_code is not None:
        query = query.where(upload.c.office_code == office_code)
    return [dict(r._mapping) for r in conn.execute(query)]


def expired(conn: Connection, now: int) -> list[dict[str, Any]]:
    query = select(upload).where(upload.c.status == OPEN, upload.c.expires_at <= now)
    return [dict(r._mapping) for r in conn.execute(query)]


def commit_offset(conn: Connection, upload_id: str, offset: int, *, status: str,
                  expires_at: int, now: str, holder: str) -> bool:
    """Record *offset* — only while *holder* still holds the upload (False otherwise: it
    was taken over, and these bytes are not the upload's)."""
    result = conn.execute(update(upload).where(upload.c.id == upload_id,
                                               upload.c.holder == holder).values(
        offset=offset, status=status, updated_at=now, expires_at=expires_at))
    return result.rowcount == 1


# -- which receiver holds an upload (receiver/leases.py) -------------------------------------


def take(conn: Connection, upload_id: str, holder: str, now: int, until: int) -> bool:
    """Hold the upload for *holder* until *until*, if nobody else holds it (or their lease
    ran out); True when held."""
    free = (upload.c.holder == "") | (upload.c.held_until < now) | (upload.c.holder == holder)
    result = conn.execute(update(upload).where(upload.c.id == upload_id, free)
                          .values(holder=holder, held_until=until, takeover=0))
    return result.rowcount == 1


def held_elsewhere(conn: Connection, upload_id: str, holder: str, now: int) -> bool:
    row = conn.execute(select(upload.c.holder, upload.c.held_until)
                       .where(upload.c.id == upload_id)).first()
    return row is not None and row[0] not in ("", holder) and row[1] >= now


def ask_to_give_way(conn: Connection, upload_id: str, holder: str) -> None:
    conn.execute(update(upload).where(upload.c.id == upload_id, upload.c.holder != "",
                                      upload.c.holder != holder).values(takeover=1))


def let_go(conn: Connection, upload_id: str, holder: str) -> None:
    conn.execute(update(upload).where(upload.c.id == upload_id, upload.c.holder == holder)
                 .values(holder="", held_until=0, takeover=0))


def renew(conn: Connection, holder: str, upload_ids: list[str], until: int) -> set[str]:
    """Extend *holder*'s leases; returns the uploads another request asks it to give up."""
    if not upload_ids:
        return set()
    conn.execute(update(upload).where(upload.c.holder == holder, upload.c.id.in_(upload_ids))
                 .values(held_until=until))
    return asked_to_give_way(conn, holder, upload_ids)


def asked_to_give_way(conn: Connection, holder: str, upload_ids: list[str]) -> set[str]:
    return set(conn.execute(select(upload.c.id).where(
        upload.c.holder == holder, upload.c.id.in_(upload_ids), upload.c.takeover == 1))
        .scalars())


def move_status(conn: Connection, upload_id: str, old: str, new: str, now: str) -> bool:
    """*old* → *new*, only if the upload is still *old* (True): one winner among several."""
    result = conn.execute(update(upload).where(upload.c.id == upload_id, upload.c.status == old)
                          .values(status=new, updated_at=now))
    return result.rowcount == 1


def set_status(conn: Connection, upload_id: str, status: str, now: str) -> None:
    conn.execute(update(upload).where(upload.c.id == upload_id)
                 .values(status=status, updated_at=now))


def use_nonce(conn: Connection, office_code: str, nonce: str, now: int) -> bool:
    """Record the nonce; False when this office used it before (a replayed request)."""
    # RETURNING, not rowcount: SQLAlchemy does not count an INSERT's rows on psycopg.
    result = conn.execute(insert_ignore(conn, upload_nonce).values(
        office_code=office_code, nonce=nonce, seen_at=now).returning(upload_nonce.c.nonce))
    return result.first() is not None


def prune_nonces(conn: Connection, before: int) -> int:
    return conn.execute(delete(upload_nonce).where(upload_nonce.c.seen_at < before)).rowcount


def save_receipt(conn: Connection, *, bundle_sha256: str, office_code: str, accepted: bool,
                 reason: str, document: str, now: str) -> str:
    """Keep the first receipt for a bundle; returns the stored document."""
    conn.execute(insert_ignore(conn, receipt).values(
        bundle_sha256=bundle_sha256, office_code=office_code, accepted=int(accepted),
        reason=reason, document=document, issued_at=now))
    return find_receipt(conn, bundle_sha256)


def find_receipt(conn: Connection, bundle_sha256: str) -> str | None:
    return conn.execute(select(receipt.c.document)
                        .where(receipt.c.bundle_sha256 == bundle_sha256)).scalar()


def log_event(conn: Connection, kind: str, *, now: str, office_code: str = "",
              upload_id: str = "", bundle_sha256: str = "", detail: str = "") -> None:
    conn.execute(insert(upload_event).values(
        at=now, office_code=office_code, upload_id=upload_id, bundle_sha256=bundle_sha256,
        kind=kind, detail=detail[:500]))


def events(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    e = upload_event.c
    query = (select(e.at, e.office_code, e.upload_id, e.bundle_sha256, e.kind, e.detail)
             .order_by(e.id.desc()).limit(limit))
    return [dict(r._mapping) for r in conn.execute(query)]


# -- requests refused before an office was verified, counted (receiver/strangers.py) ----------

_REFUSAL_KEY = ["hour", "claimed_office", "what", "status", "kind"]


def add_refusal(conn: Connection, row: dict[str, Any]) -> None:
    """Add *row*'s count to its (hour, claimed office, what, status, kind)."""
    statement = dialect_insert(conn)(refusal).values(**row)
    statement = statement.on_conflict_do_update(index_elements=_REFUSAL_KEY, set_={
        "count": refusal.c["count"] + statement.excluded["count"],
        "last_at": statement.excluded.last_at, "example": statement.excluded.example})
    conn.execute(statement)


def refusals(conn: Connection, limit: int = 50) -> list[dict[str, Any]]:
    query = select(refusal).order_by(refusal.c.last_at.desc()).limit(limit)
    return [dict(r._mapping) for r in conn.execute(query)]


def prune_refusals(conn: Connection, before_hour: str) -> int:
    return conn.execute(delete(refusal).where(refusal.c.hour < before_hour)).rowcount


# -- staff sessions and failed sign-ins (receiver/sessions.py) ---------------------------------


def add_session(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(insert(staff_session).values(**row))


def find_session(conn: Connection, token_sha256: str) -> dict[str, Any] | None:
    row = conn.execute(select(staff_session).where(staff_session.c.token_sha256 ==
                                                   token_sha256)).first()
    return dict(row._mapping) if row else None


def set_flash(conn: Connection, token_sha256: str, kind: str, text: str) -> None:
    conn.execute(update(staff_session).where(staff_session.c.token_sha256 == token_sha256)
                 .values(flash=text, flash_kind=kind))


def clear_flash(conn: Connection, token_sha256: str, kind: str, text: str) -> None:
    """Clear the session's message if it is still *text* (not one a later form left)."""
    c = staff_session.c
    conn.execute(update(staff_session).where(c.token_sha256 == token_sha256, c.flash == text,
                                             c.flash_kind == kind).values(flash="", flash_kind=""))


def end_session(conn: Connection, token_sha256: str) -> None:
    conn.execute(delete(staff_session).where(staff_session.c.token_sha256 == token_sha256))


def failures(conn: Connection, name: str, *, lock: bool = False) -> dict[str, Any] | None:
    query = select(signin_failure).where(signin_failure.c.name == name)
    row = conn.execute(query.with_for_update() if lock else query).first()
    return dict(row._mapping) if row else None


def set_failures(conn: Connection, row: dict[str, Any]) -> None:
    statement = dialect_insert(conn)(signin_failure).values(**row)
    conn.execute(statement.on_conflict_do_update(index_elements=["name"], set_={
        c: statement.excluded[c] for c in ("failures", "last_at", "locked_until")}))


def clear_failures(conn: Connection, name: str) -> None:
    conn.execute(delete(signin_failure).where(signin_failure.c.name == name))


def prune_sessions(conn: Connection, now: int) -> None:
    """Expired sessions; failure counts untouched for a day."""
    conn.execute(delete(staff_session).where(staff_session.c.expires_at <= now))
    conn.execute(delete(signin_failure).where(signin_failure.c.last_at < now - 86400,
                                              signin_failure.c.locked_until < now))
