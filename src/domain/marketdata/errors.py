"""Market data's refusals, with stable codes and domain field names."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from domain.shared.errors import FieldError, NotFound, ValidationFailed

UNKNOWN_SYMBOL: Final = "unknown_symbol"
RANGE_INVALID: Final = "range_invalid"
TIME_NOT_AWARE: Final = "time_not_aware"
TOO_MANY_POINTS: Final = "too_many_points"
TOO_MANY_SYMBOLS: Final = "too_many_symbols"
NO_SYMBOLS: Final = "no_symbols"


class SymbolNotFound(NotFound):
    code = "symbol_not_found"
    title = "Symbol not found"

    def __init__(self, symbol: str) -> None:
        super().__init__(f"no instrument is listed as {symbol!r}")


def unknown_symbols(symbols: Sequence[str]) -> ValidationFailed:
    """The asked symbols nothing is listed as, each named (``symbols.<i>``)."""
    names = ", ".join(symbols)
    message = f"no instrument is listed as {names}"
    return ValidationFailed(
        f"symbols: {message}",
        code=UNKNOWN_SYMBOL,
        errors=[FieldError("symbols", message, UNKNOWN_SYMBOL)],
    )
