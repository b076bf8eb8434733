"""Queries of headquarters' staff accounts (``hq.staff`` keeps the rules and the hashing)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from desktop_app.hq.store.tables import staff_event, staff_user


def find(conn: Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(select(staff_user).where(staff_user.c.name == name)).first()
    return dict(row._mapping) if row else None


def every(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(staff_user).order_by(staff_user.c.name))]


def active_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(staff_user)
                        .where(staff_user.c.disabled == 0)).scalar_one()


def add(conn: Connection, *, name: str, role: str, password_hash: str, now: str) -> None:
    conn.execute(insert(staff_user).values(name=name, role=role, password_hash=password_hash,
                                           disabled=0, created_at=now, updated_at=now))


def change(conn: Connection, name: str, now: str, **values: Any) -> None:
    conn.execute(update(staff_user).where(staff_user.c.name == name)
                 .values(updated_at=now, **values))


def remove(conn: Connection, name: str) -> None:
    conn.execute(delete(staff_user).where(staff_user.c.name == name))


def log(conn: Connection, *, name: str, action: str, detail: str, now: str) -> None:
    conn.execute(insert(staff_event).values(at=now, name=name, action=action, detail=detail))
