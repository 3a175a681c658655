"""The demo investor's money: the first deposit settled at once by the sandbox rail's signed
settlement event (through the webhook use case, the path the sandbox calls back), then dollars
bought through a real quote and conversion, so the demo can trade USD instruments at once."""

from __future__ import annotations

import json

from adapters.http.registry import HandlerRegistry
from domain.banking import webhook_signature
from domain.banking.transfers import Deposit, reference_of
from domain.shared.actor import Actor
from infrastructure.container import Container
from usecases.banking.fx.convert_currency import ConvertCurrency, ConvertCurrencyHandler
from usecases.banking.fx.request_quote import RequestFxQuote, RequestFxQuoteHandler
from usecases.banking.receive_rail_webhook import ReceiveRailWebhook, ReceiveRailWebhookHandler

DEMO_USD = "2000.00"  # bought with INR at the configured rate (83.25 mid, 50 bps: 167332.50)


async def settle_deposit(container: Container, registry: HandlerRegistry, deposit: Deposit) -> None:
    event = {
        "id": f"evt_demo_{deposit.id}",
        "type": "deposit.completed",
        "reference": reference_of("deposit", deposit.id),
        "rail_reference": f"sbx_demo_{deposit.id.hex[:12]}",
        "amount": f"{deposit.amount:f}",
        "currency": deposit.currency,
        "failure_reason": None,
    }
    body = json.dumps(event, separators=(",", ":")).encode()
    signature = webhook_signature.sign(
        container.settings.webhook_secrets[0], body, at=container.clock.now()
    )
    await registry.resolve(ReceiveRailWebhookHandler).execute(
        ReceiveRailWebhook(signature=signature, body=body)
    )


async def buy_dollars(registry: HandlerRegistry, me: Actor) -> None:
    quote = await registry.resolve(RequestFxQuoteHandler).execute(
        RequestFxQuote(actor=me, sell_currency="INR", buy_currency="USD", buy_amount=DEMO_USD)
    )
    await registry.resolve(ConvertCurrencyHandler).execute(
        ConvertCurrency(actor=me, quote_id=quote.id)
    )
