"""The command line holds the command being run: each word reaches its own group's module,
``--help`` lists them all, and a word that is no command is refused with the list."""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib import import_module

import pytest

from desktop_app.cli import build_parser, command_word
from desktop_app.commands import COMMANDS, GROUPS


@pytest.mark.parametrize("group", GROUPS)
def test_each_group_registers_exactly_the_words_routed_to_it(group):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    import_module(f"desktop_app.commands.{group}").register(sub)
    assert set(sub.choices) == {word for word, name in COMMANDS.items() if name == group}


@pytest.mark.parametrize("argv, word", [
    (["export", "--out", "x"], "export"),
    (["--home", "export", "info"], "info"),  # "export" is --home's value here
    (["--debug", "hq", "import", "b.zip"], "hq"),
    (["--version"], ""),
    ([], ""),
])
def test_the_command_word_follows_the_global_options(argv, word):
    assert command_word(argv) == word


def test_a_command_parses_with_only_its_own_module():
    args = build_parser(["--home", "d", "verify", "b.zip", "--key", "k.pem"]).parse_args(
        ["--home", "d", "verify", "b.zip", "--key", "k.pem"])
    assert (args.command, args.func.__name__, str(args.bundle)) == ("verify", "cmd_verify", "b.zip")


def test_help_lists_every_command_and_a_wrong_word_is_refused_with_the_list():
    out = subprocess.run([sys.executable, "-m", "desktop_app", "--help"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and all(word in out.stdout for word in COMMANDS)
    out = subprocess.run([sys.executable, "-m", "desktop_app", "exprot"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 2 and "invalid choice: 'exprot'" in out.stderr
    assert "export" in out.stderr.splitlines()[-1]
