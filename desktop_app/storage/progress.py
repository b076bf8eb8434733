"""Daily progress: what was achieved per indicator per day, saved a whole day at a time."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.domain import validation
from desktop_app.domain.models import ProgressEntry
from desktop_app.errors import ValidationError
from desktop_app.storage.database import utcnow, write_transaction
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import from_row, to_row


class ProgressRepository(Repository):

    def for_day(self, campaign_id: str, day: date) -> dict[str, ProgressEntry]:
        return {r["indicator_code"]: from_row(ProgressEntry, r) for r in self.db["progress_entry"].rows_where(
            "campaign_id = ? AND entry_date = ? AND deleted_at IS NULL", [campaign_id, day.isoformat()])}

    def save_day(self, campaign_id: str, day: date, values: dict[str, int | None],
                 remarks: dict[str, str] | None = None) -> int:
        """Save one day's figures in one transaction. ``None`` (or 0 on a new row) clears a figure.

        Returns how many rows changed. Nothing is written if any figure is invalid.
        """
        self.store.campaigns.check_open(campaign_id)
        campaign = self.store.campaigns.get(campaign_id)
        remarks = remarks or {}
        existing = self.for_day(campaign_id, day)
        clerk = self.store.clerk
        errors: dict[str, object] = {}
        inserts, updates, deletes = [], [], []
        for code, value in values.items():
            old = existing.get(code)
            remark = remarks.get(code, old.remark if old else "")
            if value is None or (value == 0 and old is None and not remark):
                if old is not None:
                    deletes.append(old.id)
                continue
            entry = ProgressEntry(campaign_id, code, day, value, remark, clerk,
                                  id=old.id if old else ProgressEntry(campaign_id, code, day, 0).id)
            for field, msg in validation.validate_progress(entry, campaign, self.store.today()).items():
                errors[f"{code}.{field}"] = msg
            if old is None:
                inserts.append(entry)
            elif (old.value, old.remark) != (entry.value, entry.remark):
                updates.append(entry)
        if errors:
            raise ValidationError(errors)
        now = utcnow()
        with write_transaction(self.db):
            table = self.db["progress_entry"]
            for e in inserts:
                table.insert(to_row(e) | {"created_at": now, "updated_at": now, "deleted_at": None})
            for e in updates:
                table.update(e.id, {"value": e.value, "remark": e.remark, "entered_by": clerk, "updated_at": now})
            for rid in deletes:
                table.update(rid, {"deleted_at": now, "updated_at": now})
        return len(inserts) + len(updates) + len(deletes)

    def add_many(self, entries: list[ProgressEntry]) -> int:
        """Bulk load (demo, benchmark): one transaction, audited by the table's triggers."""
        now = utcnow()
        cols = ["id", "campaign_id", "indicator_code", "entry_date", "value", "remark",
                "entered_by", "created_at", "updated_at"]
        sql = f"INSERT INTO progress_entry ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        with write_transaction(self.db):
            self.db.conn.executemany(sql, ((e.id, e.campaign_id, e.indicator_code, e.entry_date.isoformat(),
                                            e.value, e.remark, e.entered_by, now, now) for e in entries))
        return len(entries)

    def list(self, campaign_id: str) -> list[ProgressEntry]:
        return [from_row(ProgressEntry, r) for r in self.rows(
            "SELECT * FROM progress_entry WHERE campaign_id = ? AND deleted_at IS NULL "
            "ORDER BY entry_date, indicator_code", [campaign_id])]

    def cumulative(self, campaign_id: str, upto: date | None = None) -> dict[str, int]:
        sql = ("SELECT indicator_code, sum(value) FROM progress_entry "
               "WHERE campaign_id = ? AND deleted_at IS NULL")
        params: list[Any] = [campaign_id]
        if upto:
            sql += " AND entry_date <= ?"
            params.append(upto.isoformat())
        return {code: total for code, total in self.db.execute(sql + " GROUP BY indicator_code", params)}

    def last_entry_date(self, campaign_id: str) -> date | None:
        row = self.db.execute("SELECT max(entry_date) FROM progress_entry WHERE campaign_id = ? "
                              "AND deleted_at IS NULL", [campaign_id]).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None
