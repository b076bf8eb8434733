"""Helpers shared by the subcommands: opening the data folder, printing progress."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.errors import FieldDeskError
from desktop_app.paths import resolve_home
from desktop_app.storage.store import open_folder


def home(args: argparse.Namespace) -> Path:
    return resolve_home(args.home)


def open_store(args: argparse.Namespace, *, need_office: bool = True):
    """Take the folder lock and open the database; refuse a folder with no office."""
    root = home(args)
    if need_office and not (root / "fielddesk.db").exists():
        raise FieldDeskError(f"no FieldDesk data in {root}: run `fielddesk` to set up the office, "
                             "or `fielddesk demo` for a demo")
    opened = open_folder(root)
    if need_office and not opened.store.office.exists():
        opened.close()
        raise FieldDeskError(f"no office set up in {root}: run `fielddesk` to set it up, or `fielddesk demo`")
    return opened


class ProgressBar:
    """A one-line text progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr  # read now: sys.stderr may have been replaced since import
        self.tty = self.stream.isatty()

    def __call__(self, done: int, total: int, *_: object) -> None:
        if not self.tty or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
