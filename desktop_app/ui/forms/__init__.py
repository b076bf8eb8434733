"""The add/edit forms of the registers (scrap, sites, events), embedded beside their tables."""

from desktop_app.ui.forms.event_form import EventForm
from desktop_app.ui.forms.scrap_form import ScrapForm
from desktop_app.ui.forms.site_form import SiteForm

__all__ = ["EventForm", "ScrapForm", "SiteForm"]
