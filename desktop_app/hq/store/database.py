"""The open database: connections for reading, transactions for writing, on either back-end.

``open_store(url)`` creates the engine and checks the schema (SQLite: upgraded on the spot;
PostgreSQL: must already be current, see ``schema``). Every query of headquarters runs on a
connection from ``Store.read()`` or inside ``Store.write()``; the queries themselves are
the other modules of this package, each taking a ``Connection``.

``write()`` is one transaction: on SQLite it begins ``IMMEDIATE`` (the one write lock, taken
first); on PostgreSQL it sets ``lock_timeout`` so that waiting for an office's row, held
by another import or a key change, ends after *lock_timeout* seconds with a clear error.
Database trouble a person can act on (server gone, disk full…) leaves both as one
``FieldDeskError`` line; a unique-constraint violation stays an ``IntegrityError`` for the
caller to answer ("already imported").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from desktop_app.hq.store import engine as eng
from desktop_app.hq.store import schema
from desktop_app.storage.database import BUSY_TIMEOUT_MS

DEFAULT_LOCK_TIMEOUT = 600.0  # seconds: as long as the old import lock waited


class Store:
    """Headquarters' database, on SQLite or PostgreSQL (``backend``)."""

    def __init__(self, url: URL, engine: Engine):
        self.url = url
        self.engine = engine
        self.backend = url.get_backend_name()
        self.where = eng.describe(url)

    @property
    def is_postgresql(self) -> bool:
        return self.backend == eng.POSTGRESQL

    def translate(self, exc: BaseException) -> Any:
        """A one-line ``FieldDeskError`` for *exc*, or None to let it through."""
        if isinstance(exc, IntegrityError):
            return None
        return eng.translate(exc, self.url)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection (its implicit transaction is rolled back when the block ends)."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            error = self.translate(exc)
            if error is None:
                raise
            raise error from None

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A connection whose every query sees the same moment (a report's many queries):
        REPEATABLE READ on PostgreSQL; SQLite's read transaction already does."""
        with self.read() as conn:
            if self.is_postgresql:
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def begin(self, conn: Connection, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Any:
        """Begin a transaction on *conn* that the caller commits (an import worker's job):
        on PostgreSQL, waiting for a row lock ends after *lock_timeout* seconds."""
        transaction = conn.begin()
        if self.is_postgresql:
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(lock_timeout * 1000))}")
        return transaction

    @contextmanager
    def write(self, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on an error."""
        with self.read() as conn:
            conn.execution_options(**{eng.WRITE: True})
            milliseconds = max(1, int(lock_timeout * 1000))
            if self.is_postgresql:
                with conn.begin():
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
                    yield conn
                return
            # SQLite: how long BEGIN IMMEDIATE waits for the write lock. Set on the driver's
            # connection (outside SQLAlchemy's transaction), and set back after.

            raw = conn.connection.dbapi_connection
            raw.execute(f"PRAGMA busy_timeout = {milliseconds}")
            try:
                with conn.begin():
                    yield conn
            finally:
                if not conn.invalidated:
                    raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def schema_state(self) -> schema.SchemaState:
        with self.read() as conn:
            return schema.inspect_schema(conn)

    def upgrade(self) -> tuple[schema.SchemaState, schema.SchemaState]:
        """Bring the schema to this FieldDesk's revision (``hq migrate``)."""
        try:
            return schema.upgrade(self.engine, self.where)
        except DBAPIError as exc:
            error = self.translate(exc)
            if error is None:
                raise
            raise error from None

    def close(self) -> None:
        if not self.is_postgresql:
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except DBAPIError:
                pass
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Work:
    """Where one unit of work (an import) reads and writes: short transactions of its own on
    the store, or — *within* a caller's transaction (an import worker's job) — that one,
    each write in a savepoint that an error undoes alone."""

    def __init__(self, store: Store, within: Connection | None, lock_timeout: float):
        self.store, self.within, self.lock_timeout = store, within, lock_timeout

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        if self.within is not None:
            yield self.within
        else:
            with self.store.read() as conn:
                yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        if self.within is not None:
            with self.within.begin_nested():
                yield self.within
        else:
            with self.store.write(lock_timeout=self.lock_timeout) as conn:
                yield conn


def open_store(url: URL, *, upgrade: bool | None = None) -> Store:
    """The store on *url*, its schema checked. *upgrade*: bring an older schema up to date
    first (default: on SQLite yes, on PostgreSQL no — that is ``hq migrate``'s job)."""
    store = Store(url, eng.create(url))
    try:
        if upgrade is None:
            upgrade = not store.is_postgresql
        state = store.schema_state()
        if not state.current:
            if upgrade:
                store.upgrade()
            else:
                schema.require_current(state, store.where)
    except BaseException:
        store.engine.dispose()
        raise
    return store


def migrate(url: URL) -> tuple[schema.SchemaState, schema.SchemaState]:
    """``hq migrate``: bring *url*'s schema up to date; returns (before, after)."""
    store = Store(url, eng.create(url))
    try:
        return store.upgrade()
    finally:
        store.close()


# --- statements that differ between the back-ends ---------------------------------------------


def insert_ignore(conn: Connection, table: Table) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING`` for this connection's back-end."""
    return dialect_insert(conn)(table).on_conflict_do_nothing()


def upsert(conn: Connection, table: Table, keys: list[str]) -> Any:
    """``INSERT … ON CONFLICT (keys) DO UPDATE SET`` every other column (as inserted)."""
    statement = dialect_insert(conn)(table)
    others = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    return statement.on_conflict_do_update(index_elements=keys, set_=others)


def dialect_insert(conn: Connection) -> Any:
    """The back-end's own ``insert`` (with ``on_conflict_do_…`` and ``excluded``)."""
    return pg_insert if conn.dialect.name == eng.POSTGRESQL else sqlite_insert
