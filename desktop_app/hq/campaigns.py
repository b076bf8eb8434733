"""Which indicators a bundle reports against: its campaign template, by id and hash.

Offices may run different campaigns, or different versions of a template; headquarters
never mixes their indicators. A campaign is known by (campaign id, template SHA-256):

1. one headquarters has seen before (the ``campaign`` table);
2. else one headquarters published (``hq campaign publish``) or a template shipped with
   FieldDesk (``assets/campaigns``) with that hash;
3. else the indicators table on the bundle's About sheet (part of the signed workbook).

The definition is stored with the first accepted bundle that uses it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from desktop_app.campaigns.package import parse_package
from desktop_app.domain.choices import IndicatorGroup, IndicatorSource, Label, Unit
from desktop_app.domain.models import Campaign, Indicator
from desktop_app.domain.templates import available_templates
from desktop_app.errors import BundleError, FieldDeskError
from desktop_app.hq.store import campaigns as stored


@dataclass(frozen=True)
class CampaignInfo:
    """A campaign as headquarters knows it: enough to total and label its indicators."""

    campaign_id: str
    template_sha256: str
    title: Label
    indicators: tuple[Indicator, ...]
    source: str  # "known" | "template" | "bundle"

    @property
    def key(self) -> tuple[str, str]:
        return self.campaign_id, self.template_sha256

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def indicators_json(self) -> str:
        return json.dumps([{"code": i.code, "title_en": i.title.en, "title_hi": i.title.hi,
                            "group": i.group.value, "unit": i.unit.value,
                            "has_target": i.has_target, "source": i.source.value}
                           for i in self.indicators], ensure_ascii=False)


@cache
def _shipped() -> dict[str, Any]:
    try:
        return {c.template_sha256: c for c in available_templates()}
    except FieldDeskError:
        return {}


def known_campaign(conn: Connection, campaign_id: str,
                   template_sha256: str) -> CampaignInfo | None:
    """From headquarters' database, or a shipped template; None if neither knows it."""
    row = stored.find(conn, campaign_id, template_sha256)
    if row is not None:
        return _from_row(row)
    template = _template(conn, campaign_id, template_sha256)
    if template is not None:
        return CampaignInfo(campaign_id, template_sha256, template.title, template.indicators,
                            "template")
    return None


def _template(conn: Connection, campaign_id: str, template_sha256: str) -> Campaign | None:
    """The campaign headquarters published, or FieldDesk shipped, with that id and hash."""
    published = stored.by_template(conn, template_sha256)
    if published is not None and published["campaign_id"] == campaign_id:
        data = stored.package(conn, published["file_name"])
        try:
            return parse_package(data, Path(published["file_name"])).campaign
        except FieldDeskError:  # it was checked when published; never trust it blindly
            pass
    shipped = _shipped().get(template_sha256)
    return shipped if shipped is not None and shipped.id == campaign_id else None


def campaign_start(campaign_id: str, template_sha256: str) -> date | None:
    """The first day of a campaign shipped with FieldDesk; None for another template (a
    bundle's About sheet does not carry the phases; a published campaign's could give it,
    once the importer asks with its connection)."""
    shipped = _shipped().get(template_sha256)
    return shipped.start if shipped is not None and shipped.id == campaign_id else None


def shipped_version(campaign_id: str, template_sha256: str) -> int | None:
    """The version of a campaign template shipped with FieldDesk; None for another."""
    shipped = _shipped().get(template_sha256)
    return shipped.version if shipped is not None and shipped.id == campaign_id else None


def campaign_from_about(campaign_id: str, template_sha256: str, fields: dict[str, str],
                        rows: list[dict[str, str]]) -> CampaignInfo:
    """The campaign as the About sheet describes it; BundleError for anything malformed."""
    where = "report.xlsx: About sheet"
    if fields.get("campaign_id") != campaign_id:
        raise BundleError(f"{where} names campaign {fields.get('campaign_id')!r}, the manifest "
                          f"{campaign_id!r}")
    if fields.get("template_sha256") != template_sha256:
        raise BundleError(f"{where} names another campaign template than the manifest")
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        code = row["indicator_code"]
        if not code or len(code) > 64 or code in seen:
            raise BundleError(f"{where}: indicator {n} has a missing or repeated code {code!r}")
        seen.add(code)
        try:
            indicators.append(Indicator(
                code=code, title=Label(row["title"] or code, row["title_hi"] or row["title"] or code),
                group=IndicatorGroup(row["group"]), unit=Unit(row["unit"]),
                has_target={"yes": True, "no": False}[row["has_target"]],
                source=IndicatorSource(row["source"])))
        except (ValueError, KeyError):
            raise BundleError(f"{where}: indicator {code!r} has an unknown group, unit, "
                              "has_target or source") from None
    title = Label(fields.get("campaign_title") or campaign_id,
                  fields.get("campaign_title_hi") or fields.get("campaign_title") or campaign_id)
    return CampaignInfo(campaign_id, template_sha256, title, tuple(indicators), "bundle")


def _indicators_from_json(text: str) -> tuple[Indicator, ...]:
    return tuple(Indicator(code=d["code"], title=Label(d["title_en"], d["title_hi"]),
                           group=IndicatorGroup(d["group"]), unit=Unit(d["unit"]),
                           has_target=bool(d["has_target"]), source=IndicatorSource(d["source"]))
                 for d in json.loads(text))


def all_campaigns(conn: Connection) -> list[CampaignInfo]:
    """Every campaign headquarters has accepted a bundle for, by id then first seen."""
    return [_from_row(r) for r in stored.every(conn)]


def _from_row(row: dict[str, Any]) -> CampaignInfo:
    return CampaignInfo(row["campaign_id"], row["template_sha256"],
                        Label(row["title_en"], row["title_hi"]),
                        _indicators_from_json(row["indicators_json"]), "known")
