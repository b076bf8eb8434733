import json

import pytest

from desktop_app.domain.choices import IndicatorSource, Unit
from desktop_app.domain.templates import (
    available_templates,
    load_template,
    parse_template,
    templates_dir,
)
from desktop_app.errors import TemplateError

SPECIAL = templates_dir() / "special-campaign-6.json"


def test_shipped_templates_load_with_different_indicators():
    templates = {c.id: c for c in available_templates()}
    assert {"special-campaign-6", "district-outreach-2026"} <= set(templates)
    special = {i.code for i in templates["special-campaign-6"].indicators}
    outreach = {i.code for i in templates["district-outreach-2026"].indicators}
    assert {"mp_references", "pg_appeals", "files_weeded", "scrap_revenue", "space_freed"} <= special
    assert {"camps_held", "services_delivered", "beneficiaries"} <= outreach
    assert not special & outreach


def test_special_campaign_matches_the_ministry_report():
    c = load_template(SPECIAL)
    revenue = c.indicator("scrap_revenue")
    assert revenue.unit is Unit.INR and not revenue.has_target
    assert revenue.source is IndicatorSource.SCRAP_REVENUE
    assert c.indicator("cleanliness_sites").source is IndicatorSource.SITES_COMPLETED
    assert c.indicator("files_weeded").has_target is False
    assert c.indicator("public_grievances").title.hi == "लोक शिकायतें"
    assert len(c.template_sha256) == 64


def test_hash_is_stable_and_changes_with_content():
    data = json.loads(SPECIAL.read_text(encoding="utf-8"))
    a = parse_template(data).template_sha256
    data["indicators"][0]["title"]["en"] = "MP references"
    assert parse_template(data).template_sha256 != a
    assert load_template(SPECIAL).template_sha256 == a


def _broken(mutate):
    data = json.loads(SPECIAL.read_text(encoding="utf-8"))
    mutate(data)
    return data


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["indicators"][3].pop("unit"), r"indicators\[3\]\.unit: 'None' is not one of"),
    (lambda d: d["indicators"][0].update(group="misc"), r"indicators\[0\]\.group: 'misc'"),
    (lambda d: d["phases"][0].update(start="15-09-2026"), r"phases\[0\]\.start: '15-09-2026' is not a date"),
    (lambda d: d["indicators"].append(dict(d["indicators"][0])), r"'mp_references' is used twice"),
    (lambda d: d["title"].pop("hi"), r"title\.hi: must be non-empty text"),
    (lambda d: d["indicators"][1].update(has_target="yes"), r"has_target: must be true or false"),
    (lambda d: d.update(phases=d["phases"][:1]), r"phases: must be exactly one"),
    (lambda d: d.update(format=2), r"format: must be 1"),
])
def test_broken_template_is_refused_with_file_and_field(mutate, expected):
    with pytest.raises(TemplateError, match=expected) as err:
        parse_template(_broken(mutate), source="broken.json")
    assert str(err.value).startswith("broken.json: ")
    assert "\n" not in str(err.value)


def test_unreadable_template_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="bad.json: not a readable JSON template"):
        load_template(bad)
