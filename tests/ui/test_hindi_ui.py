"""No English left in the Hindi UI: every page, the menus, the wizard, Qt's own
file dialog; and switching the language re-translates every open page at once.

The office here keeps its records in Hindi, so any Latin word on screen is the app's own
text, not the clerk's data (names of things, keys, units and codes are allowed:
``widget_texts.ALLOWED``).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from tests.conftest import TODAY
from tests.ui.widget_texts import english_words, menu_texts, visible_texts


@pytest.fixture
def hindi_home(tmp_path):
    """An office whose own data is in Hindi, with a record in each register."""
    from desktop_app.domain.choices import EventType, SiteStatus
    from desktop_app.domain.models import CleanlinessSite, Event, Office, ScrapDisposal
    from desktop_app.domain.templates import load_template, templates_dir
    from desktop_app.storage.store import open_folder

    home = tmp_path / "hindi"
    path = templates_dir() / "special-campaign-6.json"
    with open_folder(home, today=lambda: TODAY) as opened:
        store = opened.store
        store.office.save(Office("DL-042", "क्षेत्रीय कार्यालय दिल्ली", head_of_office="श्री राम कुमार"))
        campaign = load_template(path)
        store.campaigns.add(campaign, json.loads(path.read_text(encoding="utf-8")))
        opened.settings.clerk_name, opened.settings.language = "रवि पाटिल", "hi"
        opened.save_settings()
        store.scrap.add(ScrapDisposal(campaign.id, date(2026, 11, 2), "पुराने कंप्यूटर", quantity=4))
        store.sites.add(CleanlinessSite(campaign.id, "अभिलेख कक्ष", status=SiteStatus.IN_PROGRESS))
        store.events.add(Event(campaign.id, date(2026, 11, 3), EventType.PLEDGE, "स्वच्छता शपथ"))
    return home


@pytest.fixture
def hindi_window(qtbot, qapp, hindi_home):
    from desktop_app.ui.app import create_app
    from desktop_app.ui.i18n import set_language

    _app, win, opened = create_app(hindi_home, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.shortcuts_ready)
    yield win
    win.close()
    opened.close()
    set_language(qapp, "en")


def english_on(widget) -> list[tuple[str, str, list[str]]]:
    return [(where, text, words) for where, text in visible_texts(widget) if (words := english_words(text))]


def test_no_english_on_any_page_or_menu_in_hindi(hindi_window):
    from desktop_app.ui.pages import PAGES

    found = []
    for spec in PAGES:
        page = hindi_window.show_page(spec.load())
        QApplication.processEvents()
        found += [(spec.name, *item) for item in english_on(page)]
    found += [("menus", where, text, words) for where, text in menu_texts(hindi_window.menuBar())
              if (words := english_words(text))]
    found += [("status bar", "", w.text(), english_words(w.text()))
              for w in (hindi_window.status_office, hindi_window.status_phase, hindi_window.status_export)
              if english_words(w.text())]
    assert found == [], "\n".join(map(str, found))


def test_units_and_vocabularies_in_the_registers_are_hindi(hindi_window):
    from desktop_app.ui.models.register_model import COL_CATEGORY, COL_QUANTITY
    from desktop_app.ui.pages.registers import ScrapPage

    page = hindi_window.show_page(ScrapPage)
    assert page.model.index(0, COL_QUANTITY).data() == "4 नग"  # stored as "nos"
    assert page.model.index(0, COL_CATEGORY).data() == "अन्य"
    page.table.setFocus()
    page.edit_selected()
    assert page.form.unit_combo.currentText() == "नग" and page.form.unit_combo.value() == "nos"
    assert [page.form.unit_combo.itemText(i) for i in range(3)] == ["नग", "कि.ग्रा.", "टन"]


def test_no_english_in_the_wizard_in_hindi(qtbot, qapp, tmp_path):
    from desktop_app.storage.store import open_folder
    from desktop_app.ui.i18n import set_language
    from desktop_app.ui.wizard import FirstRunWizard

    set_language(qapp, "hi")
    opened = open_folder(tmp_path / "new")
    try:
        wizard = FirstRunWizard(opened)
        qtbot.addWidget(wizard)
        found = []
        for page in wizard.all_pages():
            found += [(type(page).__name__, *item) for item in english_on(page)]
            found += [(type(page).__name__, "title", t, english_words(t)) for t in (page.title(), page.subTitle())
                      if english_words(t)]
        kinds = QWizard.WizardButton
        buttons = [wizard.buttonText(b) for b in (kinds.BackButton, kinds.NextButton, kinds.CommitButton,
                                                   kinds.FinishButton, kinds.CancelButton)]
        found += [("wizard buttons", b) for b in buttons if english_words(b)]
        assert found == [], "\n".join(map(str, found))
    finally:
        opened.close()
        set_language(qapp, "en")


def test_no_english_in_the_hindi_file_dialog(qtbot, qapp, tmp_path):
    """Qt's own dialog, as FieldDesk opens it (file_dialogs): labels, buttons, tooltips,
    column headers, the places list and the type, size and date of each file."""
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from desktop_app.ui import file_dialogs
    from desktop_app.ui.i18n import set_language

    (tmp_path / "photos").mkdir()
    (tmp_path / "IMG_0001.jpg").write_bytes(b"\xff\xd8" + bytes(3000))
    (tmp_path / "HQ.pub.pem").write_text("-----BEGIN PUBLIC KEY-----\n")
    (tmp_path / "notes.txt").write_text("x")
    set_language(qapp, "hi")
    try:
        for mode, accept in ((QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
                             (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave)):
            dialog = file_dialogs._dialog(None, "फ़ोटो जोड़ें", str(tmp_path), "सभी फ़ाइलें (*);;चित्र (*.jpg)",
                                          mode, accept)
            qtbot.addWidget(dialog)
            dialog.setViewMode(QFileDialog.ViewMode.Detail)
            dialog.show()
            view = dialog.findChild(QTreeView, "treeView")
            model = view.model()
            qtbot.waitUntil(lambda m=model, v=view: m.rowCount(v.rootIndex()) == 4
                            and bool(m.index(0, 2, v.rootIndex()).data()), timeout=5000)
            rows = [[model.index(r, c, view.rootIndex()).data() for c in range(1, 4)]
                    for r in range(model.rowCount(view.rootIndex()))]
            found = [item for item in english_on(dialog) if item[0] != "QLabel" or "फ़ोटो" not in item[1]]
            found += [("row", " | ".join(row), english_words(" ".join(row))) for row in rows
                      if english_words(" ".join(row))]
            assert found == [], "\n".join(map(str, found))
            assert any("KB" in row[0] for row in rows)  # sizes as the app writes them
            assert all(row[2].count(".") == 2 for row in rows)  # dd.mm.yyyy hh:mm
            dialog.close()
    finally:
        set_language(qapp, "en")


def test_switching_language_retranslates_the_open_export_page_at_once(qtbot, qapp, window):
    """The Export page (and its upload panel) built in English, then Hindi chosen in Settings:
    every text on it changes without a restart, and back again."""
    import re

    from PySide6.QtCore import Qt

    from desktop_app.ui.pages.export import ExportPage
    from desktop_app.ui.pages.settings import SettingsPage

    export = window.show_page(ExportPage)
    english = [text for _where, text in visible_texts(export)]
    assert "Export a signed bundle for headquarters" in english
    assert any("scrap disposals" in text for text in english)
    settings = window.show_page(SettingsPage)
    settings.language_combo.setFocus()
    try:
        qtbot.keyClick(settings.language_combo, Qt.Key.Key_Down)  # English -> हिन्दी
        qtbot.waitUntil(lambda: export.heading.text() != "Export a signed bundle for headquarters")
        assert window.ctx.settings.language == "hi"
        assert english_on(export) == []
        assert export.upload_panel.title() == "मुख्यालय को अपलोड"
    finally:
        qtbot.keyClick(settings.language_combo, Qt.Key.Key_Up)
        qtbot.waitUntil(lambda: export.heading.text() == "Export a signed bundle for headquarters")
    devanagari = re.compile(r"[\u0900-\u097F]")
    assert [t for _w, t in visible_texts(export) if devanagari.search(t) and "भाषा" not in t] == []
