"""Identity's implementation of the shared UserDirectory port."""

from __future__ import annotations

from collections.abc import Callable

from domain.identity.human_code import USER_PREFIX, normalise_code
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork


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
