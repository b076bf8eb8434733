"""The first-run set-up: language, office profile, campaign template, clerk name, then the
office key's fingerprint and "Save public key for headquarters…".

The wizard only collects and checks; ``office_setup.create_office`` (shared with the CLI)
does the work when the clerk presses "Create office". Button texts are set explicitly so
they follow the chosen language (PySide6 ships no Hindi for QWizard's own buttons).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.storage.store import OpenFolder
from desktop_app.ui.i18n import language, message_text
from desktop_app.ui.wizard.office_page import OfficePage
from desktop_app.ui.wizard.pages import ClerkPage, KeyPage, TemplatePage, WelcomePage


class FirstRunWizard(QWizard):
    """Shown when the data folder has no office; ``exec()`` returns Accepted once it is set up."""

    PAGE_WELCOME, PAGE_OFFICE, PAGE_TEMPLATE, PAGE_CLERK, PAGE_KEY = range(5)

    def __init__(self, opened: OpenFolder, parent: QWidget | None = None):
        super().__init__(parent)
        self.opened = opened
        self.fingerprint = ""
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.welcome_page = WelcomePage(self)
        self.office_page = OfficePage(self)
        self.template_page = TemplatePage(self)
        self.clerk_page = ClerkPage(self)
        self.key_page = KeyPage(self)
        for page_id, page in enumerate(self.all_pages()):
            self.setPage(page_id, page)
        self.setMinimumSize(640, 500)
        self.retranslate()
        self._fit_screen()

    def _fit_screen(self) -> None:
        """800x580, or less on a small screen (1366x768 at 125% leaves about 1093x614)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 800, 580
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 50)
        self.resize(max(width, 640), max(height, 500))

    def all_pages(self) -> list[QWizardPage]:
        return [self.welcome_page, self.office_page, self.template_page, self.clerk_page, self.key_page]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("FieldDesk — set up this office"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("C&reate office"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        for page in self.all_pages():
            page.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def create_office(self) -> bool:
        """Run the set-up; on failure say why on the clerk page and stay there."""
        # keys, cryptography: not before the first paint
        from desktop_app.office_setup import create_office

        chosen = self.template_page.selected()
        page = self.clerk_page
        page.create_error.hide()
        if chosen is None:
            return False
        try:
            self.fingerprint = create_office(self.opened, self.office_page.office(), chosen[0],
                                             page.name_edit.text(), language())
        except ValidationError as exc:
            texts = [message_text(m) for m in exc.errors.values()]
            if "clerk_name" in exc.errors:
                page.name_error.setText(message_text(exc.errors["clerk_name"]))
                page.name_error.show()
            page.create_error.setText(" ".join(texts))
            page.create_error.show()
            return False
        except FieldDeskError as exc:
            page.create_error.setText(str(exc))
            page.create_error.show()
            QMessageBox.warning(self, self.tr("Set-up failed"), str(exc))
            return False
        return True
