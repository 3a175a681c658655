"""Driving the identity API as a person would: register with the codes from the outbox, log in,
turn on two-factor with an authenticator computed from the secret."""

from __future__ import annotations

import itertools
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyotp

from infrastructure.container import Container
from tests.support.outbox import latest_variables

PASSWORD = "correct horse battery staple"
PROBLEM = "application/problem+json"
_numbers = itertools.count(1)


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


@dataclass
class Account:
    email: str
    mobile: str
    password: str
    user: dict[str, Any]
    tokens: dict[str, Any]
    # set once two-factor is on (``Accounts.enable_two_factor``): later logins answer the
    # challenge with a recovery code each
    recovery_codes: list[str] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.tokens["access_token"])

    def keyed(self, key: str | None = None) -> dict[str, str]:
        """Headers of a money-moving POST: the token and an ``Idempotency-Key`` (a new UUID
        unless given)."""
        return self.headers | {"Idempotency-Key": key or str(uuid.uuid4())}


class Accounts:
    def __init__(self, client: httpx.AsyncClient, container: Container) -> None:
        self.client = client
        self.container = container

    @staticmethod
    def new_contacts() -> tuple[str, str]:
        n = next(_numbers)
        return f"user{n}-{secrets.token_hex(3)}@example.com", f"+9198{secrets.randbelow(10**8):08d}"

    async def code(self, template: str, to: str) -> str:
        variables = await latest_variables(self.container.engine, template=template, to=to)
        return variables["code"]

    async def initiate(self, email: str, mobile: str, password: str = PASSWORD) -> httpx.Response:
        return await self.client.post(
            "/api/v1/auth/register/initiate",
            json={"email": email, "mobile": mobile, "password": password},
        )

    async def verify(self, registration_id: str, channel: str, code: str) -> httpx.Response:
        return await self.client.post(
            "/api/v1/auth/register/verify-otp",
            json={"registration_id": registration_id, "channel": channel, "code": code},
        )

    async def register(
        self, *, password: str = PASSWORD, device_id: str = "device-registration"
    ) -> Account:
        email, mobile = self.new_contacts()
        started = await self.initiate(email, mobile, password)
        assert started.status_code == 201, started.text
        registration_id = started.json()["id"]
        for channel, to in (("email", email), ("mobile", mobile)):
            code = await self.code("identity.registration_otp", to)
            verified = await self.verify(registration_id, channel, code)
            assert verified.status_code == 200, verified.text
        done = await self.client.post(
            "/api/v1/auth/register/basic-info",
            json={
                "registration_id": registration_id,
                "full_name": "Priya Sharma",
                "device_id": device_id,
            },
        )
        assert done.status_code == 201, done.text
        body = done.json()
        return Account(email, mobile, password, body["user"], body["tokens"])

    async def login(
        self, identifier: str, password: str = PASSWORD, *, device_id: str | None = None
    ) -> httpx.Response:
        payload: dict[str, Any] = {"identifier": identifier, "password": password}
        if device_id is not None:
            payload["device_id"] = device_id
        return await self.client.post("/api/v1/auth/login", json=payload)

    async def refresh(self, refresh_token: str) -> httpx.Response:
        return await self.client.post(
            "/api/v1/auth/token/refresh", json={"refresh_token": refresh_token}
        )

    def totp_now(self, secret: str, *, steps_ahead: int = 0) -> str:
        moment = self.container.clock.now().timestamp() + 30 * steps_ahead
        return pyotp.TOTP(secret).at(int(moment))

    async def enable_two_factor(self, account: Account) -> tuple[str, list[str]]:
        enrolled = await self.client.post("/api/v1/auth/2fa/enroll", headers=account.headers)
        assert enrolled.status_code == 201, enrolled.text
        secret = enrolled.json()["secret"]
        confirmed = await self.client.post(
            "/api/v1/auth/2fa/confirm",
            headers=account.headers,
            json={"code": self.totp_now(secret)},
        )
        assert confirmed.status_code == 200, confirmed.text
        codes: list[str] = confirmed.json()["recovery_codes"]
        account.recovery_codes = list(codes)
        return secret, codes

    async def sign_in(self, account: Account, **login: Any) -> httpx.Response:
        """Log ``account`` in, answering a two-factor challenge with one of its recovery codes
        (the answer is shaped like a login's: the verify response is its ``session``)."""
        response = await self.login(account.email, account.password, **login)
        if response.status_code != 200 or response.json().get("challenge_token") is None:
            return response
        verified = await self.client.post(
            "/api/v1/auth/login/verify-2fa",
            json={
                "challenge_token": response.json()["challenge_token"],
                "code": account.recovery_codes.pop(),
            },
        )
        assert verified.status_code == 200, verified.text
        return httpx.Response(200, json={"two_factor_required": False, "session": verified.json()})
