"""The three registers a clerk keeps — scrap disposals, cleanliness sites, events.

They share one shape (a dated, searchable, soft-deletable list of records with photos),
so one ``RegisterRepository`` serves all three; each subclass names its table, record
type, validator and searchable columns. Audit rows come from the table's triggers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar, Generic, TypeVar

from desktop_app.domain import validation
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import CleanlinessSite, Event, ScrapDisposal
from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.storage.database import utcnow, write_transaction
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import field_names, from_row, to_row

R = TypeVar("R", ScrapDisposal, CleanlinessSite, Event)


class RegisterRepository(Repository, Generic[R]):
    table: ClassVar[str]
    record_type: ClassVar[type]
    date_column: ClassVar[str]
    search_columns: ClassVar[tuple[str, ...]]
    filter_columns: ClassVar[tuple[str, ...]]
    validator: ClassVar[Callable[..., dict]]


    # -- validation -----------------------------------------------------------------
    def errors(self, record: R) -> dict:
        campaign = self.store.campaigns.get(record.campaign_id)
        if not campaign.current:  # an earlier campaign's records are read-only
            return {"campaign_id": Message(validation.CAMPAIGN_CLOSED, campaign=campaign.title.en)}
        return type(self).validator(record, campaign, self.store.today())

    def _check(self, record: R) -> None:
        errors = self.errors(record)
        if errors:
            raise ValidationError(errors)

    # -- writes -------------------------------------------------------------------------
    def add(self, record: R) -> R:
        self._check(record)
        now = utcnow()
        row = to_row(record) | {"created_at": now, "updated_at": now, "deleted_at": None}
        with write_transaction(self.db):
            self.db[self.table].insert(row)
        return record

    def add_many(self, records: Iterable[R], *, validate: bool = True) -> int:
        """Bulk insert in one transaction (imports, demo data); audited row by row."""
        now = utcnow()
        cols = [*field_names(self.record_type), "created_at", "updated_at"]
        sql = f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        count = 0

        def rows():
            nonlocal count
            for record in records:
                if validate:
                    self._check(record)
                count += 1
                yield (*to_row(record).values(), now, now)

        with write_transaction(self.db):
            self.db.conn.executemany(sql, rows())
        return count

    def update(self, record: R) -> R:
        self._check(record)
        self.get(record.id)  # refuses unknown or deleted ids
        row = to_row(record) | {"updated_at": utcnow()}
        with write_transaction(self.db):
            self.db[self.table].update(record.id, row)
        return record

    def delete(self, record_id: str) -> None:
        """Soft delete: the row stays, marked, and the audit shows who removed it."""
        self.store.campaigns.check_open(self.get(record_id).campaign_id)
        with write_transaction(self.db):
            self.db[self.table].update(record_id, {"deleted_at": utcnow(), "updated_at": utcnow()})

    def restore(self, record_id: str) -> None:
        self.store.campaigns.check_open(self.get(record_id, include_deleted=True).campaign_id)
        with write_transaction(self.db):
            self.db[self.table].update(record_id, {"deleted_at": None, "updated_at": utcnow()})

    # -- reads ------------------------------------------------------------------------------
    def get(self, record_id: str, *, include_deleted: bool = False) -> R:
        where = "id = ?" + ("" if include_deleted else " AND deleted_at IS NULL")
        rows = list(self.db[self.table].rows_where(where, [record_id]))
        if not rows:
            raise NotFoundError(f"no {self.table.replace('_', ' ')} with id {record_id}")
        return from_row(self.record_type, rows[0])

    def list(self, campaign_id: str) -> list[R]:
        return [from_row(self.record_type, r) for r in self.db[self.table].rows_where(
            "campaign_id = ? AND deleted_at IS NULL", [campaign_id],
            order_by=f"{self.date_column}, created_at, id")]

    def _where(self, campaign_id: str, search: str, filters: dict[str, Any] | None,
               date_from: date | None, date_to: date | None) -> tuple[str, list[Any]]:
        clauses, params = ["campaign_id = ?", "deleted_at IS NULL"], [campaign_id]
        if search.strip():
            like = f"%{search.strip()}%"
            clauses.append("(" + " OR ".join(f"{c} LIKE ?" for c in self.search_columns) + ")")
            params += [like] * len(self.search_columns)
        for column, value in (filters or {}).items():
            if column not in self.filter_columns:
                raise ValueError(f"cannot filter {self.table} by {column}")
            if value not in (None, ""):
                clauses.append(f"{column} = ?")
                params.append(getattr(value, "value", value))
        if date_from:
            clauses.append(f"{self.date_column} >= ?")
            params.append(date_from.isoformat())
        if date_to:
            clauses.append(f"{self.date_column} <= ?")
            params.append(date_to.isoformat())
        return " AND ".join(clauses), params

    def count(self, campaign_id: str, *, search: str = "", filters: dict[str, Any] | None = None,
              date_from: date | None = None, date_to: date | None = None) -> int:
        where, params = self._where(campaign_id, search, filters, date_from, date_to)
        return self.conn.execute(f"SELECT count(*) FROM {self.table} WHERE {where}", params).fetchone()[0]

    def page(self, campaign_id: str, *, offset: int = 0, limit: int = 200, search: str = "",
             filters: dict[str, Any] | None = None, order_by: str | None = None,
             descending: bool = False, date_from: date | None = None,
             date_to: date | None = None) -> list[dict[str, Any]]:
        """One page of plain rows for a table view: 100k rows never load at once."""
        where, params = self._where(campaign_id, search, filters, date_from, date_to)
        column = order_by if order_by in field_names(self.record_type) else self.date_column
        direction = "DESC" if descending else "ASC"
        sql = (f"SELECT * FROM {self.table} WHERE {where} "
               f"ORDER BY {column} {direction}, id {direction} LIMIT ? OFFSET ?")
        cursor = self.conn.execute(sql, [*params, limit, offset])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def stream(self, campaign_id: str, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """Every live row of the campaign as a tuple of *columns*, in date order, read from
        one query as it is consumed: a 100,000-row register is never in memory at once
        (the bundle's typed sheets). Reading it ``page`` by ``page`` sorted the whole
        register again for every page, and made a dict of every row."""
        unknown = set(columns) - set(field_names(self.record_type))
        if unknown:
            raise ValueError(f"{self.table} has no column {', '.join(sorted(unknown))}")
        sql = (f"SELECT {', '.join(columns)} FROM {self.table} "
               f"WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY {self.date_column}, id")
        yield from self.conn.execute(sql, [campaign_id])

    def record_from_row(self, row: dict[str, Any]) -> R:
        return from_row(self.record_type, row)

    def copy(self, record: R, **changes: Any) -> R:
        return replace(record, **changes)


class ScrapRepository(RegisterRepository[ScrapDisposal]):
    table = "scrap_disposal"
    record_type = ScrapDisposal
    date_column = "disposal_date"
    search_columns = ("item", "buyer", "receipt_no", "remarks")
    filter_columns = ("category", "mode")
    validator = staticmethod(validation.validate_scrap)


class SiteRepository(RegisterRepository[CleanlinessSite]):
    table = "cleanliness_site"
    record_type = CleanlinessSite
    date_column = "target_date"
    search_columns = ("name", "location", "remarks")
    filter_columns = ("status",)
    validator = staticmethod(validation.validate_site)


class EventRepository(RegisterRepository[Event]):
    table = "event"
    record_type = Event
    date_column = "event_date"
    search_columns = ("title", "venue", "description")
    filter_columns = ("event_type",)
    validator = staticmethod(validation.validate_event)
