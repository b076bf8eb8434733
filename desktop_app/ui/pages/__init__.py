"""The pages of the main window, in navigation order (Ctrl+1 … Ctrl+9 follow it)."""

from __future__ import annotations


def all_pages() -> list[type]:
    from desktop_app.ui.pages.dashboard import DashboardPage
    from desktop_app.ui.pages.export import ExportPage
    from desktop_app.ui.pages.photos import PhotosPage
    from desktop_app.ui.pages.progress import ProgressPage
    from desktop_app.ui.pages.registers import EventsPage, ScrapPage, SitesPage
    from desktop_app.ui.pages.settings import SettingsPage
    from desktop_app.ui.pages.targets import TargetsPage

    return [DashboardPage, TargetsPage, ProgressPage, ScrapPage, SitesPage, EventsPage, PhotosPage,
            ExportPage, SettingsPage]
