"""``python -m desktop_app`` is the ``fielddesk`` command (and the frozen program's entry).

The export's photo pass runs in a process the standard library starts
(``bundle.photo_pass``); in the frozen program that process is FieldDesk itself, told by
its command line to be the pass: ``multiprocessing.freeze_support()`` answers that first.
"""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # a no-op from source: spare the GUI's start its import
        import multiprocessing

        multiprocessing.freeze_support()
    from desktop_app.cli import main

    sys.exit(main())
