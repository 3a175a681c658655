"""An operator changes a user's name, country or branch. Contacts change through their own
verified flows; roles, access and status through their own use cases."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.identity.access import USERS_UPDATE
from domain.identity.profile import Profile
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.administration.admin_support import audit, branch_by_code, user_by_code
from usecases.identity.administration.views import UserAdminView
from usecases.identity.ports import IdentityUnitOfWork

CLEARABLE = frozenset({"country", "branch_code"})


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateUser:
    actor: Actor
    user_code: str
    full_name: str | None = None
    country: str | None = None
    branch_code: str | None = None
    clear: frozenset[str] = field(default_factory=frozenset)


class UpdateUserHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache, clock: Clock) -> None:
        self._uow = uow
        self._access = access
        self._clock = clock

    async def execute(self, cmd: UpdateUser) -> UserAdminView:
        authorize(cmd.actor, USERS_UPDATE)
        now = self._clock.now()
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code, for_update=True)
            current = user.profile
            profile = Profile(
                full_name=cmd.full_name if cmd.full_name is not None else current.full_name,
                date_of_birth=current.date_of_birth,
                country=None if "country" in cmd.clear else cmd.country or current.country,
            ).validated(today=now.date())
            user.update_profile(profile, now)
            branch = None
            if "branch_code" in cmd.clear:
                user.branch_id = None
            elif cmd.branch_code is not None:
                # Locked, so a concurrent removal of the branch waits for this user to land.
                branch = await branch_by_code(uow, cmd.branch_code, for_update=True)
                user.branch_id = branch.id
            elif user.branch_id is not None:
                branch = await uow.branches.get(user.branch_id)
            await uow.users.save(user)
            features = await uow.features.granted_keys(user.id)
            changed = {
                "full_name": profile.full_name,
                "country": profile.country or "",
                "branch": branch.code if branch else "",
            }
            audit(uow, cmd.actor, "user_updated", user.code, now=now, details=changed)
            await uow.commit()
        await self._access.forget(user.id)  # the cached profile (GET /users/me) is retired
        return UserAdminView.of(
            user, branch_code=branch.code if branch else None, features=tuple(features)
        )
