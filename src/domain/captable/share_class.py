"""A share class (OCF ``STOCK_CLASS``): what its shares are worth, vote and convert into, and how
many may exist. ``initial_shares_authorized`` is fixed at creation; ``authorized_shares`` is the
projection of the authorized-shares adjustments since, never edited directly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.captable.issuer import check_text
from domain.captable.prices import per_share_amount
from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import new_uuid
from domain.shared.money import to_decimal
from domain.shared.quantity import Quantity

_PREFIX: Final = re.compile(r"^[A-Z]{1,4}$")


class ClassType(StrEnum):
    COMMON = "common"
    PREFERRED = "preferred"


@dataclass(slots=True, kw_only=True)
class ShareClass:
    id: UUID
    issuer_id: UUID
    name: str
    class_type: ClassType
    certificate_prefix: str  # "CS": certificates CS-0001, CS-0002... (OCF default_id_prefix)
    initial_shares_authorized: Decimal
    authorized_shares: Decimal  # after every adjustment so far
    par_value: Decimal | None = None
    price_per_share: Decimal | None = None
    votes_per_share: Decimal = Decimal(1)
    seniority: int = 1
    liquidation_preference_multiple: Decimal = Decimal(1)
    participating: bool = False
    participation_cap_multiple: Decimal | None = None
    conversion_ratio: Decimal = Decimal(1)  # shares of common one share converts into
    allows_fractions: bool = False
    board_approval_date: date | None = None
    stockholder_approval_date: date | None = None
    created_at: datetime = field(compare=False)

    @classmethod
    def new(
        cls,
        *,
        issuer_id: UUID,
        name: str,
        class_type: ClassType,
        certificate_prefix: str,
        initial_shares_authorized: str | Decimal,
        par_value: str | Decimal | None = None,
        price_per_share: str | Decimal | None = None,
        votes_per_share: str | Decimal = Decimal(1),
        seniority: int = 1,
        liquidation_preference_multiple: str | Decimal = Decimal(1),
        participating: bool = False,
        participation_cap_multiple: str | Decimal | None = None,
        conversion_ratio: str | Decimal = Decimal(1),
        allows_fractions: bool = False,
        board_approval_date: date | None = None,
        stockholder_approval_date: date | None = None,
        now: datetime,
    ) -> ShareClass:
        checks = FieldChecks()
        clean_name = checks.take(check_text, name, field="name")
        if not _PREFIX.match(certificate_prefix):
            checks.add(invalid_field("certificate_prefix", "1 to 4 capital letters, such as CS"))
        authorized = checks.take(
            _amount, initial_shares_authorized, "initial_shares_authorized", positive=False
        )
        if authorized is not None and not allows_fractions:
            checks.take(Quantity(authorized).whole, field="initial_shares_authorized")
        par = checks.take(_per_share, par_value, "par_value")
        price = checks.take(_per_share, price_per_share, "price_per_share")
        votes = checks.take(_amount, votes_per_share, "votes_per_share", positive=False)
        if seniority < 1:
            checks.add(invalid_field("seniority", "1 or more (1 is paid last)"))
        preference = checks.take(
            _amount,
            liquidation_preference_multiple,
            "liquidation_preference_multiple",
            positive=False,
        )
        cap = checks.take(_optional, participation_cap_multiple, "participation_cap_multiple")
        if cap is not None and not participating:
            checks.add(invalid_field("participation_cap_multiple", "only for participating"))
        ratio = checks.take(_amount, conversion_ratio, "conversion_ratio", positive=True)
        if stockholder_approval_date and board_approval_date is None:
            checks.add(invalid_field("board_approval_date", "the board approves first"))
        checks.raise_any()
        assert clean_name
        assert authorized is not None
        assert votes is not None
        assert preference is not None
        assert ratio is not None
        return cls(
            id=new_uuid(),
            issuer_id=issuer_id,
            name=clean_name,
            class_type=class_type,
            certificate_prefix=certificate_prefix,
            initial_shares_authorized=authorized,
            authorized_shares=authorized,
            par_value=par,
            price_per_share=price,
            votes_per_share=votes,
            seniority=seniority,
            liquidation_preference_multiple=preference,
            participating=participating,
            participation_cap_multiple=cap,
            conversion_ratio=ratio,
            allows_fractions=allows_fractions,
            board_approval_date=board_approval_date,
            stockholder_approval_date=stockholder_approval_date,
            created_at=now,
        )

    def quantity(self, value: str | Decimal, *, field: str = "quantity") -> Decimal:
        """``value`` as a quantity of this class: positive, whole unless it allows fractions."""
        quantity = Quantity.of(value, field=field).positive(field=field)
        if not self.allows_fractions:
            quantity.whole(field=field)
        return quantity.value

    def certificate_number(self, n: int) -> str:
        """The ``n``-th certificate of the class: ``CS-0001``."""
        return f"{self.certificate_prefix}-{n:04d}"

    def as_converted(self, quantity: Decimal) -> Decimal:
        """What ``quantity`` shares count as on a fully diluted (as-converted) basis."""
        return quantity * self.conversion_ratio


def _amount(value: str | Decimal, name: str, *, positive: bool) -> Decimal:
    number = Quantity.of(value, field=name).value
    if number < 0 or (positive and number == 0):
        raise invalid_field(
            name, "must be greater than zero" if positive else "must not be negative"
        )
    return number


def _per_share(value: str | Decimal | None, name: str) -> Decimal | None:
    """A par value or price per share: up to ``PRICE_PLACES`` places (``0.00001``)."""
    return None if value is None else per_share_amount(value, name)


def _optional(value: str | Decimal | None, name: str) -> Decimal | None:
    if value is None:
        return None
    number = to_decimal(value, field=name)
    if number < 0:
        raise invalid_field(name, "must not be negative")
    return number
