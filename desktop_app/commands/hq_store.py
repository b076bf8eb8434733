"""``hq init``, ``hq migrate`` and ``hq worker``: which database a headquarters folder uses,
its schema, and the import workers that empty its queue (PostgreSQL).

``commands/hq.py`` calls ``add_store_commands`` with its ``hq`` subparsers, and
``add_db_option`` once every action is registered: ``--db URL`` is accepted before the
action (``hq --db URL import …``) and after it (``hq import --db URL …``).
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.commands.common import home
from desktop_app.domain.i18n import plural
from desktop_app.errors import FieldDeskError
from desktop_app.hq.database import HQFolder, open_hq
from desktop_app.hq.store import choose_url, describe, migrate, open_store, parse_url, sqlite_url
from desktop_app.hq.worker import run_here, supervise

DB_HELP = ("headquarters' database: postgresql://user@host/database (default: "
           "$FIELDDESK_HQ_DB, else the folder's hq init --db, else SQLite in HQDIR/hq.db)")


def add_store_commands(hq_sub: argparse._SubParsersAction) -> None:
    p = hq_sub.add_parser("init", help="make a headquarters folder; with --db, on PostgreSQL")
    p.set_defaults(func=cmd_init)
    p = hq_sub.add_parser("migrate", help="bring the database's schema up to this FieldDesk's")
    p.set_defaults(func=cmd_migrate)
    p = hq_sub.add_parser("worker", help="import queued bundles (PostgreSQL) until stopped")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes (default 1); each imports one bundle at a time")
    p.set_defaults(func=cmd_worker)


def add_db_option(hq: argparse.ArgumentParser, hq_sub: argparse._SubParsersAction) -> None:
    hq.add_argument("--db", metavar="URL", default=None, help=DB_HELP)
    for parser in hq_sub.choices.values():
        # SUPPRESS: an action's --db, when not given, leaves the one before the action be.
        parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)


def _folder(args: argparse.Namespace):
    return HQFolder(home(args).resolve()).ensure()


def cmd_init(args: argparse.Namespace) -> int:
    """Record the database in the folder's settings and make (or bring up) its schema."""
    folder = _folder(args)
    settings = folder.read_settings()
    if args.db:
        url = parse_url(args.db)
        known = settings.get("database")
        if known and parse_url(known) != url:
            raise FieldDeskError(f"{folder.root} already uses {describe(parse_url(known))}; its "
                                 "photos and uploads belong to that database: make another "
                                 "folder, or edit hq-settings.json if the database moved")
        store = open_store(url, upgrade=True)
        store.close()
        if not known:
            folder.write_settings({**settings, "database": args.db})
        print(f"{folder.root}: headquarters on {describe(url)}")
        if url.password:
            print("note: the password is kept in hq-settings.json (readable by you only); "
                  "~/.pgpass or PGPASSWORD keep it out of the folder", file=sys.stderr)
    else:
        url = sqlite_url(folder.database)
        if settings.get("database"):
            url = parse_url(settings["database"])
        open_store(url).close()
        print(f"{folder.root}: headquarters on {describe(url)}")
    print("next: fielddesk hq key init, then hq register OFFICE.pub.pem --office CODE",
          file=sys.stderr)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    folder = _folder(args)
    url = choose_url(folder.root, args.db, folder.read_settings())
    before, after = migrate(url)
    if before.revision == after.revision and not before.legacy:
        print(f"{describe(url)}: schema at revision {after.revision}, up to date")
    else:
        print(f"{describe(url)}: schema upgraded from revision {before.label} to "
              f"{after.revision}")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    if not 1 <= args.workers <= 64:
        raise FieldDeskError("--workers: give 1 to 64")
    hq = open_hq(home(args), db=args.db)
    try:
        if not hq.store.is_postgresql:
            raise FieldDeskError("import workers need PostgreSQL (fielddesk hq init --db URL); "
                                 "with SQLite, hq serve and hq import import by themselves")
        workers = plural("{n} import worker", "{n} import workers", args.workers)
        print(f"{hq.folder.root}: {workers} on {hq.store.where}; Ctrl+C stops",
              file=sys.stderr)
        if args.workers == 1:
            return run_here(hq)
    finally:
        hq.close()
    return supervise(hq.folder.root, args.db, args.workers)
