"""XIRR with Excel's conventions, and the periodic IRR.

Conventions (docs/portfolio.md, "XIRR"):

* Time is actual days / 365 from the **first** flow's date (Excel's ``XIRR``); the other dates
  may come in any order, but none may precede the first (Excel answers ``#NUM!``; we raise
  ``IrrUndefined("date_before_start")``).
* Flows all of one sign (or all zero) have no rate: ``IrrUndefined("one_signed_flows")``;
  flows all on one date have none either (``no_time_elapsed``), nor no flows
  (``too_few_flows``).
* The root: Excel runs Newton's method from the guess 0.1 (at most 100 iterations) and returns
  the root it converges to, so among several roots the one Newton reaches from 0.1 is the
  answer. We do the same. Where Newton fails (it leaves ``(-1, inf)``, diverges or stalls), Excel
  answers ``#NUM!`` even when a root exists; we then look for a sign change of the NPV on a fixed
  grid of rates from just above -100% upwards and refine the **lowest** bracketed root by
  bisection (the same fallback and the same pessimistic choice pyxirr makes), and only if
  no bracket exists answer ``IrrUndefined("no_root_found")``.
* Floats only inside: amounts become floats for the solver, the rate comes back as a
  ``Decimal`` rounded to 12 places. ``solve_rates`` solves many flow sets at once (the Newton
  steps run on all of them together as numpy arrays), and ``xirr`` is that solver on one set, so
  the single and the batch answer agree to the bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal
from itertools import chain
from typing import Final

import numpy as np
from numpy.typing import NDArray

from domain.portfolio.cash_flows import CashFlow
from domain.portfolio.errors import IrrUndefined

GUESS: Final = 0.1
MAX_ITERATIONS: Final = 100
DAYS_IN_YEAR: Final = 365.0
RATE_PLACES: Final = Decimal("1e-12")
WIDE: Final = Context(prec=400)  # a float reaches 1e308: room for it at 12 places
# Newton has converged when its step is below this (relative to max(1, |rate|)); the step
# after it would be ~1e-20, so the rate is as exact as a double gets.
_STEP_TOLERANCE: Final = 1e-10
# A rate is accepted when the NPV there is this small relative to the sum of |amounts|.
_NPV_TOLERANCE: Final = 1e-9
# Halvings of a bracket: from ln(1e6) wide to below the last bit of a double.
_BISECTIONS: Final = 60
# The rates between which the fallback looks for a sign change, lowest first.
GRID: Final = (
    -0.99999999999999,
    -0.75,
    -0.5,
    -0.25,
    0.0,
    0.25,
    0.5,
    1.0,
    1e6,
)

ONE_SIGNED: Final = "one_signed_flows"
TOO_FEW: Final = "too_few_flows"
BEFORE_START: Final = "date_before_start"
NO_ROOT: Final = "no_root_found"
NO_TIME: Final = "no_time_elapsed"

REASONS: Final = {
    ONE_SIGNED: "the flows are all of one sign: no rate of return exists",
    TOO_FEW: "a rate of return needs at least two flows",
    BEFORE_START: "a flow is dated before the first flow",
    NO_ROOT: "no rate makes the flows' present value zero",
    NO_TIME: "every flow is on one date: a rate needs time to pass",
}

Floats = NDArray[np.float64]


def xirr(flows: Sequence[CashFlow]) -> Decimal:
    """The annual rate at which the flows' net present value is zero (Excel's ``XIRR``)."""
    times, amounts = _arrays(flows)
    rate = float(solve_rates(times[None, :], amounts[None, :])[0])
    return _as_decimal(rate)


def xnpv(rate: Decimal, flows: Sequence[CashFlow]) -> Decimal:
    """The flows' net present value at ``rate`` (Excel's ``XNPV``), at the first flow's date."""
    if not flows:
        return Decimal(0)
    start = flows[0].on
    base = 1.0 + float(rate)
    total = sum(
        float(flow.amount) * base ** (-(flow.on - start).days / DAYS_IN_YEAR) for flow in flows
    )
    return Decimal(repr(total))


def periodic_irr(amounts: Sequence[Decimal]) -> Decimal:
    """The rate per period of equally spaced flows (numpy-financial's ``irr``), the same
    solver with period numbers as the times."""
    values = np.array([float(a) for a in amounts], dtype=np.float64)
    _check_signs(values)
    times = np.arange(values.size, dtype=np.float64)
    rate = float(solve_rates(times[None, :], values[None, :])[0])
    return _as_decimal(rate)


def rates_of(flow_sets: Sequence[tuple[Sequence[date], Sequence[float]]]) -> Floats:
    """Many XIRRs at once (the dashboard's investments, the benchmark's batch): one float
    rate per ``(dates, amounts)`` set, NaN for a set with no rate (fewer than two flows, one
    sign, a date before its first, or no root). The same answers as ``xirr`` on each set."""
    count = len(flow_sets)
    lengths = np.fromiter((len(amounts) for _, amounts in flow_sets), dtype=np.int64, count=count)
    width = int(lengths.max()) if count else 0
    total = int(lengths.sum())
    # flattened in C (map and chain), not flow by flow in a generator: the dashboard hands
    # over some 50,000 flows
    ordinals = np.fromiter(
        map(date.toordinal, chain.from_iterable(dates for dates, _ in flow_sets)),
        dtype=np.float64,
        count=total,
    )
    flat = np.fromiter(
        chain.from_iterable(amounts for _, amounts in flow_sets), dtype=np.float64, count=total
    )
    rows = np.repeat(np.arange(count), lengths)
    starts = np.cumsum(lengths) - lengths
    columns = np.arange(total) - np.repeat(starts, lengths)
    first = ordinals[starts[lengths > 0]]
    times = np.zeros((count, width))
    amounts = np.zeros((count, width))
    firsts = np.zeros(count)
    firsts[lengths > 0] = first
    times[rows, columns] = (ordinals - firsts[rows]) / DAYS_IN_YEAR
    amounts[rows, columns] = flat
    valid = (
        (lengths >= 2)
        & (amounts > 0).any(axis=1)
        & (amounts < 0).any(axis=1)
        & (times >= 0).all(axis=1)
        & (times > 0).any(axis=1)
    )
    rates = np.full(count, np.nan)
    if valid.any():
        rates[valid] = solve_rates(times[valid], amounts[valid])
    return rates


def _as_decimal(rate: float) -> Decimal:
    if not np.isfinite(rate):
        raise IrrUndefined(NO_ROOT, REASONS[NO_ROOT])
    return Decimal(repr(rate)).quantize(RATE_PLACES, context=WIDE)


def _arrays(flows: Sequence[CashFlow]) -> tuple[Floats, Floats]:
    if not flows:
        raise IrrUndefined(TOO_FEW, REASONS[TOO_FEW])
    amounts = np.array([float(flow.amount) for flow in flows], dtype=np.float64)
    _check_signs(amounts)
    start = flows[0].on
    days = [(flow.on - start).days for flow in flows]
    if min(days) < 0:
        raise IrrUndefined(BEFORE_START, REASONS[BEFORE_START])
    if max(days) == 0:
        raise IrrUndefined(NO_TIME, REASONS[NO_TIME])
    return np.array(days, dtype=np.float64) / DAYS_IN_YEAR, amounts


def _check_signs(amounts: Floats) -> None:
    if amounts.size == 0:
        raise IrrUndefined(TOO_FEW, REASONS[TOO_FEW])
    if not (amounts > 0).any() or not (amounts < 0).any():
        raise IrrUndefined(ONE_SIGNED, REASONS[ONE_SIGNED])


def solve_rates(times: Floats, amounts: Floats) -> Floats:
    """One rate per row of ``amounts`` (flows at ``times`` years; pad a short row with zero
    amounts), NaN where no rate is found. Rows must already hold both signs."""
    count = amounts.shape[0]
    rates = np.full(count, GUESS)
    solved = np.zeros(count, dtype=bool)
    live = np.arange(count)
    for _ in range(MAX_ITERATIONS):
        if live.size == 0:
            break
        rate = rates[live]
        base = 1.0 + rate
        usable = (base > 0) & np.isfinite(rate)
        t = times[live]
        with np.errstate(all="ignore"):
            discounted = amounts[live] * np.exp(-t * np.log(np.where(usable, base, 1.0))[:, None])
            npv = discounted.sum(axis=1)
            slope = -(discounted * t).sum(axis=1) / base
            step = npv / slope
        nxt = rate - step
        finite = usable & np.isfinite(nxt) & (nxt > -1.0)
        converged = finite & (
            (np.abs(step) <= _STEP_TOLERANCE * np.maximum(1.0, np.abs(rate))) | (npv == 0)
        )
        rates[live] = nxt
        solved[live[converged]] = True
        live = live[finite & ~converged]
    unsolved = np.flatnonzero(~solved)
    solved_at = np.flatnonzero(solved)
    if solved_at.size:
        with np.errstate(all="ignore"):
            terms = amounts[solved_at] * np.exp(
                -times[solved_at] * np.log1p(rates[solved_at])[:, None]
            )
        bad = ~(np.abs(terms.sum(axis=1)) <= _NPV_TOLERANCE * np.abs(terms).sum(axis=1))
        unsolved = np.concatenate([unsolved, solved_at[bad]])
    if unsolved.size:
        rates[unsolved] = _bracketed_roots(times[unsolved], amounts[unsolved])
    return rates


def _signs(times: Floats, amounts: Floats, horizon: Floats, rates: Floats) -> Floats:
    """The sign of each row's NPV at its rate (NaN where it cannot be told). Below 0 the NPV is
    multiplied by (1 + r)^T (T the row's last time): the same sign, and no overflow near
    -100%."""
    exponent = np.where(rates[:, None] < 0, horizon[:, None] - times, -times)
    with np.errstate(all="ignore"):
        value = (amounts * np.exp(exponent * np.log1p(rates)[:, None])).sum(axis=1)
    return np.where(np.isfinite(value), np.sign(value), np.nan)


def _bracketed_roots(times: Floats, amounts: Floats) -> Floats:
    """For each row the lowest root that the grid brackets, by bisection on ln(1 + r) (every
    rate to the same relative precision), NaN for a row with no bracket."""
    count = amounts.shape[0]
    horizon = times.max(axis=1)
    grid = np.array(GRID)
    signs = np.stack(
        [_signs(times, amounts, horizon, np.full(count, rate)) for rate in grid], axis=1
    )
    low_signs, high_signs = signs[:, :-1], signs[:, 1:]
    with np.errstate(invalid="ignore"):
        crossing = (low_signs * high_signs <= 0) & ~np.isnan(low_signs) & ~np.isnan(high_signs)
    found = crossing.any(axis=1)
    window = np.argmax(crossing, axis=1)
    rows = np.arange(count)
    low = np.log1p(grid[window])
    high = np.log1p(grid[window + 1])
    low_sign = low_signs[rows, window]
    exact_low = low_sign == 0
    exact_high = high_signs[rows, window] == 0
    for _ in range(_BISECTIONS):
        middle = (low + high) / 2
        middle_sign = _signs(times, amounts, horizon, np.expm1(middle))
        same = middle_sign == low_sign
        low = np.where(same, middle, low)
        high = np.where(same, high, middle)
    root = np.expm1((low + high) / 2)
    root = np.where(exact_high, grid[window + 1], root)
    root = np.where(exact_low, grid[window], root)
    return np.where(found, root, np.nan)


@dataclass(frozen=True, slots=True)
class IrrAnswer:
    """A rate, or ``None`` with the reason (one of ``REASONS``) when the flows have none."""

    rate: Decimal | None
    reason: str | None

    @property
    def explanation(self) -> str | None:
        return None if self.reason is None else REASONS[self.reason]


def irr_answers(flow_sets: Sequence[tuple[Sequence[date], Sequence[float]]]) -> list[IrrAnswer]:
    """XIRR of each ``(dates, amounts)`` set (oldest first), solved together in one batch; the
    same rules and root as ``xirr``; never raises: a set with no rate answers ``None`` with its
    reason."""
    answers: list[IrrAnswer | None] = [None] * len(flow_sets)
    solvable: list[int] = []
    for at, (dates, amounts) in enumerate(flow_sets):
        reason = _refusal(dates, amounts)
        if reason is None:
            solvable.append(at)
        else:
            answers[at] = IrrAnswer(None, reason)
    rates = rates_of([flow_sets[at] for at in solvable])
    for at, rate in zip(solvable, rates.tolist(), strict=True):
        try:
            answers[at] = IrrAnswer(_as_decimal(rate), None)
        except IrrUndefined as undefined:
            answers[at] = IrrAnswer(None, undefined.reason)
    return [answer for answer in answers if answer is not None]


def _refusal(dates: Sequence[date], amounts: Sequence[float]) -> str | None:
    if not amounts:
        return TOO_FEW
    if not (max(amounts) > 0 and min(amounts) < 0):
        return ONE_SIGNED
    start = dates[0]
    if min(dates) < start:
        return BEFORE_START
    if max(dates) == start:
        return NO_TIME
    return None
