"""Settings (language, clerk name, backup, restore) and the first-run wizard, with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QWizard

from desktop_app.ui import file_dialogs
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def four_pages(monkeypatch):
    import desktop_app.ui.pages as pages

    def only_ours() -> list[type]:
        from desktop_app.ui.pages.dashboard import DashboardPage
        from desktop_app.ui.pages.progress import ProgressPage
        from desktop_app.ui.pages.settings import SettingsPage
        from desktop_app.ui.pages.targets import TargetsPage

        return [DashboardPage, TargetsPage, ProgressPage, SettingsPage]

    monkeypatch.setattr(pages, "all_pages", only_ours)


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    """The language is process-wide: every test leaves English behind."""
    yield
    from desktop_app.ui.i18n import set_language

    set_language(qapp, "en")


class TinyHindi(QTranslator):
    """A stand-in for the Hindi .qm (written at the end by the translators)."""

    TEXTS = {("SettingsPage", "Setti&ngs"): "सेटि&ंग्स", ("SettingsPage", "Settings"): "सेटिंग्स",
             ("TargetsModel", "Target"): "लक्ष्य"}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.TEXTS.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def type_keys(qtbot, text: str) -> None:
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


# -- Settings --------------------------------------------------------------------------------
def test_switching_to_hindi_relabels_everything_at_once(qtbot, window, qapp):
    from desktop_app.settings import Settings
    from desktop_app.ui.models.indicator_models import TargetsModel
    from desktop_app.ui.pages.progress import ProgressPage
    from desktop_app.ui.pages.settings import SettingsPage
    from desktop_app.ui.pages.targets import TargetsPage

    translator = TinyHindi(qapp)
    qapp.installTranslator(translator)
    try:
        page = window.show_page(SettingsPage)
        settings_row = window.pages.index(page)
        assert window.nav.item(settings_row).text() == "Settings"
        focus(qtbot, page.language_combo)
        press(qtbot, Qt.Key.Key_Down)  # English -> हिन्दी

        qtbot.waitUntil(lambda: window.nav.item(settings_row).text() == "सेटिंग्स")
        assert page.heading.text() == "सेटिंग्स"
        assert Settings.load(window.ctx.folder.settings).language == "hi"
        # Campaign labels come from the template, in Hindi: status bar, targets, progress.
        assert "लंबित मामलों के निपटान" in window.status_office.text()
        targets = window.show_page(TargetsPage)
        model = targets.model
        assert model.index(model.row_of("public_grievances"), 0).data() == "लोक शिकायतें"
        assert model.headerData(TargetsModel.COL_TARGET, Qt.Orientation.Horizontal) == "लक्ष्य"
        progress = window.show_page(ProgressPage)
        assert progress.model.index(progress.model.row_of("public_grievances"), 0).data() == "लोक शिकायतें"
        assert progress.model.index(0, 0).data() == "लंबित संदर्भ"  # the group header

        window.show_page(SettingsPage)
        focus(qtbot, page.language_combo)
        press(qtbot, Qt.Key.Key_Up)  # and back to English (our stand-in translator stays installed)
        qtbot.waitUntil(lambda: "Special Campaign 6.0" in window.status_office.text())
        assert progress.model.index(progress.model.row_of("public_grievances"), 0).data() == "Public Grievances"
        assert Settings.load(window.ctx.folder.settings).language == "en"
    finally:
        qapp.removeTranslator(translator)


def test_clerk_name_is_used_in_the_next_audit_row(qtbot, window):
    from desktop_app.settings import Settings
    from desktop_app.ui.pages.progress import ProgressPage
    from desktop_app.ui.pages.settings import SettingsPage

    page = window.show_page(SettingsPage)
    assert page.clerk_edit.text() == "Ravi Patil"
    focus(qtbot, page.clerk_edit)
    page.clerk_edit.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Return)  # an empty name is refused next to the field
    assert page.clerk_error.isVisible() and page.clerk_error.text() == "This field is required."
    assert Settings.load(window.ctx.folder.settings).clerk_name == "Ravi Patil"
    type_keys(qtbot, "Asha Verma")
    assert page.has_unsaved_changes()
    press(qtbot, Qt.Key.Key_Return)
    assert not page.clerk_error.isVisible()
    assert Settings.load(window.ctx.folder.settings).clerk_name == "Asha Verma"

    progress = window.show_page(ProgressPage)
    focus(qtbot, progress.table)
    type_keys(qtbot, "2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    entry = window.ctx.store.progress.for_day(window.ctx.campaign.id, TODAY)["mp_references"]
    (audit,) = window.ctx.store.audit.for_row("progress_entry", entry.id)
    assert audit.clerk == "Asha Verma" and entry.entered_by == "Asha Verma"


def test_photo_size_is_limited_and_saved(qtbot, window):
    from desktop_app.settings import Settings
    from desktop_app.ui.pages.settings import SettingsPage

    page = window.show_page(SettingsPage)
    assert page.photo_spin.value() == 1600
    assert (page.photo_spin.minimum(), page.photo_spin.maximum()) == (1024, 2048)
    page.photo_spin.setValue(5000)
    assert page.photo_spin.value() == 2048
    page.save()
    assert Settings.load(window.ctx.folder.settings).photo_max_edge == 2048
    assert page.folder_edit.text() == str(window.ctx.folder.root) and page.folder_edit.isReadOnly()


def test_backup_from_settings_then_restore_it(qtbot, window, tmp_path, monkeypatch):
    from desktop_app.ui.pages.settings import SettingsPage

    page = window.show_page(SettingsPage)
    out = tmp_path / "pen-drive" / "office-backup.zip"
    out.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "save_file", lambda *_a, **_k: str(out))
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and str(out) in page.backup_status.text(), timeout=20_000)
    assert page.last_backup == out

    store, cid = window.ctx.store, window.ctx.campaign.id
    store.targets.set_targets(cid, {"mp_references": 99}, reason="mistake")
    monkeypatch.setattr(file_dialogs, "open_file", lambda *_a, **_k: str(out))
    monkeypatch.setattr(SettingsPage, "confirm_restore", lambda _self, _path: True)
    seen_changes: list[str] = []
    window.ctx.data_changed.connect(seen_changes.append)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Restored" in page.backup_status.text(), timeout=20_000)

    assert window.ctx.store is not store  # a fresh connection on the restored database
    assert window.ctx.store.targets.for_campaign(cid)["mp_references"] == 34
    assert "" in seen_changes
    kept = list(window.ctx.folder.backups.glob("before-restore-*.zip"))
    assert len(kept) == 1 and str(kept[0]) in page.backup_status.text()
    assert page.backup_button.isEnabled()


def test_restore_is_not_done_without_confirmation(qtbot, window, tmp_path, monkeypatch):
    from desktop_app.ui.pages.settings import SettingsPage

    page = window.show_page(SettingsPage)
    monkeypatch.setattr(file_dialogs, "open_file", lambda *_a, **_k: str(tmp_path / "x.zip"))
    monkeypatch.setattr(SettingsPage, "confirm_restore", lambda _self, _path: False)
    store = window.ctx.store
    page.restore()
    assert window.ctx.store is store and page.backup_status.text() == ""


# -- First-run wizard ------------------------------------------------------------------------
@pytest.fixture
def wizard(qtbot, tmp_path):
    from desktop_app.ui.app import create_app
    from desktop_app.ui.wizard import FirstRunWizard

    _app, wiz, opened = create_app(tmp_path / "new-office", today=lambda: TODAY)
    assert isinstance(wiz, FirstRunWizard)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    yield wiz
    opened.close()


OFFICE_KEYS = ["dl-042", "Regional Office, Delhi", "Ministry of Rural Development", "Zonal Office, North",
               "Delhi", "New Delhi", "2nd Floor, Vikas Bhawan", "Smt. Meera Rao, Director",
               "Shri Anil Gupta, Deputy Director", "011-2338-0142"]


def test_wizard_sets_up_the_office_with_the_keyboard(qtbot, wizard, tmp_path, monkeypatch):
    from desktop_app.keys import signing
    from desktop_app.keys.fingerprint_text import fingerprint_lines
    from desktop_app.settings import Settings

    opened = wizard.opened
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "&Next >"

    # Welcome: Hindi, switched live (template titles follow at once).
    focus(qtbot, wizard.welcome_page.language_combo)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: wizard.template_page.template_list.item(1).text()
                    == "लंबित मामलों के निपटान हेतु विशेष अभियान 6.0")
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_OFFICE

    # Office profile: Next stays disabled until the required fields are valid.
    page = wizard.office_page
    assert not next_button.isEnabled()
    focus(qtbot, page.edits["code"])
    type_keys(qtbot, "dl 42")
    assert page.edits["code"].text() == "DL 42"  # capitals as typed
    # the message is in the wizard's language (Hindi here); both name the example code
    assert page.errors["code"].isVisible() and "DL-042" in page.errors["code"].text()
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Backspace)
    type_keys(qtbot, "-042")
    assert not page.errors["code"].isVisible()
    for text in OFFICE_KEYS[1:]:
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, text)
    assert page.office().contact == "011-2338-0142"
    assert page.office().address == "2nd Floor, Vikas Bhawan"
    assert next_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_TEMPLATE

    # Campaign: the Special Campaign (second in the list), details shown.
    templates = wizard.template_page
    focus(qtbot, templates.template_list)
    templates.template_list.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Down)
    assert templates.selected()[1].id == "special-campaign-6"
    assert "14" in templates.details.text() and "02.10.2026" in templates.details.text()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_CLERK

    # Clerk name, then Create office (the commit button).
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()
    focus(qtbot, wizard.clerk_page.name_edit)
    type_keys(qtbot, "Asha Verma")
    assert commit.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == wizard.PAGE_KEY

    store = opened.store
    office = store.office.get()
    assert (office.code, office.name, office.district, office.contact) == (
        "DL-042", "Regional Office, Delhi", "New Delhi", "011-2338-0142")
    assert store.campaigns.current().id == "special-campaign-6"
    settings = Settings.load(opened.folder.settings)
    assert (settings.clerk_name, settings.language) == ("Asha Verma", "hi")
    keys = opened.folder.keys
    assert signing.key_path(keys).exists() and signing.public_pem_path(keys).exists()
    assert office.key_fingerprint == wizard.fingerprint == signing.fingerprint(signing.load_private_key(keys))
    assert wizard.key_page.fingerprint_label.text() == fingerprint_lines(wizard.fingerprint)
    assert len(wizard.key_page.fingerprint_label.text().splitlines()) == 4

    # Save public key for headquarters…
    dest = tmp_path / "for-hq" / "DL-042.pub.pem"
    dest.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "save_file", lambda *_a, **_k: str(dest))
    qtbot.mouseClick(wizard.key_page.save_button, Qt.MouseButton.LeftButton)
    assert dest.read_bytes() == signing.public_pem_path(keys).read_bytes()
    assert str(dest) in wizard.key_page.saved_label.text()

    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    focus(qtbot, wizard.key_page.save_button)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_wizard_buttons_follow_the_language(qtbot, wizard, qapp):
    from desktop_app.ui.pages.settings import switch_language

    switch_language("hi")  # the Hindi .qm, compiled by scripts/setup
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).text() == "आगे (&N) >")
    assert wizard.button(QWizard.WizardButton.BackButton).text() == "< पीछे (&B)"


def test_wizard_shows_why_next_is_disabled(qtbot, wizard):
    wizard.next()
    page = wizard.office_page
    focus(qtbot, page.edits["name"])
    type_keys(qtbot, "x")
    press(qtbot, Qt.Key.Key_Backspace)
    assert page.errors["name"].isVisible() and page.errors["name"].text() == "This field is required."
    assert not page.errors["state"].isVisible()  # untouched fields do not shout
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not Path(wizard.opened.folder.keys / "office.key").exists()


def test_upload_address_and_hq_key_are_saved_from_settings(qtbot, window, tmp_path):
    from desktop_app.keys.signing import fingerprint, generate_key, load_public_key_file
    from desktop_app.ui.pages.settings import SettingsPage

    generate_key(tmp_path / "hqkeys", name="hq")
    pem = tmp_path / "hqkeys" / "hq.pub.pem"
    page = window.show_page(SettingsPage)
    box = page.remote_box
    box.url_edit.clear()
    qtbot.keyClicks(box.url_edit, "not a url")
    qtbot.keyClicks(box.key_file_edit, str(pem))
    qtbot.keyClick(box.key_file_edit, Qt.Key.Key_Return)  # Enter in the key file saves
    assert window.ctx.settings.remote_url == ""  # refused, nothing stored
    assert "'not a url' is not a web address" in box.remote_status.text()
    box.url_edit.clear()
    qtbot.keyClicks(box.url_edit, "https://hq.example.gov.in")
    qtbot.keyClick(box.key_file_edit, Qt.Key.Key_Return)
    expected = fingerprint(load_public_key_file(pem))
    assert window.ctx.settings.remote_url == "https://hq.example.gov.in"
    assert window.ctx.settings.hq_key_fingerprint == expected
    # Read back over the phone: four lines of four blocks, and in the status line.
    assert box.hq_key_value.text().split() == expected.split()
    assert len(box.hq_key_value.text().splitlines()) == 4
    assert expected in box.remote_status.text()
    assert (window.ctx.folder.keys / "hq.pub.pem").read_bytes() == pem.read_bytes()
