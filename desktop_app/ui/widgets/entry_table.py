"""The grid for typing figures per indicator (Targets, Daily progress) and its cell editor.

Keys, the way keyers expect them (and Qt's own convention for widgets that use Tab):
- typing in a cell starts editing it; every keystroke is committed, so totals and %
  follow as you type;
- Tab / Shift+Tab go to the next / previous *editable* cell (read-only columns and
  grey rows are skipped); after the last editable cell Tab leaves the grid, and Ctrl+Tab
  / Ctrl+Shift+Tab leave it from anywhere;
- Enter goes down to the next editable cell of the column, and on the last one asks the
  page to save (``submit_requested``); Ctrl+Enter asks from anywhere;
- Esc in a cell being edited restores what it held; otherwise the page undoes.
The focused cell gets a clear frame (``focus_style``). The models are in
``ui/models/indicator_models.py`` and ``progress_model.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from desktop_app.ui.focus_style import draw_focus_frame
from desktop_app.ui.models.indicator_models import RIGHT

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CTRL = Qt.KeyboardModifier.ControlModifier


class EntryDelegate(QStyledItemDelegate):
    """A line editor that commits on every keystroke; Enter moves on, Esc restores the cell."""

    def __init__(self, view: EntryTableView):
        super().__init__(view)
        self.view = view

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setMaxLength(1000)
        if index.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setProperty("original", index.data(Qt.ItemDataRole.EditRole) or "")
        editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        # Only once: later dataChanged (from our own live commits) must not move the cursor.
        if not editor.property("loaded"):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setProperty("loaded", True)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        if index == self.view.currentIndex() and self.view.hasFocus():
            draw_focus_frame(painter, option.rect)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            key, modifiers = event.key(), event.modifiers()
            if key in _ENTER or (key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and modifiers & _CTRL):
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
                if key in _ENTER:
                    self.view.enter_pressed(bool(modifiers & _CTRL))
                else:
                    self.view.leave(forward=key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier)
                return True
            if key == Qt.Key.Key_Escape:
                obj.setText(obj.property("original") or "")
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(obj, event)


class EntryTableView(QTableView):
    """A grid for typing figures; ``submit_requested`` when Enter passes the last cell or Ctrl+Enter."""

    submit_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.delegate = EntryDelegate(self)
        self.setItemDelegate(self.delegate)
        self._shares: dict[int, tuple[float, int, int]] = {}

    def set_column_shares(self, shares: dict[int, tuple[float, int, int]]) -> None:
        """Columns sized as a share of the width, within (minimum, maximum) pixels; the others
        fit their contents and the last one takes what is left."""
        self._shares = shares
        for col in shares:
            self.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._fit_columns()

    def _fit_columns(self) -> None:
        width = self.viewport().width()
        for col, (share, low, high) in self._shares.items():
            self.setColumnWidth(col, max(low, min(high, int(width * share))))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        model.modelReset.connect(self._apply_spans)
        self._apply_spans()

    def _apply_spans(self) -> None:
        model = self.model()
        self.clearSpans()
        for row in model.header_rows():
            self.setSpan(row, 0, 1, model.columnCount())

    # -- moving ----------------------------------------------------------------------------------
    def editable_cells(self) -> list[QModelIndex]:
        model = self.model()
        if model is None:
            return []
        return [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.flags(model.index(r, c)) & Qt.ItemFlag.ItemIsEditable]

    def _next_cell(self, forward: bool) -> QModelIndex:
        cells = self.editable_cells()
        if not cells:
            return QModelIndex()
        current = self.currentIndex()
        if not current.isValid():
            return cells[0] if forward else cells[-1]
        pos = (current.row(), current.column())
        if forward:
            return next((c for c in cells if (c.row(), c.column()) > pos), QModelIndex())
        return next((c for c in reversed(cells) if (c.row(), c.column()) < pos), QModelIndex())

    def _cell_below(self, down: bool = True) -> QModelIndex:
        """The next editable cell in the current column (down or up), or an invalid index."""
        current = self.currentIndex()
        if not current.isValid():
            return QModelIndex()
        column = [c for c in self.editable_cells() if c.column() == current.column()]
        if down:
            return next((c for c in column if c.row() > current.row()), QModelIndex())
        return next((c for c in reversed(column) if c.row() < current.row()), QModelIndex())

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802
        move = QAbstractItemView.CursorAction
        if action in (move.MoveNext, move.MovePrevious):
            return self._next_cell(action == move.MoveNext)
        if action in (move.MoveDown, move.MoveUp) and self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable:
            below = self._cell_below(action == move.MoveDown)
            return below if below.isValid() else self.currentIndex()
        return super().moveCursor(action, modifiers)

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802
        """Tab: the next editable cell; past the last one (or before the first), out of the grid."""
        target = self._next_cell(next_)
        if target.isValid():
            self.focus_cell(target.row(), target.column())
            return True
        return self.leave(forward=next_)

    def leave(self, *, forward: bool) -> bool:
        """Move the focus to the widget after (or before) the grid."""
        return QWidget.focusNextPrevChild(self, forward)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        """Tab in a cell being edited: past the last editable cell the focus leaves the grid."""
        hints = QStyledItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem):
            forward = hint == hints.EditNextItem
            if not self._next_cell(forward).isValid():
                super().closeEditor(editor, hints.NoHint)
                self.leave(forward=forward)
                return
        super().closeEditor(editor, hint)

    def enter_pressed(self, save: bool) -> None:
        """Enter: the cell below in this column, or save when there is none; Ctrl+Enter: save."""
        below = QModelIndex() if save else self._cell_below()
        if below.isValid():
            self.focus_cell(below.row(), below.column())
        else:
            self.submit_requested.emit()

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() or not (self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable):
            cells = self.editable_cells()
            if cells:
                backwards = event.reason() == Qt.FocusReason.BacktabFocusReason
                self.setCurrentIndex(cells[-1] if backwards else cells[0])

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, modifiers = event.key(), event.modifiers()
        if self.state() != QAbstractItemView.State.EditingState:
            if key in _ENTER:
                self.enter_pressed(bool(modifiers & _CTRL))
                return
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and modifiers & _CTRL:
                self.leave(forward=key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier)
                return
            if key == Qt.Key.Key_Escape:
                event.ignore()  # the page undoes
                return
        super().keyPressEvent(event)

    def focus_cell(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
