"""Schemas of the cap table API. Quantities of shares are decimal strings (``"1000"``,
``"12.5"`` where a class allows fractions), never numbers; prices are money in the issuer's
currency; dates are ISO dates. Field names follow the domain, which follows OCF 1.2."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Final
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)

from adapters.http.domain_rules import domain_rule
from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import (
    PricePerShare,
    PricePerShareInput,
    ReadModel,
)
from adapters.http.temporal import IsoDate
from domain.captable.events import (
    Cancellation,
    CapTableEvent,
    Conversion,
    EventKind,
    Issuance,
    Repurchase,
    Transfer,
)
from domain.captable.issuer import AddressType, FeePayer, check_currency
from domain.captable.security import SecurityStatus
from domain.captable.share_class import ClassType
from domain.captable.stakeholder import Stakeholder, StakeholderType
from domain.shared.money import Money as DomainMoney
from domain.shared.pagination import Page
from domain.shared.quantity import Quantity

SHARES_PATTERN: Final = r"^[0-9]{1,20}(\.[0-9]{1,8})?$"


def _shares_text(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


# A quantity of shares in a response: the exact decimal, without trailing zeros.
Shares = Annotated[
    Decimal,
    PlainSerializer(_shares_text, return_type=str),
    WithJsonSchema({"type": "string", "pattern": SHARES_PATTERN, "examples": ["1000"]}),
]
# A percentage at two places: "33.34".
Percent = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,3}\.[0-9]{2}$", "examples": ["25.00"]}),
]


def _positive_shares(value: str) -> None:
    Quantity.of(value).positive()


SharesInput = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=SHARES_PATTERN,
        description="A positive decimal string of shares; whole unless the class allows "
        "fractions (at most 8 places).",
    ),
    domain_rule(_positive_shares),
]
RatioInput = Annotated[
    str,
    Field(min_length=1, max_length=40, pattern=SHARES_PATTERN, description="A positive decimal."),
    domain_rule(_positive_shares),
]
NumberInput = Annotated[
    str,
    Field(min_length=1, max_length=40, pattern=SHARES_PATTERN, description="A decimal >= 0."),
]
CurrencyCode = Annotated[
    str,
    Field(min_length=3, max_length=3, description="ISO 4217, e.g. USD"),
    domain_rule(check_currency),
]
Text = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=2000)]


class AddressCreate(BaseModel):
    address_type: AddressType
    street_suite: Annotated[str, Field(max_length=200)] | None = None
    city: Annotated[str, Field(max_length=100)] | None = None
    country_subdivision: Annotated[str, Field(max_length=3)] | None = None
    country: Annotated[str, Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")]
    postal_code: Annotated[str, Field(max_length=20)] | None = None


class TaxIdCreate(BaseModel):
    tax_id: Annotated[str, Field(min_length=1, max_length=64)]
    country: Annotated[str, Field(min_length=2, max_length=2)]


class AddressRead(ReadModel):
    address_type: AddressType
    street_suite: str | None
    city: str | None
    country_subdivision: str | None
    country: str
    postal_code: str | None


class TaxIdRead(ReadModel):
    tax_id: str
    country: str


class IssuerCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "legal_name": "Acme Robotics, Inc.",
                    "formation_date": "2021-03-04",
                    "country_of_formation": "US",
                    "country_subdivision_of_formation": "DE",
                    "currency": "USD",
                    "tax_ids": [{"tax_id": "12-3456789", "country": "US"}],
                }
            ]
        }
    )

    legal_name: Text
    formation_date: IsoDate
    country_of_formation: Annotated[str, Field(min_length=2, max_length=2)]
    country_subdivision_of_formation: Annotated[str, Field(min_length=1, max_length=3)] | None = (
        None
    )
    currency: CurrencyCode
    tax_ids: Annotated[list[TaxIdCreate], Field(max_length=10)] = []
    addresses: Annotated[list[AddressCreate], Field(max_length=10)] = []
    rofr_window_days: Annotated[StrictInt, Field(ge=0, le=365)] = 30
    transfer_fee_rate: Annotated[
        str, Field(pattern=r"^0(\.[0-9]{1,8})?$", description="A fraction: 0.025 is 2.5 %.")
    ] = "0.025"
    transfer_fee_payer: FeePayer = FeePayer.SELLER


_ISSUER_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "legal_name": "Acme Robotics, Inc.",
    "formation_date": "2021-03-04",
    "country_of_formation": "US",
    "country_subdivision_of_formation": "DE",
    "tax_ids": [{"tax_id": "12-3456789", "country": "US"}],
    "addresses": [],
    "currency": "USD",
    "rofr_window_days": 30,
    "transfer_fee_rate": "0.025",
    "transfer_fee_payer": "seller",
    "event_sequence": 12,
    "latest_event_date": "2026-11-02",
    "created_at": "2026-11-22T10:15:00Z",
}


class IssuerRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ISSUER_EXAMPLE]})

    id: UUID
    legal_name: str
    formation_date: dt.date
    country_of_formation: str
    country_subdivision_of_formation: str | None
    tax_ids: list[TaxIdRead]
    addresses: list[AddressRead]
    currency: str
    rofr_window_days: int
    transfer_fee_rate: Shares
    transfer_fee_payer: FeePayer
    event_sequence: int = Field(description="The number of events in its history so far.")
    latest_event_date: dt.date | None
    created_at: dt.datetime


class IssuerPage(ReadModel):
    model_config = page_config(IssuerRead)

    items: list[IssuerRead]
    next_cursor: NextCursor


class ShareClassCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Common Stock",
                    "class_type": "common",
                    "certificate_prefix": "CS",
                    "initial_shares_authorized": "10000000",
                    "par_value": "0.0001",
                },
                {
                    "name": "Series A Preferred",
                    "class_type": "preferred",
                    "certificate_prefix": "PA",
                    "initial_shares_authorized": "2000000",
                    "price_per_share": "1.25",
                    "seniority": 2,
                    "liquidation_preference_multiple": "1",
                    "conversion_ratio": "1",
                },
            ]
        }
    )

    name: Text
    class_type: ClassType
    certificate_prefix: Annotated[
        str, Field(min_length=1, max_length=4, description="1 to 4 capital letters: CS, PA.")
    ]
    initial_shares_authorized: NumberInput
    par_value: PricePerShareInput | None = None
    price_per_share: PricePerShareInput | None = None
    votes_per_share: NumberInput = "1"
    seniority: Annotated[StrictInt, Field(ge=1, le=100, description="1 is paid last.")] = 1
    liquidation_preference_multiple: NumberInput = "1"
    participating: StrictBool = False
    participation_cap_multiple: NumberInput | None = None
    conversion_ratio: RatioInput = Field(
        default="1", description="Common shares one share converts into."
    )
    allows_fractions: StrictBool = False
    board_approval_date: IsoDate | None = None
    stockholder_approval_date: IsoDate | None = None


_CLASS_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "name": "Common Stock",
    "class_type": "common",
    "certificate_prefix": "CS",
    "initial_shares_authorized": "10000000",
    "authorized_shares": "12000000",
    "par_value": "0.0001",
    "price_per_share": None,
    "votes_per_share": "1",
    "seniority": 1,
    "liquidation_preference_multiple": "1",
    "participating": False,
    "participation_cap_multiple": None,
    "conversion_ratio": "1",
    "allows_fractions": False,
    "board_approval_date": None,
    "stockholder_approval_date": None,
    "created_at": "2026-11-22T10:15:00Z",
}


class ShareClassRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CLASS_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    name: str
    class_type: ClassType
    certificate_prefix: str
    initial_shares_authorized: Shares
    authorized_shares: Shares = Field(description="After every authorized-shares adjustment.")
    par_value: Shares | None
    price_per_share: Shares | None
    votes_per_share: Shares
    seniority: int
    liquidation_preference_multiple: Shares
    participating: bool
    participation_cap_multiple: Shares | None
    conversion_ratio: Shares
    allows_fractions: bool
    board_approval_date: dt.date | None
    stockholder_approval_date: dt.date | None
    created_at: dt.datetime


class ShareClassPage(ReadModel):
    model_config = page_config(ShareClassRead)

    items: list[ShareClassRead]
    next_cursor: NextCursor


class StakeholderCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "legal_name": "Priya Sharma",
                    "stakeholder_type": "individual",
                    "email": "priya@example.com",
                    "issuer_assigned_id": "Employee-1",
                }
            ]
        }
    )

    legal_name: Text
    stakeholder_type: StakeholderType
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=32)] | None = None
    address: AddressCreate | None = None
    issuer_assigned_id: Annotated[str, Field(max_length=100)] | None = None


_STAKEHOLDER_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "legal_name": "Priya Sharma",
    "stakeholder_type": "individual",
    "email": "priya@example.com",
    "phone": None,
    "address": None,
    "issuer_assigned_id": "Employee-1",
    "linked_to_user": True,
    "created_at": "2026-11-22T10:15:00Z",
}


class StakeholderRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_STAKEHOLDER_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    legal_name: str
    stakeholder_type: StakeholderType
    email: str | None
    phone: str | None
    address: AddressRead | None
    issuer_assigned_id: str | None
    linked_to_user: bool = Field(description="A platform user sees these holdings as theirs.")
    created_at: dt.datetime

    @classmethod
    def of(cls, source: Any) -> StakeholderRead:
        return cls.taking(source, linked_to_user=source.user_id is not None)


class StakeholderPage(ReadModel):
    model_config = page_config(StakeholderRead)

    items: list[StakeholderRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, page: Page[Stakeholder]) -> StakeholderPage:
        """Each item through ``StakeholderRead.of`` (it derives ``linked_to_user``)."""
        return cls.taking(page, items=[StakeholderRead.of(s) for s in page.items])


class StakeholderLinkUpdate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"user_code": "USR-7K2M9Q"}]})

    user_code: Annotated[str, Field(min_length=1, max_length=20, description="USR-7K2M9Q")]


_SECURITY_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
    "stakeholder_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
    "certificate_number": "CS-0001",
    "quantity": "1000000",
    "issue_date": "2026-01-15",
    "status": "outstanding",
    "source_security_id": None,
    "created_by_event_id": "0193a2c4-5d6e-7c3b-9a10-5d7e8f9a0b1c",
    "consumed_by_event_id": None,
    "consumed_on": None,
    "stock_legend_ids": [],
}


class SecurityRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_SECURITY_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    stock_class_id: UUID
    stakeholder_id: UUID
    certificate_number: str
    quantity: Shares
    issue_date: dt.date
    status: SecurityStatus
    source_security_id: UUID | None = Field(description="The certificate it came from.")
    created_by_event_id: UUID
    consumed_by_event_id: UUID | None
    consumed_on: dt.date | None
    stock_legend_ids: list[UUID] = Field(
        description="The legends its certificate prints (its issuance's, kept through "
        "transfers, splits and conversions)."
    )


class SecurityPage(ReadModel):
    model_config = page_config(SecurityRead)

    items: list[SecurityRead]
    next_cursor: NextCursor


class LineageRead(ReadModel):
    security: SecurityRead
    ancestors: list[SecurityRead] = Field(description="Its source first, back to the issuance.")
    descendants: list[SecurityRead] = Field(description="What it became, generation by generation.")


class IssuanceCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "stakeholder_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
                    "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
                    "quantity": "1000000",
                    "date": "2026-01-15",
                    "share_price": "0.01",
                }
            ]
        }
    )

    stakeholder_id: UUID
    stock_class_id: UUID
    quantity: SharesInput
    date: IsoDate
    share_price: PricePerShareInput | None = Field(
        default=None, description="Per share, up to 10 decimal places (`0.0001`)."
    )
    board_approval_date: IsoDate | None = None
    consideration_text: LongText | None = None
    stock_legend_ids: list[UUID] = Field(
        default_factory=list,
        max_length=20,
        description="The issuer's stock legends its certificate prints, in this order.",
    )


class CancellationCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "security_id": "0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c",
                    "quantity": "100",
                    "date": "2026-02-01",
                    "reason_text": "Issued in error",
                }
            ]
        }
    )

    security_id: UUID
    quantity: SharesInput
    date: IsoDate
    reason_text: LongText


class RepurchaseCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "security_id": "0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c",
                    "quantity": "100",
                    "price": "1.50",
                    "date": "2026-02-01",
                }
            ]
        }
    )

    security_id: UUID
    quantity: SharesInput
    price: PricePerShareInput = Field(
        description="Per share, in the issuer's currency, up to 10 decimal places."
    )
    date: IsoDate
    consideration_text: LongText | None = None


class ConversionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "security_id": "0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c",
                    "quantity_converted": "100",
                    "to_stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
                    "date": "2026-02-01",
                }
            ]
        }
    )

    security_id: UUID
    quantity_converted: SharesInput
    to_stock_class_id: UUID
    date: IsoDate


class SplitCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
                    "split_ratio_numerator": "2",
                    "split_ratio_denominator": "1",
                    "date": "2026-02-01",
                }
            ]
        }
    )

    stock_class_id: UUID
    split_ratio_numerator: RatioInput
    split_ratio_denominator: RatioInput
    date: IsoDate


class AuthorizedSharesAdjustmentCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "new_shares_authorized": "12000000",
                    "board_approval_date": "2026-01-10",
                    "stockholder_approval_date": "2026-01-12",
                    "date": "2026-01-12",
                }
            ]
        }
    )

    new_shares_authorized: NumberInput
    board_approval_date: IsoDate
    stockholder_approval_date: IsoDate | None = None
    date: IsoDate
    comments: LongText | None = None


_EVENT_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-5d6e-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "sequence": 1,
    "kind": "issuance",
    "date": "2026-01-15",
    "recorded_at": "2026-11-22T10:15:00Z",
    "currency": "USD",
    "security_id": None,
    "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
    "quantity": "1000000",
    "share_price": "0.01",
    "price": None,
    "reason_text": None,
    "to_stock_class_id": None,
    "new_shares_authorized": None,
    "board_approval_date": None,
    "stockholder_approval_date": None,
    "split_ratio_numerator": None,
    "split_ratio_denominator": None,
    "consumed_security_ids": [],
    "resulting_securities": [_SECURITY_EXAMPLE],
}


class CapTableEventRead(ReadModel):
    """One event of the history; the fields that do not apply to its kind are null."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EVENT_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    sequence: int
    kind: EventKind
    date: dt.date
    recorded_at: dt.datetime
    currency: str | None = Field(description="The currency of its price; null without one.")
    security_id: UUID | None = Field(description="The security it consumed (one-security kinds).")
    stock_class_id: UUID | None
    quantity: Shares | None = Field(description="Shares issued, cancelled, repurchased, moved.")
    share_price: PricePerShare | None
    price: PricePerShare | None
    reason_text: str | None
    to_stock_class_id: UUID | None
    new_shares_authorized: Shares | None
    board_approval_date: dt.date | None
    stockholder_approval_date: dt.date | None
    split_ratio_numerator: Shares | None
    split_ratio_denominator: Shares | None
    consumed_security_ids: list[UUID]
    resulting_securities: list[SecurityRead] = Field(
        description="The certificates it created, a balance certificate last."
    )

    @classmethod
    def of_event(cls, event: CapTableEvent) -> CapTableEventRead:
        price: DomainMoney | None = getattr(event, "share_price", None) or getattr(
            event, "price", None
        )
        quantity: Decimal | None = None
        if isinstance(event, Issuance):
            quantity = event.security.quantity
        elif isinstance(event, Cancellation | Repurchase | Transfer):
            quantity = event.quantity
        elif isinstance(event, Conversion):
            quantity = event.quantity_converted
        return cls.model_validate(
            {
                "id": event.id,
                "issuer_id": event.issuer_id,
                "sequence": event.sequence,
                "kind": event.kind,
                "date": event.date,
                "recorded_at": event.recorded_at,
                "currency": None if price is None else price.currency.code,
                "security_id": getattr(event, "security_id", None),
                "stock_class_id": (
                    event.security.stock_class_id
                    if isinstance(event, Issuance)
                    else getattr(event, "stock_class_id", None)
                ),
                "quantity": quantity,
                "share_price": _amount(getattr(event, "share_price", None)),
                "price": _amount(getattr(event, "price", None)),
                "reason_text": getattr(event, "reason_text", None),
                "to_stock_class_id": getattr(event, "to_stock_class_id", None),
                "new_shares_authorized": getattr(event, "new_shares_authorized", None),
                "board_approval_date": getattr(event, "board_approval_date", None),
                "stockholder_approval_date": getattr(event, "stockholder_approval_date", None),
                "split_ratio_numerator": getattr(event, "split_ratio_numerator", None),
                "split_ratio_denominator": getattr(event, "split_ratio_denominator", None),
                "consumed_security_ids": list(event.consumed_ids),
                "resulting_securities": [SecurityRead.of(s) for s in event.created],
            }
        )


def _amount(money: DomainMoney | None) -> Decimal | None:
    return None if money is None else money.amount


class CapTableEventPage(ReadModel):
    model_config = page_config(CapTableEventRead)

    items: list[CapTableEventRead]
    next_cursor: NextCursor


class ClassQuantityRead(ReadModel):
    stock_class_id: UUID
    quantity: Shares
    certificates: int


class HolderRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "stakeholder_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
                    "legal_name": "Priya Sharma",
                    "holdings": [
                        {
                            "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
                            "quantity": "1000000",
                            "certificates": 1,
                        }
                    ],
                    "outstanding": "1000000",
                    "fully_diluted": "1000000",
                    "outstanding_percent": "40.00",
                    "fully_diluted_percent": "33.33",
                    "certificates": 1,
                }
            ]
        }
    )

    stakeholder_id: UUID
    legal_name: str
    holdings: list[ClassQuantityRead]
    outstanding: Shares
    fully_diluted: Shares = Field(description="Preferred counted as converted into common.")
    outstanding_percent: Percent
    fully_diluted_percent: Percent
    certificates: int


class HolderPage(ReadModel):
    model_config = page_config(HolderRead)

    items: list[HolderRead]
    next_cursor: NextCursor


class ClassHoldingRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
                    "name": "Common Stock",
                    "class_type": "common",
                    "authorized_shares": "10000000",
                    "outstanding": "2500000",
                    "fully_diluted": "2500000",
                }
            ]
        }
    )

    stock_class_id: UUID
    name: str
    class_type: ClassType
    authorized_shares: Shares
    outstanding: Shares
    fully_diluted: Shares


class ClassHoldingPage(ReadModel):
    model_config = page_config(ClassHoldingRead)

    items: list[ClassHoldingRead]
    next_cursor: NextCursor


class CapTableSummaryRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    "as_of": None,
                    "event_sequence": 12,
                    "classes": [ClassHoldingRead.model_config["json_schema_extra"]["examples"][0]],  # type: ignore[index]
                    "outstanding": "2500000",
                    "fully_diluted": "3500000",
                    "stakeholders_holding": 9,
                    "plan_reserved": "1000000",
                }
            ]
        }
    )

    issuer_id: UUID
    as_of: dt.date | None = Field(
        description="The date it is the cap table at the end of; null: now."
    )
    event_sequence: int = Field(
        description="The events it reflects (all of them when as_of is null)."
    )
    classes: list[ClassHoldingRead]
    outstanding: Shares
    fully_diluted: Shares = Field(
        description="Every class as converted into common, plus the stock plans' reserves."
    )
    stakeholders_holding: int
    plan_reserved: Shares = Field(
        description="Shares the stock plans reserve for grants (plans approved by `as_of`)."
    )


class MyHoldingRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                    "issuer_name": "Acme Robotics, Inc.",
                    "stakeholder_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
                    "stock_class_id": "0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c",
                    "class_name": "Common Stock",
                    "quantity": "25000",
                    "certificates": 1,
                }
            ]
        }
    )

    issuer_id: UUID
    issuer_name: str
    stakeholder_id: UUID
    stock_class_id: UUID
    class_name: str
    quantity: Shares
    certificates: int


class MyHoldingPage(ReadModel):
    model_config = page_config(MyHoldingRead)

    items: list[MyHoldingRead]
    next_cursor: NextCursor


class CertificateVerificationRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "certificate_number": "CS-0001",
                    "class_name": "Common Stock",
                    "quantity": "1000000",
                    "status": "outstanding",
                    "issue_date": "2026-01-15",
                    "issuer_name": "Acme Robotics, Inc.",
                }
            ]
        }
    )

    certificate_number: str
    class_name: str
    quantity: Shares
    status: SecurityStatus
    issue_date: dt.date
    issuer_name: str
