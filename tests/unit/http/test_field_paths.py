"""The error handler tells a client where it sent a field the core names (``amount`` ->
``body.amount``), from the matched route's own inputs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Header, Path, Query, UploadFile
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from adapters.http.field_paths import RequestFields


class Preference(BaseModel):
    topic: str
    enabled: bool = Field(alias="isEnabled")


class TransferCreate(BaseModel):
    amount: str
    bank_account_id: str = Field(alias="bankAccountId")
    preferences: list[Preference] = []


async def paging(cursor: Annotated[str | None, Query()] = None) -> str | None:
    return cursor


router = APIRouter()


@router.post("/accounts/{account_id}/transfers")
async def create_transfer(
    account_id: Annotated[str, Path()],
    body: TransferCreate,
    until: Annotated[str | None, Query()] = None,
    key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    cursor: Annotated[str | None, Depends(paging)] = None,
) -> None: ...


@router.post("/uploads")
async def upload(file: Annotated[UploadFile, File()]) -> None: ...


def _fields(path: str) -> RequestFields:
    route = next(r for r in router.routes if isinstance(r, APIRoute) and r.path == path)
    return RequestFields.of(route)


def test_a_field_is_found_where_the_route_takes_it() -> None:
    fields = _fields("/accounts/{account_id}/transfers")
    assert fields.path("amount") == "body.amount"
    assert fields.path("account_id") == "path.account_id"
    assert fields.path("until") == "query.until"
    assert fields.path("cursor") == "query.cursor"  # a dependency's parameter
    assert fields.path("key") == "header.Idempotency-Key"


def test_an_alias_is_what_the_client_sent_and_nested_names_follow_the_model() -> None:
    fields = _fields("/accounts/{account_id}/transfers")
    assert fields.path("bank_account_id") == "body.bankAccountId"
    assert fields.path("bankAccountId") == "body.bankAccountId"
    assert fields.path("preferences.1.enabled") == "body.preferences.1.isEnabled"
    assert fields.path("preferences.1.unknown") == "body.preferences.1.unknown"


def test_a_file_field_is_a_body_field() -> None:
    assert _fields("/uploads").path("file") == "body.file"


def test_a_name_the_request_does_not_have_is_left_as_it_is() -> None:
    fields = _fields("/accounts/{account_id}/transfers")
    assert fields.path("hold_id") == "hold_id"
    assert fields.path("header.Idempotency-Key") == "header.Idempotency-Key"
    assert RequestFields.of(None).path("amount") == "amount"  # no route matched


def test_the_detail_names_the_request_paths_too() -> None:
    fields = _fields("/accounts/{account_id}/transfers")
    detail = fields.detail(
        "amount: too large; hold_id: gone; until: not a date", ["amount", "until"]
    )
    assert detail == "body.amount: too large; hold_id: gone; query.until: not a date"
    assert fields.detail("the amount is not valid", ["amount"]) == "the amount is not valid"
