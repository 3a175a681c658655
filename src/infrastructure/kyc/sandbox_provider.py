"""Sandbox KYC provider: deterministic answers for documented test numbers (docs/kyc.md).

PAN verification, by the PAN's last letter:

- ``X`` (e.g. ``ABCPE1234X``): ``NOT_FOUND`` — the registry has no such PAN;
- ``Y`` (e.g. ``ABCPE1234Y``): the provider times out (after the configured latency);
- ``Z`` (e.g. ``ABCPE1234Z``): registered to ``RAVI KUMAR SHARMA``, so any other name is a
  mismatch;
- anything else (e.g. ``ACUPA7085R``): registered to the name given, upper-cased.

Aadhaar OTP: requesting one for ``999900001119`` times out; any other number gets an OTP whose
right answer is ``123456`` (anything else is wrong). The identity returned for
``999900002229`` is ``RAVI KUMAR SHARMA`` born 1985-01-01 (so other details mismatch); for any
other number it is the name and date of birth submitted.

IFSC lookup: the codes in ``BRANCHES`` resolve (those of ../shared/TEST_VECTORS.md among
them); any other well-formed IFSC is not found.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import date
from typing import Final

from usecases.kyc.ports import (
    AadhaarOtpWrong,
    AadhaarRecord,
    BankBranch,
    IfscUnknown,
    PanNotFound,
    PanRecord,
    ProviderUnavailable,
)

FIXED_NAME: Final = "RAVI KUMAR SHARMA"
FIXED_BIRTH_DATE: Final = date(1985, 1, 1)
AADHAAR_TIMEOUT: Final = "999900001119"
AADHAAR_FIXED_IDENTITY: Final = "999900002229"
RIGHT_OTP: Final = "123456"
BRANCHES: Final = {
    "UTIB0002083": ("AXIS BANK", "SANDBOX BRANCH 2083"),
    "HDFC0001098": ("HDFC BANK", "SANDBOX BRANCH 1098"),
    "ICIC00JKUCB": ("ICICI BANK", "SANDBOX BRANCH JKUCB"),
    "SBIN0000001": ("STATE BANK OF INDIA", "SANDBOX BRANCH 0001"),
}


class SandboxKycProvider:
    def __init__(self, *, latency_seconds: float = 0.0) -> None:
        self._latency = latency_seconds

    async def _wait(self) -> None:
        if self._latency:
            await asyncio.sleep(self._latency)

    async def verify_pan(self, pan: str, *, name: str) -> PanRecord:
        await self._wait()
        last = pan[-1:]
        if last == "X":
            raise PanNotFound("NOT_FOUND")
        if last == "Y":
            raise ProviderUnavailable("provider timeout")
        if last == "Z":
            return PanRecord(pan=pan, registered_name=FIXED_NAME)
        return PanRecord(pan=pan, registered_name=name.upper())

    async def request_aadhaar_otp(self, aadhaar_number: str) -> str:
        await self._wait()
        if aadhaar_number == AADHAAR_TIMEOUT:
            raise ProviderUnavailable("provider timeout")
        profile = "fixed" if aadhaar_number == AADHAAR_FIXED_IDENTITY else "echo"
        return f"sbx-{profile}-{secrets.token_hex(8)}"

    async def verify_aadhaar_otp(
        self, reference: str, otp: str, *, name: str, date_of_birth: date
    ) -> AadhaarRecord:
        await self._wait()
        if otp != RIGHT_OTP:
            raise AadhaarOtpWrong("wrong OTP")
        if reference.startswith("sbx-fixed-"):
            return AadhaarRecord(name=FIXED_NAME, date_of_birth=FIXED_BIRTH_DATE)
        return AadhaarRecord(name=name.upper(), date_of_birth=date_of_birth)

    async def lookup_ifsc(self, ifsc: str) -> BankBranch:
        await self._wait()
        known = BRANCHES.get(ifsc)
        if known is None:
            raise IfscUnknown(ifsc)
        bank, branch = known
        return BankBranch(ifsc=ifsc, bank=bank, branch=branch)
