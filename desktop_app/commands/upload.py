"""Upload commands: ``remote set URL --hq-key HQ.pub.pem`` and ``upload [--status]``.

No network is normal, not an error: ``upload`` then prints one calm line and exits 0
with the bundles still queued. Headquarters refusing (unknown office, revoked key…)
exits 1 with its reason. A PC clock that is off does not stop an upload (it signs with
headquarters' time); a second line says how far off it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.commands.common import ProgressBar, open_store
from desktop_app.storage.store import OpenFolder
from desktop_app.upload.remote import is_plain_http_to_elsewhere, set_remote
from desktop_app.upload.runner import send_outbox
from desktop_app.upload.status import outbox_states


def register(sub: argparse._SubParsersAction) -> None:
    remote = sub.add_parser("remote", help="where this office uploads its bundles")
    remote_sub = remote.add_subparsers(dest="remote_command", metavar="ACTION", required=True)
    p = remote_sub.add_parser("set", help="set headquarters' address and receipt key")
    p.add_argument("url", metavar="URL", help="the receiver, e.g. https://hq.example.gov.in/fielddesk")
    p.add_argument("--hq-key", metavar="HQ.pub.pem", type=Path, required=True,
                   help="headquarters' public key (checks its receipts)")
    p.set_defaults(func=cmd_remote_set)
    p = remote_sub.add_parser("show", help="print the address and the key's fingerprint")
    p.set_defaults(func=cmd_remote_show)

    p = sub.add_parser("upload", help="send the outbox to headquarters; --status shows each bundle")
    p.add_argument("--status", action="store_true", help="show each bundle's state, send nothing")
    p.set_defaults(func=cmd_upload)


def cmd_remote_set(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        fingerprint = set_remote(opened, args.url, args.hq_key)
        url = opened.settings.remote_url
    print(f"upload to:   {url}")
    print(f"HQ key:      {fingerprint}")
    print("Read the fingerprint back to headquarters before the first upload.")
    if is_plain_http_to_elsewhere(url):
        print("warning: http:// sends bundles unencrypted; ask headquarters for the https:// address",
              file=sys.stderr)
    return 0


def cmd_remote_show(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        settings = opened.settings
    print(f"upload to:   {settings.remote_url or 'not set'}")
    print(f"HQ key:      {settings.hq_key_fingerprint or 'not set'}")
    return 0


def cmd_upload(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        if args.status:
            return _print_status(opened)

        bar = ProgressBar("upload")
        report = send_outbox(opened, progress=lambda done, total, _text: bar(done, total))
        if bar.tty:
            sys.stderr.write("\n")
    print(f"upload: {report.message}")
    if report.clock is not None:
        print(f"clock:  {report.clock}")
    for name, reason in report.rejected:
        print(f"  {name}: rejected: {reason}")
    for name, problem in report.unverified:
        print(f"  {name}: receipt did not verify: {problem}")
    for name, problem in report.skipped:
        print(f"  {name}: {problem}")
    return 1 if report.refused or report.stopped or report.unverified else 0


def _print_status(opened: OpenFolder) -> int:
    settings = opened.settings
    print(f"upload to: {settings.remote_url or 'not set (fielddesk remote set URL --hq-key HQ.pub.pem)'}")
    states = outbox_states(opened)
    if not states:
        print("no bundles exported yet (fielddesk export)")
    for state in states:
        print(f"{state.file_name}: {state.text}")
    return 0
