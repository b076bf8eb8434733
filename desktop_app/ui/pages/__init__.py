"""The pages of the main window, in navigation order (Ctrl+1 … Ctrl+9 follow it).

Pages are named here, not imported: the main window builds a page the first time it is
shown, so start-up pays only for the Dashboard. Each title is marked for translation in
the page's own context, and ``Page.title()`` reads it from here (one source).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


@dataclass(frozen=True)
class PageSpec:
    module: str
    name: str   # the class name, also its translation context
    title: str  # English, with its mnemonic

    def load(self) -> type:
        return getattr(import_module(self.module), self.name)

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.name, self.title)


PAGES = (
    PageSpec("desktop_app.ui.pages.dashboard", "DashboardPage", QT_TRANSLATE_NOOP("DashboardPage", "&Dashboard")),
    PageSpec("desktop_app.ui.pages.targets", "TargetsPage", QT_TRANSLATE_NOOP("TargetsPage", "&Targets")),
    PageSpec("desktop_app.ui.pages.progress", "ProgressPage", QT_TRANSLATE_NOOP("ProgressPage", "Daily &progress")),
    PageSpec("desktop_app.ui.pages.registers", "ScrapPage", QT_TRANSLATE_NOOP("ScrapPage", "Scr&ap disposal")),
    PageSpec("desktop_app.ui.pages.registers", "SitesPage", QT_TRANSLATE_NOOP("SitesPage", "&Cleanliness sites")),
    PageSpec("desktop_app.ui.pages.registers", "EventsPage", QT_TRANSLATE_NOOP("EventsPage", "E&vents")),
    PageSpec("desktop_app.ui.pages.photos", "PhotosPage", QT_TRANSLATE_NOOP("PhotosPage", "P&hotos")),
    PageSpec("desktop_app.ui.pages.export", "ExportPage", QT_TRANSLATE_NOOP("ExportPage", "E&xport")),
    PageSpec("desktop_app.ui.pages.settings", "SettingsPage", QT_TRANSLATE_NOOP("SettingsPage", "Setti&ngs")),
)
_BY_NAME = {spec.name: spec for spec in PAGES}


def spec_for(class_name: str) -> PageSpec:
    return _BY_NAME[class_name]


def all_pages() -> list[PageSpec | type]:
    """The navigation: specs (built lazily). Tests may return page classes instead (built at once)."""
    return list(PAGES)
