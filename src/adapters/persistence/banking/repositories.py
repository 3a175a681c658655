"""Banking rows ⇄ domain objects."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, insert, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.banking.models import (
    BankAccountRow,
    DepositRow,
    RailInstructionRow,
    RiskEventRow,
    WebhookEventRow,
    WithdrawalRow,
)
from adapters.persistence.cursor import decode_cursor, encode_cursor
from domain.banking.bank_accounts import BankAccountSource, BankAccountState, LinkedBankAccount
from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.banking.transfers import Deposit, DepositMethod, TransferState, Withdrawal
from domain.banking.velocity import RecentWithdrawals
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.banking.ports import InstructionFilter, InstructionView
from usecases.identity.public.risk_activity import RiskActivity, RiskReason

COUNTED = ("pending", "completed")  # withdrawals that count towards limits and velocity


def _account(row: BankAccountRow) -> LinkedBankAccount:
    return LinkedBankAccount(
        id=row.id,
        user_id=UserId(row.user_id),
        sealed_number=row.sealed_number,
        number_index=row.number_index,
        masked_number=row.masked_number,
        ifsc=row.ifsc,
        bank_name=row.bank_name,
        holder_name=row.holder_name,
        name_match_score=row.name_match_score,
        state=BankAccountState(row.state),
        failure_reason=row.failure_reason,
        is_primary=row.is_primary,
        source=BankAccountSource(row.source),
        penny_drop_reference=row.penny_drop_reference,
        created_at=row.created_at,
        removed_at=row.removed_at,
    )


def _account_values(a: LinkedBankAccount) -> dict[str, Any]:
    return {
        "id": a.id,
        "user_id": a.user_id,
        "sealed_number": a.sealed_number,
        "number_index": a.number_index,
        "masked_number": a.masked_number,
        "ifsc": a.ifsc,
        "bank_name": a.bank_name,
        "holder_name": a.holder_name,
        "name_match_score": a.name_match_score,
        "state": a.state.value,
        "failure_reason": a.failure_reason,
        "is_primary": a.is_primary,
        "source": a.source.value,
        "penny_drop_reference": a.penny_drop_reference,
        "created_at": a.created_at,
        "removed_at": a.removed_at,
    }


class SqlBankAccounts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, account: LinkedBankAccount) -> None:
        await self._session.execute(insert(BankAccountRow).values(**_account_values(account)))

    async def get(
        self, account_id: UUID, *, include_removed: bool = False
    ) -> LinkedBankAccount | None:
        query = select(BankAccountRow).where(BankAccountRow.id == account_id)
        if not include_removed:
            query = query.where(BankAccountRow.removed_at.is_(None))
        row = await self._session.scalar(query)
        return None if row is None else _account(row)

    async def of_user(self, user_id: UserId) -> list[LinkedBankAccount]:
        rows = await self._session.scalars(
            select(BankAccountRow)
            .where(BankAccountRow.user_id == user_id, BankAccountRow.removed_at.is_(None))
            .order_by(
                BankAccountRow.is_primary.desc(), BankAccountRow.created_at, BankAccountRow.id
            )
        )
        return [_account(r) for r in rows]

    async def by_index(self, user_id: UserId, number_index: str) -> LinkedBankAccount | None:
        row = await self._session.scalar(
            select(BankAccountRow).where(
                BankAccountRow.user_id == user_id,
                BankAccountRow.number_index == number_index,
                BankAccountRow.removed_at.is_(None),
            )
        )
        return None if row is None else _account(row)

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
            .values(is_primary=account.is_primary, removed_at=account.removed_at)
        )


def _deposit(row: DepositRow) -> Deposit:
    return Deposit(
        id=row.id,
        user_id=UserId(row.user_id),
        amount=row.amount,
        currency=row.currency,
        method=DepositMethod(row.method),
        state=TransferState(row.state),
        rail_reference=row.rail_reference,
        failure_reason=row.failure_reason,
        created_at=row.created_at,
        settled_at=row.settled_at,
    )


def _withdrawal(row: WithdrawalRow) -> Withdrawal:
    return Withdrawal(
        id=row.id,
        user_id=UserId(row.user_id),
        amount=row.amount,
        currency=row.currency,
        state=TransferState(row.state),
        rail_reference=row.rail_reference,
        failure_reason=row.failure_reason,
        created_at=row.created_at,
        settled_at=row.settled_at,
        bank_account_id=row.bank_account_id,
        hold_id=row.hold_id,
        stepped_up=row.stepped_up,
        risk_score=row.risk_score,
        risk_reasons=list(row.risk_reasons),
    )


async def _page(
    session: AsyncSession, row: Any, user_id: UserId, page: PageRequest
) -> tuple[list[Any], str | None]:
    query = select(row).where(row.user_id == user_id)
    if page.cursor:
        at, last_id = decode_cursor(page.cursor)
        query = query.where(tuple_(row.created_at, row.id) < tuple_(at, last_id))
    rows = list(
        await session.scalars(
            query.order_by(row.created_at.desc(), row.id.desc()).limit(page.limit + 1)
        )
    )
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    return rows, encode_cursor(rows[-1].created_at, rows[-1].id) if more else None


class SqlDeposits:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, deposit: Deposit) -> None:
        await self._session.execute(
            insert(DepositRow).values(
                id=deposit.id,
                user_id=deposit.user_id,
                amount=deposit.amount,
                currency=deposit.currency,
                method=deposit.method.value,
                state=deposit.state.value,
                rail_reference=deposit.rail_reference,
                failure_reason=deposit.failure_reason,
                created_at=deposit.created_at,
                settled_at=deposit.settled_at,
            )
        )

    async def get(self, deposit_id: UUID, *, for_update: bool = False) -> Deposit | None:
        query = select(DepositRow).where(DepositRow.id == deposit_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query)
        return None if row is None else _deposit(row)

    async def save(self, deposit: Deposit) -> None:
        await self._session.execute(
            update(DepositRow)
            .where(DepositRow.id == deposit.id)
            .values(
                state=deposit.state.value,
                rail_reference=deposit.rail_reference,
                failure_reason=deposit.failure_reason,
                settled_at=deposit.settled_at,
            )
        )

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Deposit]:
        rows, cursor = await _page(self._session, DepositRow, user_id, page)
        return Page(items=[_deposit(r) for r in rows], next_cursor=cursor)


class SqlWithdrawals:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, w: Withdrawal) -> None:
        await self._session.execute(
            insert(WithdrawalRow).values(
                id=w.id,
                user_id=w.user_id,
                bank_account_id=w.bank_account_id,
                hold_id=w.hold_id,
                amount=w.amount,
                currency=w.currency,
                state=w.state.value,
                stepped_up=w.stepped_up,
                risk_score=w.risk_score,
                risk_reasons=w.risk_reasons,
                rail_reference=w.rail_reference,
                failure_reason=w.failure_reason,
                created_at=w.created_at,
                settled_at=w.settled_at,
            )
        )

    async def get(self, withdrawal_id: UUID, *, for_update: bool = False) -> Withdrawal | None:
        query = select(WithdrawalRow).where(WithdrawalRow.id == withdrawal_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query)
        return None if row is None else _withdrawal(row)

    async def save(self, w: Withdrawal) -> None:
        await self._session.execute(
            update(WithdrawalRow)
            .where(WithdrawalRow.id == w.id)
            .values(
                state=w.state.value,
                rail_reference=w.rail_reference,
                failure_reason=w.failure_reason,
                settled_at=w.settled_at,
            )
        )

    async def page(self, user_id: UserId, page: PageRequest) -> Page[Withdrawal]:
        rows, cursor = await _page(self._session, WithdrawalRow, user_id, page)
        return Page(items=[_withdrawal(r) for r in rows], next_cursor=cursor)

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


def _instruction(row: RailInstructionRow) -> RailInstruction:
    return RailInstruction(
        id=row.id,
        kind=InstructionKind(row.kind),
        reference=row.reference,
        amount=row.amount,
        currency=row.currency,
        method=row.method,
        bank_account_id=row.bank_account_id,
        state=InstructionState(row.state),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        rail_reference=row.rail_reference,
        last_error=row.last_error,
        created_at=row.created_at,
        submitted_at=row.submitted_at,
    )


class SqlRailInstructions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, i: RailInstruction) -> None:
        await self._session.execute(
            insert(RailInstructionRow).values(
                id=i.id,
                kind=i.kind.value,
                reference=i.reference,
                amount=i.amount,
                currency=i.currency,
                method=i.method,
                bank_account_id=i.bank_account_id,
                state=i.state.value,
                attempts=i.attempts,
                next_attempt_at=i.next_attempt_at,
                rail_reference=i.rail_reference,
                last_error=i.last_error,
                created_at=i.created_at,
                submitted_at=i.submitted_at,
            )
        )

    async def view(self, instruction_id: UUID) -> InstructionView | None:
        found = (
            await self._session.execute(
                self._views().where(RailInstructionRow.id == instruction_id)
            )
        ).first()
        return None if found is None else InstructionView(_instruction(found[0]), found[1])

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
            at, last_id = decode_cursor(page.cursor)
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
            items=[InstructionView(_instruction(r), masked) for r, masked in found],
            next_cursor=None if last is None else encode_cursor(last.created_at, last.id),
        )

    @staticmethod
    def _views() -> Select[RailInstructionRow, str]:  # masked_number None for collections
        return select(RailInstructionRow, BankAccountRow.masked_number).outerjoin(
            BankAccountRow, BankAccountRow.id == RailInstructionRow.bank_account_id
        )

    async def by_reference(self, reference: str) -> RailInstruction | None:
        row = await self._session.scalar(
            select(RailInstructionRow)
            .where(RailInstructionRow.reference == reference)
            .with_for_update()
        )
        return None if row is None else _instruction(row)

    async def next_due(self, now: datetime) -> RailInstruction | None:
        row = await self._session.scalar(
            select(RailInstructionRow)
            .where(
                RailInstructionRow.state == InstructionState.PENDING.value,
                RailInstructionRow.next_attempt_at <= now,
            )
            .order_by(RailInstructionRow.next_attempt_at, RailInstructionRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return None if row is None else _instruction(row)

    async def next_to_reconcile(self, asked_before: datetime) -> RailInstruction | None:
        row = await self._session.scalar(
            select(RailInstructionRow)
            .where(
                RailInstructionRow.state == InstructionState.SUBMITTED.value,
                RailInstructionRow.next_attempt_at <= asked_before,
            )
            .order_by(RailInstructionRow.next_attempt_at, RailInstructionRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return None if row is None else _instruction(row)

    async def locked(self, instruction_id: UUID) -> RailInstruction | None:
        row = await self._session.scalar(
            select(RailInstructionRow)
            .where(RailInstructionRow.id == instruction_id)
            .with_for_update()
        )
        return None if row is None else _instruction(row)

    async def save(self, i: RailInstruction) -> None:
        await self._session.execute(
            update(RailInstructionRow)
            .where(RailInstructionRow.id == i.id)
            .values(
                state=i.state.value,
                attempts=i.attempts,
                next_attempt_at=i.next_attempt_at,
                rail_reference=i.rail_reference,
                last_error=i.last_error,
                submitted_at=i.submitted_at,
            )
        )


class SqlWebhookEvents:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, event_id: str, event_type: str, reference: str, at: datetime) -> bool:
        inserted = await self._session.scalar(
            pg_insert(WebhookEventRow)
            .values(event_id=event_id, event_type=event_type, reference=reference, received_at=at)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(WebhookEventRow.event_id)
        )
        return inserted is not None


class SqlRiskEvents:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: RiskActivity) -> None:
        await self._session.execute(
            insert(RiskEventRow).values(
                id=event.id,
                user_id=event.user_id,
                event=event.event,
                succeeded=event.succeeded,
                reason=event.reason,
                score=event.score,
                reasons=[
                    {"rule": r.rule, "points": r.points, "reason": r.reason} for r in event.reasons
                ],
                occurred_at=event.occurred_at,
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
            RiskActivity(
                id=r.id,
                user_id=UserId(r.user_id),
                event=r.event,
                succeeded=r.succeeded,
                reason=r.reason,
                occurred_at=r.occurred_at,
                score=r.score,
                reasons=tuple(
                    RiskReason(str(x["rule"]), int(x["points"]), str(x["reason"]))
                    for x in r.reasons
                ),
            )
            for r in rows
        ]
