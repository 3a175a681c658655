"""The dashboard's tests use trading's and the cap table's own helpers: an exchange with
seeded instruments and funded investors, and issuers with share classes and transfers."""

from __future__ import annotations

import pytest

from infrastructure.container import Container
from tests.api.captable.conftest import CapTable, captable
from tests.api.captable.transfer_support import Transfers
from tests.api.trading.conftest import trading

__all__ = ["captable", "trading", "transfers"]


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)
