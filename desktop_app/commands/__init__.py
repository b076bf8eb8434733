"""One module per group of ``fielddesk`` subcommands: ``register(subparsers)`` and the
functions that run its commands, importing what they use at the top.

``cli`` imports only the module of the command being run (``modules_for``), so a command
pays for its own group's imports and no other's: ``fielddesk export`` never loads the
receiver's web framework, ``fielddesk --version`` loads no command module, and the GUI's
plain start loads only ``gui`` (docs/decisions/0004). ``--help``, or a word that is no
command, loads them all to list every command.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

GROUPS = ("gui", "office", "photos", "summary", "bundle", "hq", "upload")  # --help order

# The first word of each command -> the module that registers and runs it
# (tests/cli/test_cli_office.py checks each module registers exactly these).
COMMANDS = {
    "gui": "gui",
    "info": "office", "demo": "office", "backup": "office", "restore": "office",
    "photo": "photos",
    "summary": "summary",
    "key": "bundle", "export": "bundle", "verify": "bundle",
    "hq": "hq",
    "remote": "upload", "upload": "upload",
}


def modules_for(command: str | None) -> list[ModuleType]:
    """The module of *command*; every module (in ``--help`` order) when it is no command;
    none for ``""`` (no command at all: ``--version``)."""
    if command == "":
        return []
    names = [COMMANDS[command]] if command in COMMANDS else GROUPS
    return [import_module(f"desktop_app.commands.{name}") for name in names]
