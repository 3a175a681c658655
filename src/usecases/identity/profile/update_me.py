"""Change my basic details. Email and mobile are not changed here: they need verifying."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from domain.identity.profile import Profile
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.profile.views import UserView

CLEARABLE = frozenset({"date_of_birth", "country"})


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateMe:
    """Fields left ``None`` stay as they are; names in ``clear`` are emptied."""

    actor: Actor
    full_name: str | None = None
    date_of_birth: date | None = None
    country: str | None = None
    clear: frozenset[str] = field(default_factory=frozenset)


class UpdateMeHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache, clock: Clock) -> None:
        self._uow = uow
        self._access = access
        self._clock = clock

    async def execute(self, cmd: UpdateMe) -> UserView:
        user_id = own_account(cmd.actor)
        now = self._clock.now()
        async with self._uow as uow:
            user = await uow.users.get_for_update(user_id)
            if user is None:
                raise Unauthenticated("this account no longer exists", code="token_revoked")
            current = user.profile
            profile = Profile(
                full_name=cmd.full_name if cmd.full_name is not None else current.full_name,
                date_of_birth=None
                if "date_of_birth" in cmd.clear
                else cmd.date_of_birth or current.date_of_birth,
                country=None if "country" in cmd.clear else cmd.country or current.country,
            ).validated(today=now.date())
            user.update_profile(profile, now)
            await uow.users.save(user)
            uow.audit(
                AuditRecord(
                    action="identity.update_me",
                    actor=cmd.actor,
                    resource_type="user",
                    resource_id=str(user_id),
                    before=asdict(current),
                    after=asdict(profile),
                )
            )
            credential = await uow.totp.get(user_id)
            await uow.commit()
        await self._access.forget(user_id)  # the cached profile (GET /users/me) is retired
        return UserView.of(user, two_factor_enabled=credential is not None and credential.enabled)
