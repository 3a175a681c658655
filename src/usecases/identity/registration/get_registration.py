"""Where a registration stands, so a client can resume it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import RegistrationNotFound
from domain.identity.ids import RegistrationId
from domain.shared.clock import Clock
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.registration.views import RegistrationView
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class GetRegistration:
    registration_id: RegistrationId
    origin: RequestOrigin


class GetRegistrationHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, throttle: Throttle, clock: Clock) -> None:
        self._uow = uow
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: GetRegistration) -> RegistrationView:
        await self._throttle.guard("register_progress", ip=cmd.origin.ip)
        async with self._uow as uow:
            registration = await uow.registrations.get(cmd.registration_id)
        if registration is None or registration.completed_at is not None:
            raise RegistrationNotFound()
        return RegistrationView.of(registration, self._clock.now())
