"""The schema's version, and bringing a database up to this FieldDesk's (Alembic).

Revisions live in ``migrations/versions`` (``REVISIONS`` names them in order; a test keeps
the two in step). Checking is one query, without importing Alembic; only an upgrade runs
it. An ``hq.db`` made before Alembic — the sqlite-utils migration
``m001_hq_initial_schema`` in ``_sqlite_migrations``, same tables as revision 0001 — is
stamped 0001 first, then upgraded like any other, in the same transaction.

SQLite folders are upgraded when opened, as before. A PostgreSQL database is shared by
every receiver and worker, so it is upgraded only by ``fielddesk hq migrate`` (or created
by ``hq init --db``); opening an older one says so in one line.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, inspect, text

from desktop_app.errors import FieldDeskError
from desktop_app.hq.store.engine import WRITE
from desktop_app.resources import hq_migrations

MIGRATIONS = hq_migrations()
REVISIONS = ("0001", "0002", "0003", "0004_office_totals", "0004_photo_reuse", "0004_campaigns",
             "0005_dashboard", "0006_session_flash", "0007_photo_page_indexes")
HEAD = REVISIONS[-1]
# The sqlite-utils migrations of hq.db before Alembic, newest first, and the revision that
# made the same tables.
LEGACY_SET = "hq"
LEGACY = (("m002_staff_accounts", "0002"), ("m001_hq_initial_schema", "0001"))
VERSION_TABLE = "alembic_version"
_ALEMBIC = threading.Lock()  # Alembic's ``context`` is one per process, not per thread


class SchemaError(FieldDeskError):
    """The database's schema is not the one this FieldDesk works with."""


@dataclass(frozen=True)
class SchemaState:
    revision: str | None  # None: no FieldDesk schema yet
    legacy: bool = False  # an hq.db from before Alembic (sqlite-utils migrations)
    foreign_tables: bool = False  # tables of something else, and no FieldDesk schema

    @property
    def current(self) -> bool:
        return self.revision == HEAD and not self.legacy

    @property
    def newer(self) -> bool:
        return self.revision is not None and self.revision not in REVISIONS

    @property
    def label(self) -> str:
        if self.legacy:
            return f"{self.revision} (before Alembic)"
        return self.revision or "none"


def inspect_schema(conn: Connection) -> SchemaState:
    """Where the database's schema stands (a read; nothing changes)."""
    tables = set(inspect(conn).get_table_names())
    if VERSION_TABLE in tables:
        revision = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
        return SchemaState(revision)
    if "_sqlite_migrations" in tables:
        applied = set(conn.execute(text("SELECT name FROM _sqlite_migrations WHERE "
                                        "migration_set = :s"), {"s": LEGACY_SET}).scalars())
        for name, revision in LEGACY:
            if name in applied:
                return SchemaState(revision, legacy=True)
    return SchemaState(None, foreign_tables=bool(tables))


def require_current(state: SchemaState, where: str) -> None:
    """SchemaError unless the schema is exactly this FieldDesk's."""
    if state.current:
        return
    if state.newer:
        raise SchemaError(f"{where}: the schema is at revision {state.revision}, newer than "
                          f"this FieldDesk knows ({HEAD}); use the FieldDesk that made it")
    if state.revision is None:
        raise SchemaError(f"{where}: holds no headquarters schema yet; run "
                          "`fielddesk hq migrate` (or `fielddesk hq init --db URL`) first")
    raise SchemaError(f"{where}: the schema is at revision {state.label}; this FieldDesk "
                      f"needs {HEAD}: run `fielddesk hq migrate`")


def upgrade(engine: Engine, where: str) -> tuple[SchemaState, SchemaState]:
    """Bring the schema to ``HEAD`` in one transaction; returns (before, after)."""


    with _ALEMBIC, engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            before = inspect_schema(conn)
            if before.newer:
                require_current(before, where)
            if before.foreign_tables:
                raise SchemaError(f"{where}: already holds tables of something else; give "
                                  "headquarters a database of its own")
            if before.current:
                return before, before
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            if before.legacy:
                command.stamp(config, before.revision)
            command.upgrade(config, "head")
            after = inspect_schema(conn)
    return before, after
