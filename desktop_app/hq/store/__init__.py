"""Headquarters' storage: the one place that owns its schema and its queries.

Everything headquarters keeps in a database — the key registry, accepted bundles and
each office's latest state, the import log, the import queue, the upload receiver's
uploads, nonces and receipts — is here, on SQLite (the embedded default, ``HQDIR/hq.db``)
or PostgreSQL (when headquarters outgrows one machine), through SQLAlchemy Core with
psycopg 3, the schema kept by Alembic (docs/decisions/0018). The office side keeps
sqlite-utils. Nothing in here knows about bundles' rules or HTTP: the importer, the
registry, the report and the receiver call these functions with a connection.

* ``engine`` — which database (``--db``, ``$FIELDDESK_HQ_DB``, the folder's settings),
  the engine, errors a person can act on;
* ``database`` — ``Store``: connections, write transactions, back-end differences;
* ``schema`` and ``migrations/`` — revisions, checking, upgrading (old ``hq.db`` too);
* ``tables`` — every table.
"""

from desktop_app.hq.store.database import Store, insert_ignore, migrate, open_store, upsert
from desktop_app.hq.store.engine import ENV_VAR, choose_url, describe, parse_url, sqlite_url
from desktop_app.hq.store.schema import HEAD, SchemaError

__all__ = ["ENV_VAR", "HEAD", "SchemaError", "Store", "choose_url", "describe", "insert_ignore",
           "migrate", "open_store", "parse_url", "sqlite_url", "upsert"]
