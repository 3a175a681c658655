"""Identity's implementation of the shared SecondFactorVerifier port: another context (banking's
large or unusual withdrawals) confirms the user with their authenticator or a recovery code.
A good code is used up in its own audited transaction."""

from __future__ import annotations

from collections.abc import Callable

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.second_factor import SecondFactorCheck
from usecases.identity.two_factor.second_factor import SecondFactor


class IdentitySecondFactorVerifier:
    def __init__(
        self, uow_factory: Callable[[], IdentityUnitOfWork], second_factor: SecondFactor
    ) -> None:
        self._uow_factory = uow_factory
        self._second_factor = second_factor

    async def enrolled(self, user_id: UserId) -> bool:
        async with self._uow_factory() as uow:
            credential = await uow.totp.get(user_id)
            return credential is not None and credential.enabled

    async def verify(self, user_id: UserId, code: str, *, purpose: str) -> SecondFactorCheck:
        async with self._uow_factory() as uow:
            credential = await uow.totp.get_for_update(user_id)
            if credential is None or not credential.enabled:
                return SecondFactorCheck.NOT_ENROLLED
            used = await self._second_factor.verify(uow, user_id, code)
            if used is None:
                return SecondFactorCheck.WRONG
            uow.audit(
                AuditRecord(
                    action="identity.confirm_second_factor",
                    actor=Actor(kind="user", user_id=user_id),
                    resource_type="user",
                    resource_id=str(user_id),
                    after={"purpose": purpose, "factor": used.value},
                )
            )
            await uow.commit()
            return SecondFactorCheck.PASSED
