"""The production KYC provider: a JSON API (bearer key) shaped like common Indian KYC APIs.

- PAN: ``POST /pan/verify`` ``{pan, name}`` → 200 ``{registered_name}``; 404 not found.
- Aadhaar OTP: ``POST /aadhaar/otp`` ``{aadhaar_number}`` → 200 ``{reference}``.
- OTP check: ``POST /aadhaar/otp/verify`` ``{reference, otp, name, date_of_birth}`` → 200
  ``{name, date_of_birth}``; 422 wrong OTP.
- IFSC: ``GET /ifsc/{ifsc}`` → 200 ``{bank, branch}``; 404 not found.

Timeouts, connection failures and 5xx are retried (``RetryingJsonClient``) and then reported
as ``ProviderUnavailable``; an unexpected answer is logged and reported the same way."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from infrastructure.http_client.retrying import (
    JsonResponse,
    RetryingJsonClient,
    UpstreamUnavailable,
)
from usecases.kyc.ports import (
    AadhaarOtpWrong,
    AadhaarRecord,
    BankBranch,
    IfscUnknown,
    PanNotFound,
    PanRecord,
    ProviderUnavailable,
)

log = logging.getLogger("meridian.kyc.provider")


class HttpKycProvider:
    def __init__(self, client: RetryingJsonClient) -> None:
        self._client = client

    async def _call(
        self, method: str, path: str, payload: dict[str, Any] | None = None
    ) -> JsonResponse:
        try:
            return await self._client.request(method, path, json=payload)
        except UpstreamUnavailable as exc:
            raise ProviderUnavailable(str(exc)) from None

    @staticmethod
    def _unexpected(path: str, response: JsonResponse) -> ProviderUnavailable:
        log.error("unexpected KYC provider answer", extra={"path": path, "status": response.status})
        return ProviderUnavailable(f"{path}: HTTP {response.status}")

    async def verify_pan(self, pan: str, *, name: str) -> PanRecord:
        response = await self._call("POST", "/pan/verify", {"pan": pan, "name": name})
        if response.status == 404:
            raise PanNotFound("NOT_FOUND")
        if response.status != 200 or "registered_name" not in response.body:
            raise self._unexpected("/pan/verify", response)
        return PanRecord(pan=pan, registered_name=str(response.body["registered_name"]))

    async def request_aadhaar_otp(self, aadhaar_number: str) -> str:
        response = await self._call("POST", "/aadhaar/otp", {"aadhaar_number": aadhaar_number})
        if response.status != 200 or "reference" not in response.body:
            raise self._unexpected("/aadhaar/otp", response)
        return str(response.body["reference"])

    async def verify_aadhaar_otp(
        self, reference: str, otp: str, *, name: str, date_of_birth: date
    ) -> AadhaarRecord:
        payload = {
            "reference": reference,
            "otp": otp,
            "name": name,
            "date_of_birth": date_of_birth.isoformat(),
        }
        response = await self._call("POST", "/aadhaar/otp/verify", payload)
        if response.status == 422:
            raise AadhaarOtpWrong("wrong OTP")
        try:
            return AadhaarRecord(
                name=str(response.body["name"]),
                date_of_birth=date.fromisoformat(str(response.body["date_of_birth"])),
            )
        except (KeyError, ValueError):
            raise self._unexpected("/aadhaar/otp/verify", response) from None

    async def lookup_ifsc(self, ifsc: str) -> BankBranch:
        response = await self._call("GET", f"/ifsc/{ifsc}")
        if response.status == 404:
            raise IfscUnknown(ifsc)
        if response.status != 200 or not {"bank", "branch"} <= response.body.keys():
            raise self._unexpected("/ifsc", response)
        return BankBranch(
            ifsc=ifsc, bank=str(response.body["bank"]), branch=str(response.body["branch"])
        )
