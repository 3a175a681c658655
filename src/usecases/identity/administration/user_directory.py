"""Identity's implementation of the shared UserDirectory port."""

from __future__ import annotations

from collections.abc import Callable, Collection

from domain.identity.human_code import USER_PREFIX, normalise_code
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.user_directory import UserContact


class IdentityUserDirectory:
    def __init__(self, uow_factory: Callable[[], IdentityUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    async def user_id_for_code(self, code: str) -> UserId | None:
        normalised = normalise_code(code, USER_PREFIX)
        if normalised is None:
            return None
        async with self._uow_factory() as uow:
            user = await uow.users.by_code(normalised)
        return None if user is None else user.id

    async def codes_for(self, user_ids: Collection[UserId]) -> dict[UserId, str]:
        if not user_ids:
            return {}
        async with self._uow_factory() as uow:
            users = await uow.users.by_ids(list(user_ids))
        return {u.id: u.code for u in users}

    async def contact(self, user_id: UserId) -> UserContact | None:
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            return None
        return UserContact(
            user_id=user.id, code=user.code, name=user.profile.full_name, email=user.email
        )
