"""Which database headquarters uses, and the SQLAlchemy engine on it: SQLite or PostgreSQL.

The choice, strongest first: ``--db URL``, ``$FIELDDESK_HQ_DB``, the ``database`` of the
headquarters folder's ``hq-settings.json`` (written by ``hq init --db URL``), else SQLite in
``HQDIR/hq.db``. A URL is ``postgresql://user[:password]@host[:port]/database`` (libpq's
``PGPASSWORD`` and ``~/.pgpass`` work too, and keep the password out of the settings) or
``sqlite:///path``.

SQLite gets the office database's pragmas (``storage.database.connect_raw``: WAL,
``synchronous=FULL``, foreign keys, a busy timeout); FieldDesk emits ``BEGIN`` itself
(the driver's own transaction handling is switched off), and a *write* transaction
begins ``IMMEDIATE``: it takes SQLite's one write lock first, so the reads inside it see
the last committed state and no other writer can slip in before its writes (SQLAlchemy's
documented recipe for pysqlite). PostgreSQL runs in READ COMMITTED with psycopg 3; a
write transaction sets ``lock_timeout`` so a lock held elsewhere ends in a clear error,
never a hang.

Errors a person can fix — server unreachable, password refused, no such database, a
database file that is not one — become one-line ``FieldDeskError``s here (``translate``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from desktop_app.errors import FieldDeskError
from desktop_app.storage.database import connect_raw, translate_sqlite_error

SQLITE, POSTGRESQL = "sqlite", "postgresql"
ENV_VAR = "FIELDDESK_HQ_DB"
SQLITE_FILE = "hq.db"
CONNECT_TIMEOUT_SECONDS = 10
WRITE = "fielddesk_write"  # execution option: this connection's next transaction writes


def parse_url(text: str) -> URL:
    """A database URL as given by a person, checked and set to our drivers."""
    text = (text or "").strip()
    try:
        url = make_url(text)
    except ArgumentError:
        raise FieldDeskError(f"{text!r} is not a database URL; give postgresql://user@host/"
                             "database (or sqlite:///path/hq.db)") from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if not url.database:
            raise FieldDeskError(f"{describe(url)}: name the database "
                                 "(postgresql://user@host/DATABASE)")
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and url.database and url.database != ":memory:":
        return url.set(drivername="sqlite")
    raise FieldDeskError(f"{describe(url)}: headquarters runs on PostgreSQL "
                         "(postgresql://user@host/database) or SQLite (sqlite:///path/hq.db)")


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path))


def describe(url: URL) -> str:
    """The URL for messages and logs: never the password, never the driver."""
    if url.get_backend_name() == SQLITE:
        return f"SQLite {url.database}"
    shown = url.set(drivername=url.get_backend_name())
    return shown.render_as_string(hide_password=True)


def choose_url(root: Path, flag: str | None, settings: dict[str, Any]) -> URL:
    """``--db``, else ``$FIELDDESK_HQ_DB``, else the folder's settings, else SQLite."""
    for given in (flag, os.environ.get(ENV_VAR), settings.get("database")):
        if given:
            return parse_url(given)
    return sqlite_url(root / SQLITE_FILE)


def create(url: URL) -> Engine:
    """The engine for *url*: SQLite with FieldDesk's pragmas, or PostgreSQL via psycopg 3."""
    if url.get_backend_name() == SQLITE:
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS,
                                       "application_name": "fielddesk-hq"})


def _sqlite_engine(url: URL) -> Engine:

    path = url.database

    def creator() -> Any:
        conn = connect_raw(path)
        conn.isolation_level = None  # FieldDesk emits BEGIN itself (below)
        return conn

    # The file's URL (not "sqlite://") so that SQLAlchemy pools connections per thread.
    engine = create_engine(url, creator=creator, pool_size=5, max_overflow=10)

    @event.listens_for(engine, "begin")
    def begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def translate(exc: BaseException, url: URL) -> FieldDeskError | None:
    """A one-line error for what a person can fix, or None (a bug, or a bundle's fault)."""
    if not isinstance(exc, DBAPIError) or exc.orig is None:
        return None
    where = describe(url)
    text = " ".join(str(exc.orig).split())
    low = text.lower()
    if url.get_backend_name() == SQLITE:

        return translate_sqlite_error(exc.orig, url.database)
    if "password authentication failed" in low or "no password supplied" in low:
        return FieldDeskError(f"{where}: PostgreSQL refused the user name or password; check "
                              "the URL (or ~/.pgpass / PGPASSWORD)")
    if "does not exist" in low and "database" in low:
        return FieldDeskError(f"{where}: no such database on the server; create it "
                              "(createdb), then run `fielddesk hq init --db URL`")
    if ("connection refused" in low or "could not translate host name" in low
            or "timeout expired" in low or "no route to host" in low
            or "network is unreachable" in low or "name or service not known" in low):
        return FieldDeskError(f"{where}: cannot reach the PostgreSQL server ({_reason(text)}); "
                              "is it running, and does it accept connections from this "
                              "machine?")
    if exc.connection_invalidated or "server closed the connection" in low \
            or "terminating connection" in low or "connection is closed" in low \
            or "consuming input failed" in low:
        return FieldDeskError(f"{where}: the connection to the PostgreSQL server was lost "
                              f"({_reason(text)}); nothing was changed, try again")
    if "lock timeout" in low or "canceling statement due to lock timeout" in low:
        return FieldDeskError(f"{where}: busy with another import or key change of this "
                              "office; try again later")
    if "permission denied" in low:
        return FieldDeskError(f"{where}: {text}")
    return None


def _reason(text: str) -> str:
    """The useful tail of a libpq message: 'Connection refused', 'timeout expired'…"""
    for part in reversed(text.split(":")):
        part = part.strip()
        if part and not part.lower().startswith("is the server"):
            return part.split(" Is the server")[0]
    return text


__all__ = ["CONNECT_TIMEOUT_SECONDS", "ENV_VAR", "POSTGRESQL", "SQLITE", "SQLITE_FILE", "WRITE",
           "choose_url", "create", "describe", "parse_url", "sqlite_url", "translate"]
