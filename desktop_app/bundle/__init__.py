"""The signed bundle an office sends to headquarters: keys, manifest, archive checks, verification.

Submodules are imported where they are used (``desktop_app.bundle.verify`` and friends);
this package imports nothing, so the GUI's start-up does not pay for cryptography or zipfile.
"""
