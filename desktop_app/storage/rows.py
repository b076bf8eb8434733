"""Turning domain dataclasses into database rows and back, by their type hints.

Dates are ISO text, enums their code, booleans 0/1. One converter for every repository,
so a new field in a dataclass needs a migration and nothing else.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar

R = TypeVar("R")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return {f.name: typing.get_type_hints(cls)[f.name] for f in dataclasses.fields(cls)}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def to_row(record: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _base_type(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = _base_type(hint)
    if kind is date:
        return date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is bool:
        return bool(value)
    if kind is float:
        return float(value)
    return value


def from_row(cls: type[R], row: dict[str, Any]) -> R:
    hints = _hints(cls)
    return cls(**{name: _convert(hint, row[name]) for name, hint in hints.items() if name in row})


def field_names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]
