"""Use case: my monthly statement of one cash account — opening balance, every movement of the
month with its running balance, closing balance; as data, and as a PDF through the renderer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from domain.ledger.accounts import AccountKind
from domain.ledger.statement import Statement, build_statement
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import NotFound, invalid_field
from domain.shared.money import MINOR_UNITS
from usecases.identity.public.user_directory import UserDirectory
from usecases.ledger.access import signed_in_user
from usecases.ledger.ports import LedgerUnitOfWork, StatementRenderer

FIRST_YEAR = 2000


class CashAccountNotFound(NotFound):
    code = "cash_account_not_found"
    title = "No cash account in this currency"


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMonthlyStatement:
    actor: Actor
    year: int
    month: int
    currency: str = "INR"


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return start, end


class GetMonthlyStatementHandler:
    def __init__(self, uow: LedgerUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: GetMonthlyStatement) -> Statement:
        user_id = signed_in_user(cmd.actor)
        if not 1 <= cmd.month <= 12:
            raise invalid_field("month", "must be between 1 and 12", code="out_of_range")
        if cmd.currency not in MINOR_UNITS:
            raise invalid_field("currency", "not a currency the platform settles in")
        if cmd.year < FIRST_YEAR:
            raise invalid_field("year", f"must be {FIRST_YEAR} or later", code="out_of_range")
        start, end = month_bounds(cmd.year, cmd.month)
        if start > self._clock.now():
            raise invalid_field("month", "that month has not begun", code="out_of_range")
        contact = await self._users.contact(user_id)
        async with self._uow as uow:
            account = await uow.ledger.find_account(user_id, AccountKind.USER_CASH, cmd.currency)
            if account is None:
                raise CashAccountNotFound(f"you have no {cmd.currency} cash account")
            opening = await uow.history.balance_before(account.id, start)
            movements = await uow.history.movements(account.id, start, end)
        holder = f"{contact.name} ({contact.code})" if contact else str(user_id)
        return build_statement(
            holder=holder,
            currency=cmd.currency,
            year=cmd.year,
            month=cmd.month,
            opening=opening,
            movements=movements,
        )


class RenderMonthlyStatementHandler:
    """The same statement as a PDF document."""

    def __init__(self, statements: GetMonthlyStatementHandler, render: StatementRenderer) -> None:
        self._statements = statements
        self._render = render

    async def execute(self, cmd: GetMonthlyStatement) -> bytes:
        return self._render(await self._statements.execute(cmd))
