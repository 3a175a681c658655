"""Allocation and concentration of a portfolio in one currency.

Weights are each position's value over the total (Decimal). The Herfindahl-Hirschman index is
the sum of the squared weights: 1 for a single position, 1/n for n equal ones. Never mix
currencies here: the caller groups by currency first (there is no implicit rate)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

PLACES: Final = Decimal("1e-6")


@dataclass(frozen=True, slots=True)
class Slice:
    key: str
    value: Decimal
    weight: Decimal


def allocation(values: Iterable[tuple[str, Decimal]]) -> list[Slice]:
    """Values summed by key, largest first (ties by key); negative values count as zero."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for key, value in values:
        totals[key] += max(value, Decimal(0))
    grand = sum(totals.values(), Decimal(0))
    slices = [
        Slice(key, value, (value / grand).quantize(PLACES) if grand > 0 else Decimal(0))
        for key, value in totals.items()
    ]
    return sorted(slices, key=lambda s: (-s.value, s.key))


def herfindahl(values: Mapping[str, Decimal] | Iterable[Decimal]) -> Decimal | None:
    """``None`` when there is nothing held."""
    items = list(values.values()) if isinstance(values, Mapping) else list(values)
    positive = [max(v, Decimal(0)) for v in items]
    total = sum(positive, Decimal(0))
    if total <= 0:
        return None
    return sum(((v / total) ** 2 for v in positive), Decimal(0)).quantize(PLACES)
