"""Bundle commands: ``key init|show|export``, ``export`` and ``verify``.

``key init`` creates the office's Ed25519 signing key once (``keys.office_key``).
Replacing it is a deliberate, audited act: it needs ``--replace --reason TEXT``, moves
the old pair to ``keys/retired/`` (never deleted), retires the old key in
``key_history`` and records the new one with the reason (the table's triggers write
the audit trail), and saves the new fingerprint in the office profile. Headquarters must
then register the new public key before it accepts the office's bundles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.bundle.export import NO_KEY
from desktop_app.bundle.room import export_with_room
from desktop_app.bundle.series import parse_size
from desktop_app.bundle.verify import verify_bundle
from desktop_app.commands.common import ProgressBar, open_store
from desktop_app.domain.i18n import plural
from desktop_app.errors import BundleError, FieldDeskError
from desktop_app.fileio import atomic_write
from desktop_app.keys import signing
from desktop_app.keys.fingerprint_text import fingerprint_lines
from desktop_app.keys.office_key import REPLACE_WARNING, create_office_key
from desktop_app.keys.signing import load_public_key_file
from desktop_app.storage.clock_facts import clock_warning


def register(sub: argparse._SubParsersAction) -> None:
    key = sub.add_parser("key", help="the office signing key: init, show, export")
    key_sub = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    p = key_sub.add_parser("init", help="create the office signing key (once)")
    p.add_argument("--replace", action="store_true",
                   help="retire the existing key and create a new one (needs --reason)")
    p.add_argument("--reason", metavar="TEXT", default="",
                   help="why the key is replaced (kept in the audit trail)")
    p.set_defaults(func=cmd_key_init)
    p = key_sub.add_parser("show", help="print the key's fingerprint, to read out to headquarters")
    p.set_defaults(func=cmd_key_show)
    p = key_sub.add_parser("export", help="write the public key to hand to headquarters")
    p.add_argument("--out", metavar="OFFICE.pub.pem", type=Path, required=True)
    p.set_defaults(func=cmd_key_export)

    p = sub.add_parser("export", help="write a signed bundle for headquarters, print its path")
    p.add_argument("--all-photos", action="store_true",
                   help="carry every photo, also those sent in earlier bundles")
    p.add_argument("--out", metavar="DIR", type=Path,
                   help="folder for the bundle (default: exports/ in the data folder)")
    p.add_argument("--max-size", metavar="SIZE",
                   help="split into a series of bundles each at most SIZE (e.g. 20MB, 500KB)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help="check a bundle against an office's public key; exit 0 or 1")
    p.add_argument("bundle", type=Path, metavar="BUNDLE")
    p.add_argument("--key", metavar="OFFICE.pub.pem", type=Path, required=True)
    p.set_defaults(func=cmd_verify)


# --- key ----------------------------------------------------------------------------------------


def cmd_key_init(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        keys = opened.folder.keys
        replacing = args.replace and signing.key_exists(keys)
        fingerprint = create_office_key(opened, replace=args.replace, reason=args.reason.strip())
    if replacing:
        print(f"the old key was retired (kept in {keys / signing.RETIRED_DIR}). {REPLACE_WARNING}",
              file=sys.stderr)
    print(f"fingerprint: {fingerprint}")
    print(f"public key:  {signing.public_pem_path(keys)}")
    return 0


def cmd_key_show(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        keys = opened.folder.keys
        if not signing.key_exists(keys):
            raise BundleError(NO_KEY)
        fingerprint = signing.fingerprint(signing.load_private_key(keys))
    print("fingerprint:")
    for line in fingerprint_lines(fingerprint).splitlines():
        print("  " + line)
    print(f"public key:  {signing.public_pem_path(keys)}")
    return 0


def cmd_key_export(args: argparse.Namespace) -> int:
    with open_store(args) as opened:
        keys = opened.folder.keys
        if not signing.key_exists(keys):
            raise BundleError(NO_KEY)
        private_key = signing.load_private_key(keys)
    pem = signing.public_key_pem(private_key.public_key())
    out: Path = args.out
    if out.is_dir():
        raise FieldDeskError(f"{out}: is a folder; give a file name such as OFFICE.pub.pem")
    if out.exists() and out.read_bytes() != pem:
        raise FieldDeskError(f"{out}: already exists and holds another key; not overwritten")

    try:
        atomic_write(out, pem)
    except OSError as exc:
        raise FieldDeskError(f"{out}: cannot write the public key ({exc.strerror})") from None
    print(out)
    print(f"fingerprint: {signing.fingerprint(private_key)}", file=sys.stderr)
    return 0


# --- export and verify --------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    max_size = parse_size(args.max_size) if args.max_size else None
    with open_store(args) as opened:
        warning = clock_warning(opened.store)
        if warning is not None:  # the bundle is dated by this clock: say so before, change nothing
            print(f"fielddesk: warning: {warning}", file=sys.stderr)
        results = export_with_room(opened, out_dir=args.out, all_photos=args.all_photos,
                                   max_size=max_size, progress=ProgressBar("export"))
    for warning in results[0].warnings if results else ():
        print(f"fielddesk: warning: {warning}", file=sys.stderr)
    for result in results:
        print(result.path)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    key = load_public_key_file(args.key)
    verified = verify_bundle(args.bundle, key)
    m = verified.manifest
    counts = ", ".join(f"{k} {v}" for k, v in sorted(m.counts.items()))
    print(f"OK: office {m.office_code} ({m.office_name}), campaign {m.campaign_id}, seq {m.seq}, "
          f"part {m.part}/{m.parts}, {plural('{n} file', '{n} files', len(m.files))}, counts: {counts}")
    return 0
