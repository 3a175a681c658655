"""Banking rows ⇄ domain objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Select, Table, bindparam, func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.banking.models import (
    BankAccountRow,
    DepositRow,
    RailInstructionRow,
    RiskEventRow,
    WithdrawalRow,
)
from adapters.persistence.cursor import Keyset, decode_cursor, encode_cursor
from adapters.persistence.mapping import row_values, to_domain
from domain.banking.bank_accounts import BankAccountSource, LinkedBankAccount
from domain.banking.rail import InstructionState, RailInstruction
from domain.banking.transfers import Deposit, TransferState, Withdrawal
from domain.banking.velocity import RecentWithdrawals
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.banking.ports import InstructionFilter, InstructionView
from usecases.identity.public.risk_activity import RiskActivity, RiskReason

COUNTED = ("pending", "completed")  # withdrawals that count towards limits and velocity
SETTLEMENT = ("state", "rail_reference", "failure_reason", "settled_at")  # a transfer's save
ATTEMPT = ("state", "attempts", "next_attempt_at", "rail_reference", "last_error", "submitted_at")
_INSTRUCTIONS = cast(Table, RailInstructionRow.__table__)
_SAVE_ATTEMPT = (  # one statement for many instructions (executemany)
    update(_INSTRUCTIONS)
    .where(_INSTRUCTIONS.c.id == bindparam("instruction_id"))
    .values({name: bindparam(f"new_{name}") for name in ATTEMPT})
)
_DEPOSITS = cast(Table, DepositRow.__table__)
# A new deposit and its collection instruction: one statement, built once (the deposit's
# INSERT a data-modifying CTE of the instruction's).
_ADD_DEPOSIT_WITH_INSTRUCTION = (
    insert(_INSTRUCTIONS)
    .values({c.name: bindparam(f"i_{c.name}", type_=c.type) for c in _INSTRUCTIONS.c})
    .add_cte(
        insert(_DEPOSITS)
        .values({c.name: bindparam(f"d_{c.name}", type_=c.type) for c in _DEPOSITS.c})
        .cte("new_deposit")
    )
)
# Statements of the settlement path, built once (bound parameters): nothing compiles per call.
_GET_DEPOSIT = select(DepositRow).where(DepositRow.id == bindparam("deposit_id"))
_LOCK_DEPOSIT = _GET_DEPOSIT.with_for_update()
_SAVE_DEPOSIT = (
    update(_DEPOSITS)
    .where(_DEPOSITS.c.id == bindparam("deposit_id"))
    .values({name: bindparam(f"new_{name}") for name in SETTLEMENT})
)
_INSTRUCTION_BY_REFERENCE = (
    select(RailInstructionRow)
    .where(RailInstructionRow.reference == bindparam("reference"))
    .with_for_update()
)


def _attempt_values(i: RailInstruction) -> dict[str, Any]:
    values = row_values(i, RailInstructionRow, only=ATTEMPT)
    return {"instruction_id": i.id, **{f"new_{k}": v for k, v in values.items()}}


PRIMARY_FIRST = Keyset(  # primary first, then oldest first
    "bank-accounts",
    (BankAccountRow.is_primary, BankAccountRow.created_at, BankAccountRow.id),
    descending=(True, False, False),
)


class SqlBankAccounts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, account: LinkedBankAccount) -> None:
        await self._session.execute(
            insert(BankAccountRow).values(**row_values(account, BankAccountRow))
        )

    async def get(
        self, account_id: UUID, *, include_removed: bool = False
    ) -> LinkedBankAccount | None:
        query = select(BankAccountRow).where(BankAccountRow.id == account_id)
        if not include_removed:
            query = query.where(BankAccountRow.removed_at.is_(None))
        row = await self._session.scalar(query)
        return None if row is None else to_domain(row, LinkedBankAccount)

    async def of_user(self, user_id: UserId) -> list[LinkedBankAccount]:
        rows = await self._session.scalars(
            select(BankAccountRow)
            .where(BankAccountRow.user_id == user_id, BankAccountRow.removed_at.is_(None))
            .order_by(
                BankAccountRow.is_primary.desc(), BankAccountRow.created_at, BankAccountRow.id
            )
        )
        return [to_domain(r, LinkedBankAccount) for r in rows]

    async def page_of_user(self, user_id: UserId, page: PageRequest) -> Page[LinkedBankAccount]:
        query = select(BankAccountRow).where(
            BankAccountRow.user_id == user_id, BankAccountRow.removed_at.is_(None)
        )
        rows = list(await self._session.scalars(PRIMARY_FIRST.select(query, page)))
        return PRIMARY_FIRST.page(rows, page, lambda r: to_domain(r, LinkedBankAccount))

    async def by_index(self, user_id: UserId, number_index: str) -> LinkedBankAccount | None:
        row = await self._session.scalar(
            select(BankAccountRow).where(
                BankAccountRow.user_id == user_id,
                BankAccountRow.number_index == number_index,
                BankAccountRow.removed_at.is_(None),
            )
        )
        return None if row is None else to_domain(row, LinkedBankAccount)

    async def has_adopted_kyc(self, user_id: UserId) -> bool:
        found = await self._session.scalar(
            select(BankAccountRow.id).where(
                BankAccountRow.user_id == user_id,
                BankAccountRow.source == BankAccountSource.KYC.value,
            )
        )
        return found is not None

    async def save(self, account: LinkedBankAccount) -> None:
        await self._session.execute(
            update(BankAccountRow)
            .where(BankAccountRow.id == account.id)
            .values(**row_values(account, BankAccountRow, only=("is_primary", "removed_at")))
        )


async def _page(
    session: AsyncSession, row: Any, user_id: UserId, page: PageRequest
) -> tuple[list[Any], str | None]:
    scope = row.__tablename__  # banking_deposits, banking_withdrawals
    query = select(row).where(row.user_id == user_id)
    if page.cursor:
        at, last_id = decode_cursor(page.cursor, scope=scope)
        query = query.where(tuple_(row.created_at, row.id) < tuple_(at, last_id))
    rows = list(
        await session.scalars(
            query.order_by(row.created_at.desc(), row.id.desc()).limit(page.limit + 1)
        )
    )
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return rows, encode_cursor(rows[-1].created_at, rows[-1].id, scope=scope) if more else None


class SqlDeposits:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, deposit: Deposit) -> None:
        await self._session.execute(insert(DepositRow).values(**row_values(deposit, DepositRow)))

    async def add_with_instruction(self, deposit: Deposit, instruction: RailInstruction) -> None:
        await self._session.execute(
            _ADD_DEPOSIT_WITH_INSTRUCTION,
            {
                **{f"d_{k}": v for k, v in row_values(deposit, DepositRow).items()},
                **{f"i_{k}": v for k, v in row_values(instruction, RailInstructionRow).items()},
            },
        )

    async def get(self, deposit_id: UUID, *, for_update: bool = False) -> Deposit | None:
        query = _LOCK_DEPOSIT if for_update else _GET_DEPOSIT
        row = await self._session.scalar(query, {"deposit_id": deposit_id})
        return None if row is None else to_domain(row, Deposit)

    async def save(self, deposit: Deposit) -> None:
        values = row_values(deposit, DepositRow, only=SETTLEMENT)
        await self._session.execute(
            _SAVE_DEPOSIT,
            {"deposit_id": deposit.id, **{f"new_{k}": v for k, v in values.items()}},
        )

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Deposit]:
        rows, cursor = await _page(self._session, DepositRow, user_id, page)
        return Page(items=[to_domain(r, Deposit) for r in rows], next_cursor=cursor)


class SqlWithdrawals:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, w: Withdrawal) -> None:
        await self._session.execute(insert(WithdrawalRow).values(**row_values(w, WithdrawalRow)))

    async def get(self, withdrawal_id: UUID, *, for_update: bool = False) -> Withdrawal | None:
        query = select(WithdrawalRow).where(WithdrawalRow.id == withdrawal_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query)
        return None if row is None else to_domain(row, Withdrawal)

    async def save(self, w: Withdrawal) -> None:
        await self._session.execute(
            update(WithdrawalRow)
            .where(WithdrawalRow.id == w.id)
            .values(**row_values(w, WithdrawalRow, only=SETTLEMENT))
        )

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Withdrawal]:
        rows, cursor = await _page(self._session, WithdrawalRow, user_id, page)
        return Page(items=[to_domain(r, Withdrawal) for r in rows], next_cursor=cursor)

    async def recent(self, user_id: UserId, now: datetime) -> RecentWithdrawals:
        row = WithdrawalRow
        hour = now - timedelta(hours=1)
        count, total = (
            await self._session.execute(
                select(
                    func.count().filter(row.created_at > hour),
                    func.coalesce(func.sum(row.amount), 0),
                ).where(
                    row.user_id == user_id,
                    row.state.in_(COUNTED),
                    row.created_at > now - timedelta(hours=24),
                )
            )
        ).one()
        return RecentWithdrawals(count_last_hour=int(count), sum_last_24h=Decimal(total))

    async def total_since(self, user_id: UserId, since: datetime) -> Decimal:
        row = WithdrawalRow
        total = await self._session.scalar(
            select(func.coalesce(func.sum(row.amount), 0)).where(
                row.user_id == user_id, row.state.in_(COUNTED), row.created_at >= since
            )
        )
        return Decimal(total or 0)

    async def pending_to(self, bank_account_id: UUID) -> bool:
        found = await self._session.scalar(
            select(WithdrawalRow.id)
            .where(
                WithdrawalRow.bank_account_id == bank_account_id,
                WithdrawalRow.state == TransferState.PENDING.value,
            )
            .limit(1)
        )
        return found is not None


class SqlRailInstructions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, i: RailInstruction) -> None:
        await self._session.execute(
            insert(RailInstructionRow).values(**row_values(i, RailInstructionRow))
        )

    async def view(self, instruction_id: UUID) -> InstructionView | None:
        found = (
            await self._session.execute(
                self._views().where(RailInstructionRow.id == instruction_id)
            )
        ).first()
        return (
            None
            if found is None
            else InstructionView(to_domain(found[0], RailInstruction), found[1])
        )

    async def page(self, where: InstructionFilter, page: PageRequest) -> Page[InstructionView]:
        row = RailInstructionRow
        query = self._views()
        if where.state is not None:
            query = query.where(row.state == where.state.value)
        if where.kind is not None:
            query = query.where(row.kind == where.kind.value)
        if where.reference is not None:
            query = query.where(row.reference == where.reference)
        if page.cursor:
            at, last_id = decode_cursor(page.cursor, scope="rail-instructions")
            query = query.where(tuple_(row.created_at, row.id) < tuple_(at, last_id))
        found = list(
            await self._session.execute(
                query.order_by(row.created_at.desc(), row.id.desc()).limit(page.limit + 1)
            )
        )
        more = len(found) > page.limit
        found = found[: page.limit]
        last = found[-1][0] if more else None
        return Page(
            items=[InstructionView(to_domain(r, RailInstruction), masked) for r, masked in found],
            next_cursor=None
            if last is None
            else encode_cursor(last.created_at, last.id, scope="rail-instructions"),
        )

    @staticmethod
    def _views() -> Select[RailInstructionRow, str]:  # masked_number None for collections
        return select(RailInstructionRow, BankAccountRow.masked_number).outerjoin(
            BankAccountRow, BankAccountRow.id == RailInstructionRow.bank_account_id
        )

    async def by_reference(self, reference: str) -> RailInstruction | None:
        row = await self._session.scalar(_INSTRUCTION_BY_REFERENCE, {"reference": reference})
        return None if row is None else to_domain(row, RailInstruction)

    async def next_due(self, now: datetime) -> RailInstruction | None:
        return await self._next_in(InstructionState.PENDING, now)

    async def due(self, now: datetime, limit: int) -> list[RailInstruction]:
        rows = await self._session.scalars(
            select(RailInstructionRow)
            .where(
                RailInstructionRow.state == InstructionState.PENDING.value,
                RailInstructionRow.next_attempt_at <= now,
            )
            .order_by(RailInstructionRow.next_attempt_at, RailInstructionRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [to_domain(row, RailInstruction) for row in rows]

    async def next_to_reconcile(self, asked_before: datetime) -> RailInstruction | None:
        return await self._next_in(InstructionState.SUBMITTED, asked_before)

    async def _next_in(self, state: InstructionState, due: datetime) -> RailInstruction | None:
        """The earliest instruction in ``state`` due by ``due``, locked; one another worker
        holds is skipped."""
        row = await self._session.scalar(
            select(RailInstructionRow)
            .where(
                RailInstructionRow.state == state.value,
                RailInstructionRow.next_attempt_at <= due,
            )
            .order_by(RailInstructionRow.next_attempt_at, RailInstructionRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return None if row is None else to_domain(row, RailInstruction)

    async def locked(self, instruction_id: UUID) -> RailInstruction | None:
        row = await self._session.scalar(
            select(RailInstructionRow)
            .where(RailInstructionRow.id == instruction_id)
            .with_for_update()
        )
        return None if row is None else to_domain(row, RailInstruction)

    async def locked_all(self, instruction_ids: Sequence[UUID]) -> dict[UUID, RailInstruction]:
        if not instruction_ids:
            return {}
        rows = await self._session.scalars(
            select(RailInstructionRow)
            .where(RailInstructionRow.id.in_(list(instruction_ids)))
            .order_by(RailInstructionRow.id)
            .with_for_update()
        )
        return {row.id: to_domain(row, RailInstruction) for row in rows}

    async def save(self, i: RailInstruction) -> None:
        await self._session.execute(_SAVE_ATTEMPT, _attempt_values(i))

    async def save_all(self, instructions: Sequence[RailInstruction]) -> None:
        if not instructions:
            return
        await self._session.execute(_SAVE_ATTEMPT, [_attempt_values(i) for i in instructions])


class SqlRiskEvents:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: RiskActivity) -> None:
        await self._session.execute(
            insert(RiskEventRow).values(
                **row_values(event, RiskEventRow, reasons=[asdict(r) for r in event.reasons])
            )
        )

    async def suspicious(
        self,
        user_id: UserId,
        *,
        min_score: int,
        before: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[RiskActivity]:
        row = RiskEventRow
        query = select(row).where(row.user_id == user_id, row.score >= min_score)
        if before is not None:
            query = query.where(tuple_(row.occurred_at, row.id) < tuple_(*before))
        rows = await self._session.scalars(
            query.order_by(row.occurred_at.desc(), row.id.desc()).limit(limit)
        )
        return [
            to_domain(
                r,
                RiskActivity,
                reasons=tuple(
                    RiskReason(str(x["rule"]), int(x["points"]), str(x["reason"]))
                    for x in r.reasons
                ),
            )
            for r in rows
        ]
