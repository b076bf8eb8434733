"""``hq user add | list | passwd | disable | enable | remove``: headquarters staff accounts.

Staff sign in to the status page and ``/report.xlsx`` (every office's data); ``hq serve``
on a non-loopback address refuses to start until one account exists. Passwords are asked
twice on the terminal (never on the command line, where ``ps`` and the shell history
would show them), or read from the first line of stdin with ``--password-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop_app.commands.hq_serve import _hq_root
from desktop_app.errors import FieldDeskError
from desktop_app.hq.database import open_hq
from desktop_app.hq.staff import (
    add_user,
    check_name,
    find_user,
    list_users,
    remove_user,
    set_disabled,
    set_password,
)


def add_user_commands(hq_sub: argparse._SubParsersAction) -> None:
    user = hq_sub.add_parser("user", help="staff accounts for the status page: add, list, "
                                          "passwd, disable, enable, remove")
    sub = user.add_subparsers(dest="hq_user_command", metavar="ACTION", required=True)

    p = sub.add_parser("add", help="add a staff account (asks for its password)")
    p.add_argument("name", help="2-32 small letters, digits, . - _ (e.g. a.sharma)")
    p.add_argument("--role", choices=("viewer", "admin"), required=True,
                   help="viewer: looks; admin: also manages (the dashboard)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_user_add)

    p = sub.add_parser("list", help="staff accounts and their roles")
    p.set_defaults(func=cmd_user_list)

    p = sub.add_parser("passwd", help="set a new password (ends the account's sessions)")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_user_passwd)

    for action, text in (("disable", "stop an account signing in (its sessions end)"),
                         ("enable", "let a disabled account sign in again"),
                         ("remove", "delete an account")):
        p = sub.add_parser(action, help=text)
        p.add_argument("name")
        p.set_defaults(func=cmd_user_change, action=action)


def _open(args: argparse.Namespace):
    return open_hq(_hq_root(args), db=args.db)


def _password(args: argparse.Namespace, name: str) -> str:
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise FieldDeskError("--password-stdin: the first line of stdin is empty")
        return line
    if not sys.stdin.isatty():
        raise FieldDeskError("no terminal to ask the password on: use --password-stdin")

    first = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("again: ") != first:
        raise FieldDeskError("the two passwords differ; nothing was changed")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    check_name(args.name)  # before asking for a password
    with _open(args) as hq:
        account = add_user(hq, args.name, args.role, _password(args, args.name))
    print(f"staff account {account.name} added ({account.role}); it can sign in at the "
          "status page")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with _open(args) as hq, hq.store.read() as conn:
        accounts = list_users(conn)
    if not accounts:
        print("no staff accounts (fielddesk hq user add NAME --role admin); the status page "
              "is shown on this machine only")
        return 0
    for a in accounts:
        state = "DISABLED" if a.disabled else "active"
        print(f"{a.name:32}  {a.role:6}  {state:8}  added {a.created_at[:10]}, "
              f"changed {a.updated_at[:10]}")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with _open(args) as hq:
        with hq.store.read() as conn:
            known = find_user(conn, args.name) is not None
        if not known:  # before asking for a password
            raise FieldDeskError(f"no staff account {args.name!r} (fielddesk hq user list)")
        set_password(hq, args.name, _password(args, args.name))
    print(f"staff account {args.name}: new password set; its sessions have ended")
    return 0


def cmd_user_change(args: argparse.Namespace) -> int:
    with _open(args) as hq:
        if args.action == "remove":
            remove_user(hq, args.name)
        else:
            set_disabled(hq, args.name, args.action == "disable")
    done = {"disable": "disabled; its sessions have ended", "enable": "enabled",
            "remove": "removed; its sessions have ended"}[args.action]
    print(f"staff account {args.name} {done}")
    return 0
