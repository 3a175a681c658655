"""Indian bank details as value objects: the IFSC of a branch and a bank account number.

Neither has a check digit, so only their shape is checked here (the bank lookup and a penny
drop confirm them). KYC's bank step and banking's linked accounts both parse with these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from domain.shared.errors import invalid_field
from domain.shared.masking import mask

_IFSC: Final = re.compile(r"[A-Z]{4}0[A-Z0-9]{6}")
_ACCOUNT: Final = re.compile(r"[0-9]{9,18}")


@dataclass(frozen=True, slots=True)
class Ifsc:
    value: str

    @classmethod
    def parse(cls, raw: str, *, field: str = "ifsc") -> Ifsc:
        value = raw.strip().upper()
        if not _IFSC.fullmatch(value):
            raise invalid_field(
                field, "must be 4 letters, a zero, then 6 letters or digits", code="invalid_format"
            )
        return cls(value)

    @property
    def bank_code(self) -> str:
        return self.value[:4]


@dataclass(frozen=True, slots=True)
class BankAccountNumber:
    value: str

    @classmethod
    def parse(cls, raw: str, *, field: str = "account_number") -> BankAccountNumber:
        value = re.sub(r"[\s-]", "", raw)
        if not _ACCOUNT.fullmatch(value):
            raise invalid_field(field, "must be 9 to 18 digits", code="invalid_format")
        return cls(value)

    @property
    def masked(self) -> str:
        return mask(self.value, 4, width=10)

    def __repr__(self) -> str:
        return f"BankAccountNumber({self.masked!r})"
