"""Every visible string has Hindi, keeps its placeholders, and the .ts matches the sources."""

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


def texts(translation) -> list[str]:
    """The Hindi: one text, or one per numerus form (a count from ``plural()``)."""
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.mark.parametrize("name", ["fielddesk_hi.ts", "qtbase_hi.ts"])
def test_every_string_has_a_finished_hindi_translation(name):
    missing = [(ctx, src) for ctx, src, tr in messages(TR / name)
               if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete")
               or not all(t.strip() for t in texts(tr))]
    assert missing == [], f"{len(missing)} strings lack Hindi, e.g. {missing[:5]}"


@pytest.mark.parametrize("name", ["fielddesk_hi.ts", "qtbase_hi.ts"])
def test_translations_keep_placeholders(name):
    broken = [(ctx, src) for ctx, src, tr in messages(TR / name)
              if tr is not None and any(sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(t))
                                        for t in texts(tr))]
    assert broken == []


def test_ts_file_is_up_to_date_with_the_sources(tmp_path):
    import sys

    sys.path.insert(0, str(TR.parents[1] / "scripts"))
    from update_translations import lupdate

    copy = tmp_path / "fielddesk_hi.ts"
    shutil.copy(TR / "fielddesk_hi.ts", copy)
    lupdate(copy, "-no-obsolete", "-locations", "none")
    before = {(c, s) for c, s, _ in messages(TR / "fielddesk_hi.ts")}
    after = {(c, s) for c, s, _ in messages(copy)}
    assert after - before == set(), "run scripts/update_translations.py and translate the new strings"
