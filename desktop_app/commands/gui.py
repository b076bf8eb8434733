"""``fielddesk`` with no command: the desktop window (the only path that imports Qt)."""

from __future__ import annotations

import argparse

from desktop_app.errors import FieldDeskError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the app (the default)")
    p.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    try:
        from desktop_app.ui.app import run
    except ImportError as exc:
        raise FieldDeskError(f"the desktop window is not available in this build ({exc})") from None
    return run(args)
