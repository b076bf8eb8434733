"""What the Targets and Daily progress pages share: a table of figures typed per indicator
and saved as a whole — a status line, Undo and Save, Enter saves, Esc undoes, a mistake puts
the cursor on the first figure marked in red.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop_app.ui.i18n import translate_in_class_chain
from desktop_app.ui.pages.base import Page
from desktop_app.ui.styles import ERROR_STYLE, OK_STYLE
from desktop_app.ui.widgets.entry_table import EntryTableView


def note_banner() -> QLabel:
    """An explanatory note in a soft frame."""
    note = QLabel()
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setFrameShape(QFrame.Shape.StyledPanel)
    note.setStyleSheet("QLabel { background: #eef4fb; border: 1px solid #c5d5ea; border-radius: 4px;"
                       " padding: 6px 8px; }")
    return note


class FiguresPage(Page):
    """A page whose ``model`` (with ``is_dirty``, ``revert``, ``first_error_row``) is edited in
    ``table``; ``ENTRY_COLUMN`` is the column a clerk types in."""

    ENTRY_COLUMN = 0

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate_in_class_chain(type(self), text, disambiguation, n)

    def _figures_table(self, model: QAbstractItemModel, name: str) -> EntryTableView:
        table = EntryTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        return table

    def _status_and_buttons(self) -> QHBoxLayout:
        """The status line, then Undo and Save (``revert_button``, ``save_button``)."""
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.revert_button = QPushButton()
        self.save_button = QPushButton()
        for b in (self.revert_button, self.save_button):
            b.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        return row

    def save(self) -> bool:
        raise NotImplementedError

    # -- page protocol ---------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.model.is_dirty()

    def discard_changes(self) -> None:
        self.model.revert()
        self.status_label.clear()

    def _undo(self) -> None:
        if self.has_unsaved_changes():
            self.discard_changes()
            self._show_status(self.tr("Changes undone."))

    # -- messages --------------------------------------------------------------------------
    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.status_label.setText(text)

    def _focus_first_error(self) -> None:
        row = self.model.first_error_row()
        if row is not None:
            self.table.focus_cell(row, self.ENTRY_COLUMN)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        if event.key() == Qt.Key.Key_Escape and self.has_unsaved_changes():
            self._undo()
            return
        super().keyPressEvent(event)
