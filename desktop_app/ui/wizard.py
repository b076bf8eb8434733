"""The first-run set-up: language, office profile, campaign template, clerk name, then the
office key's fingerprint and "Save public key for headquarters…".

The wizard only collects and checks; ``office_setup.create_office`` (shared with the CLI)
does the work when the clerk presses "Create office". Button texts are set explicitly so
they follow the chosen language (PySide6 ships no Hindi for QWizard's own buttons).
"""

from __future__ import annotations

import html
import shutil
from dataclasses import fields
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_app.domain import validation
from desktop_app.domain.choices import IndicatorGroup, label
from desktop_app.domain.models import Campaign, Office
from desktop_app.domain.templates import load_template, templates_dir
from desktop_app.errors import FieldDeskError, TemplateError, ValidationError
from desktop_app.ui.i18n import label_text, language, message_text
from desktop_app.ui.pages.settings import LANGUAGE_NAMES, switch_language

ERROR_STYLE = "color: #b00020;"
HELP_STYLE = "color: #4b5563;"


def _error_label() -> QLabel:
    lbl = QLabel()
    lbl.setStyleSheet(ERROR_STYLE)
    lbl.setWordWrap(True)
    lbl.hide()
    return lbl


def _help_label() -> QLabel:
    lbl = QLabel()
    lbl.setStyleSheet(HELP_STYLE)
    lbl.setWordWrap(True)
    return lbl


def fingerprint_lines(fingerprint: str, per_line: int = 4) -> str:
    """'AAAA BBBB …' (16 blocks) as 4 lines of 4 blocks: easy to read out over the phone."""
    blocks = fingerprint.split()
    return "\n".join(" ".join(blocks[i:i + per_line]) for i in range(0, len(blocks), per_line))


def shipped_templates() -> list[tuple[Path, Campaign]]:
    """Every readable template file with its campaign (a broken file is left out)."""
    found = []
    for path in sorted(templates_dir().glob("*.json")):
        try:
            found.append((path, load_template(path)))
        except TemplateError:
            continue
    return found


# ------------------------------------------------------------------------------------------
class WelcomePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel("&Language / भाषा:")
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("language_combo")
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language()), 0))
        self.language_label.setBuddy(self.language_combo)
        self.language_help = _help_label()
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language_combo)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.language_help)
        layout.addStretch(1)
        self.language_combo.activated.connect(self._on_language)

    def _on_language(self, index: int) -> None:
        lang = self.language_combo.itemData(index)
        if lang != language():
            switch_language(lang)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to FieldDesk"))
        self.setSubTitle(self.tr("A few questions set up this computer for your office. It takes about five minutes."))
        self.intro.setText(self.tr(
            "FieldDesk keeps your office's campaign records — targets, daily progress, scrap disposal, "
            "cleanliness sites and events with photos — on this computer, without the Internet. "
            "When you are ready it makes a signed report for headquarters.\n\n"
            "You will need: the office's details, the campaign you report on, and your name."))
        self.language_help.setText(self.tr("You can change the language later in Settings."))


# ------------------------------------------------------------------------------------------
OFFICE_FIELDS = ("code", "name", "organisation", "parent_office", "state", "district", "address",
                 "head_of_office", "nodal_officer", "contact")
REQUIRED_FIELDS = ("code", "name")


class OfficePage(QWizardPage):
    """The office profile, checked with ``validate_office`` as it is typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        for name in OFFICE_FIELDS:
            if name == "address":
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
                edit.textChanged.connect(lambda n=name: self._edited(n))
            else:
                edit = QLineEdit()
                edit.setMaxLength(validation.SHORT_TEXT)
                edit.textEdited.connect(lambda _t, n=name: self._edited(n))
                edit.editingFinished.connect(lambda n=name: self._left(n))
            edit.setObjectName(f"office_{name}")
            lbl = QLabel()
            lbl.setBuddy(edit)
            err = _error_label()
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(edit)
            column.addWidget(err)
            form.addRow(lbl, column)
            self.labels[name], self.edits[name], self.errors[name] = lbl, edit, err
        self.code_edit: QLineEdit = self.edits["code"]  # type: ignore[assignment]
        self.code_edit.setMaxLength(20)
        self.required_note = _help_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.required_note)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your office"))
        self.setSubTitle(self.tr("As it should appear on the reports headquarters receives."))
        texts = {
            "code": self.tr("Office &code *"), "name": self.tr("Office na&me *"),
            "organisation": self.tr("Minis&try / organisation"), "parent_office": self.tr("&Parent office"),
            "state": self.tr("&State"), "district": self.tr("&District"), "address": self.tr("&Address"),
            "head_of_office": self.tr("&Head of office"), "nodal_officer": self.tr("Noda&l officer"),
            "contact": self.tr("Ph&one"),
        }
        placeholders = {
            "code": self.tr("e.g. DL-042 (as given by headquarters)"),
            "name": self.tr("e.g. Regional Office, Delhi"),
            "organisation": self.tr("e.g. Ministry of Rural Development"),
            "parent_office": self.tr("e.g. Zonal Office, North"),
            "head_of_office": self.tr("Name and designation"),
            "nodal_officer": self.tr("Name and designation"),
            "contact": self.tr("e.g. 011-2338-0142"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
            edit = self.edits[name]
            if isinstance(edit, QLineEdit):
                edit.setPlaceholderText(placeholders.get(name, ""))
        self.required_note.setText(self.tr("Fields marked * are required."))
        self._show_errors()

    def office(self) -> Office:
        values = {}
        for name, edit in self.edits.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            values[name] = text.strip()
        known = {f.name for f in fields(Office)}
        return Office(**{k: v for k, v in values.items() if k in known})

    def validation_errors(self) -> dict:
        return validation.validate_office(self.office())

    def isComplete(self) -> bool:  # noqa: N802
        return not self.validation_errors()

    def _edited(self, name: str) -> None:
        if name == "code":
            text = self.code_edit.text()
            if text != text.upper():
                pos = self.code_edit.cursorPosition()
                self.code_edit.setText(text.upper())
                self.code_edit.setCursorPosition(pos)
        self._touched.add(name)
        self._show_errors()
        self.completeChanged.emit()

    def _left(self, name: str) -> None:
        self._touched.add(name)
        self._show_errors()

    def _show_errors(self) -> None:
        errors = self.validation_errors()
        for name, lbl in self.errors.items():
            msg = errors.get(name)
            if msg is not None and name in self._touched:
                lbl.setText(message_text(msg))
                lbl.show()
            else:
                lbl.hide()


# ------------------------------------------------------------------------------------------
class TemplatePage(QWizardPage):
    """Which campaign the office reports on: title, phases with dates, indicators."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.templates = shipped_templates()
        self.list_label = QLabel()
        self.template_list = QListWidget()
        self.template_list.setObjectName("template_list")
        self.template_list.setWordWrap(True)  # long bilingual titles wrap instead of being cut
        self.template_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_list.setSpacing(2)
        self.list_label.setBuddy(self.template_list)
        for _path, _campaign in self.templates:
            self.template_list.addItem(QListWidgetItem())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setContentsMargins(8, 4, 8, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        left = QVBoxLayout()
        left.addWidget(self.list_label)
        left.addWidget(self.template_list, 1)
        self.none_label = _error_label()
        left.addWidget(self.none_label)
        body = QHBoxLayout(self)
        body.addLayout(left, 1)
        body.addWidget(scroll, 1)
        self.template_list.currentRowChanged.connect(self._show_details)
        self.template_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        if self.templates:
            self.template_list.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Campaign"))
        self.setSubTitle(self.tr("Choose the campaign your office reports on. Headquarters will tell you which."))
        self.list_label.setText(self.tr("&Campaigns:"))
        for n, (_path, campaign) in enumerate(self.templates):
            self.template_list.item(n).setText(label_text(campaign.title))
        if not self.templates:
            self.none_label.setText(self.tr("No campaign templates were found in %1.").replace(
                "%1", str(templates_dir())))
            self.none_label.show()
        self._show_details(self.template_list.currentRow())

    def selected(self) -> tuple[Path, Campaign] | None:
        row = self.template_list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def isComplete(self) -> bool:  # noqa: N802
        return self.selected() is not None

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.templates):
            self.details.clear()
            return
        campaign = self.templates[row][1]
        lang = language()
        esc = html.escape
        parts = [f"<h3>{esc(label_text(campaign.title))}</h3>", "<table cellspacing='0' cellpadding='2'>"]
        for phase in sorted(campaign.phases, key=lambda p: p.start):
            parts.append(f"<tr><td><b>{esc(label_text(phase.title))}</b>&nbsp;&nbsp;</td>"
                         f"<td>{phase.start:%d.%m.%Y} – {phase.end:%d.%m.%Y}</td></tr>")
        parts.append("</table>")
        with_target = sum(1 for i in campaign.indicators if i.has_target)
        parts.append("<p>" + esc(self.tr("%1 indicators, %2 of them with targets:")
                                 .replace("%1", str(len(campaign.indicators)))
                                 .replace("%2", str(with_target))) + "</p>")
        for group in IndicatorGroup:
            members = [i for i in campaign.indicators if i.group is group]
            if members:
                items = "".join(f"<li>{esc(label_text(i.title))}</li>" for i in members)
                parts.append(f"<p style='margin-bottom:0'><b>{esc(label(group, lang))}</b></p>"
                             f"<ul style='margin-top:0'>{items}</ul>")
        self.details.setText("".join(parts))


# ------------------------------------------------------------------------------------------
class ClerkPage(QWizardPage):
    """The clerk's name (the audit trail records it); pressing "Create office" sets all up."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setCommitPage(True)
        self.name_label = QLabel()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("clerk_edit")
        self.name_edit.setMaxLength(validation.SHORT_TEXT)
        self.name_label.setBuddy(self.name_edit)
        self.name_error = _error_label()
        self.help = _help_label()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.create_error = _error_label()
        form = QFormLayout()
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(self.name_edit)
        column.addWidget(self.name_error)
        form.addRow(self.name_label, column)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(self.create_error)
        layout.addStretch(1)
        self.name_edit.textEdited.connect(self._edited)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your name"))
        self.setSubTitle(self.tr("The clerk who keeps the records on this computer."))
        self.name_label.setText(self.tr("&Clerk name *"))
        self.name_edit.setPlaceholderText(self.tr("Your full name, e.g. Ravi Patil"))
        self.help.setText(self.tr("Every change saved in FieldDesk is recorded under this name. "
                                  "Another clerk can change it later in Settings."))
        self.initializePage()

    def initializePage(self) -> None:  # noqa: N802
        office = self._wizard.office_page.office()
        chosen = self._wizard.template_page.selected()
        self.summary.setText(
            "<p>" + html.escape(self.tr("Press Create office to set up:")) + "</p><ul>"
            + f"<li>{html.escape(office.code)} — {html.escape(office.name)}</li>"
            + (f"<li>{html.escape(label_text(chosen[1].title))}</li>" if chosen else "")
            + "<li>" + html.escape(self.tr("a signing key for this office")) + "</li></ul>")

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.name_edit.text().strip())

    def _edited(self, _text: str) -> None:
        msg = validation.check_text(self.name_edit.text().strip(), required=True)
        self.name_error.setText(message_text(msg) if msg else "")
        self.name_error.setVisible(msg is not None)
        self.completeChanged.emit()

    def validatePage(self) -> bool:  # noqa: N802
        return self._wizard.create_office()


# ------------------------------------------------------------------------------------------
class KeyPage(QWizardPage):
    """The new key's fingerprint, large and grouped, and the public key for headquarters."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint_label")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.6)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 105)
        self.fingerprint_label.setFont(font)
        self.fingerprint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                       | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.fingerprint_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.fingerprint_label.setStyleSheet("QLabel { background: #f8fafc; padding: 10px; }")
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_key_button")
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.private_note = _help_label()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fingerprint_label)
        layout.addLayout(row)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.private_note)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save_public_key)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Office created"))
        self.setSubTitle(self.tr("One last step: give headquarters your office's public key."))
        self.intro.setText(self.tr(
            "This is your office key's fingerprint. Headquarters registers your public key and reads "
            "this fingerprint back to you over the phone: both must match exactly."))
        self.save_button.setText(self.tr("&Save public key for headquarters…"))
        self.private_note.setText(self.tr(
            "Send the saved .pub.pem file to headquarters by e-mail or pen drive. The private key stays in "
            "the data folder on this computer: never send it to anyone."))

    def initializePage(self) -> None:  # noqa: N802
        self.fingerprint_label.setText(fingerprint_lines(self._wizard.fingerprint))

    def save_public_key(self) -> Path | None:
        from desktop_app.bundle.signing import public_pem_path

        opened = self._wizard.opened
        code = self._wizard.office_page.office().code or "office"
        suggested = str(Path.home() / f"{code}.pub.pem")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save public key for headquarters"), suggested, self.tr("Public key (*.pem)"))
        if not path:
            return None
        dest = Path(path)
        try:
            shutil.copyfile(public_pem_path(opened.folder.keys), dest)
        except OSError as exc:
            self.saved_label.setStyleSheet(ERROR_STYLE)
            self.saved_label.setText(self.tr("Could not save the public key: %1").replace(
                "%1", exc.strerror or str(exc)))
            return None
        self.saved_label.setStyleSheet("color: #1b5e20;")
        self.saved_label.setText(self.tr("Public key saved: %1").replace("%1", str(dest)))
        return dest


# ------------------------------------------------------------------------------------------
class FirstRunWizard(QWizard):
    """Shown when the data folder has no office; ``exec()`` returns Accepted once it is set up."""

    PAGE_WELCOME, PAGE_OFFICE, PAGE_TEMPLATE, PAGE_CLERK, PAGE_KEY = range(5)

    def __init__(self, opened, parent: QWidget | None = None):
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
