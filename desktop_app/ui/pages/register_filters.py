"""The bar above a register's list: search, a filter (category / status / type) and a date
range. ``changed`` says the clerk asked for other rows; ``query()`` says which. A From/To
date counts once it is a whole date (or empty again); typing pauses a moment before the
list follows, Enter in the search box follows at once (``search_entered``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.domain.choices import label
from desktop_app.ui.forms.date_edit import DateEdit
from desktop_app.ui.i18n import language

SEARCH_DELAY_MS = 250


class RegisterFilters(QWidget):
    changed = Signal()
    search_entered = Signal()

    def __init__(self, values: tuple[StrEnum, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.values = values
        self._build()
        self._connect()

    def _build(self) -> None:
        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.filter_label = QLabel()
        self.filter_combo = QComboBox()
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.addItem("", "")
        for value in self.values:
            self.filter_combo.addItem("", value.value)
        self.filter_label.setBuddy(self.filter_combo)
        self.from_label = QLabel()
        self.from_edit = DateEdit(optional=True)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel()
        self.to_edit = DateEdit(optional=True)
        self.to_label.setBuddy(self.to_edit)
        self.clear_button = QPushButton()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_label)
        row.addWidget(self.search_edit, 1)
        row.addSpacing(8)
        row.addWidget(self.filter_label)
        row.addWidget(self.filter_combo)
        row.addSpacing(8)
        row.addWidget(self.from_label)
        row.addWidget(self.from_edit)
        row.addWidget(self.to_label)
        row.addWidget(self.to_edit)
        row.addWidget(self.clear_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self.timer.start)
        self.search_edit.returnPressed.connect(self.search_entered)
        self.timer.timeout.connect(self.changed)
        self.filter_combo.currentIndexChanged.connect(self.changed)
        for edit in (self.from_edit, self.to_edit):
            edit.textChanged.connect(lambda _text, e=edit: self.timer.start() if e.is_valid() else None)
            edit.picked.connect(self.changed)
        self.clear_button.clicked.connect(self.clear)

    def retranslate(self, all_values: str, search_placeholder: str) -> None:
        self.search_label.setText(self.tr("Search:"))
        self.search_edit.setPlaceholderText(search_placeholder)
        self.search_edit.setToolTip(self.tr("Ctrl+F"))
        self.filter_label.setText(self.tr("&Show:"))
        self.filter_combo.setItemText(0, all_values)
        for i, value in enumerate(self.values, start=1):
            self.filter_combo.setItemText(i, label(value, language()))
        self.from_label.setText(self.tr("Fr&om:"))
        self.to_label.setText(self.tr("&To:"))
        for edit in (self.from_edit, self.to_edit):
            edit.retranslate()
            edit.setPlaceholderText(self.tr("Any date"))
        self.clear_button.setText(self.tr("Clear filters"))

    def query(self) -> tuple[str, str | None, date | None, date | None]:
        """(search text, filter value or None, from, to): what the list should show."""
        self.timer.stop()
        return (self.search_edit.text(), self.filter_combo.currentData() or None,
                self.from_edit.value() if self.from_edit.is_valid() else None,
                self.to_edit.value() if self.to_edit.is_valid() else None)

    def clear(self) -> None:
        widgets = (self.search_edit, self.filter_combo, self.from_edit, self.to_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.filter_combo.setCurrentIndex(0)
        self.from_edit.clear()
        self.to_edit.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def focus_chain(self) -> list[QWidget]:
        return [self.search_edit, self.filter_combo, self.from_edit, self.to_edit, self.clear_button]
