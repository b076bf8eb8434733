"""The scrap disposal form: what went, how much, to whom, for how much, and the space freed."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit

from desktop_app.domain.choices import DisposalMode, PhotoRole, ScrapCategory
from desktop_app.domain.i18n import Message
from desktop_app.domain.models import ScrapDisposal
from desktop_app.ui.forms.editors import MultiLineEdit, NumberEdit, UnitCombo, VocabCombo
from desktop_app.ui.forms.record_form import RecordForm
from desktop_app.ui.widgets.photo_strip import PhotoStrip


class ScrapForm(RecordForm):
    photo_kind = "scrap"

    def build_fields(self) -> None:
        self.date_edit = self.make_date_edit()
        self.item_edit = QLineEdit()
        self.category_combo = VocabCombo(list(ScrapCategory))
        self.quantity_edit = NumberEdit(NumberEdit.QUANTITY)
        self.unit_combo = UnitCombo()
        self.mode_combo = VocabCombo(list(DisposalMode))
        self.buyer_edit = QLineEdit()
        self.receipt_edit = QLineEdit()
        self.revenue_edit = NumberEdit(NumberEdit.RUPEES)
        self.space_edit = NumberEdit(NumberEdit.COUNT)
        self.remarks_edit = MultiLineEdit(lines=2)
        self.date_field = self.add_field("disposal_date", self.date_edit)
        self.item_field = self.add_field("item", self.item_edit)
        self.category_field = self.add_field("category", self.category_combo)
        self.quantity_field = self.add_field(("quantity", "quantity_unit"), self.quantity_edit, self.unit_combo)
        self.mode_field = self.add_field("mode", self.mode_combo)
        self.buyer_field = self.add_field("buyer", self.buyer_edit)
        self.receipt_field = self.add_field("receipt_no", self.receipt_edit)
        self.revenue_field = self.add_field("revenue_paise", self.revenue_edit)
        self.space_field = self.add_field("space_freed_sqft", self.space_edit)
        self.remarks_field = self.add_field("remarks", self.remarks_edit)
        self.photo_strip = PhotoStrip(self.ctx, "scrap", PhotoRole.SCRAP)
        self.add_photo_strip(self.photo_strip, "Ctrl+Shift+P")

    def retranslate_fields(self) -> None:
        self.date_field.label.setText(self.tr("D&ate"))
        self.item_field.label.setText(self.tr("Ite&m"))
        self.category_field.label.setText(self.tr("&Category"))
        self.quantity_field.label.setText(self.tr("&Quantity"))
        self.unit_combo.setToolTip(self.tr("Unit: pick one or type another"))
        self.unit_combo.setAccessibleName(self.tr("Unit"))
        self.mode_field.label.setText(self.tr("Mode of disposa&l"))
        self.buyer_field.label.setText(self.tr("&Buyer"))
        self.receipt_field.label.setText(self.tr("&Receipt no."))
        self.revenue_field.label.setText(self.tr("Re&venue (Rs.)"))
        self.revenue_edit.setToolTip(self.tr("Rupees, e.g. 6,91,389 or 691389.50"))
        self.space_field.label.setText(self.tr("S&pace freed (sq ft)"))
        self.remarks_field.label.setText(self.tr("Remar&ks"))
        self.remarks_edit.setPlaceholderText(self.tr("Shift+Enter for a new line"))
        self.item_edit.setPlaceholderText(self.tr("e.g. Old desktop computers"))

    def heading_text(self) -> str:
        if self.is_new:
            return self.tr("New scrap disposal")
        return self.tr("Edit scrap disposal: %1").replace("%1", self.record.item)

    def new_record(self) -> ScrapDisposal:
        return ScrapDisposal(self.campaign.id, self.default_date(), "")

    def load_fields(self, record: ScrapDisposal) -> None:
        self.date_edit.set_value(record.disposal_date)
        self.item_edit.setText(record.item)
        self.category_combo.set_value(record.category)
        self.quantity_edit.set_value(record.quantity)
        self.unit_combo.set_value(record.quantity_unit)
        self.mode_combo.set_value(record.mode)
        self.buyer_edit.setText(record.buyer)
        self.receipt_edit.setText(record.receipt_no)
        self.revenue_edit.set_value(record.revenue_paise)
        self.space_edit.set_value(record.space_freed_sqft)
        self.remarks_edit.setText(record.remarks)

    def read_fields(self, base: ScrapDisposal) -> tuple[ScrapDisposal, dict[str, Message]]:
        errors: dict[str, Message] = {}
        record = replace(
            base,
            disposal_date=self.parsed(errors, "disposal_date", self.date_edit, base.disposal_date),
            item=self.item_edit.text().strip(),
            category=self.category_combo.value(),
            quantity=self.parsed(errors, "quantity", self.quantity_edit, 0.0),
            quantity_unit=self.unit_combo.value(),
            mode=self.mode_combo.value(),
            buyer=self.buyer_edit.text().strip(),
            receipt_no=self.receipt_edit.text().strip(),
            revenue_paise=self.parsed(errors, "revenue_paise", self.revenue_edit, 0),
            space_freed_sqft=self.parsed(errors, "space_freed_sqft", self.space_edit, 0),
            remarks=self.remarks_edit.text().strip(),
        )
        return record, errors
