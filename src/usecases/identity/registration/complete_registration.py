"""Last step of registration: basic details. The account is created and logged in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.identity.errors import RegistrationNotFound
from domain.identity.ids import RegistrationId
from domain.identity.profile import Profile
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.user import User
from domain.shared.clock import Clock
from domain.shared.ids import UserId, new_uuid
from usecases.identity.authentication.devices import describe_device
from usecases.identity.authentication.ports import UserAgentParser
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.authentication.views import SessionStarted
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.profile.views import UserView
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class CompleteRegistration:
    registration_id: RegistrationId
    full_name: str
    date_of_birth: date | None
    country: str | None
    device_id: str | None
    device_name: str | None
    origin: RequestOrigin


class CompleteRegistrationHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        sessions: Sessions,
        agents: UserAgentParser,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._sessions = sessions
        self._agents = agents
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: CompleteRegistration) -> SessionStarted:
        await self._throttle.guard(
            "register_complete", ip=cmd.origin.ip, account=str(cmd.registration_id)
        )
        now = self._clock.now()
        profile = Profile(
            full_name=cmd.full_name, date_of_birth=cmd.date_of_birth, country=cmd.country
        ).validated(today=now.date())
        device = describe_device(
            self._agents, cmd.origin, device_id=cmd.device_id, device_name=cmd.device_name
        )
        async with self._uow as uow:
            registration = await uow.registrations.get_for_update(cmd.registration_id)
            if registration is None:
                raise RegistrationNotFound()
            user = User(
                id=UserId(new_uuid()),
                email=registration.email,
                phone=registration.phone,
                password_hash=registration.password_hash,
                profile=profile,
                created_at=now,
                updated_at=now,
                password_changed_at=now,
            )
            registration.complete(user.id, now)
            await uow.users.add(user)  # a contact taken meanwhile: 409 naming the field
            await uow.registrations.save(registration)
            tokens = await self._sessions.start(
                uow, user, device, request_id=cmd.origin.request_id, alert_new_device=False
            )
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.LOGIN_SUCCEEDED,
                    occurred_at=now,
                    user_id=user.id,
                    reason="registered",
                    device=device,
                    session_id=tokens.session_id,
                    request_id=cmd.origin.request_id,
                ),
            )
            await uow.commit()
        return SessionStarted(user=UserView.of(user, two_factor_enabled=False), tokens=tokens)
