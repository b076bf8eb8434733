"""Translatable messages for a core that has no Qt.

The core marks user-facing text with ``N_()`` (a no-op; ``scripts/update_translations.py``
tells lupdate to read it like ``QT_TR_NOOP``, which files it under the empty context) and
carries it as a ``Message``: the English template plus its parameters. The CLI prints
``str(message)`` (English); the GUI translates the template first, then formats it, so
Hindi never needs string surgery on an English sentence. A count goes through
``plural(one, other, n)`` in the core, and through ``self.tr(text, None, n)`` in the Qt
shell's own strings (its English forms in ``fielddesk_en.ts``); never through ``'s' if``.
Counts read the Indian way in both languages (``group_indian``: 12,34,567), so the digit
grouping lives here too; ``domain.numbers`` builds money and counts on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

CONTEXT = ""  # where lupdate files N_() strings


def group_indian(n: int) -> str:
    """Group an integer's digits the Indian way: 1234567 -> '12,34,567'."""
    sign = "-" if n < 0 else ""
    digits = str(abs(int(n)))
    if len(digits) <= 3:
        return sign + digits
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    if head:
        pairs.insert(0, head)
    return sign + ",".join(pairs) + "," + tail


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


@dataclass(frozen=True)
class Plural:
    """A message about *n* things: the one way the app words a count (1 bundle, 2 bundles).

    *one* and *other* are the English forms, with ``{n}`` for the count (grouped the Indian
    way) and ``{name}`` for the other values. English takes *one* for n == 1. The GUI asks
    Qt for the translated form of *n* (Qt's numerus forms, as ``tr(text, "", n)`` does):
    ``scripts/update_translations.py`` has lupdate read ``plural(one, other, n)`` like
    ``tr(source, disambiguation, n)``, so the .ts holds one numerus message whose source is
    *one* and whose comment is *other* — translators see both English forms. Write the two
    forms as literals at the call, or lupdate cannot see them.
    """

    one: str
    other: str
    n: int
    params: dict[str, object] = field(default_factory=dict)

    def _fill(self, template: str) -> str:
        return template.format(n=group_indian(self.n), **self.params)

    def __str__(self) -> str:
        return self._fill(self.one if self.n == 1 else self.other)

    def render(self, translate: Callable[[str, str, int], str]) -> str:
        """*translate(one, other, n)* (Qt's numerus lookup) returns *one* itself when the
        language has no translation of it — English — and the English rule applies."""
        text = translate(self.one, self.other, self.n)
        return str(self) if text == self.one else self._fill(text)


def plural(one: str, other: str, n: int, **params: object) -> Plural:
    """``plural("{n} bundle stays queued", "{n} bundles stay queued", left)``: see ``Plural``."""
    return Plural(one, other, int(n), params)
