"""The ``fielddesk`` command: a thin shell over the same core the GUI uses.

Order is fixed: parse arguments → resolve the data folder → run the command, which opens
the store (lock, migrations) only if it needs one; only ``gui`` imports Qt. The parser
holds only the command being run (``commands.modules_for``): each command pays for its
own imports. Errors a user can cause print one line on stderr and exit 1; anything else
is a bug, logged with its traceback (shown with ``--debug``), exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.commands import gui, modules_for
from desktop_app.errorlog import log_error
from desktop_app.errors import FieldDeskError
from desktop_app.paths import DataFolder, resolve_home


def _global_options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fielddesk", add_help=False)
    parser.add_argument("--home")
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("--smoke-test", action="store_true")
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The command *argv* names (its first word after the global options); ``""`` when it
    names none, None when it cannot be told (a bad global option: argparse will say)."""
    try:
        _options, rest = _global_options().parse_known_args(list(argv))
    except SystemExit:
        return None
    return next((word for word in rest if not word.startswith("-")), "")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line, with the command *argv* names registered (its group's module is all
    that is imported), none for a bare ``--version``, all of them for ``--help`` or for no
    *argv* at all."""
    parser = argparse.ArgumentParser(
        prog="fielddesk",
        description="FieldDesk: campaign registers for field offices, signed bundles for headquarters.",
    )
    parser.add_argument("--version", action="version", version=f"FieldDesk {__version__}")
    parser.add_argument("--home", metavar="DIR", help="data folder (default: $FIELDDESK_HOME or the user data folder)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window, print start-up ms once painted, exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    command = None if argv is None or any(a in ("-h", "--help") for a in argv) else command_word(argv)
    for module in modules_for(command):
        module.register(sub)
    return parser


def _gui_only(argv: list[str]) -> argparse.Namespace | None:
    """The plain GUI start (`fielddesk [--home DIR] [--smoke-test] [--debug]`) without
    building the full parser: that is start-up time before the first paint."""
    try:
        args, rest = _global_options().parse_known_args(argv)
    except SystemExit:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _gui_only(argv) if not any(a in ("-h", "--help", "--version") for a in argv) else None
    if args is None:
        args = build_parser(argv).parse_args(argv)
    if args.command is None:
        args.command = "gui"
        args.func = gui.run_gui
    try:
        return int(args.func(args) or 0)
    except FieldDeskError as exc:
        if args.debug:
            raise
        print(f"fielddesk: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `fielddesk info | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("fielddesk: interrupted; nothing was left half-done", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: keep the traceback, show one line
        if args.debug:
            raise
        log = _log_crash(args)
        print(f"fielddesk: unexpected error: {exc.__class__.__name__}: {exc} (details in {log})", file=sys.stderr)
        return 2


def _log_crash(args: argparse.Namespace) -> str:
    folder = DataFolder(resolve_home(args.home))
    return str(log_error(folder.logs, traceback.format_exc(), title=f"fielddesk {args.command}"))


if __name__ == "__main__":
    sys.exit(main())
