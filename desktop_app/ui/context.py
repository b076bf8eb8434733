"""What every page shares: the open data folder, the current campaign and change signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.domain.models import Campaign
from desktop_app.storage.store import OpenFolder, Store


class AppContext(QObject):
    """Pages talk to the core through this; a save anywhere emits ``data_changed``."""

    data_changed = Signal(str)  # the table that changed ("" = anything)
    settings_changed = Signal()
    clock_checked = Signal(object)  # the clock warning (a domain Message), or None

    def __init__(self, opened: OpenFolder, parent: QObject | None = None):
        super().__init__(parent)
        self.opened = opened
        self._campaign: Campaign | None = None
        self.clock_warning = None  # as last checked

    @property
    def store(self) -> Store:
        return self.opened.store

    @property
    def settings(self):
        return self.opened.settings

    @property
    def folder(self):
        return self.opened.folder

    @property
    def campaign(self) -> Campaign:
        if self._campaign is None:
            self._campaign = self.store.campaigns.current()
        return self._campaign

    def forget_campaign(self) -> None:
        """Re-read the current campaign next time (after a restore or a campaign switch)."""
        self._campaign = None

    def check_clock(self):
        """Compare the PC's clock with what the office knows (``domain.clock_check``); the
        window's banner follows ``clock_checked``. Returns the warning, or None."""
        from desktop_app.storage.clock_facts import clock_warning

        self.clock_warning = clock_warning(self.store, self.campaign)
        self.clock_checked.emit(self.clock_warning)
        return self.clock_warning

    def changed(self, table: str = "") -> None:
        self.data_changed.emit(table)
