"""Platform admin roles (super_admin, admin) always require two-factor: until the holder turns
an authenticator on, the permissions of the role are held back. The demo super admin enrols on
first login like any other."""

from __future__ import annotations

import os

import httpx
from fastapi import FastAPI

from domain.shared.actor import Actor
from infrastructure.container import Container
from infrastructure.demo.identity import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_ADMIN_EMAIL,
    DEMO_PASSWORD_ENV,
    seed_demo_admin,
)
from tests.support.accounts import PASSWORD, Account, Accounts, assert_problem, bearer
from tests.support.admins import grant_role, super_admin
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler

USERS = "/api/v1/users"


async def _held_back_until_enrolled(accounts: Accounts, who: Account) -> None:
    refused = await accounts.client.get(USERS, headers=who.headers)
    assert_problem(refused, 403, "permission_denied")
    mine = await accounts.client.get(f"{USERS}/{who.user['code']}/permissions", headers=who.headers)
    assert mine.status_code == 200, mine.text
    assert mine.json()["suspended"] is True
    await accounts.enable_two_factor(who)
    allowed = await accounts.client.get(USERS, headers=who.headers)
    assert allowed.status_code == 200, allowed.text


async def test_a_new_super_admin_has_no_admin_permission_before_two_factor(
    app: FastAPI, accounts: Accounts
) -> None:
    email, mobile = accounts.new_contacts()
    handler = app.state.handlers.resolve(CreateAdminHandler)
    view = await handler.execute(
        CreateAdmin(actor=Actor.system(), email=email, mobile=mobile, password=PASSWORD)
    )
    login = await accounts.login(email)
    assert login.status_code == 200, login.text
    admin = Account(email, mobile, PASSWORD, {"code": view.code}, login.json()["session"]["tokens"])
    await _held_back_until_enrolled(accounts, admin)


async def test_a_user_made_admin_must_turn_two_factor_on(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    await grant_role(accounts, root, user, "admin")
    await _held_back_until_enrolled(accounts, user)


async def test_the_requirement_cannot_be_lifted_from_admin_roles(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    for role in ("admin", "super_admin"):
        lifted = await accounts.client.patch(
            f"/api/v1/roles/{role}", headers=root.headers, json={"require_two_factor": False}
        )
        body = assert_problem(lifted, 422, "two_factor_always_required")
        assert [e["field"] for e in body["errors"]] == ["body.require_two_factor"]
    catalog = await accounts.client.get("/api/v1/roles", headers=root.headers)
    required = {r["name"]: r["require_two_factor"] for r in catalog.json()["items"]}
    assert (required["admin"], required["super_admin"], required["investor"]) == (
        True,
        True,
        False,
    )


async def test_the_demo_super_admin_enrols_on_first_login(
    container: Container, accounts: Accounts, client: httpx.AsyncClient
) -> None:
    await seed_demo_admin(container)  # idempotent: may already be there
    password = os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)
    login = await accounts.login(DEMO_ADMIN_EMAIL, password)
    assert login.status_code == 200, login.text
    tokens = login.json()["session"]["tokens"]
    if tokens is None:  # a run of the suite before this one on this database enrolled it
        assert login.json()["challenge_token"]
        return
    me = await client.get(f"{USERS}/me", headers=bearer(tokens["access_token"]))
    demo = Account(DEMO_ADMIN_EMAIL, "", password, {"code": me.json()["code"]}, tokens)
    await _held_back_until_enrolled(accounts, demo)
