"""Step 1 of registration: email, mobile and password; a code goes to each contact."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.contact import ContactChannel
from domain.identity.ids import new_registration_id
from domain.identity.registration import Registration
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.field_checks import FieldChecks
from usecases.identity.config import IdentityConfig
from usecases.identity.origin_actor import origin_actor
from usecases.identity.passwords.password_rules import PasswordRules
from usecases.identity.passwords.ports import PasswordHasher
from usecases.identity.ports import ContactNormalizer, IdentityUnitOfWork
from usecases.identity.public.authenticator import RequestOrigin
from usecases.identity.registration.registration_codes import RegistrationCodes
from usecases.identity.registration.views import RegistrationView
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class InitiateRegistration:
    email: str
    mobile: str
    password: str
    origin: RequestOrigin


class InitiateRegistrationHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        contacts: ContactNormalizer,
        rules: PasswordRules,
        hasher: PasswordHasher,
        codes: RegistrationCodes,
        throttle: Throttle,
        config: IdentityConfig,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._contacts = contacts
        self._rules = rules
        self._hasher = hasher
        self._codes = codes
        self._throttle = throttle
        self._config = config
        self._clock = clock

    async def execute(self, cmd: InitiateRegistration) -> RegistrationView:
        await self._throttle.guard("register", ip=cmd.origin.ip)
        checks = FieldChecks()  # every offending field in one answer
        email = checks.take(self._contacts.email, cmd.email, field="email")
        phone = checks.take(self._contacts.phone, cmd.mobile, field="mobile")
        if email is not None:
            await self._throttle.guard("register", ip=None, account=email)
        hints = tuple(filter(None, (email, email and email.split("@")[0], phone)))
        with checks:
            await self._rules.ensure_acceptable(cmd.password, field="password", hints=hints)
        checks.raise_any()
        assert email is not None
        assert phone is not None
        password_hash = await self._hasher.hash(cmd.password)
        now = self._clock.now()
        registration = Registration(
            id=new_registration_id(),
            email=email,
            phone=phone,
            password_hash=password_hash,
            created_at=now,
            updated_at=now,
            expires_at=now + self._config.registration_ttl,
        )
        async with self._uow as uow:
            await uow.registrations.add(registration)
            for channel in ContactChannel:
                await self._codes.send(uow, registration, channel)
            uow.audit(
                AuditRecord(
                    action="identity.registration_started",
                    actor=origin_actor(cmd.origin),
                    resource_type="registration",
                    resource_id=str(registration.id),
                )
            )
            await uow.commit()
        return RegistrationView.of(registration, now)
