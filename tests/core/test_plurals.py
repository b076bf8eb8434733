"""Counts in the core go through one helper, ``plural()``: English picks its form, Hindi gets
Qt's numerus forms (tests/ui/test_plurals_ui.py renders them), and no "'s' if n != 1" is left
behind. The Qt shell's own counts are ``self.tr(text, None, n)`` (tests/core/test_translations.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app.domain.i18n import plural

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("n, text", [(0, "0 bundles stay queued"), (1, "1 bundle stays queued"),
                                     (2, "2 bundles stay queued"),
                                     (123456, "1,23,456 bundles stay queued")])
def test_english_takes_the_form_for_the_count_with_indian_grouping(n, text):
    assert str(plural("{n} bundle stays queued", "{n} bundles stay queued", n)) == text


def test_other_values_are_filled_in_too():
    message = plural("{n} new photo ({sent} sent earlier)", "{n} new photos ({sent} sent earlier)",
                     1, sent="48")
    assert str(message) == "1 new photo (48 sent earlier)"


def test_a_translation_is_filled_in_after_qt_picked_the_form():
    def hindi(one, other, n):  # what Qt answers from the .qm: the form for n
        return "{n} बंडल अभी कतार में है" if n == 1 else "{n} बंडल अभी कतार में हैं"

    message = plural("{n} bundle still queued", "{n} bundles still queued", 12345)
    assert message.render(hindi) == "12,345 बंडल अभी कतार में हैं"
    # no translation (English): Qt returns the source, and the English rule applies
    assert message.render(lambda one, other, n: one) == "12,345 bundles still queued"


def test_every_plural_in_the_ts_has_both_english_forms_and_two_hindi_forms():
    """The core's counts (empty context) carry both English forms; the Qt shell's own
    ``self.tr(text, None, n)`` (a class's context) keep their placeholders in both forms."""
    root = ET.parse(ROOT / "assets" / "translations" / "fielddesk_hi.ts").getroot()
    numerus = [(context.findtext("name") or "", m) for context in root.iter("context")
               for m in context.iter("message") if m.get("numerus") == "yes"]
    core = [m for name, m in numerus if name == ""]
    assert len(core) >= 20  # the upload report, the clock line, the record counts…
    sources = {m.findtext("source") for m in core}
    assert "{n} bundle still queued" in sources and "{n} photo" in sources
    for message in core:
        assert "{n}" in message.findtext("source") and "{n}" in (message.findtext("comment") or "")
        forms = message.find("translation").findall("numerusform")
        assert len(forms) == 2 and all("{n}" in (f.text or "") for f in forms)
    shell = [m for name, m in numerus if name != ""]
    assert len(shell) >= 5  # the export page's new photos, the register's records…
    for message in shell:
        placeholders = sorted(re.findall(r"%\d", message.findtext("source")))
        forms = message.find("translation").findall("numerusform")
        assert len(forms) == 2 and all(sorted(re.findall(r"%\d", f.text or "")) == placeholders for f in forms)


def test_no_count_is_pluralised_by_hand_any_more():
    """ "1 bundle stay queued" came from `'s' if n != 1`: counts use plural() instead."""
    by_hand = re.compile(r"""['"]s['"] if |f["'][^"']*[a-z]\(s\)""")  # 's' if n != 1, f"…campaign(s)"
    found = [f"{path.relative_to(ROOT)}:{no}" for path in sorted((ROOT / "desktop_app").rglob("*.py"))
             for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if by_hand.search(line) and not line.lstrip().startswith("#")]
    assert found == [], found


def test_records_of_each_kind_are_counted_in_words():
    from desktop_app.domain.counts import record_count

    assert str(record_count("progress_entry", 1)) == "1 daily entry"
    assert str(record_count("progress_entry", 226)) == "226 daily entries"
    assert str(record_count("cleanliness_site", 20)) == "20 sites"
