"""The production bank rail: a JSON API (bearer key) shaped like common payout APIs.

``POST /penny-drops`` ``{account_number, ifsc, reference, name}`` → 200
``{holder_name, amount, reference}``; 404 (or 422) the account does not exist or cannot take
credits. Timeouts, connection failures and 5xx are retried (``RetryingJsonClient``) and then
reported as ``BankRailUnavailable``; an unexpected answer is logged and reported the same way.

``POST /collections`` ``{reference, amount, currency, method}`` and ``POST /payouts``
``{reference, amount, currency, account_number, ifsc, holder_name}`` → 200/201/202
``{rail_reference}``; the rail settles them later through our signed webhook. Both are
idempotent by ``reference`` on the rail's side, so a retried submission never moves money twice.

``GET /collections/{reference}`` and ``GET /payouts/{reference}`` → 200 ``{status,
rail_reference, failure_reason}`` with ``status`` one of ``pending`` (or ``processing``),
``completed`` / ``settled``, ``failed``; 404: the rail does not know the reference
(reconciliation asks when a webhook never came).
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Final
from urllib.parse import quote

from infrastructure.http_client.retrying import RetryingJsonClient, UpstreamUnavailable
from usecases.banking.public import (
    BankAccountNotFound,
    BankRailUnavailable,
    CollectionRequest,
    PayoutRequest,
    PennyDropResult,
    RailAccepted,
    RailOutcome,
    RailStatus,
    StatusQuery,
)

log = logging.getLogger("meridian.bank_rail")
OUTCOMES: Final = {
    "pending": RailOutcome.PENDING,
    "processing": RailOutcome.PENDING,
    "completed": RailOutcome.SUCCEEDED,
    "settled": RailOutcome.SUCCEEDED,
    "failed": RailOutcome.FAILED,
}


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

    async def status(self, query: StatusQuery) -> RailStatus:
        collection = "/collections" if query.kind == "collection" else "/payouts"
        path = f"{collection}/{quote(query.reference, safe='')}"
        try:
            response = await self._client.request("GET", path)
        except UpstreamUnavailable as exc:
            raise BankRailUnavailable(str(exc)) from None
        if response.status == 404:
            return RailStatus(outcome=RailOutcome.UNKNOWN)
        outcome = OUTCOMES.get(str(response.body.get("status")))
        if response.status != 200 or outcome is None:
            log.error("unexpected bank rail answer", extra={"status": response.status})
            raise BankRailUnavailable(f"{collection}: HTTP {response.status}")
        reference = response.body.get("rail_reference")
        reason = response.body.get("failure_reason")
        return RailStatus(
            outcome=outcome,
            rail_reference=reference if isinstance(reference, str) else query.rail_reference,
            failure_reason=str(reason)[:100] if reason else None,
        )
