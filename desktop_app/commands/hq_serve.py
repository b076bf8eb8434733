"""``hq serve`` and ``hq key init|export``: headquarters' receiver and its receipt key.

``commands/hq.py`` (the registry and import commands) calls ``add_serve_commands`` with
its ``hq`` subparsers, so ``fielddesk --home HQDIR hq serve`` sits beside ``hq import``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.commands.common import home
from desktop_app.errors import FieldDeskError
from desktop_app.hq.database import HQFolder, open_hq
from desktop_app.hq.receipts import export_hq_public_key, init_hq_key
from desktop_app.hq.receiver.config import ReceiverConfig
from desktop_app.hq.receiver.server import check_staff_for, serve


def add_serve_commands(hq_sub: argparse._SubParsersAction) -> None:
    p = hq_sub.add_parser("serve", help="receive uploads from offices (tus) and show the status page")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; put a TLS proxy in front)")
    p.add_argument("--port", type=int, default=8750, help="port (default 8750)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="PostgreSQL: import workers in this process (default 1; 0 when "
                        "`hq worker` processes import, docs/scaling.md)")
    p.set_defaults(func=cmd_hq_serve)

    key = hq_sub.add_parser("key", help="headquarters' receipt-signing key: init, export")
    key_sub = key.add_subparsers(dest="hq_key_command", metavar="ACTION", required=True)
    p = key_sub.add_parser("init", help="create headquarters' receipt key (once)")
    p.set_defaults(func=cmd_hq_key_init)
    p = key_sub.add_parser("export", help="write the public key to hand to offices")
    p.add_argument("--out", metavar="HQ.pub.pem", type=Path, required=True)
    p.set_defaults(func=cmd_hq_key_export)


def _hq_root(args: argparse.Namespace) -> Path:
    root = home(args)
    if (root / "fielddesk.db").exists():
        raise FieldDeskError(f"{root} is an office data folder, not a headquarters folder: "
                             "give hq commands their own --home")
    return root


def cmd_hq_key_init(args: argparse.Namespace) -> int:
    folder = HQFolder(_hq_root(args)).ensure()
    fingerprint = init_hq_key(folder.keys)
    print(f"fingerprint: {fingerprint}")
    print("give offices the public key: fielddesk hq key export --out HQ.pub.pem")
    return 0


def cmd_hq_key_export(args: argparse.Namespace) -> int:
    folder = HQFolder(_hq_root(args))
    fingerprint = export_hq_public_key(folder.keys, args.out)
    print(f"wrote {args.out}")
    print(f"fingerprint: {fingerprint}")
    return 0


def cmd_hq_serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise FieldDeskError(f"--port {args.port}: not a port number")
    if not 0 <= args.workers <= 64:
        raise FieldDeskError("--workers: give 0 to 64")
    with open_hq(_hq_root(args), db=args.db) as hq:
        check_staff_for(args.host, hq)  # before anything is printed: one line if refused
        root, postgresql = hq.folder.root, hq.store.is_postgresql
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: listening on {args.host}; offices should reach it through a TLS reverse "
              "proxy (docs/upload.md)", file=sys.stderr)
    if postgresql and args.workers == 0:
        print("note: no import worker in this process; run `fielddesk hq worker` beside it "
              "(docs/scaling.md)", file=sys.stderr)
    serve(root, host=args.host, port=args.port, db=args.db,
          config=ReceiverConfig(root=root, import_workers=args.workers))
    return 0
