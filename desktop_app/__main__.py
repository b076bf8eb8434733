"""``python -m desktop_app`` is the ``fielddesk`` command (and the frozen program's entry).

The export may start this program again as its photo pass (``bundle.photo_pass``): that
is answered first, before the command line and everything it imports.
"""

import sys

if sys.argv[1:2] == ["--photo-pass"]:
    from desktop_app.bundle.photo_pass import child_main

    sys.exit(child_main(sys.argv[2:]))

from desktop_app.cli import main  # noqa: E402 - after the photo pass's early exit

sys.exit(main())
