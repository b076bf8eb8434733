"""Reading the audit trail (written by triggers, see ``audit_triggers``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop_app.storage.repository import Repository


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    clerk: str
    table_name: str
    row_id: str
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    def changed_fields(self) -> dict[str, tuple[Any, Any]]:
        old, new = self.old or {}, self.new or {}
        return {k: (old.get(k), new.get(k)) for k in sorted(set(old) | set(new))
                if old.get(k) != new.get(k) and k != "updated_at"}


class AuditRepository(Repository):

    def set_clerk(self, clerk: str) -> None:
        """Name the clerk the triggers record; written only when it changes (start-up reads only)."""
        row = self.conn.execute("SELECT clerk FROM audit_context WHERE id = 1").fetchone()
        if row is not None and row[0] == clerk:
            return
        with self.conn:
            self.conn.execute("UPDATE audit_context SET clerk = ? WHERE id = 1", [clerk])

    def for_row(self, table: str, row_id: str) -> list[AuditEntry]:
        return self._query("WHERE table_name = ? AND row_id = ? ORDER BY id", [table, str(row_id)])

    def recent(self, limit: int = 200) -> list[AuditEntry]:
        return self._query("ORDER BY id DESC LIMIT ?", [limit])

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    def _query(self, tail: str, params: list[Any]) -> list[AuditEntry]:
        rows = self.conn.execute(f"SELECT id, at, clerk, table_name, row_id, action, old_json, new_json "
                               f"FROM audit_log {tail}", params).fetchall()
        return [AuditEntry(r[0], r[1], r[2] or "", r[3], r[4], r[5],
                           json.loads(r[6]) if r[6] else None, json.loads(r[7]) if r[7] else None)
                for r in rows]
