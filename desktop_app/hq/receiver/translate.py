"""The dashboard's Hindi: the app's own translation file, read without Qt.

The pages' words are marked as the core's are (``N_()`` in Python, ``_("…")`` and
``plural("one", "other", n)`` in the templates); ``scripts/update_translations.py`` files them
in ``assets/translations/fielddesk_hi.ts`` under the empty context, beside the core's
messages, and ``tests/core/test_translations.py`` fails while one lacks Hindi. Headquarters
has no Qt, so this module reads the .ts itself (a small XML file, parsed once) — the same
strings the desktop app shows, one translation for both.
"""

from __future__ import annotations

from functools import cache

from defusedxml import ElementTree

from desktop_app.domain.i18n import Plural
from desktop_app.resources import asset_path

LANGUAGES = ("en", "hi")
HINDI_TS = "fielddesk_hi.ts"


class Catalog:
    """Translations of one language: text -> text, and counts -> their plural forms."""

    def __init__(self, lang: str, texts: dict[str, str], plurals: dict[str, list[str]]):
        self.lang = lang
        self.texts = texts
        self.plurals = plurals

    def gettext(self, text: str) -> str:
        return self.texts.get(text, text)

    def _numerus(self, one: str, _other: str, n: int) -> str:
        forms = self.plurals.get(one)
        if not forms:
            return one
        return forms[0] if n in (0, 1) or len(forms) == 1 else forms[1]  # Hindi: 0 and 1 are one

    def plural(self, one: str, other: str, n: int, **params: object) -> str:
        return Plural(one, other, int(n), params).render(self._numerus)


@cache
def catalog(lang: str) -> Catalog:
    if lang != "hi":
        return Catalog("en", {}, {})
    texts: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    root = ElementTree.parse(str(asset_path("translations", HINDI_TS))).getroot()
    for context in root.iter("context"):
        if (context.findtext("name") or "") != "":
            continue
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete",
                                                                   "vanished"):
                continue
            forms = [f.text or "" for f in translation.findall("numerusform")]
            if message.get("numerus") == "yes":
                plurals[source] = forms
            elif translation.text:
                texts[source] = translation.text
    return Catalog("hi", texts, plurals)
