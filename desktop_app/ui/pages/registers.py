"""The three register pages — Scrap disposal, Cleanliness sites, Events — on ``RegisterPage``.

Each names its repository, its form and the column its filter combo filters by.
"""

from __future__ import annotations

from desktop_app.domain.choices import EventType, ScrapCategory, SiteStatus
from desktop_app.ui.forms.event_form import EventForm
from desktop_app.ui.forms.scrap_form import ScrapForm
from desktop_app.ui.forms.site_form import SiteForm
from desktop_app.ui.models.register_model import COL_DATE, COL_EVENT_DATE, COL_SITE_NAME
from desktop_app.ui.pages.register_page import RegisterPage


class ScrapPage(RegisterPage):
    repo_name = "scrap"
    form_class = ScrapForm
    filter_field = "category"
    filter_values = tuple(ScrapCategory)
    sort_column = COL_DATE

    def filter_all_text(self) -> str:
        return self.tr("All categories")

    def search_placeholder(self) -> str:
        return self.tr("Item, buyer, receipt no. or remarks")


class SitesPage(RegisterPage):
    repo_name = "sites"
    form_class = SiteForm
    filter_field = "status"
    filter_values = tuple(SiteStatus)
    sort_column = COL_SITE_NAME
    sort_descending = False

    def filter_all_text(self) -> str:
        return self.tr("All statuses")

    def search_placeholder(self) -> str:
        return self.tr("Site name, location or remarks")


class EventsPage(RegisterPage):
    repo_name = "events"
    form_class = EventForm
    filter_field = "event_type"
    filter_values = tuple(EventType)
    sort_column = COL_EVENT_DATE

    def filter_all_text(self) -> str:
        return self.tr("All types")

    def search_placeholder(self) -> str:
        return self.tr("Title, venue or description")
