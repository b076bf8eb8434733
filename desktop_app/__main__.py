"""``python -m desktop_app`` is the ``fielddesk`` command."""

import sys

from desktop_app.cli import main

sys.exit(main())
