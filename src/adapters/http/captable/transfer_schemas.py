"""Schemas of the share-transfer workflow. Quantities of shares are decimal strings; the price
per share, the total and the fee are money in the issuer's currency (the ``Money`` component)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Final
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import Money, PricePerShare, PricePerShareInput, ReadModel
from domain.captable.share_transfer import (
    RofrOutcome,
    Settlement,
    ShareTransfer,
    TransferStatus,
)
from domain.shared.pagination import Page

SHARES_PATTERN: Final = r"^[0-9]{1,20}(\.[0-9]{1,8})?$"

TransferShares = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{v.normalize():f}" if v else "0", return_type=str),
    WithJsonSchema({"type": "string", "pattern": SHARES_PATTERN, "examples": ["2500"]}),
]
TransferSharesInput = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=SHARES_PATTERN,
        description="A positive decimal string of shares; whole unless the class allows "
        "fractions (at most 8 places).",
    ),
]

_IDS = {
    "issuer": "0193a2c4-0a1b-7c3b-9a10-5d7e8f9a0b1c",
    "security": "0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c",
    "seller": "0193a2c4-2b3c-7c3b-9a10-5d7e8f9a0b1c",
    "buyer": "0193a2c4-3c4d-7c3b-9a10-5d7e8f9a0b1c",
}


class ShareTransferCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "security_id": _IDS["security"],
                    "buyer_id": _IDS["buyer"],
                    "quantity": "2500",
                    "price_per_share": "4.20",
                }
            ]
        }
    )

    security_id: UUID = Field(description="The seller's certificate the shares come from.")
    buyer_id: UUID = Field(description="The stakeholder of the issuer who buys.")
    quantity: TransferSharesInput
    price_per_share: PricePerShareInput = Field(
        description="In the issuer's currency, up to 10 decimal places (`0.0001`); the total "
        "and the fee are rounded half-even to the currency's minor unit."
    )


class RofrExerciseCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"purchaser_id": _IDS["buyer"]}]})

    purchaser_id: UUID = Field(
        description="The stakeholder who buys on the noticed terms: the company's own or its "
        "assignee."
    )


class TransferRejectionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "The buyer is a competitor of the company."}]}
    )

    reason: str = Field(min_length=1, max_length=500)


_TRANSFER_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-9f0e-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": _IDS["issuer"],
    "reference": "TRF-0001",
    "status": "completed",
    "rofr": "waived",
    "seller_id": _IDS["seller"],
    "buyer_id": _IDS["buyer"],
    "noticed_buyer_id": _IDS["buyer"],
    "source_security_id": _IDS["security"],
    "quantity": "2500",
    "currency": "USD",
    "price_per_share": "4.20",
    "total_price": "10500.00",
    "created_at": "2026-11-02T09:00:00Z",
    "submitted_at": "2026-11-02T09:05:00Z",
    "rofr_deadline": "2026-12-02T09:05:00Z",
    "expires_at": "2027-01-31T09:05:00Z",
    "approved_by": "0193a2c4-7a8b-7c3b-9a10-5d7e8f9a0b1c",
    "decided_at": "2026-11-03T10:00:00Z",
    "reason": None,
    "completed_at": "2026-11-03T11:00:00Z",
    "settlement": "platform",
    "fee": "262.50",
    "fee_payer": "seller",
    "buyer_security_id": "0193a2c4-5d6e-7c3b-9a10-5d7e8f9a0b1c",
    "balance_security_id": "0193a2c4-6e7f-7c3b-9a10-5d7e8f9a0b1c",
    "journal_entry_id": "0193a2c4-8b9c-7c3b-9a10-5d7e8f9a0b1c",
}


class ShareTransferRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_TRANSFER_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    reference: str = Field(description="Numbered per issuer: TRF-0001.")
    status: TransferStatus
    rofr: RofrOutcome = Field(description="The right of first refusal: where it stands.")
    seller_id: UUID
    buyer_id: UUID = Field(description="Who buys: the purchaser once the right is exercised.")
    noticed_buyer_id: UUID = Field(description="The buyer the seller named.")
    source_security_id: UUID
    quantity: TransferShares
    currency: str
    price_per_share: PricePerShare
    total_price: Money = Field(description="Quantity times price, half-even to the minor unit.")
    created_at: datetime
    submitted_at: datetime | None
    rofr_deadline: datetime | None
    expires_at: datetime | None = Field(description="Unfinished past it, the transfer expires.")
    approved_by: UUID | None
    decided_at: datetime | None
    reason: str | None = Field(description="Why it was rejected.")
    completed_at: datetime | None
    settlement: Settlement | None = Field(
        description="Completed: `platform` (the price and fee moved between cash accounts in "
        "the ledger) or `off_platform` (the parties settle the price between them)."
    )
    fee: Money | None = Field(description="The platform's transfer fee, once completed.")
    fee_payer: str | None
    buyer_security_id: UUID | None
    balance_security_id: UUID | None
    journal_entry_id: UUID | None

    @classmethod
    def of(cls, *args: Any, **kwargs: Any) -> ShareTransferRead:
        (transfer,) = args
        assert isinstance(transfer, ShareTransfer)
        terms, done = transfer.terms, transfer.completion
        return cls.taking(
            transfer,
            buyer_id=terms.buyer_id,
            quantity=terms.quantity,
            currency=terms.price_per_share.currency.code,
            price_per_share=terms.price_per_share.amount,
            total_price=terms.total_price.amount,
            settlement=done.settlement if done else None,
            fee=done.fee.amount if done else None,
            fee_payer=done.fee_payer if done else None,
            buyer_security_id=done.buyer_security_id if done else None,
            balance_security_id=done.balance_security_id if done else None,
            journal_entry_id=done.journal_entry_id if done else None,
        )


class ShareTransferPage(ReadModel):
    model_config = page_config(ShareTransferRead)

    items: list[ShareTransferRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, *args: Any, **kwargs: Any) -> ShareTransferPage:
        """Each item through ``ShareTransferRead.of`` (it derives the terms' fields)."""
        (page,) = args
        assert isinstance(page, Page)
        return cls(
            items=[ShareTransferRead.of(t) for t in page.items], next_cursor=page.next_cursor
        )
