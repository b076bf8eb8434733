"""``DateEdit``: a date typed in one go, 06122026 or 06.12.2026, kept as typed until it is one.

QDateEdit makes a keyer type day, Tab, month, Tab, year, and quietly moves a date outside
its range to the nearest end (06.12.2027 became 06.12.2026; 10.09.2026 became the
campaign's first day). This field is a line edit: what was typed stays in it, the domain
parses it (``domain.dates.parse_date``) and the form or page says why a date cannot be
used. On leaving the field a date is written out as dd.mm.yyyy. Alt+Down or F4 opens a
calendar for those who prefer to pick.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QSizePolicy, QStyle, QWidget

from desktop_app.domain.dates import DateParseError, format_date, parse_date
from desktop_app.domain.i18n import Message
from desktop_app.domain.validation import REQUIRED

# Digits (also Devanagari) and the separators clerks type between day, month and year.
_TYPED = QRegularExpression(r"[0-9०-९./\- ]{0,10}")


class DateEdit(QLineEdit):
    """``value()`` is the date typed (None when empty and ``optional``); raises
    ``DateParseError`` with a clerk's message when the text is not a date."""

    picked = Signal()  # a day was chosen in the calendar

    def __init__(self, *, optional: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        self.setValidator(QRegularExpressionValidator(_TYPED, self))
        self.setMaxLength(10)
        width = self.fontMetrics().horizontalAdvance("00.00.0000000") + 40
        self.setFixedWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.calendar_action = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown), "", self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._tidy)
        self._calendar: QCalendarWidget | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setPlaceholderText(self.tr("dd.mm.yyyy"))
        self.calendar_action.setToolTip(self.tr("Calendar (Alt+Down)"))
        if not self.toolTip():
            self.setToolTip(self.tr("Type the date in one go, e.g. 06122026 or 06.12.2026"))

    def value(self) -> date | None:
        text = self.text().strip()
        if not text:
            if self.optional:
                return None
            raise DateParseError(Message(REQUIRED))
        return parse_date(text)

    def set_value(self, day: date | None) -> None:
        self.setText(format_date(day))

    def state(self) -> Any:
        try:
            return self.value()
        except DateParseError:
            return self.text()

    def is_valid(self) -> bool:
        try:
            self.value()
        except DateParseError:
            return False
        return True

    def _tidy(self) -> None:
        """A typed date written out as dd.mm.yyyy: the same day, tidier (not an edit)."""
        try:
            day = self.value()
        except DateParseError:
            return
        text = format_date(day)
        if day is not None and text != self.text():
            self.blockSignals(True)
            self.setText(text)
            self.blockSignals(False)

    # -- the calendar ------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self, Qt.WindowType.Popup)
            self._calendar.setGridVisible(True)
            self._calendar.activated.connect(self._picked)
            self._calendar.clicked.connect(self._picked)
            escape = QAction(self._calendar)
            escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
            escape.triggered.connect(self._calendar.close)
            self._calendar.addAction(escape)
        try:
            day = self.value()
        except DateParseError:
            day = None
        if day is not None:
            self._calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        self._calendar.close()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.picked.emit()
        self.editingFinished.emit()
