"""My own profile."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.profile.views import UserView


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMe:
    actor: Actor


class GetMeHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetMe) -> UserView:
        user_id = own_account(cmd.actor)
        async with self._uow as uow:
            user = await uow.users.get(user_id)
            credential = await uow.totp.get(user_id)
        if user is None:
            raise Unauthenticated("this account no longer exists", code="token_revoked")
        return UserView.of(user, two_factor_enabled=credential is not None and credential.enabled)
