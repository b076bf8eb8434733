"""Every visible string has Hindi, keeps its placeholders, and the .ts matches the sources.

Counts carry one ``numerusform`` per plural form. They come in two kinds: the core's
``plural(one, other, n)`` (empty context; Hindi forms in ``fielddesk_hi.ts``, the English
forms in the call itself) and the Qt shell's ``self.tr(text, None, n)`` (the class's
context; Hindi forms in ``fielddesk_hi.ts``, English forms in ``fielddesk_en.ts``).
"""

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TR = Path(__file__).resolve().parents[2] / "assets" / "translations"
PLACEHOLDER = re.compile(r"%\d+|\{[a-z_]+\}")


def messages(ts: Path):
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            yield name, message.findtext("source") or "", translation


def forms(translation) -> list[str]:
    """The translated text, or each plural form of a plural message (a count)."""
    plural = translation.findall("numerusform")
    return [f.text or "" for f in plural] if plural else [translation.text or ""]


@pytest.mark.parametrize("name", ["fielddesk_hi.ts", "qtbase_hi.ts", "fielddesk_en.ts"])
def test_every_string_has_a_finished_translation(name):
    missing = [(ctx, src) for ctx, src, tr in messages(TR / name)
               if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete")
               or not all(f.strip() for f in forms(tr))]
    assert missing == [], f"{len(missing)} strings lack a translation, e.g. {missing[:5]}"


@pytest.mark.parametrize("name", ["fielddesk_hi.ts", "qtbase_hi.ts", "fielddesk_en.ts"])
def test_translations_keep_placeholders(name):
    broken = [(ctx, src) for ctx, src, tr in messages(TR / name) if tr is not None
              for form in forms(tr) if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(form))]
    assert broken == []


def numerus(ts: Path) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """The counts in *ts*: (context, source) -> (comment, forms)."""
    root = ET.parse(ts).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or ""):
            (message.findtext("comment") or "", forms(message.find("translation")))
            for context in root.iter("context") for message in context.iter("message")
            if message.get("numerus") == "yes"}


def test_english_plural_forms_say_one_and_many():
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(TR / "fielddesk_en.qm"))
    assert translator.translate("ExportPage", "%1 new photos", None, 1) == "%1 new photo"
    assert translator.translate("ExportPage", "%1 new photos", None, 2) == "%1 new photos"
    assert translator.translate("RegisterPage", "%1 record(s)", None, 1) == "%1 record"


def test_both_kinds_of_count_have_their_forms_in_one_place_each():
    hindi, english = numerus(TR / "fielddesk_hi.ts"), numerus(TR / "fielddesk_en.ts")
    # the core's plural(): the other English form is the comment, Hindi has both forms
    comment, hindi_forms = hindi[("", "{n} daily entry")]
    assert comment == "{n} daily entries" and len(hindi_forms) == 2
    assert hindi[("", "{n} bundle still queued")][0] == "{n} bundles still queued"
    # ... and it is not repeated in the English file, which holds the shell's counts only
    assert [key for key in english if key[0] == ""] == []
    # the shell's self.tr(text, None, n): Hindi and English forms, under the class's context
    assert len(hindi[("ExportPage", "%1 new photos")][1]) == 2
    assert english[("ExportPage", "%1 new photos")][1] == ["%1 new photo", "%1 new photos"]
    assert set(english) <= set(hindi)


def test_ts_file_is_up_to_date_with_the_sources(tmp_path):
    import sys

    sys.path.insert(0, str(TR.parents[1] / "scripts"))
    from update_translations import ENGLISH_ALIASES, lupdate

    copy = tmp_path / "fielddesk_hi.ts"
    shutil.copy(TR / "fielddesk_hi.ts", copy)
    lupdate(copy, "-no-obsolete", "-locations", "none")
    before = {(c, s) for c, s, _ in messages(TR / "fielddesk_hi.ts")}
    after = {(c, s) for c, s, _ in messages(copy)}
    assert after - before == set(), "run scripts/update_translations.py and translate the new strings"
    english = tmp_path / "fielddesk_en.ts"
    shutil.copy(TR / "fielddesk_en.ts", english)
    lupdate(english, "-no-obsolete", "-locations", "none", "-pluralonly", language="en_IN",
            aliases=ENGLISH_ALIASES)
    before = {(c, s) for c, s, _ in messages(TR / "fielddesk_en.ts")}
    assert {(c, s) for c, s, _ in messages(english)} - before == set(), "English plural forms are missing"
