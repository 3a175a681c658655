"""The FX rate source of configured mid rates (``FX_RATES``): fixed until the settings change.
A live provider would implement the same ``FxRateSource`` port."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from domain.banking.fx_pricing import MidRate
from infrastructure.config.settings import Settings


class ConfiguredFxRates:
    def __init__(self, rates: Iterable[tuple[str, str, Decimal]]) -> None:
        self._rates = tuple(MidRate(base, quote, mid) for base, quote, mid in rates)
        self._currencies = frozenset(c for r in self._rates for c in (r.base, r.quote))

    async def currencies(self) -> frozenset[str]:
        return self._currencies

    async def mid_rate(self, one: str, other: str) -> MidRate | None:
        return next((r for r in self._rates if r.joins(one, other)), None)


def configured_fx_rates(settings: Settings) -> ConfiguredFxRates:
    return ConfiguredFxRates(settings.fx_mid_rates)
