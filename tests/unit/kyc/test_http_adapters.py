"""The production HTTP KYC provider and bank rail against httpx's MockTransport: answers
mapped to the ports, retries with backoff on timeouts and 5xx, none on 4xx."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import httpx
import pytest
from pydantic import SecretStr

from infrastructure.bank_rail.http import HttpBankRail
from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.banking.public import build_bank_rail
from infrastructure.config.settings import Settings
from infrastructure.http_client.retrying import ClientConfig, RetryingJsonClient
from infrastructure.kyc.adapters import build_kyc_provider
from infrastructure.kyc.http_provider import HttpKycProvider
from usecases.banking.public import BankAccountNotFound, BankRailUnavailable
from usecases.kyc.ports import AadhaarOtpWrong, IfscUnknown, PanNotFound, ProviderUnavailable


class Upstream:
    """Answers in turn (the last one repeats), recording the requests and the backoff sleeps."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def client(self, retries: int = 3) -> RetryingJsonClient:
        config = ClientConfig(
            base_url="https://provider.test/v1",
            api_key=SecretStr("key-123"),
            retries=retries,
            backoff_seconds=0.5,
        )
        return RetryingJsonClient(config, transport=httpx.MockTransport(self), sleep=self.sleep)


def ok(body: dict[str, object], status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


async def test_the_provider_maps_answers_and_sends_the_bearer_key() -> None:
    upstream = Upstream(ok({"registered_name": "ASHA VERMA"}))
    provider = HttpKycProvider(upstream.client())
    record = await provider.verify_pan("ACUPA7085R", name="Asha Verma")
    assert record.registered_name == "ASHA VERMA"
    (request,) = upstream.requests
    assert request.url == "https://provider.test/v1/pan/verify"
    assert request.headers["Authorization"] == "Bearer key-123"
    assert json.loads(request.content) == {"pan": "ACUPA7085R", "name": "Asha Verma"}


async def test_the_provider_maps_not_found_and_wrong_otp_without_retrying() -> None:
    upstream = Upstream(ok({}, 404))
    provider = HttpKycProvider(upstream.client())
    with pytest.raises(PanNotFound):
        await provider.verify_pan("ABCPE1234X", name="Asha")
    with pytest.raises(IfscUnknown):
        await provider.lookup_ifsc("UTIB0009999")
    assert len(upstream.requests) == 2
    assert upstream.sleeps == []
    wrong = Upstream(ok({"code": "otp_wrong"}, 422))
    with pytest.raises(AadhaarOtpWrong):
        await HttpKycProvider(wrong.client()).verify_aadhaar_otp(
            "ref", "000000", name="Asha", date_of_birth=date(1990, 1, 1)
        )
    assert len(wrong.requests) == 1


async def test_timeouts_and_5xx_are_retried_with_exponential_backoff() -> None:
    upstream = Upstream(
        httpx.ReadTimeout("slow"),
        ok({}, 503),
        ok({"name": "ASHA", "date_of_birth": "1990-01-01"}),
    )
    provider = HttpKycProvider(upstream.client())
    record = await provider.verify_aadhaar_otp(
        "ref", "123456", name="Asha", date_of_birth=date(1990, 1, 1)
    )
    assert record.date_of_birth == date(1990, 1, 1)
    assert len(upstream.requests) == 3
    assert upstream.sleeps == [0.5, 1.0]


async def test_a_provider_that_keeps_failing_is_unavailable() -> None:
    upstream = Upstream(ok({}, 500))
    with pytest.raises(ProviderUnavailable):
        await HttpKycProvider(upstream.client(retries=2)).request_aadhaar_otp("234123412346")
    assert len(upstream.requests) == 3
    assert upstream.sleeps == [0.5, 1.0]
    odd = Upstream(ok({"unexpected": True}))
    with pytest.raises(ProviderUnavailable):
        await HttpKycProvider(odd.client()).lookup_ifsc("UTIB0002083")


async def test_the_bank_rail_penny_drops_and_maps_failures() -> None:
    upstream = Upstream(ok({"holder_name": "PRIYA SHARMA", "amount": "1.00", "reference": "r1"}))
    rail = HttpBankRail(upstream.client())
    result = await rail.penny_drop("001234567890", "HDFC0001098", reference="r1", name="Priya")
    assert (result.holder_name, result.amount, result.reference) == (
        "PRIYA SHARMA",
        Decimal("1.00"),
        "r1",
    )
    assert upstream.requests[0].url.path == "/v1/penny-drops"
    assert "001234567890" not in str(upstream.requests[0].url)  # never in a URL (access logs)
    with pytest.raises(BankAccountNotFound):
        await HttpBankRail(Upstream(ok({}, 404)).client()).penny_drop(
            "123456780404", "HDFC0001098", reference="r2"
        )
    down = Upstream(httpx.ConnectError("refused"))
    with pytest.raises(BankRailUnavailable):
        await HttpBankRail(down.client(retries=1)).penny_drop(
            "001234567890", "HDFC0001098", reference="r3"
        )
    assert len(down.requests) == 2


def test_settings_select_the_http_adapters_only_with_a_url_and_a_key() -> None:
    with pytest.raises(ValueError, match="KYC_PROVIDER=http needs"):
        Settings(_env_file=None, kyc_provider="http")
    with pytest.raises(ValueError, match="BANK_RAIL=http needs"):
        Settings(_env_file=None, bank_rail="http", bank_rail_url="https://rail.test")
    settings = Settings(
        _env_file=None,
        kyc_provider="http",
        kyc_provider_url="https://kyc.test",
        kyc_provider_api_key="k",
    )
    assert isinstance(build_kyc_provider(settings), HttpKycProvider)
    assert isinstance(build_bank_rail(settings), SandboxBankRail)
