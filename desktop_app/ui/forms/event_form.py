"""The event form: a pledge, a plantation drive, a workshop — when, where, how many took part."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit

from desktop_app.domain.choices import EventType, PhotoRole
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import Event
from desktop_app.ui.forms.editors import MultiLineEdit, NumberEdit, VocabCombo
from desktop_app.ui.forms.record_form import RecordForm
from desktop_app.ui.widgets.photo_strip import PhotoStrip


class EventForm(RecordForm):
    photo_kind = "event"

    def build_fields(self) -> None:
        self.date_edit = self.make_date_edit()
        self.type_combo = VocabCombo(list(EventType))
        self.title_edit = QLineEdit()
        self.venue_edit = QLineEdit()
        self.participants_edit = NumberEdit(NumberEdit.COUNT)
        self.description_edit = MultiLineEdit(lines=3)
        self.date_field = self.add_field("event_date", self.date_edit)
        self.type_field = self.add_field("event_type", self.type_combo)
        self.title_field = self.add_field("title", self.title_edit)
        self.venue_field = self.add_field("venue", self.venue_edit)
        self.participants_field = self.add_field("participants", self.participants_edit)
        self.description_field = self.add_field("description", self.description_edit)
        self.photo_strip = PhotoStrip(self.ctx, "event", PhotoRole.EVENT)
        self.add_photo_strip(self.photo_strip, "Ctrl+Shift+P")

    def retranslate_fields(self) -> None:
        self.date_field.label.setText(self.tr("D&ate"))
        self.type_field.label.setText(self.tr("T&ype"))
        self.title_field.label.setText(self.tr("Tit&le"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Swachhata pledge by all staff"))
        self.venue_field.label.setText(self.tr("&Venue"))
        self.participants_field.label.setText(self.tr("&Participants"))
        self.description_field.label.setText(self.tr("Des&cription"))
        self.description_edit.setPlaceholderText(self.tr("Shift+Enter for a new line"))

    def heading_text(self) -> str:
        if self.is_new:
            return self.tr("New event")
        return self.tr("Edit event: %1").replace("%1", self.record.title)

    def new_record(self) -> Event:
        return Event(self.campaign.id, self.default_date(), EventType.PLEDGE, "")

    def load_fields(self, record: Event) -> None:
        self.date_edit.set_value(record.event_date)
        self.type_combo.set_value(record.event_type)
        self.title_edit.setText(record.title)
        self.venue_edit.setText(record.venue)
        self.participants_edit.set_value(record.participants)
        self.description_edit.setText(record.description)

    def read_fields(self, base: Event) -> tuple[Event, dict[str, Message]]:
        errors: dict[str, Message] = {}
        record = replace(
            base,
            event_date=self.parsed(errors, "event_date", self.date_edit, base.event_date),
            event_type=self.type_combo.value(),
            title=self.title_edit.text().strip(),
            venue=self.venue_edit.text().strip(),
            participants=self.parsed(errors, "participants", self.participants_edit, 0),
            description=self.description_edit.text().strip(),
        )
        return record, errors
