"""One module per group of ``fielddesk`` subcommands; each has ``register(subparsers)``.

Modules import their heavy dependencies inside the command functions, so ``fielddesk
--version`` and the GUI's start-up pay for nothing they do not use.
"""

from types import ModuleType


def command_modules() -> list[ModuleType]:
    """Every command module, in ``--help`` order; imported here rather than by the package
    so that the plain GUI start imports only ``commands.gui``."""
    from desktop_app.commands import bundle, campaigns, gui, hq, office, photos, summary, upload

    return [gui, office, photos, summary, bundle, campaigns, hq, upload]
