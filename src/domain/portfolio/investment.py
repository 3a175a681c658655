"""A private investment an investor records: a fund commitment, a direct equity stake, a real
estate holding or a co-investment, in one currency, owned by one user."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.shared.errors import invalid_field
from domain.shared.ids import UserId, new_uuid
from domain.shared.money import Currency, to_decimal

NAME_LENGTH: Final = 200
LABEL_LENGTH: Final = 100
FIRST_VINTAGE: Final = 1900


class InvestmentKind(StrEnum):
    FUND_COMMITMENT = "fund_commitment"
    DIRECT_EQUITY = "direct_equity"
    REAL_ESTATE = "real_estate"
    CO_INVESTMENT = "co_investment"


def _label(field: str, value: str, length: int = LABEL_LENGTH) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise invalid_field(field, "must not be blank")
    if len(cleaned) > length:
        raise invalid_field(field, f"at most {length} characters")
    return cleaned


def _commitment(value: Decimal | str | int, currency: Currency) -> Decimal:
    amount = to_decimal(value, field="commitment")
    if amount < 0:
        raise invalid_field("commitment", "must not be negative")
    if amount != amount.quantize(currency.quantum):
        raise invalid_field(
            "commitment", f"at most {currency.minor_units} decimal places in {currency}"
        )
    return amount


@dataclass(frozen=True, slots=True, kw_only=True)
class Investment:
    id: UUID
    owner_id: UserId
    name: str
    kind: InvestmentKind
    sponsor: str
    sector: str
    geography: str
    vintage: int
    currency: str
    commitment: Decimal
    start_date: date
    created_at: datetime
    updated_at: datetime

    @classmethod
    def new(
        cls,
        *,
        owner_id: UserId,
        name: str,
        kind: InvestmentKind,
        sponsor: str,
        sector: str,
        geography: str,
        vintage: int,
        currency: str,
        commitment: Decimal | str | int,
        start_date: date,
        now: datetime,
    ) -> Investment:
        found = Currency(currency)
        _vintage(vintage, now)
        return cls(
            id=new_uuid(),
            owner_id=owner_id,
            name=_label("name", name, NAME_LENGTH),
            kind=kind,
            sponsor=_label("sponsor", sponsor),
            sector=_label("sector", sector),
            geography=_label("geography", geography),
            vintage=vintage,
            currency=found.code,
            commitment=_commitment(commitment, found),
            start_date=start_date,
            created_at=now,
            updated_at=now,
        )

    def revised(
        self,
        *,
        now: datetime,
        name: str | None = None,
        sponsor: str | None = None,
        sector: str | None = None,
        geography: str | None = None,
        vintage: int | None = None,
        commitment: Decimal | str | None = None,
    ) -> Investment:
        """The same investment with the given descriptive fields changed. Its kind, currency
        and start stay: its activities are recorded against them."""
        if vintage is not None:
            _vintage(vintage, now)
        return replace(
            self,
            name=self.name if name is None else _label("name", name, NAME_LENGTH),
            sponsor=self.sponsor if sponsor is None else _label("sponsor", sponsor),
            sector=self.sector if sector is None else _label("sector", sector),
            geography=self.geography if geography is None else _label("geography", geography),
            vintage=self.vintage if vintage is None else vintage,
            commitment=(
                self.commitment
                if commitment is None
                else _commitment(commitment, Currency(self.currency))
            ),
            updated_at=now,
        )


def _vintage(vintage: int, now: datetime) -> None:
    if not FIRST_VINTAGE <= vintage <= now.year + 1:
        raise invalid_field("vintage", f"a year from {FIRST_VINTAGE} to {now.year + 1}")
