"""Fixtures of the campaign tests: headquarters' key and its published campaign files."""

import pytest

from tests.core.campaigns.kit import HQ


@pytest.fixture
def hq(tmp_path) -> HQ:
    return HQ(tmp_path / "hq-out")
