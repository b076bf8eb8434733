"""The cleanliness site form: where the site is, how far the work has got, before and after photos."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox

from desktop_app.domain.choices import PhotoRole, SiteStatus, label
from desktop_app.domain.dates import format_date
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import CleanlinessSite
from desktop_app.errors import FieldDeskError
from desktop_app.ui.forms.editors import CoordinateEdit, MultiLineEdit, VocabCombo
from desktop_app.ui.forms.record_form import RecordForm
from desktop_app.ui.i18n import language
from desktop_app.ui.widgets.photo_strip import PhotoStrip


class SiteForm(RecordForm):
    photo_kind = "site"

    def build_fields(self) -> None:
        self.name_edit = QLineEdit()
        self.location_edit = QLineEdit()
        self.latitude_edit = CoordinateEdit()
        self.longitude_edit = CoordinateEdit()
        self.gps_hint = QLabel()
        self.status_combo = VocabCombo(list(SiteStatus))
        self.target_date_edit = self.make_date_edit(optional=True)
        self.completed_date_edit = self.make_date_edit(optional=True)
        self.remarks_edit = MultiLineEdit(lines=2)
        self.name_field = self.add_field("name", self.name_edit)
        self.location_field = self.add_field("location", self.location_edit)
        self.gps_field = self.add_field(("latitude", "longitude"), self.latitude_edit, self.longitude_edit)
        self.status_field = self.add_field("status", self.status_combo)
        self.target_date_field = self.add_field("target_date", self.target_date_edit)
        self.completed_date_field = self.add_field("completed_date", self.completed_date_edit)
        self.remarks_field = self.add_field("remarks", self.remarks_edit)
        self.before_strip = PhotoStrip(self.ctx, "site", PhotoRole.BEFORE)
        self.after_strip = PhotoStrip(self.ctx, "site", PhotoRole.AFTER)
        self.add_photo_strip(self.before_strip, "Ctrl+Shift+B")
        self.add_photo_strip(self.after_strip, "Ctrl+Shift+A")
        self.after_strip.attached.connect(self._after_photos_attached)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.latitude_edit.editingFinished.connect(self._split_pasted_pair)

    def retranslate_fields(self) -> None:
        self.name_field.label.setText(self.tr("Na&me"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Record room, ground floor"))
        self.location_field.label.setText(self.tr("&Location"))
        self.gps_field.label.setText(self.tr("G&PS (optional)"))
        self.latitude_edit.setPlaceholderText(self.tr("Latitude, e.g. 18.5308"))
        self.longitude_edit.setPlaceholderText(self.tr("Longitude, e.g. 73.8475"))
        self.latitude_edit.setToolTip(self.tr("Decimal degrees; a pasted \"18.5308, 73.8475\" fills both"))
        self.latitude_edit.setAccessibleName(self.tr("Latitude"))
        self.longitude_edit.setAccessibleName(self.tr("Longitude"))
        self.status_field.label.setText(self.tr("St&atus"))
        self.target_date_field.label.setText(self.tr("Ta&rget date"))
        self.target_date_edit.setPlaceholderText(self.tr("optional"))
        self.completed_date_field.label.setText(self.tr("&Completed on"))
        self.completed_date_edit.setToolTip(self.tr("Set when the status is Completed"))
        self.remarks_field.label.setText(self.tr("Remar&ks"))
        self.remarks_edit.setPlaceholderText(self.tr("Shift+Enter for a new line"))

    def heading_text(self) -> str:
        if self.is_new:
            return self.tr("New cleanliness site")
        return self.tr("Edit cleanliness site: %1").replace("%1", self.record.name)

    def new_record(self) -> CleanlinessSite:
        return CleanlinessSite(self.campaign.id, "")

    def load_fields(self, record: CleanlinessSite) -> None:
        self.name_edit.setText(record.name)
        self.location_edit.setText(record.location)
        self.latitude_edit.set_value(record.latitude)
        self.longitude_edit.set_value(record.longitude)
        self.status_combo.set_value(record.status)
        self.target_date_edit.set_value(record.target_date)
        self.completed_date_edit.set_value(record.completed_date)
        self.completed_date_edit.setEnabled(record.status is SiteStatus.COMPLETED)
        self.remarks_edit.setText(record.remarks)

    def _status_changed(self) -> None:
        completed = self.status_combo.value() is SiteStatus.COMPLETED
        self.completed_date_edit.setEnabled(completed)
        if completed and not self.completed_date_edit.text().strip() and not self._loading:
            self.completed_date_edit.set_value(self.default_date())  # shown, and the clerk may change it

    def _after_photos_attached(self, _count: int) -> None:
        """An after photo means the work is done: offer to mark the site completed (the printed
        summary's annexure shows completed sites; an unfinished one is listed as in progress)."""
        record = self.record
        if record is None or record.status is SiteStatus.COMPLETED or self.is_dirty():
            return
        day = self.default_date()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Mark the site completed?"),
                          self.tr("An after photo is attached to %1, which is still marked %2. Mark it "
                                  "completed on %3?").replace("%1", record.name)
                          .replace("%2", label(record.status, language())).replace("%3", format_date(day)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setInformativeText(self.tr("If the work is not finished, answer No: the summary lists the "
                                       "site as in progress with its photos."))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            saved = self.repo.update(replace(record, status=SiteStatus.COMPLETED, completed_date=day))
        except FieldDeskError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.edit(saved)
        self.status_label.setText(self.tr("Marked completed on %1.").replace("%1", format_date(day)))
        self.follow_up.emit(saved.id)
        self.after_strip.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _split_pasted_pair(self) -> None:
        """A GPS pair pasted from a map ("18.5308, 73.8475") goes into both fields."""
        parts = [p.strip() for p in self.latitude_edit.text().split(",")]
        if len(parts) != 2:
            return
        try:
            latitude, longitude = float(parts[0]), float(parts[1])
        except ValueError:
            return
        self.latitude_edit.set_value(latitude)
        self.longitude_edit.set_value(longitude)

    def read_fields(self, base: CleanlinessSite) -> tuple[CleanlinessSite, dict[str, Message]]:
        errors: dict[str, Message] = {}
        status = self.status_combo.value()
        record = replace(
            base,
            name=self.name_edit.text().strip(),
            location=self.location_edit.text().strip(),
            latitude=self.parsed(errors, "latitude", self.latitude_edit, None),
            longitude=self.parsed(errors, "longitude", self.longitude_edit, None),
            status=status,
            target_date=self.parsed(errors, "target_date", self.target_date_edit, base.target_date),
            completed_date=(self.parsed(errors, "completed_date", self.completed_date_edit, base.completed_date)
                            if status is SiteStatus.COMPLETED else None),
            remarks=self.remarks_edit.text().strip(),
        )
        return record, errors
