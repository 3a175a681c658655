"""The production bank rail: a JSON API (bearer key) shaped like common payout APIs.

``POST /penny-drops`` ``{account_number, ifsc, reference, name}`` → 200
``{holder_name, amount, reference}``; 404 (or 422) the account does not exist or cannot take
credits. Timeouts, connection failures and 5xx are retried (``RetryingJsonClient``) and then
reported as ``BankRailUnavailable``; an unexpected answer is logged and reported the same way.

``POST /collections`` ``{reference, amount, currency, method}`` and ``POST /payouts``
``{reference, amount, currency, account_number, ifsc, holder_name}`` → 200/201/202
``{rail_reference}``; the rail settles them later through our signed webhook. Both are
idempotent by ``reference`` on the rail's side, so a retried submission never moves money twice.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from infrastructure.http_client.retrying import RetryingJsonClient, UpstreamUnavailable
from usecases.banking.public import (
    BankAccountNotFound,
    BankRailUnavailable,
    CollectionRequest,
    PayoutRequest,
    PennyDropResult,
    RailAccepted,
)

log = logging.getLogger("meridian.bank_rail")


class HttpBankRail:
    def __init__(self, client: RetryingJsonClient) -> None:
        self._client = client

    async def penny_drop(
        self, account_number: str, ifsc: str, *, reference: str, name: str | None = None
    ) -> PennyDropResult:
        payload = {
            "account_number": account_number,
            "ifsc": ifsc,
            "reference": reference,
            "name": name,
        }
        try:
            response = await self._client.request("POST", "/penny-drops", json=payload)
        except UpstreamUnavailable as exc:
            raise BankRailUnavailable(str(exc)) from None
        if response.status in (404, 422):
            raise BankAccountNotFound(reference)
        body = response.body
        try:
            if response.status != 200:
                raise KeyError("status")
            return PennyDropResult(
                holder_name=str(body["holder_name"]),
                amount=Decimal(str(body["amount"])),
                reference=str(body.get("reference", reference)),
            )
        except (KeyError, InvalidOperation):
            log.error("unexpected bank rail answer", extra={"status": response.status})
            raise BankRailUnavailable(f"/penny-drops: HTTP {response.status}") from None

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        return await self._submit(
            "/collections",
            {
                "reference": request.reference,
                "amount": f"{request.amount:f}",
                "currency": request.currency,
                "method": request.method,
            },
        )

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        return await self._submit(
            "/payouts",
            {
                "reference": request.reference,
                "amount": f"{request.amount:f}",
                "currency": request.currency,
                "account_number": request.account_number,
                "ifsc": request.ifsc,
                "holder_name": request.holder_name,
            },
        )

    async def _submit(self, path: str, payload: dict[str, str]) -> RailAccepted:
        try:
            response = await self._client.request("POST", path, json=payload)
        except UpstreamUnavailable as exc:
            raise BankRailUnavailable(str(exc)) from None
        reference = response.body.get("rail_reference")
        if response.status not in (200, 201, 202) or not isinstance(reference, str):
            log.error("unexpected bank rail answer", extra={"status": response.status})
            raise BankRailUnavailable(f"{path}: HTTP {response.status}")
        return RailAccepted(reference)
