"""Access keys a clerk can type on an English keyboard, checked over every widget of
every page, the menus and the first-run wizard, in English and in Hindi.

In Hindi every access key is a Latin letter written the way Hindi Windows software writes
it, "सहेजें (&S)", so Alt+S works on the keyboards the offices have and no underline cuts
through a vowel sign; where it can, the letter is the English one. On one page no two
widgets share a key, and none takes a menu's.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QWizard

from tests.ui.widget_texts import access_keys, menu_texts, mnemonic

LATIN_KEY = re.compile(r"\(&[A-Z0-9]\)")
DEVANAGARI = re.compile(r"[\u0900-\u097F]")


@pytest.fixture
def language(qapp, request):
    from desktop_app.ui.i18n import set_language

    set_language(qapp, request.param)
    yield request.param
    set_language(qapp, "en")


def all_pages(window) -> list:
    from desktop_app.ui.pages import PAGES

    return [window.show_page(spec.load()) for spec in PAGES]


def check_keys(where: str, texts: list[str], language: str, taken: set[str] | None) -> list[str]:
    """Problems with these access keys; ``taken`` (keys already used on screen) also checks
    that each is unique (``None``: widgets not on screen together, Latin letters only)."""
    problems, seen = [], dict.fromkeys(taken or (), "a menu")
    for text in texts:
        key = mnemonic(text)
        if key is None:
            continue
        if not (key.isascii() and key.isalnum()):
            problems.append(f"{where}: {text!r} has the access key {key!r}, not a Latin letter")
        if language == "hi" and DEVANAGARI.search(text) and not LATIN_KEY.search(text):
            problems.append(f"{where}: {text!r} is not written 'text (&X)'")
        if taken is not None and key.lower() in seen:
            problems.append(f"{where}: {text!r} and {seen[key.lower()]!r} share Alt+{key.upper()}")
        seen[key.lower()] = text
    return problems


@pytest.mark.parametrize("language", ["en", "hi"], indirect=True)
def test_every_page_and_menu_has_latin_unique_access_keys(window, language):
    from desktop_app.ui.pages import PAGES

    pages = all_pages(window)
    assert len(pages) == len(PAGES)
    menus = menu_texts(window.menuBar())
    titles = [text for where, text in menus if where == "menu bar"]
    problems = check_keys("menu bar", titles, language, set())
    for title in titles:
        items = [text for where, text in menus if where == title]
        problems += check_keys(f"menu {title}", items, language, set())
    menu_keys = {mnemonic(t).lower() for t in titles}
    checked = 0
    for page in pages:
        window.show_page(type(page))
        everything = access_keys(page)
        checked += len(everything)
        problems += check_keys(type(page).__name__, [text for _w, text in everything], language, None)
        on_screen = [text for widget, text in everything if widget.isVisibleTo(page)]
        problems += check_keys(type(page).__name__, on_screen, language, menu_keys)
    assert checked > 60  # every page's buttons and fields were seen
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "hi"], indirect=True)
def test_the_wizard_pages_have_latin_unique_access_keys(qtbot, tmp_path, language):
    from desktop_app.storage.store import open_folder
    from desktop_app.ui.wizard import FirstRunWizard

    opened = open_folder(tmp_path / "new")
    wizard = FirstRunWizard(opened)
    qtbot.addWidget(wizard)
    problems = []
    buttons = [wizard.buttonText(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                                              QWizard.WizardButton.CancelButton)]
    for page in wizard.all_pages():
        texts = [text for _w, text in access_keys(page)]
        ending = [wizard.buttonText(QWizard.WizardButton.CommitButton if page is wizard.clerk_page
                                    else QWizard.WizardButton.FinishButton)]
        problems += check_keys(type(page).__name__, texts + buttons + ending, language, set())
    wizard.close()
    opened.close()
    assert problems == [], "\n".join(problems)


def test_message_box_buttons_take_latin_keys_in_hindi(qapp):
    """Qt's own Yes / No / Cancel, translated in qtbase_hi.ts: "हाँ (&Y)", so Y answers."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.ui.i18n import set_language

    set_language(qapp, "hi")
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel)
        texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)}
        assert texts == {"हाँ (&Y)", "नहीं (&N)"}
        assert all(DEVANAGARI.search(t) for t in texts)
    finally:
        set_language(qapp, "en")
