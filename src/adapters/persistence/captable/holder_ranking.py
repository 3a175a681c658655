"""The shareholder list ranked in the database: every holder's position and both percentages
by the largest-remainder method, computed over all holders with window functions, so a page
reads only its own rows (not the whole table) into Python.

The same rule as ``domain.captable.ownership`` (the reference; a test compares the two on real
PostgreSQL), exactly: on NUMERIC, a holder's share of 100 % in hundredths of a percent is
``div(w * 10000, total)`` and what that floor leaves is ``mod(w * 10000, total)``; the
hundredths left over go one each to the largest remainders, ties to the earlier row of the
list (more shares, then the stakeholder id)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.checkpoints import Rows, held_by_holding, held_on, nearest
from adapters.persistence.captable.models import HoldingRow, ShareClassRow
from domain.captable.cap_table import Holding
from domain.captable.ownership import PERCENT_PLACES, HolderPosition

UNITS = 10 ** (PERCENT_PLACES + 2)  # 100 % in hundredths of a percent
UNIT = Decimal(1).scaleb(-PERCENT_PLACES)


def _held(issuer_id: UUID, on: date | None, base: date | None) -> Rows:
    """Outstanding shares as rows (stakeholder, class, quantity, certificates) to be summed by
    holder: now, the holdings projection; at the end of ``on``, the checkpoint ``base`` (the
    nearest at or before it, if any) and the securities issued and consumed after it."""
    if on is None:
        return select(
            HoldingRow.stakeholder_id,
            HoldingRow.stock_class_id,
            HoldingRow.quantity,
            HoldingRow.certificates,
        ).where(
            HoldingRow.issuer_id == issuer_id,
            HoldingRow.certificates > 0,
            HoldingRow.quantity > 0,
        )
    return held_on(issuer_id, on, base)


def _share(weight: ColumnElement[Any], total: ColumnElement[Any]) -> tuple[Any, Any]:
    """The floored share of ``weight`` in hundredths of a percent, and the exact remainder."""
    scaled = weight * UNITS
    whole = func.nullif(total, 0)
    return func.div(scaled, whole), func.mod(scaled, whole)


def ranked(issuer_id: UUID, on: date | None, base: date | None = None) -> Rows:
    """Every holder of the issuer (now or at the end of ``on``, from the checkpoint ``base``)
    with its place in the list (``n``), its shares and certificates, and its two percentages in
    hundredths."""
    held = _held(issuer_id, on, base).subquery("held")
    certificates = func.sum(held.c.certificates)
    positions = (
        select(
            held.c.stakeholder_id,
            func.sum(held.c.quantity).label("outstanding"),
            func.sum(held.c.quantity * ShareClassRow.conversion_ratio).label("diluted"),
            certificates.label("certificates"),
        )
        .join(ShareClassRow, ShareClassRow.id == held.c.stock_class_id)
        .group_by(held.c.stakeholder_id)
        # one grouping: a checkpoint's holding and the tail's moves may net to nothing
        .having(certificates > 0)
        .subquery("positions")
    )
    out_floor, out_rest = _share(positions.c.outstanding, func.sum(positions.c.outstanding).over())
    fd_floor, fd_rest = _share(positions.c.diluted, func.sum(positions.c.diluted).over())
    shares = select(
        positions,
        func.row_number()
        .over(order_by=(positions.c.outstanding.desc(), positions.c.stakeholder_id))
        .label("n"),
        out_floor.label("out_floor"),
        out_rest.label("out_rest"),
        fd_floor.label("fd_floor"),
        fd_rest.label("fd_rest"),
    ).subquery("shares")
    c = shares.c

    def percent(floor: Any, rest: Any) -> ColumnElement[Any]:
        left = UNITS - func.sum(floor).over()
        place = func.row_number().over(order_by=(rest.desc(), c.n))
        return func.coalesce(floor + case((place <= left, 1), else_=0), 0)

    return select(
        c.n,
        c.stakeholder_id,
        c.outstanding,
        c.diluted,
        c.certificates,
        percent(c.out_floor, c.out_rest).label("out_units"),
        percent(c.fd_floor, c.fd_rest).label("fd_units"),
    )


async def page_of_holders(
    session: AsyncSession,
    issuer_id: UUID,
    *,
    on: date | None,
    after: tuple[Decimal, UUID] | None,
    limit: int,
) -> tuple[list[HolderPosition], bool]:
    """The ``limit`` holders after ``after`` (the last shown row's shares and id) in the
    list's order, each with its holdings by class; and whether more follow."""
    base = None if on is None else await nearest(session, issuer_id, on)
    every = ranked(issuer_id, on, base).subquery("ranked")
    query = select(every).order_by(every.c.n).limit(limit + 1)
    if after is not None:
        shares, holder = after
        query = query.where(
            or_(
                every.c.outstanding < shares,
                and_(every.c.outstanding == shares, every.c.stakeholder_id > holder),
            )
        )
    rows = (await session.execute(query)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    by_class = await _holdings(session, issuer_id, on, base, [r.stakeholder_id for r in rows])
    return [
        HolderPosition(
            r.stakeholder_id,
            tuple(by_class.get(r.stakeholder_id, ())),
            r.outstanding,
            r.diluted,
            (r.out_units * UNIT).quantize(UNIT),
            (r.fd_units * UNIT).quantize(UNIT),
            int(r.certificates),
        )
        for r in rows
    ], more


async def _holdings(
    session: AsyncSession,
    issuer_id: UUID,
    on: date | None,
    base: date | None,
    holders: Sequence[UUID],
) -> dict[UUID, list[Holding]]:
    """The holdings by class of ``holders`` (a page), in class id order."""
    if not holders:
        return {}
    held = (
        _held(issuer_id, on, base) if on is None else held_by_holding(issuer_id, on, base)
    ).subquery("held")
    rows = await session.execute(
        select(
            held.c.stakeholder_id,
            held.c.stock_class_id,
            func.sum(held.c.quantity),
            func.sum(held.c.certificates),
        )
        .where(held.c.stakeholder_id.in_(list(holders)))
        .group_by(held.c.stakeholder_id, held.c.stock_class_id)
        .order_by(held.c.stakeholder_id, held.c.stock_class_id)
    )
    found: dict[UUID, list[Holding]] = {}
    for holder, klass, quantity, certificates in rows:
        found.setdefault(holder, []).append(Holding(holder, klass, quantity, int(certificates)))
    return found
