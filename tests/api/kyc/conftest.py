"""KYC API tests: two freshly registered investors."""

from __future__ import annotations

import pytest

from tests.support.accounts import Account, Accounts


@pytest.fixture
async def alice(accounts: Accounts) -> Account:
    return await accounts.register()


@pytest.fixture
async def bob(accounts: Accounts) -> Account:
    return await accounts.register()
