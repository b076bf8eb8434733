"""A fresh keys folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def keys_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"
