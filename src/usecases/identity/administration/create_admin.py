"""Create a verified account from the server: a super admin (the ``meridian create-admin``
command) or, with ``super_admin=False``, a plain verified user (the demo investor). Only the
system actor may: an operator with a shell on the server, not an HTTP caller."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import SUPER_ADMIN, USER
from domain.identity.profile import Profile
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.user import User
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import PermissionDenied
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import UserId, new_uuid
from usecases.identity.administration.admin_support import audit
from usecases.identity.administration.views import UserAdminView
from usecases.identity.passwords.password_rules import PasswordRules
from usecases.identity.passwords.ports import PasswordHasher
from usecases.identity.ports import ContactNormalizer, IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateAdmin:
    actor: Actor
    email: str
    mobile: str
    password: str
    full_name: str = "Administrator"
    super_admin: bool = True


class CreateAdminHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        contacts: ContactNormalizer,
        rules: PasswordRules,
        hasher: PasswordHasher,
        recorder: SecurityRecorder,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._contacts = contacts
        self._rules = rules
        self._hasher = hasher
        self._recorder = recorder
        self._clock = clock

    async def execute(self, cmd: CreateAdmin) -> UserAdminView:
        if cmd.actor.kind != "system":
            raise PermissionDenied("super admins are created from the server's command line")
        checks = FieldChecks()  # every offending field in one answer
        email = checks.take(self._contacts.email, cmd.email, field="email")
        phone = checks.take(self._contacts.phone, cmd.mobile, field="mobile")
        now = self._clock.now()
        profile = checks.take(Profile(full_name=cmd.full_name).validated, today=now.date())
        with checks:
            await self._rules.ensure_acceptable(
                cmd.password,
                field="password",
                hints=(email or "", phone or "", profile.full_name if profile else ""),
            )
        checks.raise_any()
        assert email is not None
        assert phone is not None
        assert profile is not None
        password_hash = await self._hasher.hash(cmd.password)
        user = User(
            id=UserId(new_uuid()),
            email=email,
            phone=phone,
            password_hash=password_hash,
            profile=profile,
            created_at=now,
            updated_at=now,
            password_changed_at=now,
            roles=frozenset({USER, SUPER_ADMIN} if cmd.super_admin else {USER}),
        )
        async with self._uow as uow:
            await uow.users.add(user)  # a taken email or mobile: 409 naming it
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.ACCOUNT_CREATED,
                    occurred_at=now,
                    user_id=user.id,
                    reason="created_super_admin" if cmd.super_admin else "created_verified_user",
                ),
            )
            action = "super_admin_created" if cmd.super_admin else "verified_user_created"
            audit(uow, cmd.actor, action, user.code, now=now)
            await uow.commit()
        return UserAdminView.of(user, branch_code=None)
