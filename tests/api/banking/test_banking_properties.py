"""Property test at the banking level: random sequences of deposits, withdrawals (holds) and
rail settlements (captures, releases, failed deposits) over HTTP keep the user's posted and held
balances equal to a simple model after every step, never let a withdrawal spend held money, and
leave every ledger invariant intact (``meridian ledger check``)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infrastructure.app import create_app
from infrastructure.bank_rail.sandbox import fails
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.database.engine import create_engine
from tests.api.banking.conftest import ROOMY, Banking
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.databases import truncate_all

Op = tuple[str, Decimal]
# Whole rupees plus a fraction; ``.13`` is the sandbox rail's failing one, so failed deposits
# and payouts come up often.
amounts = st.builds(
    lambda whole, fraction: Decimal(whole) + fraction,
    st.integers(min_value=0, max_value=400),
    st.sampled_from([Decimal("0.01"), Decimal("0.13"), Decimal("0.50"), Decimal("0.99")]),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("deposit"), amounts),
        st.tuples(st.just("withdraw"), amounts),
        st.tuples(st.just("settle"), st.just(Decimal(0))),
    ),
    max_size=10,
)


class Model:
    """What the balances must be: settled deposits in, settled withdrawals out, pending
    withdrawals held."""

    def __init__(self, posted: Decimal) -> None:
        self.posted = posted
        self.held = Decimal(0)
        self.deposits: list[Decimal] = []
        self.withdrawals: list[Decimal] = []

    def settle(self) -> None:
        self.posted += sum((a for a in self.deposits if not fails(a)), Decimal(0))
        for amount in self.withdrawals:
            self.held -= amount
            if not fails(amount):
                self.posted -= amount
        self.deposits, self.withdrawals = [], []


async def balances(banking: Banking, who: Account) -> tuple[Decimal, Decimal]:
    now = await banking.balance(who)
    return Decimal(now["posted"]), Decimal(now["held"])


async def scenario(banking: Banking, who: Account, ops: list[Op]) -> None:
    model = Model((await balances(banking, who))[0])
    for kind, amount in ops:
        if kind == "deposit":
            response = await banking.deposit(who, f"{amount:f}")
            assert response.status_code == 201, response.text
            model.deposits.append(amount)
        elif kind == "withdraw":
            response = await banking.withdraw(who, f"{amount:f}")
            if amount <= model.posted - model.held:
                assert response.status_code == 201, response.text
                model.held += amount
                model.withdrawals.append(amount)
            else:
                assert_problem(response, 422, "insufficient_funds")
        else:
            await banking.settle()
            model.settle()
        assert await balances(banking, who) == (model.posted, model.held), (kind, amount)
    await banking.settle()  # nothing stays pending into the next example
    model.settle()
    assert await balances(banking, who) == (model.posted, model.held)
    assert await banking.ledger_violation() is None


def test_random_deposits_withdrawals_and_settlements_keep_balances_and_invariants(
    settings: Settings, database_url: str
) -> None:
    with asyncio.Runner() as runner:
        engine = create_engine(settings, database_url)
        container = build_container(settings.model_copy(update=ROOMY), database_url, engine=engine)
        transport = httpx.ASGITransport(app=create_app(container.settings, container=container))
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        banking = Banking(client, container, Accounts(client, container))
        who = runner.run(banking.user())  # one investor; each example starts from their balance

        @settings_for_banking
        @given(operations)
        def run(ops: list[Op]) -> None:
            runner.run(scenario(banking, who, ops))

        try:
            run()
        finally:
            runner.run(client.aclose())
            runner.run(container.aclose())
            runner.run(truncate_all(engine))
            runner.run(engine.dispose())


settings_for_banking = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
