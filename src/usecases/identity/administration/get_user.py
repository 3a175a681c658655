"""An operator reads one user by code."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import USERS_READ
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import user_by_code
from usecases.identity.administration.views import UserAdminView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetUser:
    actor: Actor
    user_code: str


class GetUserHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetUser) -> UserAdminView:
        authorize(cmd.actor, USERS_READ)
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code)
            branch = await uow.branches.get(user.branch_id) if user.branch_id else None
            features = await uow.features.granted_keys(user.id)
        return UserAdminView.of(
            user, branch_code=branch.code if branch else None, features=tuple(features)
        )
