"""Checkpoints of the holdings, so the cap table as of a past date reads the nearest checkpoint
at or before the date and the securities that changed hands between the two, not every
security the issuer ever had.

A checkpoint is the holdings (stakeholder, class, shares, certificates) at the end of its date
``as_of``, after event ``sequence``, the last event dated ``as_of`` or before. The writer takes
one when an event opens a new day and ``CHECKPOINT_EVERY`` events or more were recorded since
the previous checkpoint: before that event is projected, the holdings projection is exactly the
end of the previous day, so the checkpoint is a copy of it (no replay). An event dated on or
before a checkpoint's date (a backdated one) removes that checkpoint and every later one: the
end of those days is no longer what they hold. A whole history written at once (an OCF import,
the bench) gets its checkpoints from the securities' dates (``checkpoint_history``).

As of ``d`` with the nearest checkpoint ``c <= d``: the checkpoint's holdings, plus the
securities issued in ``(c, d]`` and not consumed by the end of ``d``, minus the securities
issued by ``c`` and consumed in ``(c, d]``; which is the definition (issued by ``d``, not
consumed by its end) split at ``c``. ``meridian captable rebuild`` checks every checkpoint
against that definition."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias, cast
from uuid import UUID

from sqlalchemy import Select, delete, func, insert, literal, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.models import (
    CheckpointHoldingRow,
    CheckpointRow,
    EventRow,
    HoldingRow,
    IssuerRow,
    SecurityRow,
)

# Events between two checkpoints: a view as of a date replays at most about this many events'
# securities on top of its checkpoint; a checkpoint costs a copy of the holdings (one row a
# holding) once per this many events.
CHECKPOINT_EVERY = 5000

# a statement of any columns (stakeholder, class, quantity, certificates...)
Rows: TypeAlias = Select[*tuple[Any, ...]]


async def forget_from(session: AsyncSession, issuer_id: UUID, day: date) -> None:
    """An event dated ``day`` is being recorded: the checkpoints of ``day`` and later no longer
    say how those days ended (none exist unless the event is backdated)."""
    await session.execute(
        delete(CheckpointRow).where(
            CheckpointRow.issuer_id == issuer_id, CheckpointRow.as_of >= day
        )
    )


async def checkpoint_before(
    session: AsyncSession, issuer_id: UUID, day: date, every: int | None = None
) -> date | None:
    """Before an event dated ``day`` is projected: when it opens a new day and ``every`` events
    or more came since the last checkpoint, keep the holdings as the end of the issuer's latest
    date (the projection now). One statement when no checkpoint is due."""
    every = CHECKPOINT_EVERY if every is None else every
    last = (
        select(func.coalesce(func.max(CheckpointRow.sequence), 0))
        .where(CheckpointRow.issuer_id == issuer_id)
        .scalar_subquery()
    )
    due = select(IssuerRow.id, IssuerRow.latest_event_date, IssuerRow.event_sequence).where(
        IssuerRow.id == issuer_id,
        IssuerRow.latest_event_date < day,
        IssuerRow.event_sequence >= last + every,
    )
    taken = await session.scalar(
        insert(CheckpointRow)
        .from_select(["issuer_id", "as_of", "sequence"], due)
        .returning(CheckpointRow.as_of)
    )
    if taken is None:
        return None
    await session.execute(
        insert(CheckpointHoldingRow).from_select(
            ["issuer_id", "as_of", "stakeholder_id", "stock_class_id", "quantity", "certificates"],
            select(
                HoldingRow.issuer_id,
                literal(taken),
                HoldingRow.stakeholder_id,
                HoldingRow.stock_class_id,
                HoldingRow.quantity,
                HoldingRow.certificates,
            ).where(
                HoldingRow.issuer_id == issuer_id,
                HoldingRow.certificates > 0,
                HoldingRow.quantity > 0,
            ),
        )
    )
    return cast(date, taken)


async def checkpoint_history(
    session: AsyncSession, issuer_id: UUID, every: int | None = None
) -> list[date]:
    """Checkpoints for a history written at once: at the end of a day every ``every`` events
    or more (never the latest day: the projection is that), each from the securities' dates."""
    every = CHECKPOINT_EVERY if every is None else every
    days = await session.execute(
        select(EventRow.date, func.max(EventRow.sequence))
        .where(EventRow.issuer_id == issuer_id)
        .group_by(EventRow.date)
        .order_by(EventRow.date)
    )
    ends = list(days)
    chosen: list[tuple[date, int]] = []
    last = 0
    for day, sequence in ends[:-1]:
        if sequence >= last + every:
            chosen.append((day, sequence))
            last = sequence
    for day, sequence in chosen:
        await session.execute(
            insert(CheckpointRow).values(issuer_id=issuer_id, as_of=day, sequence=sequence)
        )
        outstanding = held_on(issuer_id, day, None).subquery("outstanding")
        await session.execute(
            insert(CheckpointHoldingRow).from_select(
                [
                    "issuer_id",
                    "as_of",
                    "stakeholder_id",
                    "stock_class_id",
                    "quantity",
                    "certificates",
                ],
                select(
                    literal(issuer_id),
                    literal(day),
                    outstanding.c.stakeholder_id,
                    outstanding.c.stock_class_id,
                    func.sum(outstanding.c.quantity),
                    func.sum(outstanding.c.certificates),
                ).group_by(outstanding.c.stakeholder_id, outstanding.c.stock_class_id),
            )
        )
    return [day for day, _ in chosen]


async def nearest(session: AsyncSession, issuer_id: UUID, on: date) -> date | None:
    """The latest checkpoint at or before ``on``."""
    return await session.scalar(
        select(func.max(CheckpointRow.as_of)).where(
            CheckpointRow.issuer_id == issuer_id, CheckpointRow.as_of <= on
        )
    )


def held_on(issuer_id: UUID, on: date, base: date | None) -> Rows:
    """Outstanding shares at the end of ``on`` as rows (stakeholder, class, quantity,
    certificates) to be summed by the caller: every security issued by ``on`` and not consumed
    by its end (``base`` None), or the checkpoint of ``base`` and what changed after it (rows
    of one holding may then net to nothing: ``held_by_holding`` drops those)."""
    s = SecurityRow
    if base is None:
        return select(
            s.stakeholder_id,
            s.stock_class_id,
            s.quantity,
            literal(1).label("certificates"),
        ).where(
            s.issuer_id == issuer_id,
            s.issue_date <= on,
            or_(s.consumed_on.is_(None), s.consumed_on > on),
        )
    c = CheckpointHoldingRow
    kept = select(c.stakeholder_id, c.stock_class_id, c.quantity, c.certificates).where(
        c.issuer_id == issuer_id, c.as_of == base
    )
    issued = select(
        s.stakeholder_id, s.stock_class_id, s.quantity, literal(1).label("certificates")
    ).where(
        s.issuer_id == issuer_id,
        s.issue_date > base,
        s.issue_date <= on,
        or_(s.consumed_on.is_(None), s.consumed_on > on),
    )
    consumed = select(
        s.stakeholder_id,
        s.stock_class_id,
        (-s.quantity).label("quantity"),
        literal(-1).label("certificates"),
    ).where(
        s.issuer_id == issuer_id,
        s.consumed_on > base,
        s.consumed_on <= on,
        s.issue_date <= base,
    )
    return select(union_all(kept, issued, consumed).subquery("moves"))


def held_by_holding(issuer_id: UUID, on: date, base: date | None) -> Rows:
    """Outstanding shares at the end of ``on``, one row a holding (stakeholder, class) with
    shares and certificates."""
    rows = held_on(issuer_id, on, base).subquery("rows")
    certificates = func.sum(rows.c.certificates)
    return (
        select(
            rows.c.stakeholder_id,
            rows.c.stock_class_id,
            func.sum(rows.c.quantity).label("quantity"),
            certificates.label("certificates"),
        )
        .group_by(rows.c.stakeholder_id, rows.c.stock_class_id)
        .having(certificates > 0)
    )
