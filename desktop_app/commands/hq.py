"""Headquarters commands: ``hq register | revoke | offices | import | report | log``
(and ``hq serve | key``, from ``commands/hq_serve``; ``hq user``, from ``commands/hq_users``).

They work on a headquarters folder (``--home HQDIR``: ``hq.db``, ``photos/``, ``keys/``,
``inbox/``, ``logs/``), never take an office's folder lock, and serialise their writes
with the import lock, so ``hq import`` can run beside ``hq serve``. ``hq import`` prints
one line per bundle and exits 1 if any was rejected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.commands.common import ProgressBar, home
from desktop_app.commands.hq_serve import add_serve_commands
from desktop_app.commands.hq_store import add_db_option, add_store_commands
from desktop_app.commands.hq_users import add_user_commands
from desktop_app.domain.dates import format_date
from desktop_app.domain.i18n import plural
from desktop_app.errors import FieldDeskError
from desktop_app.hq.consolidate import import_log
from desktop_app.hq.database import open_hq
from desktop_app.hq.queue import bundle_files, import_files
from desktop_app.hq.registry import list_offices, register_key, revoke_key
from desktop_app.hq.report import write_report


def register(sub: argparse._SubParsersAction) -> None:
    hq = sub.add_parser("hq", help="headquarters: register office keys, import bundles, report")
    hq_sub = hq.add_subparsers(dest="hq_command", metavar="ACTION", required=True)

    p = hq_sub.add_parser("register", help="register an office's public key; prints its "
                                           "fingerprint to read back to the office")
    p.add_argument("pem", type=Path, metavar="OFFICE.pub.pem")
    p.add_argument("--office", metavar="CODE", required=True, help="the office's code")
    p.add_argument("--replace", action="store_true",
                   help="replace the office's registered (or revoked) key (needs --reason)")
    p.add_argument("--reason", metavar="TEXT", default="", help="why (kept in the key log)")
    p.set_defaults(func=cmd_register)

    p = hq_sub.add_parser("revoke", help="revoke an office's key: its bundles are refused")
    p.add_argument("--office", metavar="CODE", required=True)
    p.add_argument("--reason", metavar="TEXT", required=True)
    p.set_defaults(func=cmd_revoke)

    p = hq_sub.add_parser("offices", help="registered offices, key fingerprints, last bundles")
    p.set_defaults(func=cmd_offices)

    p = hq_sub.add_parser("import", help="verify and import bundles (files or folders)")
    p.add_argument("paths", type=Path, nargs="+", metavar="BUNDLE_OR_FOLDER")
    p.set_defaults(func=cmd_import)

    p = hq_sub.add_parser("report", help="write the consolidated workbook")
    p.add_argument("--out", type=Path, required=True, metavar="consolidated.xlsx")
    p.add_argument("--stale-days", type=int, default=7, metavar="N",
                   help="flag offices whose last bundle is older than N days (default 7)")
    p.set_defaults(func=cmd_report)

    p = hq_sub.add_parser("log", help="the import log, newest first")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.set_defaults(func=cmd_log)

    add_serve_commands(hq_sub)
    add_user_commands(hq_sub)
    add_store_commands(hq_sub)  # init, migrate, worker
    add_db_option(hq, hq_sub)  # last: every action takes --db


def open_hq_folder(args: argparse.Namespace):
    """The headquarters folder of ``--home`` (created on first use)."""
    return open_hq(home(args), db=args.db)


def cmd_register(args: argparse.Namespace) -> int:
    try:
        with open(args.pem, "rb") as fh:
            pem = fh.read(8192)
    except OSError as exc:
        raise FieldDeskError(f"{args.pem}: cannot read the public key ({exc.strerror})") from None
    with open_hq_folder(args) as hq:
        done = register_key(hq, pem, args.office, replace=args.replace, reason=args.reason,
                            source=args.pem.name)
    if done.already:
        print(f"office {done.office_code}: this key is already registered; nothing changed")
    elif done.replaced:
        print(f"office {done.office_code}: key replaced (the old key {done.replaced[:19]}… is "
              "kept as replaced; bundles signed by it are refused from now on)")
    else:
        print(f"office {done.office_code}: key registered")
    print(f"fingerprint: {done.fingerprint}")
    print("Read the fingerprint back to the office: it must match `fielddesk key show` there.",
          file=sys.stderr)
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    with open_hq_folder(args) as hq:
        fingerprint = revoke_key(hq, args.office, reason=args.reason)
    print(f"office {args.office}: key {fingerprint} revoked; its bundles are refused until a "
          "new key is registered (hq register --replace --reason)")
    return 0


def cmd_offices(args: argparse.Namespace) -> int:
    with open_hq_folder(args) as hq, hq.store.read() as conn:
        offices = list_offices(conn)
    if not offices:
        print("no offices registered yet (fielddesk hq register OFFICE.pub.pem --office CODE)")
        return 0
    for office in offices:
        print(f"{office.code}  {office.name or '(no bundle yet)'}")
        print(f"  key: {office.fingerprint or 'REVOKED: bundles refused'}")
        if not office.campaigns:
            print("  last accepted: none")
        for c in office.campaigns:
            flags = f" [{c.flags}]" if c.flags else ""
            print(f"  {c.campaign_id}: last accepted seq {c.seq}, bundle of "
                  f"{format_date(c.bundle_created_at, blank='-')}, imported "
                  f"{format_date(c.imported_at, blank='-')}{flags}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    files = bundle_files(args.paths)
    for path in args.paths:
        if not path.exists():
            raise FieldDeskError(f"{path}: no such file or folder")
    if not files:
        raise FieldDeskError("no bundles found (a folder is searched for *.zip files)")
    counts = {"accepted": 0, "already_imported": 0, "rejected": 0, "failed": 0}
    with open_hq_folder(args) as hq:
        for result in import_files(hq, files, progress=lambda path: ProgressBar(
                f"import {path.name[:40]}")):
            if result.outcome is None:
                counts["failed"] += 1
                print(f"failed: {result.error}", flush=True)
                continue
            counts[result.outcome.status] += 1
            print(result.outcome.line(), flush=True)
    summary = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items() if n)
    print(f"{plural('{n} bundle', '{n} bundles', len(files))}: {summary}", file=sys.stderr)
    return 1 if counts["rejected"] or counts["failed"] else 0


def cmd_report(args: argparse.Namespace) -> int:
    if args.stale_days < 0:
        raise FieldDeskError("--stale-days must be 0 or more")
    with open_hq_folder(args) as hq:
        result = write_report(hq, args.out, stale_days=args.stale_days)
    print(result.path)
    print(f"{plural('{n} office', '{n} offices', result.offices)} in "
          f"{plural('{n} campaign', '{n} campaigns', result.sections)}; "
          f"{plural('{n} import log row', '{n} import log rows', result.log_rows)}", file=sys.stderr)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    with open_hq_folder(args) as hq, hq.store.read() as conn:
        for e in import_log(conn, limit=max(1, args.limit)):
            who = " ".join(str(x) for x in (e.office_code, e.campaign_id,
                                             f"seq {e.seq}" if e.seq is not None else None) if x)
            print(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.result:9}  {e.file_name}  {who}  {e.reason}"
                  + (f" [{e.flags}]" if e.flags else ""))
    return 0

