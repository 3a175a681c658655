"""An Aadhaar OTP is replaced while the provider is checking the old one: the user asks for a
new OTP (over the API) while their verify call is with the provider. The verify's write
transaction sees another OTP in flight and answers 409 ``aadhaar_otp_superseded``: the old
answer neither verifies the step nor counts a wrong attempt against the new OTP, which still
works. No timing: the new request runs to completion inside the provider call."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.kyc import adapters
from infrastructure.wiring import kyc as kyc_wiring
from tests.support.accounts import Account, Accounts, assert_problem

KYC = "/api/v1/kyc"
AADHAAR = {"aadhaar_number": "234123412346", "name": "Asha Verma", "date_of_birth": "1990-04-12"}


class Interrupting:
    """The sandbox provider; ``during_verify`` (once) runs while an OTP check is in progress."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.during_verify: Callable[[], Awaitable[None]] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def verify_aadhaar_otp(self, *args: Any, **kwargs: Any) -> Any:
        hook, self.during_verify = self.during_verify, None
        if hook is not None:
            await hook()
        return await self._inner.verify_aadhaar_otp(*args, **kwargs)


class Providers:
    """Every KYC provider the wiring built; the app under test uses the latest."""

    def __init__(self) -> None:
        self.built: list[Interrupting] = []

    def build(self, settings: Settings) -> Interrupting:
        self.built.append(Interrupting(adapters.build_kyc_provider(settings)))
        return self.built[-1]

    @property
    def latest(self) -> Interrupting:
        return self.built[-1]


@pytest.fixture(autouse=True)
def providers(monkeypatch: pytest.MonkeyPatch) -> Providers:
    """Installed before the app is built, so the KYC wiring hands it to the use cases."""
    providers = Providers()
    monkeypatch.setattr(kyc_wiring, "build_kyc_provider", providers.build)
    return providers


async def otp_row(container: Container, who: Account) -> dict[str, Any]:
    async with container.engine.connect() as connection:
        row = (
            await connection.execute(
                text(
                    "SELECT state, otp_reference, otp_attempts FROM kyc_aadhaar"
                    " WHERE user_id = :user"
                ),
                {"user": who.user["id"]},
            )
        ).one()
    return dict(row._mapping)


@pytest.mark.parametrize("otp", ["123456", "654321"], ids=["right", "wrong"])
async def test_an_otp_replaced_during_its_check_is_superseded_and_counts_nothing(
    client: httpx.AsyncClient,
    accounts: Accounts,
    container: Container,
    providers: Providers,
    otp: str,
) -> None:
    alice = await accounts.register()
    submitted = await client.post(f"{KYC}/aadhaar", headers=alice.headers, json=AADHAAR)
    assert submitted.status_code == 200, submitted.text
    assert (await client.post(f"{KYC}/aadhaar/otp", headers=alice.headers)).status_code == 200
    first = (await otp_row(container, alice))["otp_reference"]

    async def ask_for_a_new_otp() -> None:
        again = await client.post(f"{KYC}/aadhaar/otp", headers=alice.headers)
        assert again.status_code == 200, again.text

    providers.latest.during_verify = ask_for_a_new_otp
    checked = await client.post(
        f"{KYC}/aadhaar/otp/verify", headers=alice.headers, json={"otp": otp}
    )
    assert_problem(checked, 409, "aadhaar_otp_superseded")
    row = await otp_row(container, alice)
    assert row["otp_reference"] != first  # the new OTP is the one in flight
    assert row["otp_attempts"] == 0
    assert row["state"] != "verified"

    verified = await client.post(
        f"{KYC}/aadhaar/otp/verify", headers=alice.headers, json={"otp": "123456"}
    )
    assert verified.status_code == 200, verified.text
    assert verified.json()["state"] == "verified"
