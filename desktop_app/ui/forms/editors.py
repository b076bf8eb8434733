"""The editors of the register forms: numbers typed the Indian way, GPS coordinates,
vocabularies, units and multi-line remarks (dates: ``date_edit.py``); and ``FormField``,
one labelled field with its editors and the message shown under them.

Each editor has ``value()`` (raising one of ``PARSE_ERRORS`` with a clerk's message for text
that is not what the field takes), ``set_value()`` and ``state()`` (what it holds, for
telling whether a form changed). Text becomes a number only through ``domain.numbers``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.domain.choices import label, unit_code, unit_label
from desktop_app.domain.dates import DateParseError
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
from desktop_app.ui.i18n import language
from desktop_app.ui.models.register_model import format_quantity

_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


# What an editor's ``value()`` raises for text that is not what the field takes; each
# carries ``message`` (a translatable domain Message).
PARSE_ERRORS = (NumberParseError, DateParseError)


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
    """The unit of a quantity: the usual ones to pick (in the clerk's language, stored by their
    code, e.g. "nos"), or any short unit typed in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in QUANTITY_UNITS:
            self.addItem(unit_label(code, language()), code)
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def relabel(self) -> None:
        code = self.value()
        for i in range(self.count()):
            self.setItemText(i, unit_label(self.itemData(i), language()))
        self.set_value(code)

    def value(self) -> str:
        return unit_code(self.currentText())

    def set_value(self, unit: str) -> None:
        index = self.findData(unit)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(unit_label(unit, language()))

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


def change_signal(widget: QWidget):
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return None


# -- a field of a form ----------------------------------------------------------------------
ERROR_COLOUR = "#b00020"
SAVED_COLOUR = "#1b5e20"


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
