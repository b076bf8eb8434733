"""One module per group of ``fielddesk`` subcommands; each has ``register(subparsers)``.

Modules import their heavy dependencies inside the command functions, so ``fielddesk
--version`` and the GUI's start-up pay for nothing they do not use.
"""

from desktop_app.commands import bundle, gui, hq, office, photos, summary, upload

COMMAND_MODULES = [gui, office, photos, summary, bundle, hq, upload]
