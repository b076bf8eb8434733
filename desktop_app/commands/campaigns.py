"""What headquarters sends an office: ``campaign import FILE | list`` and ``receipt import FILE…``.

``campaign import`` prints what the file would change (a new campaign, or a newer version:
new and removed indicators, renamed labels, new dates) and applies it only when confirmed
(``--yes``, or y at the prompt). With no headquarters key trusted yet it prints the file's
key fingerprint to read back to headquarters over the phone, and trusts it only when
``--trust-key`` repeats the fingerprint headquarters read out. A refusal (older version,
another key, a damaged file) is one line, exit 1, and changes nothing.

``receipt import`` marks each bundle its receipt answers as accepted or rejected, as the
upload does; a refused receipt is one line and the others still count (exit 1 if any was
refused).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.errors import FieldDeskError


def register(sub: argparse._SubParsersAction) -> None:
    campaign = sub.add_parser("campaign", help="campaigns from headquarters: import a campaign file, list")
    campaign_sub = campaign.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    p = campaign_sub.add_parser("import", help="show what a campaign file (.fdcampaign) changes, then apply it")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--yes", action="store_true", help="apply without asking")
    p.add_argument("--trust-key", metavar="FINGERPRINT",
                   help="no headquarters key is set yet: the fingerprint headquarters read out "
                        "over the phone; the file's key is trusted if it matches")
    p.set_defaults(func=cmd_campaign_import)
    p = campaign_sub.add_parser("list", help="this office's campaigns: current and earlier (read-only)")
    p.set_defaults(func=cmd_campaign_list)

    receipt = sub.add_parser("receipt", help="headquarters' receipts brought by pen drive")
    receipt_sub = receipt.add_subparsers(dest="receipt_command", metavar="ACTION", required=True)
    p = receipt_sub.add_parser("import", help="mark bundles accepted or rejected from .fdreceipt files")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_receipt_import)


def _blocks(fingerprint: str) -> list[str]:
    blocks = fingerprint.split()
    return [" ".join(blocks[i:i + 4]) for i in range(0, len(blocks), 4)]


def cmd_campaign_import(args: argparse.Namespace) -> int:
    from desktop_app.campaigns.hq_key import same_fingerprint
    from desktop_app.campaigns.office_import import NEW, SAME, apply_import, prepare_import
    from desktop_app.commands.common import open_store

    with open_store(args) as opened:
        plan = prepare_import(opened, args.file)
        new = plan.campaign
        old = plan.changes.old
        print(f"campaign file: {plan.package.file_name}")
        print(f"signed by:     {plan.fingerprint}")
        if plan.kind == SAME:
            print(f"this office already has {new.title.en} version {new.version}: nothing to change")
            return 0
        if plan.kind == NEW:
            print(f"new campaign:  {new.title.en} ({new.id}), version {new.version}")
        else:
            print(f"new version:   {new.title.en} ({new.id}), version {old.version} -> {new.version}")
        for line in plan.changes.lines("en"):
            print(f"  {line}")
        if not plan.changes.changes:
            print("  (no change an office sees)")
        trust = False
        if plan.needs_trust:
            if not args.trust_key:
                print("No headquarters key is trusted yet. Read this fingerprint back to "
                      "headquarters over the phone:", file=sys.stderr)
                for line in _blocks(plan.fingerprint):
                    print(f"  {line}", file=sys.stderr)
                raise FieldDeskError("nothing was changed: if headquarters confirms it, run again "
                                     "with --trust-key 'FINGERPRINT' as headquarters read it")
            if not same_fingerprint(args.trust_key, plan.fingerprint):
                raise FieldDeskError("the fingerprint given with --trust-key is not the key that "
                                     "signed this file: nothing was changed")
            trust = True
        if not args.yes and not _confirm("Apply these changes?"):
            raise FieldDeskError("nothing was changed (run again with --yes to apply)")
        campaign = apply_import(opened, plan, trust=trust)
    if plan.kind == NEW:
        print(f"{campaign.title.en} is now the current campaign; earlier campaigns stay, read-only")
    else:
        print(f"{campaign.title.en} is now version {campaign.version}; every entry was kept")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_campaign_list(args: argparse.Namespace) -> int:
    from desktop_app.commands.common import open_store
    from desktop_app.domain.i18n import plural

    with open_store(args) as opened:
        listing = opened.store.campaigns.listing()
    for c in listing:
        state = "current" if c.current else "earlier (read-only)"
        signer = f"signed by {c.signed_by[:19]}…" if c.signed_by else "shipped with FieldDesk"
        print(f"{'*' if c.current else ' '} {c.id}  v{c.version}  {c.title.en}")
        print(f"    {c.start:%d.%m.%Y}–{c.end:%d.%m.%Y}, {state}, "
              f"{plural('{n} record', '{n} records', c.records)}, {signer}")
    return 0


def cmd_receipt_import(args: argparse.Namespace) -> int:
    from desktop_app.commands.common import open_store
    from desktop_app.upload.receipt_import import import_receipt

    refused = 0
    with open_store(args) as opened:
        for path in args.files:
            try:
                done = import_receipt(opened, path)
            except FieldDeskError as exc:
                refused += 1
                print(f"refused: {exc}", file=sys.stderr)
                continue
            print(done.line())
    return 1 if refused else 0
