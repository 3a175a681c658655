"""My linked bank accounts: link (penny drop and name match), list (masked), set primary,
remove."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Response

from adapters.http.auth import CurrentActor
from adapters.http.banking.schemas import (
    BankAccountPage,
    LinkedBankAccountCreate,
    LinkedBankAccountRead,
)
from adapters.http.errors import errors
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.banking.bank_accounts import (
    BankAccountAlreadyLinked,
    BankAccountInUse,
    BankAccountNotFound,
    BankAccountNotVerified,
    VerifiedNameRequired,
)
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.banking.link_bank_account import (
    BankRailDown,
    LinkBankAccount,
    LinkBankAccountHandler,
)
from usecases.banking.list_bank_accounts import ListBankAccounts, ListBankAccountsHandler
from usecases.banking.remove_bank_account import RemoveBankAccount, RemoveBankAccountHandler
from usecases.banking.set_primary_bank_account import (
    SetPrimaryBankAccount,
    SetPrimaryBankAccountHandler,
)

router = APIRouter(prefix="/banking/accounts", tags=["banking"])
AccountId = Annotated[UUID, Path(description="A linked bank account of mine.")]


@router.post(
    "",
    status_code=201,
    summary="Link a bank account: verified by a penny drop and a holder-name match",
    responses=errors(
        ValidationFailed, VerifiedNameRequired, BankAccountAlreadyLinked, BankRailDown
    ),
)
@access(AUTHENTICATED)
async def create_bank_account(
    body: LinkedBankAccountCreate,
    actor: CurrentActor,
    handler: Annotated[LinkBankAccountHandler, provide(LinkBankAccountHandler)],
) -> LinkedBankAccountRead:
    account = await handler.execute(
        LinkBankAccount(
            actor=actor,
            account_number=body.account_number,
            ifsc=body.ifsc,
            holder_name=body.holder_name,
        )
    )
    return LinkedBankAccountRead.of(account)


@router.get(
    "",
    summary="My linked bank accounts (masked), primary first, then oldest first",
    responses=errors(ValidationFailed),
)
@access(AUTHENTICATED)
async def list_bank_accounts(
    actor: CurrentActor,
    handler: Annotated[ListBankAccountsHandler, provide(ListBankAccountsHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> BankAccountPage:
    page = await handler.execute(ListBankAccounts(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(BankAccountPage, LinkedBankAccountRead.of, page)


@router.post(
    "/{account_id}/primary",
    summary="Make a verified account my primary one (withdrawals go there by default)",
    responses=errors(BankAccountNotFound, BankAccountNotVerified),
)
@access(AUTHENTICATED)
async def set_primary_bank_account(
    account_id: AccountId,
    actor: CurrentActor,
    handler: Annotated[SetPrimaryBankAccountHandler, provide(SetPrimaryBankAccountHandler)],
) -> LinkedBankAccountRead:
    account = await handler.execute(SetPrimaryBankAccount(actor=actor, account_id=account_id))
    return LinkedBankAccountRead.of(account)


@router.delete(
    "/{account_id}",
    status_code=204,
    summary="Remove a linked account (not while a withdrawal to it is pending)",
    responses=errors(BankAccountNotFound, BankAccountInUse),
)
@access(AUTHENTICATED)
async def delete_bank_account(
    account_id: AccountId,
    actor: CurrentActor,
    handler: Annotated[RemoveBankAccountHandler, provide(RemoveBankAccountHandler)],
) -> Response:
    await handler.execute(RemoveBankAccount(actor=actor, account_id=account_id))
    return Response(status_code=204)
