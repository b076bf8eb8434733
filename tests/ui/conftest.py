"""UI fixtures: the real main window on a fresh demo office, driven with qtbot (offscreen)."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY


@pytest.fixture
def demo_home(tmp_path):
    from desktop_app.demo import populate
    from desktop_app.storage.store import open_folder

    home = tmp_path / "demo"
    with open_folder(home, today=lambda: TODAY) as opened:
        populate(opened)
    return home


@pytest.fixture
def window(qtbot, demo_home):
    """The main window as a clerk sees it, on the demo office (English)."""
    from desktop_app.ui.app import create_app

    _app, win, opened = create_app(demo_home, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.store.db.conn.rollback() if win.ctx.store.db.conn.in_transaction else None
    opened.close()
