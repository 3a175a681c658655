"""No request or worker holds a database transaction open while it waits for the KYC provider
or the bank rail (docs/development.md, "External calls never inside a transaction"): a slow
provider would otherwise pin pooled connections "idle in transaction" and stall the API.

The sandboxes are wrapped by a probe that, at the start of every call, counts this database's
sessions in state ``idle in transaction`` through a connection of its own; every count must be
zero. The flows are run one request at a time, so nothing else holds a transaction then."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.banking import public as banking_public
from infrastructure.config.settings import Settings
from infrastructure.database.engine import create_engine
from infrastructure.kyc import adapters
from infrastructure.wiring import banking as banking_wiring
from infrastructure.wiring import kyc as kyc_wiring
from infrastructure.wiring.banking import rail_handler
from tests.api.banking.conftest import Banking
from usecases.banking.submit_rail_instructions import SubmitRailInstructions

IDLE_IN_TRANSACTION = text(
    "select count(*) from pg_stat_activity"
    " where datname = current_database() and state = 'idle in transaction'"
)


class Probe:
    """Wraps a provider or rail; records, per call, how many sessions sat in a transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self.seen: list[tuple[str, int]] = []

    def wrap(self, target: Any) -> Any:
        probe = self

        class Probed:
            def __getattr__(self, name: str) -> Any:
                attribute = getattr(target, name)
                if name.startswith("_") or not callable(attribute):
                    return attribute

                async def call(*args: Any, **kwargs: Any) -> Any:
                    await probe.check(name)
                    return await attribute(*args, **kwargs)

                return call

        return Probed()

    async def check(self, call: str) -> None:
        async with self._engine.connect() as connection:
            count = await connection.scalar(IDLE_IN_TRANSACTION)
        self.seen.append((call, int(count or 0)))

    def calls(self) -> set[str]:
        return {call for call, _ in self.seen}

    def held(self) -> list[tuple[str, int]]:
        return [(call, count) for call, count in self.seen if count]


@pytest.fixture
async def probe_engine(settings: Settings, database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings, database_url)  # its own pool: never the app's connection
    yield engine
    await engine.dispose()


@pytest.fixture(autouse=True)
def probe(probe_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> Probe:
    """Every provider and rail the app wires (before the app is built) goes through the probe."""
    probe = Probe(probe_engine)

    def probed(build: Callable[[Settings], Any]) -> Callable[[Settings], Any]:
        return lambda settings: probe.wrap(build(settings))

    kyc_provider, bank_rail = adapters.build_kyc_provider, banking_public.build_bank_rail
    monkeypatch.setattr(kyc_wiring, "build_kyc_provider", probed(kyc_provider))
    monkeypatch.setattr(kyc_wiring, "build_bank_rail", probed(bank_rail))
    monkeypatch.setattr(banking_wiring, "build_bank_rail", probed(bank_rail))
    return probe


async def settle(banking: Banking, probe: Probe, step: Callable[[], Awaitable[Any]]) -> None:
    """Run ``step`` (a request that queues one rail instruction), then the worker once."""
    await step()
    rail = banking.rail()
    assert (
        await rail_handler(banking.container, probe.wrap(rail)).execute(SubmitRailInstructions())
        == 1
    )
    await rail.drain()


async def test_kyc_linking_and_the_rail_worker_call_out_with_no_transaction_open(
    banking: Banking, probe: Probe
) -> None:
    alice = await banking.user(level=3)  # PAN, Aadhaar OTP (request, verify), bank step
    linked = await banking.client.post(
        "/api/v1/banking/accounts",
        headers=alice.headers,
        json={"account_number": "123456780999", "ifsc": "SBIN0000001", "holder_name": "Priya"},
    )
    assert linked.status_code == 201, linked.text
    await settle(banking, probe, lambda: banking.deposit(alice, "500.00"))
    assert (await banking.balance(alice))["available"] == "500.00"
    await settle(banking, probe, lambda: banking.withdraw(alice, "100.00"))

    assert probe.calls() == {
        "verify_pan",
        "request_aadhaar_otp",
        "verify_aadhaar_otp",
        "lookup_ifsc",
        "penny_drop",
        "collect",
        "payout",
    }
    assert probe.held() == [], "a transaction was open while calling out"
