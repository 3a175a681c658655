"""The multiples of a private investment: TVPI, DPI, RVPI and MOIC, all in ``Decimal``.

* paid-in = capital contributed + fees paid (what the investor put in, net of nothing);
* distributed = every distribution (return of capital, gains, income);
* residual = the latest NAV;
* TVPI = (distributed + residual) / paid-in, DPI = distributed / paid-in,
  RVPI = residual / paid-in, so TVPI = DPI + RVPI;
* MOIC = (distributed + residual) / contributed, the gross multiple on the capital invested
  (fees left out).

A multiple over nothing paid in is ``None`` (there is no multiple), never zero or infinity."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

PLACES: Final = Decimal("1e-6")


@dataclass(frozen=True, slots=True)
class Multiples:
    tvpi: Decimal | None
    dpi: Decimal | None
    rvpi: Decimal | None
    moic: Decimal | None


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator <= 0:
        return None
    return (numerator / denominator).quantize(PLACES)


def multiples(
    *, contributed: Decimal, fees: Decimal, distributed: Decimal, residual: Decimal
) -> Multiples:
    paid_in = contributed + fees
    total = distributed + residual
    return Multiples(
        tvpi=ratio(total, paid_in),
        dpi=ratio(distributed, paid_in),
        rvpi=ratio(residual, paid_in),
        moic=ratio(total, contributed),
    )
