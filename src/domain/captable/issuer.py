"""An issuer: the company whose cap table this is (OCF ``ISSUER``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import UserId, new_uuid
from domain.shared.money import MINOR_UNITS, to_decimal

DEFAULT_ROFR_WINDOW_DAYS: Final = 30
DEFAULT_TRANSFER_FEE_RATE: Final = Decimal("0.025")
_COUNTRY = re.compile(r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
_SUBDIVISION = re.compile(r"^[A-Z0-9]{1,3}$")  # the part of ISO 3166-2 after the country
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class FeePayer(StrEnum):
    """Who pays a secondary transfer's fee."""

    SELLER = "seller"
    BUYER = "buyer"
    ISSUER = "issuer"


class AddressType(StrEnum):
    LEGAL = "legal"
    CONTACT = "contact"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """OCF ``Address``."""

    address_type: AddressType
    street_suite: str | None = None
    city: str | None = None
    country_subdivision: str | None = None
    country: str
    postal_code: str | None = None


@dataclass(frozen=True, slots=True)
class TaxId:
    """OCF ``TaxID``: the number and the country that issued it."""

    tax_id: str
    country: str


def check_country(value: str, *, field: str) -> str:
    if not _COUNTRY.match(value):
        raise invalid_field(field, "an ISO 3166-1 alpha-2 code such as US or IN")
    return value


def check_subdivision(value: str | None, *, field: str) -> str | None:
    if value is not None and not _SUBDIVISION.match(value):
        raise invalid_field(field, "the ISO 3166-2 subdivision after the country, such as DE")
    return value


def check_currency(value: str, *, field: str = "currency") -> str:
    if not _CURRENCY.match(value) or value not in MINOR_UNITS:
        raise invalid_field(field, "a supported ISO 4217 code such as USD or INR")
    return value


def check_text(value: str, *, field: str, longest: int = 200) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise invalid_field(field, "must not be blank")
    if len(cleaned) > longest:
        raise invalid_field(field, f"at most {longest} characters")
    return cleaned


@dataclass(slots=True, kw_only=True)
class Issuer:
    id: UUID
    legal_name: str
    formation_date: date
    country_of_formation: str
    country_subdivision_of_formation: str | None
    tax_ids: tuple[TaxId, ...] = ()
    addresses: tuple[Address, ...] = ()
    currency: str
    rofr_window_days: int = DEFAULT_ROFR_WINDOW_DAYS
    transfer_fee_rate: Decimal = DEFAULT_TRANSFER_FEE_RATE
    transfer_fee_payer: FeePayer = FeePayer.SELLER
    event_sequence: int = 0  # the sequence number of the latest event; 0 before any
    latest_event_date: date | None = None  # the date of that event: no later event is earlier
    # every class's shares together, as issuer-level adjustments set it (OCF
    # TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT); None until one does
    authorized_shares: Decimal | None = None
    created_by: UserId | None = None
    created_at: datetime = field(compare=False)

    @classmethod
    def new(
        cls,
        *,
        legal_name: str,
        formation_date: date,
        country_of_formation: str,
        country_subdivision_of_formation: str | None,
        currency: str,
        tax_ids: tuple[TaxId, ...] = (),
        addresses: tuple[Address, ...] = (),
        rofr_window_days: int = DEFAULT_ROFR_WINDOW_DAYS,
        transfer_fee_rate: Decimal | str = DEFAULT_TRANSFER_FEE_RATE,
        transfer_fee_payer: FeePayer = FeePayer.SELLER,
        created_by: UserId | None,
        now: datetime,
    ) -> Issuer:
        """A new issuer, every field checked; every refusal named in one answer."""
        checks = FieldChecks()
        name = checks.take(check_text, legal_name, field="legal_name")
        checks.take(check_country, country_of_formation, field="country_of_formation")
        checks.take(
            check_subdivision,
            country_subdivision_of_formation,
            field="country_subdivision_of_formation",
        )
        checks.take(check_currency, currency)
        if formation_date > now.date():
            checks.add(invalid_field("formation_date", "must not be in the future"))
        for n, tax in enumerate(tax_ids):
            checks.take(check_text, tax.tax_id, field=f"tax_ids.{n}.tax_id", longest=64)
            checks.take(check_country, tax.country, field=f"tax_ids.{n}.country")
        for n, address in enumerate(addresses):
            checks.take(check_country, address.country, field=f"addresses.{n}.country")
        if not 0 <= rofr_window_days <= 365:
            checks.add(invalid_field("rofr_window_days", "from 0 to 365 days"))
        rate = checks.take(to_decimal, transfer_fee_rate, field="transfer_fee_rate")
        if rate is not None and not Decimal(0) <= rate < Decimal(1):
            checks.add(invalid_field("transfer_fee_rate", "a fraction from 0 up to (not) 1"))
        checks.raise_any()
        assert name is not None
        assert rate is not None
        return cls(
            id=new_uuid(),
            legal_name=name,
            formation_date=formation_date,
            country_of_formation=country_of_formation,
            country_subdivision_of_formation=country_subdivision_of_formation,
            tax_ids=tax_ids,
            addresses=addresses,
            currency=currency,
            rofr_window_days=rofr_window_days,
            transfer_fee_rate=rate,
            transfer_fee_payer=transfer_fee_payer,
            created_by=created_by,
            created_at=now,
        )

    @property
    def scope(self) -> str:
        """The scope of its roles: ``company_admin@issuer:<id>``."""
        return issuer_scope(self.id)

    @property
    def jurisdiction(self) -> str:
        """``DE, US``: where it was formed, as a certificate prints it."""
        parts = [self.country_subdivision_of_formation, self.country_of_formation]
        return ", ".join(p for p in parts if p)


def issuer_scope(issuer_id: UUID) -> str:
    return f"issuer:{issuer_id}"
