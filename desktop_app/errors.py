"""The one family of errors a user can cause: each carries a message fit to show a clerk.

The CLI prints ``str(error)`` on one line; the GUI shows it beside a field or in a dialog.
Anything that is not a ``FieldDeskError`` is a bug: logged with its traceback.
"""

from __future__ import annotations


class FieldDeskError(Exception):
    """An error a user can cause (bad input, locked folder, tampered bundle...)."""


class ValidationError(FieldDeskError):
    """A record failed validation; ``errors`` maps field name -> message for the form."""

    def __init__(self, errors: dict[str, object]):
        # Values are domain ``Message`` objects (translatable) or plain strings.
        self.errors = dict(errors)
        super().__init__("; ".join(f"{f}: {m}" for f, m in self.errors.items()))


class NotFoundError(FieldDeskError):
    """A record, file or office that was asked for does not exist."""


class DataFolderLockedError(FieldDeskError):
    """Another FieldDesk is already using this data folder."""


class TemplateError(FieldDeskError):
    """A campaign template file is malformed; the message names the file and field."""


class PhotoError(FieldDeskError):
    """A photo was refused; the message names the file and the reason."""


class BundleError(FieldDeskError):
    """A bundle failed verification or import; the message is the first failure found."""


class Cancelled(FieldDeskError):
    """A long operation was cancelled by the user; nothing was left half-done."""
