"""The office profile, its campaigns (from templates, in versions) and the targets set for them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorGroup, IndicatorSource, Label, Unit
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import Campaign, Indicator, Office, Target
from desktop_app.domain.templates import parse_template
from desktop_app.errors import FieldDeskError, NotFoundError, ValidationError
from desktop_app.storage.database import utcnow, write_transaction
from desktop_app.storage.repository import Repository
from desktop_app.storage.rows import from_row


class OfficeRepository(Repository):
    """The one office this data folder belongs to."""


    def exists(self) -> bool:
        return self.conn.execute("SELECT count(*) FROM office").fetchone()[0] > 0

    def get(self) -> Office:
        rows = self.rows("SELECT * FROM office WHERE id = 1")
        if not rows:
            raise NotFoundError("this data folder has no office yet: run the set-up (or `fielddesk demo`)")
        return from_row(Office, rows[0])

    def save(self, office: Office) -> Office:
        errors = validation.validate_office(office)
        if errors:
            raise ValidationError(errors)
        now = utcnow()
        row = asdict(office) | {"id": 1, "updated_at": now}
        with write_transaction(self.db):
            if self.exists():
                self.db["office"].update(1, row)
            else:
                self.db["office"].insert(row | {"created_at": now})
        return office


    def record_key(self, fingerprint: str, *, reason: str = "") -> None:
        """A new office key: retire the current one in the history, store the fingerprint."""
        now = utcnow()
        with write_transaction(self.db):
            self.db.execute("UPDATE key_history SET retired_at = ? WHERE retired_at IS NULL", [now])
            self.db["key_history"].insert({"fingerprint": fingerprint, "created_at": now,
                                           "retired_at": None, "reason": reason}, replace=True)
            if self.exists():
                self.db["office"].update(1, {"key_fingerprint": fingerprint, "updated_at": now})

    def key_history(self) -> list[dict[str, Any]]:
        return list(self.db["key_history"].rows_where(order_by="created_at"))


class CampaignClosedError(FieldDeskError):
    """A change to the records of an earlier campaign: they stay as they were (read-only)."""

    def __init__(self, campaign: Campaign):
        self.message = Message(validation.CAMPAIGN_CLOSED, campaign=campaign.title.en)
        super().__init__(str(self.message))


@dataclass(frozen=True)
class CampaignListing:
    """One campaign of this office, for lists: which version, current or earlier, how much data."""

    id: str
    title: Label
    version: int
    current: bool
    start: date
    end: date
    records: int
    signed_by: str  # headquarters' key fingerprint; '' for a template shipped with FieldDesk


class CampaignRepository(Repository):
    """Campaigns are stored with their whole template, so they outlive template edits.

    One campaign id keeps its records from version to version: ``upgrade`` replaces the
    template in place, keeps every indicator row (one the new version removed is marked
    retired, with its targets and entries), and keeps each version's template in
    ``campaign_version``. The current campaign takes new records; the others are read-only.
    """

    def __init__(self, store: Any):
        super().__init__(store)
        self._cache: dict[str, Campaign] = {}

    def add(self, campaign: Campaign, template: dict[str, Any], *, make_current: bool = True,
            signed_by: str = "", file_name: str = "") -> Campaign:
        now = utcnow()
        with write_transaction(self.db):
            self.db["campaign"].insert({
                "id": campaign.id, "title_en": campaign.title.en, "title_hi": campaign.title.hi,
                "template_json": _json(template), "template_sha256": campaign.template_sha256,
                "is_current": 0, "version": campaign.version, "signed_by": signed_by,
                "created_at": now, "updated_at": now})
            self._write_phases(campaign)
            self.db["indicator"].insert_all(_indicator_row(campaign, i, n)
                                            for n, i in enumerate(campaign.indicators))
            self._record_version(campaign, template, signed_by, file_name, now)
            if make_current:
                self.set_current(campaign.id)
        self._cache.clear()
        return campaign

    def upgrade(self, campaign: Campaign, template: dict[str, Any], *, signed_by: str = "",
                file_name: str = "") -> Campaign:
        """Put a newer version of a campaign in place of the one stored; nothing is lost."""
        old = self.get(campaign.id)
        if campaign.version <= old.version:
            raise ValueError(f"version {campaign.version} is not newer than {old.version}")
        now = utcnow()
        codes = {i.code for i in campaign.indicators}
        with write_transaction(self.db):
            self.db["campaign"].update(campaign.id, {
                "title_en": campaign.title.en, "title_hi": campaign.title.hi,
                "template_json": _json(template), "template_sha256": campaign.template_sha256,
                "version": campaign.version, "signed_by": signed_by, "updated_at": now})
            self.db.execute("DELETE FROM phase WHERE campaign_id = ?", [campaign.id])
            self._write_phases(campaign)
            self.db["indicator"].upsert_all((_indicator_row(campaign, i, n)
                                             for n, i in enumerate(campaign.indicators)),
                                            pk=("campaign_id", "code"))
            self.db.execute(
                f"UPDATE indicator SET retired_in_version = ? WHERE campaign_id = ? "
                f"AND retired_in_version IS NULL AND code NOT IN ({', '.join('?' * len(codes))})",
                [campaign.version, campaign.id, *codes])
            self._record_version(campaign, template, signed_by, file_name, now)
        self._cache.clear()
        return self.get(campaign.id)

    def _write_phases(self, campaign: Campaign) -> None:
        self.db["phase"].insert_all({
            "campaign_id": campaign.id, "code": p.code, "title_en": p.title.en,
            "title_hi": p.title.hi, "start_date": p.start.isoformat(),
            "end_date": p.end.isoformat()} for p in campaign.phases)

    def _record_version(self, campaign: Campaign, template: dict[str, Any], signed_by: str,
                        file_name: str, now: str) -> None:
        self.db["campaign_version"].insert({
            "campaign_id": campaign.id, "version": campaign.version, "template_json": _json(template),
            "template_sha256": campaign.template_sha256, "signed_by": signed_by,
            "file_name": file_name, "imported_at": now})

    def set_current(self, campaign_id: str) -> None:
        with write_transaction(self.db):
            self.db.execute("UPDATE campaign SET is_current = (id = ?), updated_at = ? "
                            "WHERE is_current != (id = ?)", [campaign_id, utcnow(), campaign_id])
        self._cache.clear()

    def get(self, campaign_id: str) -> Campaign:
        if campaign_id not in self._cache:
            row = self.conn.execute("SELECT template_json, template_sha256, is_current FROM campaign "
                                    "WHERE id = ?", [campaign_id]).fetchone()
            if row is None:
                raise NotFoundError(f"no campaign '{campaign_id}' in this data folder")
            campaign = parse_template(json.loads(row[0]), source=f"campaign {campaign_id}",
                                      template_sha256=row[1])
            retired = tuple(_retired_indicator(r) for r in self.rows(
                "SELECT * FROM indicator WHERE campaign_id = ? AND retired_in_version IS NOT NULL "
                "ORDER BY position", [campaign_id]))
            current = bool(row[2]) or not self._has_current()
            self._cache[campaign_id] = replace(campaign, retired=retired, current=current)
        return self._cache[campaign_id]

    def find(self, campaign_id: str) -> Campaign | None:
        try:
            return self.get(campaign_id)
        except NotFoundError:
            return None

    def _has_current(self) -> bool:
        return self.conn.execute("SELECT 1 FROM campaign WHERE is_current = 1").fetchone() is not None

    def current(self) -> Campaign:
        row = self.conn.execute("SELECT id FROM campaign ORDER BY is_current DESC, created_at DESC LIMIT 1").fetchone()
        if row is None:
            raise NotFoundError("this data folder has no campaign yet: run the set-up (or `fielddesk demo`)")
        return self.get(row[0])

    def all_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM campaign ORDER BY created_at")]

    def check_open(self, campaign_id: str) -> None:
        """Refuse (``CampaignClosedError``) a change to an earlier campaign's records."""
        campaign = self.get(campaign_id)
        if not campaign.current:
            raise CampaignClosedError(campaign)

    def listing(self) -> list[CampaignListing]:
        """Every campaign of this office, the current one first, then the newest earlier ones."""
        out = []
        for row in self.rows("SELECT id, version, signed_by FROM campaign "
                             "ORDER BY is_current DESC, created_at DESC"):
            campaign = self.get(row["id"])
            out.append(CampaignListing(campaign.id, campaign.title, row["version"], campaign.current,
                                       campaign.start, campaign.end, self.record_count(campaign.id),
                                       row["signed_by"]))
        return out

    def record_count(self, campaign_id: str) -> int:
        """The live records of a campaign: targets, daily figures and register entries."""
        return sum(self.conn.execute(
            f"SELECT count(*) FROM {table} WHERE campaign_id = ? AND deleted_at IS NULL",
            [campaign_id]).fetchone()[0]
            for table in ("target", "progress_entry", "scrap_disposal", "cleanliness_site", "event"))

    def entries_by_indicator(self, campaign_id: str) -> dict[str, int]:
        """Live targets and daily figures per indicator code (what an upgrade keeps)."""
        out: dict[str, int] = {}
        for table in ("target", "progress_entry"):
            for code, n in self.conn.execute(
                    f"SELECT indicator_code, count(*) FROM {table} WHERE campaign_id = ? "
                    "AND deleted_at IS NULL GROUP BY indicator_code", [campaign_id]):
                out[code] = out.get(code, 0) + n
        return out

    def versions(self, campaign_id: str) -> list[dict[str, Any]]:
        """Every version of a campaign this office has had, oldest first."""
        return self.rows("SELECT version, template_sha256, signed_by, file_name, imported_at "
                         "FROM campaign_version WHERE campaign_id = ? ORDER BY version", [campaign_id])


def _json(template: dict[str, Any]) -> str:
    return json.dumps(template, ensure_ascii=False, sort_keys=True)


def _indicator_row(campaign: Campaign, ind: Indicator, position: int) -> dict[str, Any]:
    return {"campaign_id": campaign.id, "code": ind.code, "label_en": ind.title.en,
            "label_hi": ind.title.hi, "grp": ind.group.value, "unit": ind.unit.value,
            "has_target": int(ind.has_target), "source": ind.source.value, "position": position,
            "retired_in_version": None}


def _retired_indicator(row: dict[str, Any]) -> Indicator:
    return Indicator(code=row["code"], title=Label(row["label_en"], row["label_hi"]),
                     group=IndicatorGroup(row["grp"]), unit=Unit(row["unit"]),
                     has_target=bool(row["has_target"]), source=IndicatorSource(row["source"]))


class TargetRepository(Repository):

    def for_campaign(self, campaign_id: str) -> dict[str, int]:
        return {code: value for code, value in self.conn.execute(
            "SELECT indicator_code, value FROM target WHERE campaign_id = ? AND deleted_at IS NULL",
            [campaign_id])}

    def rows(self, campaign_id: str) -> list[Target]:
        return [from_row(Target, r) for r in super().rows(
            "SELECT * FROM target WHERE campaign_id = ? AND deleted_at IS NULL "
            "ORDER BY indicator_code", [campaign_id])]

    def set_targets(self, campaign_id: str, values: dict[str, int], *, reason: str = "",
                    today: date | None = None) -> int:
        """Set several targets in one transaction; changes after the start need a reason."""
        self.store.campaigns.check_open(campaign_id)
        campaign = self.store.campaigns.get(campaign_id)
        today = today or self.store.today()
        existing = {t.indicator_code: t for t in self.rows(campaign_id)}
        errors: dict[str, object] = {}
        changes: list[Target] = []
        for code, value in values.items():
            old = existing.get(code)
            if old is not None and old.value == value:
                continue
            target = Target(campaign_id, code, value, reason, id=old.id if old else Target(campaign_id, code, 0).id)
            for field, msg in validation.validate_target(target, campaign, today, changing=old is not None).items():
                errors[f"{code}.{field}"] = msg
            changes.append(target)
        if errors:
            raise ValidationError(errors)
        now = utcnow()
        with write_transaction(self.db):
            for t in changes:
                if t.indicator_code in existing:
                    self.db["target"].update(t.id, {"value": t.value, "reason": t.reason, "updated_at": now})
                else:
                    self.db["target"].insert({**t.__dict__, "created_at": now, "updated_at": now,
                                              "deleted_at": None})
        return len(changes)
