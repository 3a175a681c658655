"""Schemas of an issuer's stock legend templates and stock plans (OCF ``STOCK_LEGEND_TEMPLATE``,
``STOCK_PLAN``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.captable.schemas import NumberInput, Shares, Text
from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from adapters.http.temporal import IsoDate
from domain.captable.stock_plan import CancellationBehavior

Comment = Annotated[str, Field(min_length=1, max_length=2000)]


class StockLegendCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "1933 Act Legend",
                    "text": "THE SHARES REPRESENTED HEREBY HAVE NOT BEEN REGISTERED UNDER THE "
                    "SECURITIES ACT OF 1933...",
                }
            ]
        }
    )

    name: Text
    text: Annotated[str, Field(min_length=1, max_length=10_000)]
    comments: list[Comment] = Field(default_factory=list, max_length=20)


_LEGEND_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-6e7f-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "name": "1933 Act Legend",
    "text": "THE SHARES REPRESENTED HEREBY HAVE NOT BEEN REGISTERED UNDER THE SECURITIES ACT...",
    "comments": [],
    "created_at": "2026-11-22T10:15:00Z",
}


class StockLegendRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_LEGEND_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    name: str
    text: str = Field(description="One paragraph on the certificates of issuances naming it.")
    comments: list[str]
    created_at: dt.datetime


class StockLegendPage(ReadModel):
    model_config = page_config(StockLegendRead)

    items: list[StockLegendRead]
    next_cursor: NextCursor


class StockPlanCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "plan_name": "2021 Stock Incentive Plan",
                    "initial_shares_reserved": "1000000",
                    "stock_class_ids": ["0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c"],
                    "board_approval_date": "2021-06-01",
                    "default_cancellation_behavior": "RETURN_TO_POOL",
                }
            ]
        }
    )

    plan_name: Text
    initial_shares_reserved: NumberInput
    stock_class_ids: list[UUID] = Field(min_length=1, max_length=20)
    board_approval_date: IsoDate | None = None
    stockholder_approval_date: IsoDate | None = None
    default_cancellation_behavior: CancellationBehavior | None = None
    comments: list[Comment] = Field(default_factory=list, max_length=20)


_PLAN_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-7f80-7c3b-9a10-5d7e8f9a0b1c",
    "issuer_id": "0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "plan_name": "2021 Stock Incentive Plan",
    "initial_shares_reserved": "1000000",
    "stock_class_ids": ["0193a2c4-2a3b-7c3b-9a10-5d7e8f9a0b1c"],
    "board_approval_date": "2021-06-01",
    "stockholder_approval_date": None,
    "default_cancellation_behavior": "RETURN_TO_POOL",
    "comments": [],
    "created_at": "2026-11-22T10:15:00Z",
}


class StockPlanRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_PLAN_EXAMPLE]})

    id: UUID
    issuer_id: UUID
    plan_name: str
    initial_shares_reserved: Shares = Field(
        description="Shares reserved for grants; they count in the fully diluted view."
    )
    stock_class_ids: list[UUID]
    board_approval_date: dt.date | None
    stockholder_approval_date: dt.date | None
    default_cancellation_behavior: CancellationBehavior | None
    comments: list[str]
    created_at: dt.datetime


class StockPlanPage(ReadModel):
    model_config = page_config(StockPlanRead)

    items: list[StockPlanRead]
    next_cursor: NextCursor
