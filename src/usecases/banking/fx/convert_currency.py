"""Use case: convert one of my quotes (``Idempotency-Key`` required), once, before it expires.

In one transaction: the KYC gate (capability ``convert``), the key claimed (a retry replays the
first answer), the quote locked (a concurrent conversion of the same quote waits here, then
finds it used: 409 ``fx_quote_already_used``), its expiry checked (422 ``fx_quote_expired``),
and one balanced ledger entry, reference ``fx_conversion:<id>``:

- sell currency: my cash -sell; the platform's FX position +(sell - spread); platform fees
  +spread (the platform always earns the spread, booked in the currency I sell);
- buy currency: the platform's FX position -buy; my cash +buy.

My cash may not go below zero available (422 ``insufficient_funds`` naming ``quote_id``); on any
refusal nothing is written, the quote stays open and the key unused."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.fx import (
    QUOTE_FIELD,
    FxConversion,
    FxQuote,
    FxQuoteNotFound,
    conversion_reference,
)
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import FieldError
from domain.shared.ids import UserId, new_uuid
from usecases.banking.access import signed_in_user
from usecases.banking.fx.ports import FxConfig
from usecases.banking.ports import BankingUnitOfWork
from usecases.kyc.public.kyc_gate import KycGate
from usecases.ledger.public import (
    AccountKind,
    AccountSpec,
    Asset,
    InsufficientFunds,
    JournalEntry,
    Ledger,
    Leg,
    NewEntry,
)
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent

CAPABILITY = "convert"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConvertCurrency:
    actor: Actor
    quote_id: UUID
    idempotency: IdempotencyKey | None = None


class ConvertCurrencyHandler:
    def __init__(
        self, uow: BankingUnitOfWork, kyc: KycGate, clock: Clock, config: FxConfig
    ) -> None:
        self._uow = uow
        self._kyc = kyc
        self._clock = clock
        self._config = config

    async def execute(self, cmd: ConvertCurrency) -> Idempotent[FxConversion]:
        user_id = signed_in_user(cmd.actor)
        now = self._clock.now()
        async with self._uow as uow:
            await self._kyc.require_within(uow.kyc_levels, user_id, CAPABILITY)
            gate: IdempotencyGate[FxConversion] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._config.idempotency_ttl
            )
            if gate.replay is not None:
                return gate.replay
            quote = await uow.fx_quotes.get(cmd.quote_id, for_update=True)
            if quote is None or quote.user_id != user_id:
                raise FxQuoteNotFound(
                    f"no quote {cmd.quote_id}",
                    errors=[FieldError(QUOTE_FIELD, "no such quote", FxQuoteNotFound.code)],
                )
            quote.convert(now)
            conversion_id = new_uuid()
            entry = await _post(uow.ledger, quote, user_id, conversion_id)
            conversion = FxConversion(
                id=conversion_id,
                user_id=user_id,
                quote_id=quote.id,
                pair=quote.pair,
                sell_currency=quote.sell_currency,
                sell_amount=quote.sell_amount,
                buy_currency=quote.buy_currency,
                buy_amount=quote.buy_amount,
                rate=quote.rate,
                mid_rate=quote.mid_rate,
                spread_amount=quote.spread_amount,
                entry_id=entry.id,
                created_at=now,
            )
            await uow.fx_quotes.save(quote)
            await uow.fx_conversions.add(conversion)
            uow.audit(_record(cmd.actor, conversion))
            outcome = await gate.complete(conversion, now)
            await uow.commit()
            return outcome


async def _post(
    ledger: Ledger, quote: FxQuote, user_id: UserId, conversion_id: UUID
) -> JournalEntry:
    sold, bought = Asset.currency(quote.sell_currency), Asset.currency(quote.buy_currency)
    my_sold, position_sold, fees, position_bought, my_bought = await ledger.open_accounts(
        AccountSpec(user_id, AccountKind.USER_CASH, sold),
        AccountSpec(None, AccountKind.FX_POSITION, sold),
        AccountSpec(None, AccountKind.PLATFORM_FEES, sold),
        AccountSpec(None, AccountKind.FX_POSITION, bought),
        AccountSpec(user_id, AccountKind.USER_CASH, bought),
    )
    legs = [
        Leg(my_sold.id, -quote.sell_amount),
        Leg(position_sold.id, quote.sell_amount - quote.spread_amount),
        Leg(position_bought.id, -quote.buy_amount),
        Leg(my_bought.id, quote.buy_amount),
    ]
    if quote.spread_amount > 0:
        legs.append(Leg(fees.id, quote.spread_amount))
    try:
        return await ledger.post(
            NewEntry(
                legs=legs,
                memo=f"currency conversion {quote.sell_currency} to {quote.buy_currency}",
                reference=conversion_reference(conversion_id),
                metadata={
                    "kind": "fx_conversion",
                    "quote_id": str(quote.id),
                    "pair": quote.pair,
                    "rate": f"{quote.rate:f}",
                    "mid_rate": f"{quote.mid_rate:f}",
                },
            )
        )
    except InsufficientFunds as exc:
        raise InsufficientFunds(
            f"the quote sells {quote.sell_amount:f} {quote.sell_currency}, more than you have "
            "available",
            errors=[
                FieldError(
                    QUOTE_FIELD,
                    f"sells more {quote.sell_currency} than you have available",
                    exc.code,
                )
            ],
        ) from None


def _record(actor: Actor, conversion: FxConversion) -> AuditRecord:
    return AuditRecord(
        action="banking.convert_currency",
        actor=actor,
        resource_type="fx_conversion",
        resource_id=str(conversion.id),
        after={
            "quote_id": str(conversion.quote_id),
            "sell": f"{conversion.sell_amount:f} {conversion.sell_currency}",
            "buy": f"{conversion.buy_amount:f} {conversion.buy_currency}",
            "rate": f"{conversion.rate:f}",
            "spread": f"{conversion.spread_amount:f} {conversion.sell_currency}",
            "entry_id": str(conversion.entry_id),
        },
    )
