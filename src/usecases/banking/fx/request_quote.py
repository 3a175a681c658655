"""Use case: a quote to convert between two of my currencies (``INR`` → ``USD`` or back) at the
configured mid rate with the platform's spread, for the amount I sell or the amount I buy.

Every refusal of the request comes in one answer, each field named: a currency no rate joins
(``unsupported_currency``), the same currency on both sides (``same_currency``), neither or both
amounts, an amount that is not a positive decimal or has more places than its currency
(``too_precise``), and one whose other side is less than that currency's minor unit
(``amount_too_small``). The quote is stored, mine alone (anyone else's answers 404), and valid
for ``FX_QUOTE_TTL_SECONDS``; converting it is ``convert_currency``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.banking.amounts import written_amount
from domain.banking.fx import FxQuote
from domain.banking.fx_pricing import FxPrice, FxSide, MidRate, price
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.ids import new_uuid
from domain.shared.money import MINOR_UNITS
from usecases.banking.access import signed_in_user
from usecases.banking.fx.ports import FxConfig, FxRateSource
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestFxQuote:
    actor: Actor
    sell_currency: str
    buy_currency: str
    sell_amount: str | None = None
    buy_amount: str | None = None


@dataclass(frozen=True, slots=True)
class _Checked:
    mid: MidRate
    side: FxSide
    amount: Decimal


class RequestFxQuoteHandler:
    def __init__(
        self, uow: BankingUnitOfWork, rates: FxRateSource, clock: Clock, config: FxConfig
    ) -> None:
        self._uow = uow
        self._rates = rates
        self._clock = clock
        self._config = config

    async def execute(self, cmd: RequestFxQuote) -> FxQuote:
        user_id = signed_in_user(cmd.actor)
        checked = await self._checked(cmd)
        priced = price(
            checked.mid,
            sell_currency=cmd.sell_currency,
            buy_currency=cmd.buy_currency,
            amount=checked.amount,
            side=checked.side,
            spread_bps=self._config.spread_bps,
        )
        _refuse_below_minor_unit(cmd, checked.side, priced)
        now = self._clock.now()
        quote = FxQuote(
            id=new_uuid(),
            user_id=user_id,
            pair=priced.pair,
            sell_currency=cmd.sell_currency,
            buy_currency=cmd.buy_currency,
            sell_amount=priced.sell_amount,
            buy_amount=priced.buy_amount,
            mid_rate=priced.mid_rate,
            rate=priced.rate,
            spread_bps=self._config.spread_bps,
            spread_amount=priced.spread_amount,
            created_at=now,
            expires_at=now + self._config.quote_ttl,
        )
        async with self._uow as uow:
            await uow.fx_quotes.add(quote)
            uow.audit(
                AuditRecord(
                    action="banking.request_fx_quote",
                    actor=cmd.actor,
                    resource_type="fx_quote",
                    resource_id=str(quote.id),
                    after={
                        "sell": f"{quote.sell_amount:f} {quote.sell_currency}",
                        "buy": f"{quote.buy_amount:f} {quote.buy_currency}",
                        "rate": f"{quote.rate:f}",
                        "expires_at": quote.expires_at.isoformat(),
                    },
                )
            )
            await uow.commit()
        return quote

    async def _checked(self, cmd: RequestFxQuote) -> _Checked:
        problems: list[FieldError] = []
        supported = await self._rates.currencies()
        listed = ", ".join(sorted(supported))
        for field, code in (
            ("sell_currency", cmd.sell_currency),
            ("buy_currency", cmd.buy_currency),
        ):
            if code not in supported:
                problems.append(
                    FieldError(field, f"must be one of {listed}", "unsupported_currency")
                )
        mid: MidRate | None = None
        both_known = cmd.sell_currency in supported and cmd.buy_currency in supported
        if both_known and cmd.sell_currency == cmd.buy_currency:
            problems.append(
                FieldError("buy_currency", "must differ from sell_currency", "same_currency")
            )
        elif both_known:
            mid = await self._rates.mid_rate(cmd.sell_currency, cmd.buy_currency)
            if mid is None:
                problems.append(
                    FieldError(
                        "buy_currency",
                        f"no rate converts {cmd.sell_currency} to {cmd.buy_currency}",
                        "unsupported_currency_pair",
                    )
                )
        side, amount = self._amount(cmd, problems)
        if problems or mid is None or side is None or amount is None:
            raise ValidationFailed("the quote request is not valid", errors=problems)
        return _Checked(mid, side, amount)

    @staticmethod
    def _amount(
        cmd: RequestFxQuote, problems: list[FieldError]
    ) -> tuple[FxSide | None, Decimal | None]:
        if cmd.sell_amount is not None and cmd.buy_amount is not None:
            message = "give sell_amount or buy_amount, not both"
            problems.append(FieldError("buy_amount", message, "one_amount_only"))
            return None, None
        if cmd.sell_amount is None and cmd.buy_amount is None:
            message = "give the amount you sell (sell_amount) or the amount you buy (buy_amount)"
            problems.append(FieldError("sell_amount", message, "amount_required"))
            return None, None
        if cmd.sell_amount is not None:
            side, text, currency, field = (
                FxSide.SELL,
                cmd.sell_amount,
                cmd.sell_currency,
                "sell_amount",
            )
        else:
            assert cmd.buy_amount is not None
            side, text, currency, field = FxSide.BUY, cmd.buy_amount, cmd.buy_currency, "buy_amount"
        value, problem = written_amount(text, currency, field=field)
        if problem is not None:
            problems.append(problem)
        return side, value


def _refuse_below_minor_unit(cmd: RequestFxQuote, side: FxSide, priced: FxPrice) -> None:
    computed, currency = (
        (priced.buy_amount, cmd.buy_currency)
        if side is FxSide.SELL
        else (priced.sell_amount, cmd.sell_currency)
    )
    if computed > 0:
        return
    field = "sell_amount" if side is FxSide.SELL else "buy_amount"
    smallest = Decimal(1).scaleb(-MINOR_UNITS[currency])
    raise ValidationFailed(
        f"{field}: converts to less than {smallest} {currency}",
        errors=[
            FieldError(field, f"converts to less than {smallest} {currency}", "amount_too_small")
        ],
    )
