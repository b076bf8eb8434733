"""A first-time clerk's scenario, keyboard only, from an empty data folder.

A first-time clerk, half of it in Hindi: the first-run wizard, one day's progress (three
figures), a scrap sale with two photos, a site's after photo, then English, export and
print preview. Every key goes to ``QApplication.focusWidget()`` (tests/ui/keyboard.py): no
click, no widget method, no value set by the test. A step the keyboard cannot reach fails
the test; the rows saved are checked at the end; the count of navigation keys (the keys
that are not the text and numbers themselves) and of all keys is printed. Goal: at most
60 navigation keys (about 140 of 380 before the keyboard-first work).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY
from tests.ui.keyboard import Pause, alt, ctrl, key, run, type_, until

K = Qt.Key
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
ENTER = K.Key_Return
NAVIGATION_GOAL = 60


def jpeg(path, colour) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 600), colour)
    ImageDraw.Draw(image).rectangle([100, 100, 400, 300], fill=(250, 250, 250))
    image.save(path, "JPEG", quality=85)


def modal(name: str) -> bool:
    widget = QApplication.activeModalWidget()
    return widget is not None and type(widget).__name__ == name


def focused(widget) -> bool:
    focus = QApplication.focusWidget()
    return focus is widget or (focus is not None and widget.isAncestorOf(focus))


def test_the_whole_scenario_by_keyboard_alone(qtbot, qapp, tmp_path, capsys):
    from desktop_app.ui.app import create_app, show_windows
    from desktop_app.ui.i18n import set_language

    pictures = tmp_path / "camera"
    pictures.mkdir()
    for name, colour in (("scrap-1", (180, 40, 40)), ("scrap-2", (40, 150, 60)), ("after", (40, 60, 170))):
        jpeg(pictures / f"{name}.jpg", colour)
    home = tmp_path / "office"
    app, wizard, opened = create_app(home, today=lambda: TODAY)
    qtbot.addWidget(wizard)
    shown = show_windows(app, home, opened, wizard)
    store = opened.store

    def window():
        return shown["window"]

    def page():
        return window().stack.currentWidget()

    def scenario():
        # -- the first-run wizard, in Hindi ------------------------------------------------------
        yield until(lambda: focused(wizard.welcome_page.language_combo), "the language, first thing")
        yield key(K.Key_Down)                     # हिन्दी
        yield until(lambda: wizard.button(wizard.WizardButton.NextButton).text().startswith("आगे"),
                    "the wizard in Hindi")
        yield key(ENTER)                          # आगे (Next)
        yield until(lambda: focused(wizard.office_page.code_edit), "the office code")
        yield type_("DL-042")
        yield key(K.Key_Tab)
        yield type_("क्षेत्रीय कार्यालय दिल्ली")
        yield key(ENTER)
        yield until(lambda: wizard.currentPage() is wizard.template_page, "the campaign page")
        yield until(lambda: focused(wizard.template_page.template_list), "the campaign list")
        while "Special" not in wizard.template_page.selected()[1].title.en:
            yield key(K.Key_Down)
        yield key(ENTER)
        yield until(lambda: focused(wizard.clerk_page.name_edit), "the clerk's name")
        yield type_("रवि पाटिल")
        yield key(ENTER)                          # कार्यालय बनाएँ (Create office)
        yield until(lambda: wizard.currentPage() is wizard.key_page, "the office key's page", 20)
        yield key(ENTER)                          # समाप्त (Finish), not "save public key"
        yield until(lambda: window() is not wizard and window().shortcuts_ready, "the main window", 20)

        # -- one day's progress: three figures --------------------------------------------------------
        yield ctrl(K.Key_3)
        yield until(lambda: focused(page().table), "the day's first figure")
        yield type_("5")
        yield key(ENTER)                          # down to the next indicator's figure
        yield type_("3")
        yield key(ENTER)
        yield type_("12")
        yield key(ENTER, CTRL)                    # the whole day saved
        yield until(lambda: len(store.progress.for_day(store.campaigns.current().id, TODAY)) == 3,
                    "the day saved")

        # -- a scrap sale with two photos ------------------------------------------------------------------
        yield ctrl(K.Key_4)
        yield until(lambda: type(page()).__name__ == "ScrapPage", "the scrap register")
        yield alt(K.Key_N)                        # नया (&N): a blank form, the cursor in it
        form = page().form
        yield until(lambda: focused(form.date_edit), "the form's first field")
        yield key(ENTER)                          # today's date stays
        yield type_("पुराने कंप्यूटर")
        yield key(ENTER)
        yield key(K.Key_Home)                     # category: the first one, e-waste
        yield key(ENTER)
        yield type_("12")
        yield key(ENTER)                          # unit: nos stays
        yield key(ENTER)
        yield key(ENTER)                          # mode: auction stays
        yield type_("Shree Traders")
        yield key(ENTER)
        yield type_("R-1101")
        yield key(ENTER)
        yield type_("15000")
        yield key(ENTER)
        yield type_("40")
        yield key(ENTER)                          # on to the remarks, left empty
        yield key(K.Key_P, CTRL | SHIFT)          # saves the record and asks for its photos
        yield until(lambda: modal("QFileDialog"), "the photo files")
        yield type_(str(pictures))
        yield key(ENTER)                          # into the folder
        yield type_('"scrap-1.jpg" "scrap-2.jpg"')
        yield key(ENTER)
        yield until(lambda: form.photo_strip.count() == 2 and QApplication.activeModalWidget() is None,
                    "two photos attached", 30)

        # -- a site's after photo ---------------------------------------------------------------------------
        yield ctrl(K.Key_5)
        yield until(lambda: type(page()).__name__ == "SitesPage" and focused(page().form.name_edit),
                    "a blank site form (the register is empty)")
        site_form = page().form
        yield type_("अभिलेख कक्ष")
        yield key(K.Key_A, CTRL | SHIFT)          # after photos: saves the site first
        yield until(lambda: modal("QFileDialog"), "the after photo")
        yield type_(str(pictures / "after.jpg"))
        yield key(ENTER)
        yield until(lambda: modal("QMessageBox"), "the offer to mark the site completed", 30)
        yield key(ENTER)                          # हाँ (Yes), the default
        yield until(lambda: QApplication.activeModalWidget() is None and site_form.after_strip.count() == 1,
                    "the site completed")

        # -- English, export and print preview ----------------------------------------------------------
        yield ctrl(K.Key_9)
        yield until(lambda: focused(page().language_combo), "the language in Settings")
        yield key(K.Key_Up)                       # English
        yield until(lambda: window().file_menu.title() == "&File", "the window in English")
        yield ctrl(K.Key_E)
        yield until(lambda: store.exports.last(store.campaigns.current().id) is not None
                    and QApplication.activeModalWidget() is None, "the bundle exported", 60)
        yield ctrl(K.Key_P)
        yield until(lambda: modal("QPrintPreviewDialog"), "the print preview", 30)
        yield Pause(200)
        yield key(K.Key_Plus, CTRL)               # zoom in
        yield key(K.Key_Escape)
        yield until(lambda: QApplication.activeModalWidget() is None, "back from the preview")

    try:
        driver = run(qtbot, scenario(), timeout_ms=180_000)
        with capsys.disabled():
            print(f"\nkeyboard scenario: {driver.summary()} (goal: navigation <= {NAVIGATION_GOAL})")
            print("navigation keys:", driver.navigation_trace())

        # What was saved is what was typed.
        cid = store.campaigns.current().id
        assert {code: e.value for code, e in store.progress.for_day(cid, TODAY).items()} == {
            "mp_references": 5, "parliamentary_assurances": 3, "imc_references": 12}
        (scrap,) = store.scrap.list(cid)
        assert (scrap.disposal_date, scrap.item, scrap.category.value, scrap.quantity, scrap.quantity_unit,
                scrap.mode.value, scrap.buyer, scrap.receipt_no, scrap.revenue_paise, scrap.space_freed_sqft) == (
            TODAY, "पुराने कंप्यूटर", "e-waste", 12.0, "nos", "auction", "Shree Traders", "R-1101", 1_500_000, 40)
        assert len(store.photos.links_for("scrap", scrap.id)) == 2
        (site,) = store.sites.list(cid)
        assert (site.name, site.status.value, site.completed_date) == ("अभिलेख कक्ष", "completed", TODAY)
        assert [link.role.value for link in store.photos.links_for("site", site.id)] == ["after"]
        office = store.office.get()
        assert (office.code, office.name, store.clerk) == ("DL-042", "क्षेत्रीय कार्यालय दिल्ली", "रवि पाटिल")
        assert opened.settings.language == "en"
        export = store.exports.last(cid)
        assert (opened.folder.exports / export.file_name).exists()
        assert driver.navigation_keys <= NAVIGATION_GOAL, driver.navigation_trace()
    finally:
        if shown["listener"] is not None:
            shown["listener"].close()
        for widget in {window(), wizard}:
            widget.close()
        app.setQuitOnLastWindowClosed(True)
        opened.close()
        set_language(qapp, "en")
