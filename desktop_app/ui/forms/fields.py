"""Shared pieces of the register forms: a labelled field with its error shown under it,
editors for Indian numbers, campaign dates and vocabularies, and ``RecordForm``, the one
add/edit flow every register form follows.

Edits flow one way: the form reads its editors into a domain record (text
becomes a number only through ``domain.numbers``), asks the repository's ``errors()``
(domain validation, field -> message), shows each message under its field, and only a
valid record reaches ``add``/``update`` (one transaction, audited). Enter saves, Esc
cancels, the form knows when it differs from what was loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.choices import label
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import QUANTITY_UNITS
from desktop_app.domain.numbers import (
    BAD_NUMBER,
    NumberParseError,
    format_count,
    format_rupees,
    parse_count,
    parse_rupees,
)
from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.ui.i18n import language, message_text
from desktop_app.ui.models.register_model import format_quantity

ERROR_COLOUR = "#b00020"
SAVED_COLOUR = "#1b5e20"
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


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


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def clamp(day: date, start: date, end: date) -> date:
    return max(start, min(end, day))


class ErrorLabel(QLabel):
    """A field's message, in red under the field; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


# -- editors ----------------------------------------------------------------------------------
class NumberEdit(QLineEdit):
    """A number typed the way clerks type it: 6,91,389 or 691389.50 or १२३ (parsed by the domain).

    ``kind`` is ``count`` (whole numbers), ``rupees`` (value in paise) or ``quantity`` (up to
    two decimals). Empty means 0. On leaving the field a valid number is regrouped the
    Indian way.
    """

    COUNT, RUPEES, QUANTITY = "count", "rupees", "quantity"

    def __init__(self, kind: str = COUNT, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 22)
        self.editingFinished.connect(self._regroup)

    def value(self) -> int | float:
        """The number typed (paise for rupees); raises NumberParseError with a clerk's message."""
        text = self.text().strip()
        if not text:
            return 0.0 if self.kind == self.QUANTITY else 0
        if self.kind == self.RUPEES:
            return parse_rupees(text)
        if self.kind == self.QUANTITY:
            return parse_rupees(text) / 100  # the same rules: Indian grouping, two decimals
        return parse_count(text)

    def set_value(self, value: int | float | None) -> None:
        self.setText(self.format(value))

    def format(self, value: int | float | None) -> str:
        if not value:
            return ""  # the grey placeholder says 0; typing needs no deleting first
        if self.kind == self.RUPEES:
            return format_rupees(int(value)).removeprefix("Rs. ")
        if self.kind == self.QUANTITY:
            return format_quantity(value)
        return format_count(int(value))

    def state(self) -> Any:
        try:
            return self.value()
        except NumberParseError:
            return self.text()

    def _regroup(self) -> None:
        if not self.text().strip():
            return
        try:
            text = self.format(self.value())
        except NumberParseError:
            return
        if text != self.text():  # same number, tidier: not an edit (keeps its message)
            self.blockSignals(True)
            self.setText(text)
            self.blockSignals(False)


class CoordinateEdit(QLineEdit):
    """A latitude or longitude in decimal degrees; empty means not recorded."""

    def value(self) -> float | None:
        text = self.text().strip().translate(_DEVANAGARI_DIGITS)
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise NumberParseError(Message(BAD_NUMBER, text=self.text().strip())) from None

    def set_value(self, value: float | None) -> None:
        self.setText("" if value is None else f"{value:.6f}".rstrip("0").rstrip("."))

    def state(self) -> Any:
        try:
            return self.value()
        except NumberParseError:
            return self.text()


class CampaignDateEdit(QDateEdit):
    """A date picker limited to the campaign's dates, written dd.mm.yyyy."""

    def __init__(self, start: date, end: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setDateRange(qdate(start), qdate(end))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.start, self.end = start, end

    def value(self) -> date:
        return self.date().toPython()

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802
        """Tab leaves the field (QDateEdit would step through day, month, year first)."""
        return QWidget.focusNextPrevChild(self, next_)

    def set_value(self, day: date) -> None:
        self.setDate(qdate(clamp(day, self.start, self.end)))

    def state(self) -> Any:
        return self.value()


class OptionalDateEdit(QWidget):
    """A campaign date that may be left unset: a tick box, then the date."""

    changed = Signal()

    def __init__(self, start: date, end: date, default: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox()
        self.date_edit = CampaignDateEdit(start, end)
        self.default = default
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date_edit)
        layout.addStretch(1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.date_edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.date_edit.dateChanged.connect(self.changed)
        self.set_value(None)

    def value(self) -> date | None:
        return self.date_edit.value() if self.check.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.check.setChecked(day is not None)
        self.date_edit.setEnabled(day is not None)
        self.date_edit.set_value(day or self.default)

    def state(self) -> Any:
        return self.value()


class VocabCombo(QComboBox):
    """A fixed vocabulary (category, mode, status, type) labelled from the domain."""

    def __init__(self, values: Sequence[StrEnum], parent: QWidget | None = None):
        super().__init__(parent)
        self.values = list(values)
        for value in self.values:
            self.addItem("", value.value)
        self.relabel()

    def relabel(self) -> None:
        for i, value in enumerate(self.values):
            self.setItemText(i, label(value, language()))

    def value(self) -> StrEnum:
        return self.values[max(0, self.currentIndex())]

    def set_value(self, value: StrEnum) -> None:
        self.setCurrentIndex(self.findData(getattr(value, "value", value)))

    def state(self) -> Any:
        return self.currentData()


class UnitCombo(QComboBox):
    """The unit of a quantity: the usual ones to pick, or any short unit typed in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(QUANTITY_UNITS))
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, unit: str) -> None:
        index = self.findText(unit)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(unit)

    def state(self) -> Any:
        return self.value()


class MultiLineEdit(QPlainTextEdit):
    """Remarks and descriptions: Enter saves the form like everywhere else, Shift+Enter starts a
    new line, Tab moves on."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 10
        self.setFixedHeight(height)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.ignore()  # the form saves
            return
        if enter:
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802
        self.setPlainText(text)

    def state(self) -> Any:
        return self.toPlainText()


def editor_state(widget: QWidget) -> Any:
    """What an editor holds, for telling whether the form changed."""
    if hasattr(widget, "state"):
        return widget.state()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"no state for {type(widget).__name__}")


def _change_signal(widget: QWidget):
    if isinstance(widget, OptionalDateEdit):
        return widget.changed
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return None


@dataclass
class FormField:
    """One field of a form: its label (with a mnemonic, buddy = editor), editors, error label."""

    names: tuple[str, ...]  # the record fields whose messages show here
    label: QLabel
    editors: list[QWidget]
    error: ErrorLabel
    container: QWidget
    focus_widgets: list[QWidget] = field(default_factory=list)

    @property
    def editor(self) -> QWidget:
        return self.editors[0]

    def state(self) -> tuple:
        return tuple(editor_state(e) for e in self.editors)


# -- the form -------------------------------------------------------------------------------
class RecordForm(QWidget):
    """Add or edit one record of a register, embedded beside the register's table.

    Subclasses build their fields with ``add_field`` and implement ``new_record``,
    ``load_fields``, ``read_fields`` and the texts; this class does the rest.
    """

    saved = Signal(str)  # the id of the record just saved
    cancelled = Signal()
    photos_changed = Signal()

    photo_kind = ""  # "scrap" | "site" | "event"

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate_in_class_chain(type(self), text, disambiguation, n)

    def __init__(self, ctx, repo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.repo = repo
        self.campaign = ctx.campaign
        self.record: Any = None  # the record being edited; None while adding a new one
        self.fields: list[FormField] = []
        self.strips: list[QWidget] = []
        self._snapshot: tuple = ()
        self._loading = False
        self._build_frame()
        self.build_fields()
        self._finish_build()
        self.retranslate()
        self.new()

    # -- construction ---------------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.general_error = ErrorLabel()
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form_layout.setVerticalSpacing(5)
        self.photo_layout = QHBoxLayout()
        self.save_button = QPushButton()
        self.cancel_button = QPushButton()
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(True)  # Enter on a focused button presses it
        self.status_label = QLabel()
        self.status_label.setStyleSheet(f"color: {SAVED_COLOUR};")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form_layout)
        layout.addLayout(buttons)
        layout.addLayout(self.photo_layout)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.request_cancel)

    def add_field(self, names: str | tuple[str, ...], *editors: QWidget,
                  row_widget: QWidget | None = None) -> FormField:
        """A row: label (buddy = first editor), the editor(s), the error label under them."""
        names = (names,) if isinstance(names, str) else tuple(names)
        label_widget = QLabel()
        label_widget.setBuddy(editors[0])
        error = ErrorLabel()
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        if row_widget is None and len(editors) > 1:
            row_widget = QWidget()
            row = QHBoxLayout(row_widget)
            row.setContentsMargins(0, 0, 0, 0)
            for editor in editors:
                row.addWidget(editor)
        column.addWidget(row_widget or editors[0])
        column.addWidget(error)
        self.form_layout.addRow(label_widget, container)
        focus = []
        for editor in editors:
            focus += [editor.check, editor.date_edit] if isinstance(editor, OptionalDateEdit) else [editor]
        form_field = FormField(names, label_widget, list(editors), error, container, focus)
        self.fields.append(form_field)
        for editor in editors:
            signal = _change_signal(editor)
            if signal is not None:
                signal.connect(lambda *_args, f=form_field: self._edited(f))
        return form_field

    def add_photo_strip(self, strip: QWidget) -> None:
        self.strips.append(strip)
        self.photo_layout.addWidget(strip, 1)
        strip.changed.connect(self.photos_changed)

    def _finish_build(self) -> None:
        """Tab order: the fields top to bottom, Save, Cancel, then the photo strips."""
        chain = [w for f in self.fields for w in f.focus_widgets] + [self.save_button, self.cancel_button]
        for strip in self.strips:
            chain += [strip.attach_button, strip.list]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def field(self, name: str) -> FormField:
        """The field that shows the record field ``name`` (and its messages)."""
        for form_field in self.fields:
            if name in form_field.names:
                return form_field
        raise KeyError(name)

    # -- to implement ---------------------------------------------------------------------------
    def build_fields(self) -> None:
        raise NotImplementedError

    def new_record(self) -> Any:
        """A record with the defaults a new entry starts from."""
        raise NotImplementedError

    def load_fields(self, record: Any) -> None:
        raise NotImplementedError

    def read_fields(self, base: Any) -> tuple[Any, dict[str, Message]]:
        """The record the editors describe (``base`` with their values) and the parse errors."""
        raise NotImplementedError

    def heading_text(self) -> str:
        raise NotImplementedError

    def retranslate_fields(self) -> None:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------------------------
    def default_date(self) -> date:
        return clamp(self.ctx.store.today(), self.campaign.start, self.campaign.end)

    def make_date_edit(self) -> CampaignDateEdit:
        return CampaignDateEdit(self.campaign.start, self.campaign.end)

    def make_optional_date_edit(self) -> OptionalDateEdit:
        return OptionalDateEdit(self.campaign.start, self.campaign.end, self.default_date())

    @staticmethod
    def parsed(errors: dict[str, Message], name: str, editor: Any, fallback: Any) -> Any:
        """``editor.value()``, or ``fallback`` with the parse message recorded under ``name``."""
        try:
            return editor.value()
        except NumberParseError as exc:
            errors[name] = exc.message
            return fallback

    # -- behaviour ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the record (Enter or Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Discard the changes (Esc)"))
        for widget in self.findChildren(VocabCombo):
            widget.relabel()
        self.retranslate_fields()
        for strip in self.strips:
            strip.retranslate()
        self.heading.setText(self.heading_text())

    @property
    def is_new(self) -> bool:
        return self.record is None

    def new(self) -> None:
        """Start a new record (the defaults; photos can be attached once it is saved)."""
        self.record = None
        self._load(self.new_record())

    def edit(self, record: Any) -> None:
        self.record = record
        self._load(record)

    def _load(self, record: Any) -> None:
        self._loading = True
        try:
            self.load_fields(record)
        finally:
            self._loading = False
        self.clear_errors()
        self.status_label.setText("")
        self._snapshot = self.snapshot()
        for strip in self.strips:
            strip.set_target(None if self.is_new else record.id)
        self.heading.setText(self.heading_text())

    def focus_first(self) -> None:
        self.fields[0].focus_widgets[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def snapshot(self) -> tuple:
        return tuple(f.state() for f in self.fields)

    def is_dirty(self) -> bool:
        return self.snapshot() != self._snapshot

    def discard(self) -> None:
        """Back to what was loaded (the saved record, or a blank new one)."""
        if self.record is not None:
            try:
                self.edit(self.repo.get(self.record.id))
                return
            except FieldDeskError:
                pass
        self.new()

    def _edited(self, form_field: FormField) -> None:
        if self._loading:
            return
        form_field.error.show_message(None)
        self.status_label.setText("")
        if all(f.error.isHidden() for f in self.fields):
            self.general_error.show_message(None)

    def save(self) -> bool:
        """Validate, then add or update in one audited transaction; messages go under the fields."""
        if self.record is not None and not self.is_dirty():
            self.status_label.setText(self.tr("No changes to save."))
            return True
        base = self.record if self.record is not None else self.new_record()
        record, parse_errors = self.read_fields(base)
        errors = dict(self.repo.errors(record))
        errors.update(parse_errors)  # "not a number" says more than the fallback's message
        if errors:
            self.show_errors(errors)
            return False
        try:
            saved = self.repo.update(record) if self.record is not None else self.repo.add(record)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except FieldDeskError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        self.edit(saved)
        self.status_label.setText(self.tr("Saved."))
        self.saved.emit(saved.id)
        return True

    def clear_errors(self) -> None:
        self.general_error.show_message(None)
        for form_field in self.fields:
            form_field.error.show_message(None)

    def show_errors(self, errors: dict[str, Any]) -> None:
        self.clear_errors()
        self.status_label.setText("")
        shown: set[str] = set()
        first: FormField | None = None
        for form_field in self.fields:
            name = next((n for n in form_field.names if n in errors), None)
            if name is None:
                continue
            form_field.error.show_message(message_text(errors[name]))
            shown.add(name)
            first = first or form_field
        others = [message_text(m) for n, m in errors.items() if n not in shown]
        summary = self.tr("Not saved: correct the fields marked in red.")
        self.general_error.show_message("\n".join([summary, *others]))
        if first is not None:
            first.focus_widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first.editor, QLineEdit):
                first.editor.selectAll()

    def errors_shown(self) -> dict[str, str]:
        """{first record field name: message} for every field showing an error (for tests)."""
        return {f.names[0]: f.error.text() for f in self.fields if not f.error.isHidden()}

    def request_cancel(self) -> bool:
        """Esc: drop the changes (asking first when there are some) and start afresh."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Discard changes"), self.tr("Discard the changes to this record?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return False
        self.new()
        self.cancelled.emit()
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.request_cancel()
            return
        super().keyPressEvent(event)


class FilterDateEdit(QDateEdit):
    """A From/To filter date: the day before the campaign means no limit (shown as the
    special value text, e.g. 'Any date')."""

    def __init__(self, start: date, end: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setDateRange(qdate(start - timedelta(days=1)), qdate(end))
        self.clear_limit()

    def value(self) -> date | None:
        return None if self.date() == self.minimumDate() else self.date().toPython()

    def clear_limit(self) -> None:
        self.setDate(self.minimumDate())

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802
        return QWidget.focusNextPrevChild(self, next_)
