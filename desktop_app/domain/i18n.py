"""Translatable messages for a core that has no Qt.

The core marks user-facing text with ``N_()`` (a no-op; ``scripts/update_translations.py``
tells lupdate to read it like ``QT_TR_NOOP``, which files it under the empty context) and
carries it as a ``Message``: the English template plus its parameters. The CLI prints
``str(message)`` (English); the GUI translates the template first, then formats it, so
Hindi never needs string surgery on an English sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

CONTEXT = ""  # where lupdate files N_() strings


def N_(text: str) -> str:
    """Mark a template for translation without translating it here."""
    return text


@dataclass(frozen=True)
class Message:
    """An English template with ``{name}`` placeholders and the values to put in them."""

    template: str
    params: dict[str, object] = field(default_factory=dict)

    def __init__(self, template: str, **params: object):
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params", params)

    def __str__(self) -> str:
        return self.template.format(**self.params)

    def render(self, translate: Callable[[str], str]) -> str:
        """Translate the template with ``translate`` (e.g. Qt's), then fill it in."""
        return translate(self.template).format(**self.params)
