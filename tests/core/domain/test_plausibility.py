"""Per-indicator plausibility from the campaign template: a daily maximum that is
refused, an "unusually large" level that needs the clerk's confirmation."""

import json
from datetime import date

import pytest

from desktop_app.domain import validation
from desktop_app.domain.models import ProgressEntry
from desktop_app.domain.templates import load_template, parse_template, templates_dir
from desktop_app.errors import TemplateError, ValidationError

SPECIAL = templates_dir() / "special-campaign-6.json"


def test_shipped_templates_carry_limits_for_every_typed_indicator():
    for path in templates_dir().glob("*.json"):
        campaign = load_template(path)
        for ind in campaign.indicators:
            if ind.entered:
                assert ind.daily_max and ind.unusual_above and ind.unusual_above < ind.daily_max, ind.code


def test_limits_are_read_in_the_indicators_unit_and_checked():
    data = json.loads(SPECIAL.read_text(encoding="utf-8"))
    money = {"code": "fines", "title": {"en": "Fines", "hi": "जुर्माना"}, "group": "other", "unit": "INR",
             "has_target": False, "daily_max": 5000, "unusual_above": 1000}
    data["indicators"].append(money)
    campaign = parse_template(data)
    assert campaign.indicator("fines").daily_max == 500_000  # rupees in the file, paise inside
    for bad, where in ((0, "daily_max"), (-3, "daily_max"), (1.5, "daily_max"), ("9", "daily_max"),
                       (True, "daily_max")):
        data["indicators"][-1] = money | {where: bad}
        with pytest.raises(TemplateError, match=f"indicators\\[{len(data['indicators']) - 1}\\].{where}"):
            parse_template(data)
    data["indicators"][-1] = money | {"unusual_above": 5000}
    with pytest.raises(TemplateError, match="unusual_above: must be below daily_max"):
        parse_template(data)


def test_a_figure_above_the_daily_maximum_is_refused_and_an_unusual_one_flagged():
    campaign = load_template(SPECIAL)
    files = campaign.indicator("files_reviewed")
    entry = ProgressEntry(campaign.id, "files_reviewed", date(2026, 11, 20), 6_122_026)
    errors = validation.validate_progress(entry, campaign, date(2026, 11, 20))
    assert "50,000" in str(errors["value"]) and "check the figure" in str(errors["value"])
    entry.value = files.daily_max
    assert validation.validate_progress(entry, campaign, date(2026, 11, 20)) == {}
    assert validation.unusual_figure(files.unusual_above, files) is None
    assert "usually at most 2,000" in str(validation.unusual_figure(files.unusual_above + 1, files))


def test_the_repository_refuses_a_date_typed_into_a_count(campaign, opened):
    """06122026 typed as the day's files reviewed: refused, nothing written."""
    with pytest.raises(ValidationError) as caught:
        opened.store.progress.save_day(campaign.id, date(2026, 11, 20), {"files_reviewed": 6122026})
    assert "files_reviewed.value" in caught.value.errors
    assert opened.store.progress.for_day(campaign.id, date(2026, 11, 20)) == {}


def test_date_messages_use_the_way_offices_write_dates():
    campaign = load_template(SPECIAL)
    msg = validation.check_date(date(2026, 9, 10), campaign, None)
    assert str(msg) == "Date 10.09.2026 is before the campaign starts (15.09.2026)."
    assert "06.12.2027" in str(validation.check_date(date(2027, 12, 6), campaign, None))
