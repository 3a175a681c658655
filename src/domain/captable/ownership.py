"""Who owns what share of the company: outstanding and fully diluted (as-converted)
percentages, rounded by the largest-remainder method so they always sum to exactly 100 %."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any, Final
from uuid import UUID

from domain.captable.cap_table import Holding
from domain.captable.share_class import ShareClass

PERCENT_PLACES: Final = 2
# Digits enough for every step of the rounding to be exact: NUMERIC(28, 8) shares times a
# NUMERIC(28, 8) conversion ratio have at most 56 digits, summed over a million holders 62,
# times 10^4 66.
EXACT_DIGITS: Final = 80


def largest_remainder(weights: Sequence[Decimal], *, places: int = PERCENT_PLACES) -> list[Decimal]:
    """Each weight's percentage of the total, at ``places`` decimals, summing to exactly 100
    (all zero when the total is zero). Every share is first rounded down; the units left over
    go one each to the largest remainders (ties: the earlier weight).

    Exact for any weights (the arithmetic runs at a precision no share count reaches), so the
    database's version of it (``SqlCapTables.holder_positions``: ``div`` and ``mod`` on
    NUMERIC) gives the same percentages to the last hundredth."""
    with localcontext() as exact:
        exact.prec = EXACT_DIGITS
        total = sum(weights, Decimal(0))
        if total <= 0:
            return [Decimal(0).scaleb(-places) for _ in weights]
        units = 10 ** (places + 2)  # a share of 100 % in units of 10^-places
        scaled = [w * units for w in weights]
        floors = [s // total for s in scaled]
        remainders = [s % total for s in scaled]
        left = units - int(sum(floors, Decimal(0)))
        order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
        for i in order[:left]:
            floors[i] += 1
        return [f.scaleb(-places) for f in floors]


@dataclass(frozen=True, slots=True)
class HolderPosition:
    """One stakeholder's row of the cap table."""

    stakeholder_id: UUID
    holdings: tuple[Holding, ...]  # one a class held
    outstanding: Decimal  # shares of every class, as they are
    fully_diluted: Decimal  # as converted into common
    outstanding_percent: Decimal
    fully_diluted_percent: Decimal
    certificates: int


@dataclass(frozen=True, slots=True)
class ClassTotal:
    stock_class_id: UUID
    authorized_shares: Decimal
    outstanding: Decimal
    fully_diluted: Decimal


@dataclass(frozen=True, slots=True)
class Ownership:
    holders: tuple[HolderPosition, ...]  # largest outstanding first, then by stakeholder id
    classes: tuple[ClassTotal, ...]
    outstanding: Decimal
    fully_diluted: Decimal


def ownership(
    holdings: Iterable[Holding],
    classes: Mapping[UUID, ShareClass],
    authorized: Mapping[UUID, Decimal] | None = None,
) -> Ownership:
    """The cap table of ``holdings``. ``authorized`` overrides the classes' authorized shares
    (a past date's). The rule of the shareholder list: the database ranks and rounds a large
    issuer's holders the same way (``CapTables.holder_positions``), and a test holds the two
    to the same rows."""
    ratios = {klass_id: klass.conversion_ratio for klass_id, klass in classes.items()}
    zero = Decimal(0)
    rows: dict[UUID, list[Any]] = {}  # holder -> [holdings, outstanding, diluted, certificates]
    held: dict[UUID, Decimal] = dict.fromkeys(classes, zero)
    for h in holdings:
        if h.quantity <= 0:
            continue
        row = rows.get(h.stakeholder_id)
        if row is None:
            row = rows[h.stakeholder_id] = [[], zero, zero, 0]
        row[0].append(h)
        row[1] += h.quantity
        row[2] += h.quantity * ratios[h.stock_class_id]
        row[3] += h.certificates
        held[h.stock_class_id] += h.quantity
    ordered = sorted(rows.items(), key=lambda item: (-item[1][1], item[0]))
    outstanding = [row[1] for _, row in ordered]
    diluted = [row[2] for _, row in ordered]
    out_pct = largest_remainder(outstanding)
    fd_pct = largest_remainder(diluted)
    holders = tuple(
        HolderPosition(
            holder,
            tuple(row[0]),  # in the order given (the repository's: by class)
            row[1],
            row[2],
            out_pct[n],
            fd_pct[n],
            row[3],
        )
        for n, (holder, row) in enumerate(ordered)
    )
    totals = class_totals(classes, held, authorized)
    return Ownership(holders, totals, sum(outstanding, zero), sum(diluted, zero))


def class_totals(
    classes: Mapping[UUID, ShareClass],
    held: Mapping[UUID, Decimal],
    authorized: Mapping[UUID, Decimal] | None = None,
) -> tuple[ClassTotal, ...]:
    """Each class's authorized, outstanding (``held``) and fully diluted shares, the most junior
    first (common before preferred)."""
    return tuple(
        ClassTotal(
            klass.id,
            (authorized or {}).get(klass.id, klass.authorized_shares),
            held.get(klass.id, Decimal(0)),
            klass.as_converted(held.get(klass.id, Decimal(0))),
        )
        for klass in sorted(classes.values(), key=lambda c: (c.seniority, c.name, c.id))
    )
