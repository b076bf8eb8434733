"""``RecordForm``: the one add/edit flow every register form follows.

Edits flow one way: the form reads its editors into a domain record (text
becomes a number or a date only through the domain), asks the repository's ``errors()``
(domain validation, field -> message), shows each message under its field, and only a
valid record reaches ``add``/``update`` (one transaction, audited).

Keys, as in the heads-down data-entry programs keyers know (CSPro, EpiData Entry): Enter
moves to the next field and, on the last one, saves; Ctrl+Enter (or Ctrl+S) saves from
anywhere; Esc cancels. A new record, once saved, leaves a blank form with the cursor in
its first field for the next one. Each photo strip has a shortcut from anywhere in the
form (Ctrl+Shift+P; a site's after photos Ctrl+Shift+A): on a record not saved yet it
saves it first, on a blank form it takes the record just saved.

(A little over 400 lines, on purpose: it is one class doing one job, the flow every register
form shares; the editors, the date field and the three forms have modules of their own.)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.i18n import Message
from desktop_app.errors import FieldDeskError, ValidationError
from desktop_app.ui.forms.date_edit import DateEdit
from desktop_app.ui.forms.editors import (
    PARSE_ERRORS,
    SAVED_COLOUR,
    ErrorLabel,
    FormField,
    MultiLineEdit,
    UnitCombo,
    VocabCombo,
    change_signal,
)
from desktop_app.ui.i18n import message_text, translate_in_class_chain


# -- the form -------------------------------------------------------------------------------
class RecordForm(QWidget):
    """Add or edit one record of a register, embedded beside the register's table.

    Subclasses build their fields with ``add_field`` and implement ``new_record``,
    ``load_fields``, ``read_fields`` and the texts; this class does the rest.
    """

    saved = Signal(str)  # the id of the record just saved
    cancelled = Signal()
    photos_changed = Signal()
    follow_up = Signal(str)  # a record the form opened or changed by itself: the page shows it

    photo_kind = ""  # "scrap" | "site" | "event"

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate_in_class_chain(type(self), text, disambiguation, n)

    def __init__(self, ctx, repo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.repo = repo
        self.campaign = ctx.campaign
        self.record: Any = None  # the record being edited; None while adding a new one
        self.last_saved_id: str | None = None  # the new record saved last (for its photos)
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
        form_field = FormField(names, label_widget, list(editors), error, container, list(editors))
        self.fields.append(form_field)
        for editor in editors:
            signal = change_signal(editor)
            if signal is not None:
                signal.connect(lambda *_args, f=form_field: self._edited(f))
            editor.installEventFilter(self)
            if isinstance(editor, UnitCombo):
                editor.lineEdit().installEventFilter(self)
        return form_field

    def add_photo_strip(self, strip: QWidget, shortcut: str) -> None:
        """A strip of photos; ``shortcut`` ("Ctrl+Shift+P") attaches photos to the record (the
        register page binds it, so it works from its list too)."""
        self.strips.append(strip)
        self.photo_layout.addWidget(strip, 1)
        strip.changed.connect(self.photos_changed)
        strip.set_shortcut(QKeySequence(shortcut))

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
        """Today, or the campaign's nearest day: the date a new record starts from (a default
        shown in the field, never a change to a date the clerk typed)."""
        return max(self.campaign.start, min(self.campaign.end, self.ctx.store.today()))

    def make_date_edit(self, *, optional: bool = False) -> DateEdit:
        return DateEdit(optional=optional)

    @staticmethod
    def parsed(errors: dict[str, Message], name: str, editor: Any, fallback: Any) -> Any:
        """``editor.value()``, or ``fallback`` with the parse message recorded under ``name``."""
        try:
            return editor.value()
        except PARSE_ERRORS as exc:
            errors[name] = exc.message
            return fallback

    # -- behaviour ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the record (Ctrl+Enter or Ctrl+S; Enter on the last field)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Discard the changes (Esc)"))
        for widget in self.findChildren(VocabCombo) + self.findChildren(UnitCombo):
            widget.relabel()
        for widget in self.findChildren(DateEdit):
            widget.retranslate()
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
        self.focus_chain()[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(self.focus_chain()[0], QLineEdit):
            self.focus_chain()[0].selectAll()

    def focus_chain(self) -> list[QWidget]:
        """The editors Enter walks through, top to bottom (disabled ones are skipped)."""
        return [w for f in self.fields for w in f.focus_widgets if w.isEnabled()]

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

    def save(self, *, stay: bool = False) -> bool:
        """Validate, then add or update in one audited transaction; messages go under the fields.

        A new record saved leaves a blank form, the cursor in its first field, ready for the
        next one (``stay``: keep showing the record, e.g. to attach its photos)."""
        if self.record is not None and not self.is_dirty():
            self.status_label.setText(self.tr("No changes to save."))
            return True
        was_new = self.record is None
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
        self.saved.emit(saved.id)
        if was_new and not stay:
            self.last_saved_id = saved.id
            self.new()
            self.status_label.setText(self.tr("Saved: %1. Type the next record, or press %2 to attach "
                                              "photos to the one just saved.")
                                      .replace("%1", self.record_name(saved))
                                      .replace("%2", self.strips[0].shortcut_text() if self.strips else ""))
            self.focus_first()
        else:
            self.edit(saved)
            self.status_label.setText(self.tr("Saved."))
        return True

    def record_name(self, record: Any) -> str:
        """How the status line names a record (its item, name or title)."""
        return str(getattr(record, "item", None) or getattr(record, "name", None) or getattr(record, "title", ""))

    def attach_photos(self, strip) -> None:
        """The strip's shortcut: photos for this record (saved first if it is new), or, on a blank
        form, for the record just saved."""
        if self.is_dirty():
            if not self.save(stay=True):
                return
        elif self.is_new and self.last_saved_id is not None:
            try:
                self.edit(self.repo.get(self.last_saved_id))
            except FieldDeskError:
                self.last_saved_id = None
            self.follow_up.emit(self.record.id if self.record is not None else "")
        if self.is_new:
            self.status_label.setText(self.tr("Type the record first; its photos are attached once it is saved."))
            self.focus_first()
            return
        strip.choose_files()

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

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """Enter in an editor: the next field, or save on the last one; Ctrl+Enter: save."""
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            if modifiers & Qt.KeyboardModifier.ShiftModifier and isinstance(obj, MultiLineEdit):
                return False  # a new line in the remarks
            editor = obj.parentWidget() if isinstance(obj.parentWidget(), UnitCombo) else obj
            chain = self.focus_chain()
            if modifiers & Qt.KeyboardModifier.ControlModifier or editor not in chain or editor is chain[-1]:
                self.save()
            else:
                chain[chain.index(editor) + 1].setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(chain[chain.index(editor) + 1], QLineEdit):
                    chain[chain.index(editor) + 1].selectAll()
            return True
        return super().eventFilter(obj, event)

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
