"""Sandbox KYC provider: deterministic answers for documented test numbers (docs/kyc.md).

PAN verification, by the PAN's last letter:

- ``X`` (e.g. ``ABCPE1234X``): ``NOT_FOUND`` — the registry has no such PAN;
- ``Y`` (e.g. ``ABCPE1234Y``): the provider times out (after the configured latency);
- ``Z`` (e.g. ``ABCPE1234Z``): registered to ``RAVI KUMAR SHARMA``, so any other name is a
  mismatch;
- anything else (e.g. ``ACUPA7085R``): registered to the name given, upper-cased.
"""

from __future__ import annotations

import asyncio
from typing import Final

from usecases.kyc.ports import PanNotFound, PanRecord, ProviderUnavailable

FIXED_NAME: Final = "RAVI KUMAR SHARMA"


class SandboxKycProvider:
    def __init__(self, *, latency_seconds: float = 0.0) -> None:
        self._latency = latency_seconds

    async def verify_pan(self, pan: str, *, name: str) -> PanRecord:
        if self._latency:
            await asyncio.sleep(self._latency)
        last = pan[-1:]
        if last == "X":
            raise PanNotFound("NOT_FOUND")
        if last == "Y":
            raise ProviderUnavailable("provider timeout")
        if last == "Z":
            return PanRecord(pan=pan, registered_name=FIXED_NAME)
        return PanRecord(pan=pan, registered_name=name.upper())
