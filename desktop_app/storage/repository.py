"""What every repository has: the store it belongs to, and its two handles on the database.

``conn`` is the raw sqlite3 connection (cheap: reads on the start-up path use it);
``db`` is the sqlite-utils wrapper of the same connection, created on first write, so the
window paints before sqlite-utils (≈65 ms of imports) is loaded.
"""

from __future__ import annotations

import sqlite3
from typing import Any


class Repository:
    def __init__(self, store: Any):
        self.store = store

    @property
    def db(self):
        return self.store.db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Plain dict rows from a read query on the raw connection."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
