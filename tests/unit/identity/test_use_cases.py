"""Identity use cases over in-memory fakes: login and lockout, refresh rotation and reuse,
one-time code limits, and the bearer authenticator."""

from __future__ import annotations

import pytest

from domain.identity.errors import (
    InvalidCredentials,
    OtpCooldown,
    OtpDailyLimit,
    RefreshReused,
    TokenRevoked,
)
from domain.identity.otp import OtpPurpose
from domain.identity.security_event import SecurityEventKind
from domain.shared.errors import RateLimited
from tests.unit.identity.fakes import FakeUnitOfWork
from tests.unit.identity.kit import PASSWORD, Kit
from usecases.identity.authentication.login import Login
from usecases.identity.authentication.refresh_token import RefreshToken
from usecases.identity.public.authenticator import RequestOrigin

ORIGIN = RequestOrigin(ip="203.0.113.7", user_agent="test-agent", request_id="r1")


def login(identifier: str, password: str = PASSWORD, device_id: str | None = None) -> Login:
    return Login(identifier=identifier, password=password, device_id=device_id, origin=ORIGIN)


async def test_a_good_login_starts_a_session_and_records_it() -> None:
    kit = Kit()
    user = kit.add_user()
    outcome = await kit.login().execute(login("+91 98765 43210"))
    assert outcome.tokens is not None
    kinds = [e.kind for e in kit.world.activity]
    assert kinds == [SecurityEventKind.NEW_DEVICE, SecurityEventKind.LOGIN_SUCCEEDED]
    actor = await kit.authenticator().from_bearer(outcome.tokens.access_token, ORIGIN)
    assert actor.user_id == user.id
    assert actor.session_id == str(outcome.tokens.session_id)


async def test_the_fifth_failure_locks_and_tells_the_owner_once() -> None:
    kit = Kit()
    user = kit.add_user()
    for _ in range(6):
        with pytest.raises(InvalidCredentials):
            await kit.login().execute(login(user.email, "wrong"))
    assert kit.world.users[user.id].is_locked(kit.clock.now())
    assert [n.template for n in kit.world.sent] == ["identity.lockout"]
    reasons = [e.reason for e in kit.world.activity if e.kind is SecurityEventKind.LOGIN_FAILED]
    assert reasons == ["wrong_password"] * 5 + ["locked"]
    with pytest.raises(InvalidCredentials):
        await kit.login().execute(login(user.email))
    kit.advance(minutes=31)
    assert (await kit.login().execute(login(user.email))).tokens is not None


async def test_an_unknown_account_fails_like_a_wrong_password_and_is_recorded() -> None:
    kit = Kit()
    with pytest.raises(InvalidCredentials) as unknown:
        await kit.login().execute(login("ghost@example.com"))
    kit.add_user()
    with pytest.raises(InvalidCredentials) as wrong:
        await kit.login().execute(login("asha@example.com", "wrong"))
    assert unknown.value.detail == wrong.value.detail
    assert kit.world.activity[0].reason == "unknown_account"
    assert kit.world.activity[0].user_id is None


async def test_logins_are_throttled_per_account() -> None:
    kit = Kit()
    user = kit.add_user()
    for _ in range(10):
        await kit.login().execute(login(user.email))
    with pytest.raises(RateLimited) as limited:
        await kit.login().execute(login(user.email))
    assert limited.value.retry_after_seconds >= 1


async def test_a_new_device_is_announced_a_known_one_is_not() -> None:
    kit = Kit()
    kit.add_user()
    await kit.login().execute(login("asha@example.com", device_id="laptop"))
    await kit.login().execute(login("asha@example.com", device_id="laptop"))
    await kit.login().execute(login("asha@example.com", device_id="phone"))
    assert [n.template for n in kit.world.sent] == ["identity.new_device", "identity.new_device"]


async def test_refresh_rotates_and_a_reused_token_ends_the_family() -> None:
    kit = Kit()
    kit.add_user()
    first = (await kit.login().execute(login("asha@example.com"))).tokens
    assert first is not None
    second = await kit.refresh().execute(
        RefreshToken(refresh_token=first.refresh_token, origin=ORIGIN)
    )
    assert second.session_id == first.session_id
    with pytest.raises(RefreshReused):
        await kit.refresh().execute(RefreshToken(refresh_token=first.refresh_token, origin=ORIGIN))
    with pytest.raises(TokenRevoked):
        await kit.refresh().execute(RefreshToken(refresh_token=second.refresh_token, origin=ORIGIN))
    with pytest.raises(TokenRevoked):
        await kit.authenticator().from_bearer(second.access_token, ORIGIN)
    assert "identity.refresh_reuse" in [n.template for n in kit.world.sent]


async def test_codes_respect_the_cooldown_and_the_daily_cap() -> None:
    kit = Kit()
    async with FakeUnitOfWork(kit.world) as uow:
        issue = {"purpose": OtpPurpose.REGISTRATION, "destination": "a@example.com", "subject": "s"}
        await kit.codes.issue(uow, **issue)
        with pytest.raises(OtpCooldown) as cooldown:
            await kit.codes.issue(uow, **issue)
        assert cooldown.value.retry_after_seconds == 60
        for _ in range(9):
            kit.advance(seconds=61)
            await kit.codes.issue(uow, **issue)
        kit.advance(seconds=61)
        with pytest.raises(OtpDailyLimit):
            await kit.codes.issue(uow, **issue)


async def test_tokens_issued_before_logout_everywhere_stop_working() -> None:
    kit = Kit()
    user = kit.add_user()
    tokens = (await kit.login().execute(login(user.email))).tokens
    assert tokens is not None
    kit.advance(seconds=5)
    kit.world.users[user.id].end_all_sessions(kit.clock.now())
    await kit.access.forget(user.id)
    with pytest.raises(TokenRevoked):
        await kit.authenticator().from_bearer(tokens.access_token, ORIGIN)
