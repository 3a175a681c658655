"""My own profile: from the request's principal lookup when the cache holds it current (no
database round trip), else read from the database and cached (``me_cache.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from usecases.identity.access_control.account_guard import own_account_read
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.profile import me_cache
from usecases.identity.profile.me_cache import ProfileCache
from usecases.identity.profile.views import UserView


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMe:
    actor: Actor


class GetMeHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, profiles: ProfileCache) -> None:
        self._uow = uow
        self._profiles = profiles

    async def execute(self, cmd: GetMe) -> UserView:
        user_id = own_account_read(cmd.actor)
        seen = me_cache.take(user_id)
        if seen is not None and seen.view is not None:
            return seen.view
        async with self._uow as uow:
            user = await uow.users.get(user_id)
            credential = await uow.totp.get(user_id)
        if user is None:
            raise Unauthenticated("this account no longer exists", code="token_revoked")
        view = UserView.of(user, two_factor_enabled=credential is not None and credential.enabled)
        if seen is not None and seen.tag is not None:
            await self._profiles.store(seen.tag, view)
        return view
