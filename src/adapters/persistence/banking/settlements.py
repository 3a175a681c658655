"""The settlement path's statements (``TransferSettlements``), built once, set-based: a batch of
rail events costs the same two statements as one event.

**Lock and record.** One statement takes the transfers the events name (``FOR UPDATE``, in id
order, so concurrent batches queue instead of deadlocking) and stores the id of every event
that applies (its transfer pending, with the event's amount and currency), ``ON CONFLICT DO
NOTHING``: an id stored meanwhile by a concurrent delivery is not stored twice, and the answer
says which ids were stored now (``recorded``) and which were there before (``seen``). An event
that does not apply stores nothing, as before batches: the id of a refused event stays free.

**Save.** One statement saves every settled transfer's new state and marks the instructions of
their references ``settled`` (locked in id order first, the order the rail worker locks them
in), instead of a read and a write per instruction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Boolean, String, Table, TextualSelect, column, text
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.banking.models import DepositRow, WithdrawalRow
from adapters.persistence.mapping import to_domain
from domain.banking.transfers import Deposit, Transfer, Withdrawal
from usecases.banking.ports import EventClaim, LockedForEvent

T = TypeVar("T", Deposit, Withdrawal)


def _lock_and_record(table: Table) -> TextualSelect:
    return text(
        f"""
        WITH incoming AS MATERIALIZED (
            SELECT * FROM unnest(
                CAST(:event_ids AS varchar[]), CAST(:event_types AS varchar[]),
                CAST(:references AS varchar[]), CAST(:transfer_ids AS uuid[]),
                CAST(:amounts AS numeric[]), CAST(:currencies AS varchar[])
            ) AS e(event_id, event_type, reference, transfer_id, amount, currency)
        ), locked AS MATERIALIZED (
            SELECT t.* FROM {table.name} AS t
            WHERE t.id IN (SELECT transfer_id FROM incoming)
            ORDER BY t.id FOR UPDATE
        ), recorded AS (
            INSERT INTO banking_webhook_events (event_id, event_type, reference, received_at)
            SELECT e.event_id, e.event_type, e.reference, :at
            FROM incoming AS e JOIN locked AS t ON t.id = e.transfer_id
            WHERE t.state = 'pending' AND t.amount = e.amount AND t.currency = e.currency
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
        )
        SELECT t.*, e.event_id AS claimed_event_id,
            EXISTS (SELECT 1 FROM recorded AS r WHERE r.event_id = e.event_id) AS recorded,
            EXISTS (
                SELECT 1 FROM banking_webhook_events AS w WHERE w.event_id = e.event_id
            ) AS seen
        FROM incoming AS e JOIN locked AS t ON t.id = e.transfer_id
        """  # noqa: S608  (our own table names, no input)
    ).columns(
        *table.c,
        column("claimed_event_id", String),
        column("recorded", Boolean),
        column("seen", Boolean),
    )


_LOCK_DEPOSITS = _lock_and_record(cast(Table, DepositRow.__table__))
_LOCK_WITHDRAWALS = _lock_and_record(cast(Table, WithdrawalRow.__table__))


def _saved(table: str, prefix: str) -> str:
    return f"""
        UPDATE {table} AS t SET state = u.state, rail_reference = u.rail_reference,
            failure_reason = u.failure_reason, settled_at = u.settled_at
        FROM unnest(
            CAST(:{prefix}_ids AS uuid[]), CAST(:{prefix}_states AS varchar[]),
            CAST(:{prefix}_rail_references AS varchar[]),
            CAST(:{prefix}_failure_reasons AS varchar[]),
            CAST(:{prefix}_settled_at AS timestamptz[])
        ) AS u(id, state, rail_reference, failure_reason, settled_at)
        WHERE t.id = u.id
        RETURNING t.id
    """  # noqa: S608  (our own table names, no input)


_SAVE = text(
    f"""
    WITH deposits AS ({_saved("banking_deposits", "d")}),
    withdrawals AS ({_saved("banking_withdrawals", "w")}),
    instructions AS MATERIALIZED (
        SELECT i.id, s.rail_reference FROM banking_rail_instructions AS i
        JOIN unnest(CAST(:references AS varchar[]), CAST(:rail_references AS varchar[]))
            AS s(reference, rail_reference) ON i.reference = s.reference
        WHERE i.state <> 'cancelled'
        ORDER BY i.id FOR UPDATE OF i
    )
    UPDATE banking_rail_instructions AS i
    SET state = 'settled', rail_reference = coalesce(i.rail_reference, s.rail_reference),
        next_attempt_at = :at, last_error = NULL
    FROM instructions AS s WHERE i.id = s.id
    """  # noqa: S608  (our own table names, no input)
)


def _claim_values(claims: Sequence[EventClaim], at: datetime) -> dict[str, Any]:
    return {
        "event_ids": [c.event_id for c in claims],
        "event_types": [c.event_type for c in claims],
        "references": [c.reference for c in claims],
        "transfer_ids": [c.transfer_id for c in claims],
        "amounts": [c.amount for c in claims],
        "currencies": [c.currency for c in claims],
        "at": at,
    }


def _transfer_values(prefix: str, transfers: Sequence[Transfer]) -> dict[str, list[Any]]:
    return {
        f"{prefix}_ids": [t.id for t in transfers],
        f"{prefix}_states": [t.state.value for t in transfers],
        f"{prefix}_rail_references": [t.rail_reference for t in transfers],
        f"{prefix}_failure_reasons": [t.failure_reason for t in transfers],
        f"{prefix}_settled_at": [t.settled_at for t in transfers],
    }


class SqlTransferSettlements:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_deposits(
        self, claims: Sequence[EventClaim], at: datetime
    ) -> dict[str, LockedForEvent[Deposit]]:
        return await self._lock(_LOCK_DEPOSITS, Deposit, claims, at)

    async def lock_withdrawals(
        self, claims: Sequence[EventClaim], at: datetime
    ) -> dict[str, LockedForEvent[Withdrawal]]:
        return await self._lock(_LOCK_WITHDRAWALS, Withdrawal, claims, at)

    async def _lock(
        self, statement: TextualSelect, entity: type[T], claims: Sequence[EventClaim], at: datetime
    ) -> dict[str, LockedForEvent[T]]:
        if not claims:
            return {}
        rows = await self._session.execute(statement, _claim_values(claims, at))
        return {
            row.claimed_event_id: LockedForEvent(
                to_domain(row, entity), recorded=bool(row.recorded), seen=bool(row.seen)
            )
            for row in rows
        }

    async def save(
        self, deposits: Sequence[Deposit], withdrawals: Sequence[Withdrawal], at: datetime
    ) -> None:
        settled: list[Transfer] = [*deposits, *withdrawals]
        if not settled:
            return
        kinds = ["deposit"] * len(deposits) + ["withdrawal"] * len(withdrawals)
        await self._session.execute(
            _SAVE,
            {
                **_transfer_values("d", deposits),
                **_transfer_values("w", withdrawals),
                "references": [f"{k}:{t.id}" for k, t in zip(kinds, settled, strict=True)],
                "rail_references": [t.rail_reference for t in settled],
                "at": at,
            },
        )
