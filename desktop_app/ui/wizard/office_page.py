"""The wizard's office page: the office profile, checked with ``validate_office`` as it is typed."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWizardPage,
)

from desktop_app.domain import validation
from desktop_app.domain.models import Office
from desktop_app.ui.i18n import message_text
from desktop_app.ui.wizard.pages import error_label, help_label

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
            err = error_label()
            column = QVBoxLayout()
            column.setSpacing(1)
            column.addWidget(edit)
            column.addWidget(err)
            form.addRow(lbl, column)
            self.labels[name], self.edits[name], self.errors[name] = lbl, edit, err
        self.code_edit: QLineEdit = self.edits["code"]  # type: ignore[assignment]
        self.code_edit.setMaxLength(20)
        # What an office code is, with an example, under the field (a placeholder disappears
        # with the first key typed).
        self.code_help = help_label()
        form.itemAt(0, QFormLayout.ItemRole.FieldRole).layout().insertWidget(1, self.code_help)
        self.required_note = help_label()
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
        self.code_help.setText(self.tr(
            "The short code headquarters gave your office; it names your bundles and reports. 2 to 20 "
            "capital letters, digits or hyphens, e.g. DL-042 or MH-PUNE-03."))
        self.required_note.setText(self.tr("Fields marked * are required. Tab moves between fields, Enter goes on to the next step."))
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


