"""``python -m desktop_app`` is the ``fielddesk`` command (and the frozen program's entry).

The export may start this program again as its photo pass (``bundle.photo_pass``): that
is answered first, before the command line and everything it imports.
"""

import sys

if sys.argv[1:2] == ["--photo-pass"]:
    import os

    from desktop_app.bundle.photo_pass import child_main

    code = child_main(sys.argv[2:])
    sys.stderr.flush()
    os._exit(code)  # all written and closed: skip the interpreter's teardown (~10 ms)

from desktop_app.cli import main  # noqa: E402 - after the photo pass's early exit

sys.exit(main())
