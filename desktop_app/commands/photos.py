"""``fielddesk photo add FILE... (--site ID --role before|after | --event ID | --scrap ID)``."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.common import ProgressBar, open_store
from desktop_app.errors import FieldDeskError
from desktop_app.photos.attach import attach_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("photo", help="attach photos to a site, event or scrap entry")
    photo_sub = p.add_subparsers(dest="photo_command", metavar="ACTION", required=True)
    add = photo_sub.add_parser("add", help="ingest photos (made small once) and attach them")
    add.add_argument("files", nargs="+", metavar="FILE")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--site", metavar="ID")
    target.add_argument("--event", metavar="ID")
    target.add_argument("--scrap", metavar="ID")
    add.add_argument("--role", choices=("before", "after"), help="for --site: before or after")
    add.set_defaults(func=cmd_photo_add)


def cmd_photo_add(args: argparse.Namespace) -> int:
    if args.site and not args.role:
        raise FieldDeskError("--site needs --role before or --role after")
    if args.role and not args.site:
        raise FieldDeskError("--role is only for --site")
    kind, target_id = ("site", args.site) if args.site else ("event", args.event) if args.event else ("scrap", args.scrap)
    with open_store(args) as opened:
        # the record must exist before any work is done
        {"site": opened.store.sites, "event": opened.store.events, "scrap": opened.store.scrap}[kind].get(target_id)
        result = attach_files(opened.store, opened.folder, args.files, kind, target_id, args.role,
                              max_edge=opened.settings.photo_max_edge, progress=ProgressBar("photos"))
    attached = iter(result.attached)
    refused = dict(result.refused)
    for path in (str(Path(f)) for f in args.files):
        if path in refused:
            print(f"{Path(path).name}: refused: {refused[path]}")
        elif not result.cancelled:
            print(f"{Path(path).name}: {next(attached, '?')}")
    return 1 if result.refused else 0
