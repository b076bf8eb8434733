"""Office-level commands: ``info``, ``demo``, ``backup``, ``restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.common import ProgressBar, home, open_store
from desktop_app.commands.gui import run_gui
from desktop_app.commands.info_text import info_lines
from desktop_app.demo import DEMO_OFFICE, create_demo
from desktop_app.errors import FieldDeskError
from desktop_app.paths import DataFolder, demo_home
from desktop_app.storage.backup import create_backup, restore_backup
from desktop_app.storage.lock import FolderLock
from desktop_app.storage.store import open_folder


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="data folder, database size, record counts, campaign, exports")
    p.set_defaults(func=cmd_info)
    p = sub.add_parser("demo", help="create a demo office with a realistic campaign and open it")
    p.add_argument("--no-open", action="store_true", help="create the data only")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("backup", help="write one file with the database and photos")
    p.add_argument("--out", metavar="FILE", type=Path, help="backup file or folder (default: backups/ in the data folder)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="restore a backup file into the data folder")
    p.add_argument("file", type=Path)
    p.add_argument("--force", action="store_true", help="replace an existing office (kept as a backup first)")
    p.set_defaults(func=cmd_restore)


def cmd_info(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        for line in info_lines(opened):
            print(line)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    root = Path(args.home).expanduser().resolve() if args.home else demo_home()
    with open_folder(root) as opened:
        if opened.store.office.exists():
            if opened.store.office.get().code != DEMO_OFFICE.code:
                raise FieldDeskError(f"{root} already holds the office {opened.store.office.get().code}; "
                                     "the demo never touches a real office's data")
            print(f"demo office already in {root}")
        else:
            create_demo(opened, progress=lambda step: print(f"demo: {step}"))
            print(f"demo office created in {root}")
    if args.no_open:
        return 0

    args.home = str(root)
    return run_gui(args)


def cmd_backup(args: argparse.Namespace) -> int:
    # No lock: a backup is a read, safe while the app is open and writing.
    out = create_backup(DataFolder(home(args)), args.out, progress=ProgressBar("backup"))
    print(out)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise FieldDeskError(f"{args.file}: no such backup file")
    folder = DataFolder(home(args)).ensure()
    with FolderLock(folder.lock):
        safety = restore_backup(args.file, folder, force=args.force)
    if safety:
        print(f"previous data kept in {safety}")
    print(f"restored {args.file.name} into {folder.root}")
    return 0
