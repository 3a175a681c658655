"""Indian identity numbers as value objects: parsed strictly, shown only masked.

Aadhaar, PAN and GSTIN checks come from python-stdnum (Verhoeff check digit, holder types,
GSTIN check character) rather than hand-rolled rules; IFSC and bank account numbers have no
check digit, so only their shape is checked here (the bank lookup and penny drop confirm them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from stdnum.in_ import aadhaar, gstin, pan

from domain.shared.bank_details import BankAccountNumber, Ifsc
from domain.shared.errors import invalid_field
from domain.shared.masking import mask as _mask

__all__ = ["AadhaarNumber", "BankAccountNumber", "Gstin", "Ifsc", "Pan", "PanHolder"]

_REASONS: Final = {
    InvalidChecksum: ("invalid_checksum", "{label} fails its checksum"),
    InvalidLength: ("invalid_length", "{label} has the wrong number of characters"),
    InvalidFormat: ("invalid_format", "{label} is not in the expected format"),
    InvalidComponent: ("invalid_component", "{label} has a part that cannot be valid"),
}


def _refuse(field: str, label: str, error: ValidationError) -> Exception:
    """The refusal naming what failed: ``Aadhaar number fails its checksum`` (Verhoeff)."""
    code, message = next(
        (reason for kind, reason in _REASONS.items() if isinstance(error, kind)),
        ("invalid", "{label} is not valid"),
    )
    return invalid_field(field, message.format(label=label), code=code)


@dataclass(frozen=True, slots=True)
class AadhaarNumber:
    value: str

    @classmethod
    def parse(cls, raw: str, *, field: str = "aadhaar_number") -> AadhaarNumber:
        try:
            return cls(aadhaar.validate(raw))
        except ValidationError as error:
            raise _refuse(field, "Aadhaar number", error) from None

    @property
    def masked(self) -> str:
        return "XXXX XXXX " + self.value[-4:]

    def __repr__(self) -> str:  # never the number itself, even in a traceback
        return f"AadhaarNumber({self.masked!r})"


class PanHolder(StrEnum):
    """The PAN's fourth letter: who holds it."""

    A = "association_of_persons"
    B = "body_of_individuals"
    C = "company"
    F = "firm"
    G = "government"
    H = "hindu_undivided_family"
    L = "local_authority"
    J = "artificial_juridical_person"
    P = "individual"
    T = "trust"
    K = "krish"


@dataclass(frozen=True, slots=True)
class Pan:
    value: str

    @classmethod
    def parse(cls, raw: str, *, field: str = "pan") -> Pan:
        try:
            return cls(pan.validate(raw))
        except ValidationError as error:
            raise _refuse(field, "PAN", error) from None

    @property
    def holder(self) -> PanHolder:
        return PanHolder[self.value[3]]

    @property
    def masked(self) -> str:
        return _mask(self.value, 4)


@dataclass(frozen=True, slots=True)
class Gstin:
    value: str

    @classmethod
    def parse(cls, raw: str, *, field: str = "gstin") -> Gstin:
        try:
            return cls(gstin.validate(raw))
        except ValidationError as error:
            raise _refuse(field, "GSTIN", error) from None

    @property
    def pan(self) -> str:
        return self.value[2:12]
