"""A dated cash flow, the unit every rate-of-return figure is computed from.

Money is ``Decimal`` here and in every figure handed back; the numeric solvers turn amounts into
floats inside (``xirr``), never outside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CashFlow:
    """``amount`` is signed from the investor's side: money paid in is negative, money received
    (and the value still held, as a final flow) positive."""

    on: date
    amount: Decimal
