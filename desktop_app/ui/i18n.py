"""Language for the Qt shell: translators for our strings and Qt's own, and the font.

PySide6 ships no Hindi for Qt's own buttons and dialogs, so ``assets/translations``
carries ``qtbase_hi.ts`` beside ``fielddesk_hi.ts``. English loads ``fielddesk_en``: only
the plural forms ("1 record", "2 records"), which Qt reads from a translation file.
Noto Sans Devanagari is registered before any widget exists, so Hindi renders on
machines without a Devanagari font.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.domain.choices import Label
from desktop_app.domain.i18n import CONTEXT, Message, Plural
from desktop_app.resources import asset_path

_installed: list[QTranslator] = []
_language = "en"
_font_family: str | None = None


def register_fonts() -> str | None:
    """Register the bundled Devanagari font once; returns its family name."""
    global _font_family
    if _font_family is None:
        font_id = QFontDatabase.addApplicationFont(str(asset_path("fonts", "NotoSansDevanagari.ttf")))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _font_family = families[0] if families else ""
    return _font_family or None


def apply_font(app: QApplication) -> None:
    """Keep the system's Latin font, fall back to Noto Sans Devanagari for Hindi."""
    family = register_fonts()
    font = app.font()
    if family:
        font.setFamilies([font.family(), family])
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
    app.setFont(QFont(font))


def set_language(app: QCoreApplication, language: str) -> None:
    """Install (or remove) the Hindi translators; widgets retranslate on LanguageChange."""
    global _language
    changed = bool(_installed)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = language if language in ("en", "hi") else "en"
    names = ("fielddesk_hi", "qtbase_hi") if _language == "hi" else ("fielddesk_en",)
    for name in names:
        translator = QTranslator(app)
        if translator.load(str(asset_path("translations", f"{name}.qm"))):
            app.installTranslator(translator)
            _installed.append(translator)
            changed = True
    if _language == "hi":
        QLocale.setDefault(QLocale(QLocale.Language.Hindi, QLocale.Country.India))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.India))
    if not changed:
        # No translator came or went, so Qt sends no LanguageChange; template labels
        # (which need no .qm) must follow the language anyway.
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


def language() -> str:
    return _language


def without_access_key(text: str) -> str:
    """A menu or button text for a place that takes no access key (a list item, a heading):
    "Daily &progress" -> "Daily progress", "दैनिक प्रगति (&P)" -> "दैनिक प्रगति"."""
    return re.sub(r"\s*\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def label_text(label: Label) -> str:
    """A bilingual label (from a template or a vocabulary) in the current language."""
    return label.text(_language)


def message_text(message: object) -> str:
    """A core ``Message`` or ``Plural`` translated through Qt (the empty context, where
    lupdate files them); plain text as is."""
    if isinstance(message, Message):
        return message.render(lambda t: QCoreApplication.translate(CONTEXT, t))
    if isinstance(message, Plural):
        return message.render(lambda one, other, n: QCoreApplication.translate(CONTEXT, one, other, n))
    return str(message)


def translate_in_class_chain(cls: type, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``tr()`` for classes that others subclass: Qt takes the context from the runtime class,
    lupdate from the class the string is written in, so try each class up the chain."""
    for klass in cls.__mro__:
        if klass.__module__.startswith(("PySide6", "shiboken6", "builtins")):
            break
        result = QCoreApplication.translate(klass.__name__, text, disambiguation, n)
        if result != text:
            return result
    return text
