"""The office profile, its campaigns (from templates) and the targets set for them."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from desktop_app.domain import validation
from desktop_app.domain.models import Campaign, Office, Target
from desktop_app.domain.templates import parse_template
from desktop_app.errors import NotFoundError, ValidationError
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


class CampaignRepository(Repository):
    """Campaigns are stored with their whole template, so they outlive template edits."""

    def __init__(self, store: Any):
        super().__init__(store)
        self._cache: dict[str, Campaign] = {}

    def add(self, campaign: Campaign, template: dict[str, Any], *, make_current: bool = True) -> Campaign:
        now = utcnow()
        with write_transaction(self.db):
            self.db["campaign"].insert({
                "id": campaign.id, "title_en": campaign.title.en, "title_hi": campaign.title.hi,
                "template_json": json.dumps(template, ensure_ascii=False, sort_keys=True),
                "template_sha256": campaign.template_sha256, "is_current": 0,
                "created_at": now, "updated_at": now})
            self.db["phase"].insert_all({
                "campaign_id": campaign.id, "code": p.code, "title_en": p.title.en,
                "title_hi": p.title.hi, "start_date": p.start.isoformat(),
                "end_date": p.end.isoformat()} for p in campaign.phases)
            self.db["indicator"].insert_all({
                "campaign_id": campaign.id, "code": i.code, "label_en": i.title.en,
                "label_hi": i.title.hi, "grp": i.group.value, "unit": i.unit.value,
                "has_target": int(i.has_target), "source": i.source.value, "position": n}
                for n, i in enumerate(campaign.indicators))
            if make_current:
                self.set_current(campaign.id)
        return campaign

    def set_current(self, campaign_id: str) -> None:
        with write_transaction(self.db):
            self.db.execute("UPDATE campaign SET is_current = (id = ?), updated_at = ? "
                            "WHERE is_current != (id = ?)", [campaign_id, utcnow(), campaign_id])

    def get(self, campaign_id: str) -> Campaign:
        if campaign_id not in self._cache:
            row = self.conn.execute("SELECT template_json, template_sha256 FROM campaign WHERE id = ?",
                                    [campaign_id]).fetchone()
            if row is None:
                raise NotFoundError(f"no campaign '{campaign_id}' in this data folder")
            self._cache[campaign_id] = parse_template(json.loads(row[0]), source=f"campaign {campaign_id}",
                                                      template_sha256=row[1])
        return self._cache[campaign_id]

    def current(self) -> Campaign:
        row = self.conn.execute("SELECT id FROM campaign ORDER BY is_current DESC, created_at DESC LIMIT 1").fetchone()
        if row is None:
            raise NotFoundError("this data folder has no campaign yet: run the set-up (or `fielddesk demo`)")
        return self.get(row[0])

    def all_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM campaign ORDER BY created_at")]


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
