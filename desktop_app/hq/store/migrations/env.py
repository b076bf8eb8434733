"""Alembic's environment for headquarters' schema: always run from ``store.schema``, which
passes the connection (already inside a transaction) in ``config.attributes``.

SQLite cannot ALTER most things: migrations there run in Alembic's batch mode (copy and
move the table). On PostgreSQL an advisory lock makes a second ``hq migrate`` started at
the same time wait for the first, then find nothing left to do.
"""

from alembic import context

from desktop_app.hq.store.tables import metadata

MIGRATE_LOCK = 0x46444851  # "FDHQ": pg_advisory_xact_lock key of `hq migrate`

connection = context.config.attributes["connection"]
if connection.dialect.name == "postgresql":
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATE_LOCK})")
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
