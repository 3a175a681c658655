"""Who owns what share of the company: outstanding and fully diluted (as-converted)
percentages, rounded by the largest-remainder method so they always sum to exactly 100 %."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Final
from uuid import UUID

from domain.captable.cap_table import Holding
from domain.captable.share_class import ShareClass

PERCENT_PLACES: Final = 2
HUNDRED: Final = Decimal(100)


def largest_remainder(weights: Sequence[Decimal], *, places: int = PERCENT_PLACES) -> list[Decimal]:
    """Each weight's percentage of the total, at ``places`` decimals, summing to exactly 100
    (all zero when the total is zero). Every share is first rounded down; the units left over
    go one each to the largest remainders (ties: the earlier weight)."""
    total = sum(weights, Decimal(0))
    if total <= 0:
        return [Decimal(0).scaleb(-places) for _ in weights]
    unit = Decimal(1).scaleb(-places)
    exact = [w * HUNDRED / total for w in weights]
    floors = [e.quantize(unit, rounding=ROUND_FLOOR) for e in exact]
    left = int(((HUNDRED - sum(floors, Decimal(0))) / unit).to_integral_value())
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += unit
    return floors


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
    (a past date's)."""
    per_holder: dict[UUID, dict[UUID, Decimal]] = {}
    certificates: dict[UUID, int] = {}
    kept = [h for h in holdings if h.quantity > 0]
    for h in kept:
        per_holder.setdefault(h.stakeholder_id, {})[h.stock_class_id] = h.quantity
        certificates[h.stakeholder_id] = certificates.get(h.stakeholder_id, 0) + h.certificates
    ids = sorted(per_holder, key=lambda i: (-sum(per_holder[i].values()), i))
    outstanding = [sum(per_holder[i].values(), Decimal(0)) for i in ids]
    diluted = [
        sum((classes[c].as_converted(q) for c, q in per_holder[i].items()), Decimal(0)) for i in ids
    ]
    out_pct = largest_remainder(outstanding)
    fd_pct = largest_remainder(diluted)
    by_holder: dict[UUID, list[Holding]] = {}
    for h in sorted(kept, key=lambda h: (h.stakeholder_id, h.stock_class_id)):
        by_holder.setdefault(h.stakeholder_id, []).append(h)
    holders = tuple(
        HolderPosition(
            i,
            tuple(by_holder[i]),
            outstanding[n],
            diluted[n],
            out_pct[n],
            fd_pct[n],
            certificates[i],
        )
        for n, i in enumerate(ids)
    )
    totals = []
    for klass in sorted(classes.values(), key=lambda c: (c.seniority, c.name, c.id)):
        held = sum((row.get(klass.id, Decimal(0)) for row in per_holder.values()), Decimal(0))
        shares = (authorized or {}).get(klass.id, klass.authorized_shares)
        totals.append(ClassTotal(klass.id, shares, held, klass.as_converted(held)))
    return Ownership(holders, tuple(totals), sum(outstanding, Decimal(0)), sum(diluted, Decimal(0)))
