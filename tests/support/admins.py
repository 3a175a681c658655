"""Operators for API tests: a super admin made through the create-admin use case (the path of
``meridian create-admin``), then logged in over HTTP like anyone else."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from domain.shared.actor import Actor
from tests.support.accounts import PASSWORD, Account, Accounts, bearer
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler


async def super_admin(app: FastAPI, accounts: Accounts, password: str = PASSWORD) -> Account:
    email, mobile = accounts.new_contacts()
    handler = app.state.handlers.resolve(CreateAdminHandler)
    view = await handler.execute(
        CreateAdmin(actor=Actor.system(), email=email, mobile=mobile, password=password)
    )
    login = await accounts.login(email, password)
    assert login.status_code == 200, login.text
    admin = Account(
        email,
        mobile,
        password,
        {"id": str(view.id), "code": view.code},
        login.json()["session"]["tokens"],
    )
    await accounts.enable_two_factor(admin)  # platform admin roles require it
    return admin


async def relogin(accounts: Accounts, account: Account) -> Account:
    login = await accounts.sign_in(account)
    assert login.status_code == 200, login.text
    account.tokens = login.json()["session"]["tokens"]
    return account


async def grant_role(
    accounts: Accounts, admin: Account, user: Account, role: str, scope: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"role": role}
    if scope:
        body["scope"] = scope
    response = await accounts.client.post(
        f"/api/v1/users/{user.user['code']}/roles", headers=admin.headers, json=body
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def auth(account: Account) -> dict[str, str]:
    return bearer(account.tokens["access_token"])
