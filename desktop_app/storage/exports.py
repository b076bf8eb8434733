"""The history of exported bundles: seq numbers, manifest hashes (the chain) and photos sent.

Ordered by seq, never by time: a PC whose clock was reset must still chain to the right bundle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop_app.storage.database import write_transaction
from desktop_app.storage.repository import Repository


@dataclass(frozen=True)
class ExportRecord:
    campaign_id: str
    seq: int
    part: int
    parts: int
    bundle_id: str
    created_at: str
    file_name: str
    manifest_sha256: str
    bytes: int
    counts: dict[str, int]
    folder: str = ""  # where the bundle was written, when not in the data folder's exports/


class ExportRepository(Repository):

    def next_seq(self, campaign_id: str) -> int:
        row = self.conn.execute("SELECT max(seq) FROM export WHERE campaign_id = ?", [campaign_id]).fetchone()
        return (row[0] or 0) + 1

    def last(self, campaign_id: str) -> ExportRecord | None:
        history = self.history(campaign_id, limit=1)
        return history[0] if history else None

    def history(self, campaign_id: str | None = None, *, limit: int = 1000) -> list[ExportRecord]:
        sql = "SELECT * FROM export"
        params: list[Any] = []
        if campaign_id:
            sql += " WHERE campaign_id = ?"
            params.append(campaign_id)
        out = []
        for row in self.rows(sql + " ORDER BY seq DESC LIMIT ?", [*params, limit]):
            row["counts"] = json.loads(row.pop("counts_json"))
            out.append(ExportRecord(**row))
        return out

    def sent_photos(self, campaign_id: str) -> set[str]:
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT photo_sha256 FROM export_photo WHERE campaign_id = ?", [campaign_id])}

    def record(self, export: ExportRecord, photos: list[str]) -> None:
        """Called only after the bundle file is safely under its final name."""
        with write_transaction(self.db):
            row = export.__dict__ | {"counts_json": json.dumps(export.counts, sort_keys=True)}
            row.pop("counts")
            self.db["export"].insert(row)
            # one statement for every photo: insert_all costs ~10 ms per 500 rows in Python,
            # at the very end of the export
            self.db.conn.executemany(
                "INSERT INTO export_photo (campaign_id, seq, photo_sha256) VALUES (?, ?, ?)",
                ((export.campaign_id, export.seq, sha) for sha in photos))
