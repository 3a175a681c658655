"""Identity's implementation of the shared UserDirectory port.

A user's code and id never change and users are never deleted, so ``user_id_for_code``
remembers the ids it found (at most ``CODES_KEPT``, the least recently used forgotten first):
an operator's money write names the user by code, and after the first one the code costs no
database round trip. An unknown code is not remembered (the user may be created next)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection

from domain.identity.human_code import USER_PREFIX, normalise_code
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.user_directory import UserContact

CODES_KEPT = 10_000


class IdentityUserDirectory:
    def __init__(self, uow_factory: Callable[[], IdentityUnitOfWork]) -> None:
        self._uow_factory = uow_factory
        self._ids: OrderedDict[str, UserId] = OrderedDict()

    async def user_id_for_code(self, code: str) -> UserId | None:
        normalised = normalise_code(code, USER_PREFIX)
        if normalised is None:
            return None
        known = self._ids.get(normalised)
        if known is not None:
            self._ids.move_to_end(normalised)
            return known
        async with self._uow_factory() as uow:
            user = await uow.users.by_code(normalised)
        if user is None:
            return None
        self._ids[normalised] = user.id
        if len(self._ids) > CODES_KEPT:
            self._ids.popitem(last=False)
        return user.id

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
