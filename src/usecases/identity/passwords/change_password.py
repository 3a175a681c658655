"""Change password, knowing the current one. Every session ends and the owner is told."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import PasswordIncorrect, WeakPassword
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from domain.shared.field_checks import FieldChecks
from usecases.identity import messages
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.devices import describe_device, origin_of
from usecases.identity.authentication.ports import UserAgentParser
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.passwords.password_rules import PasswordRules
from usecases.identity.passwords.ports import PasswordHasher
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangePassword:
    actor: Actor
    current_password: str
    new_password: str


class ChangePasswordHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        rules: PasswordRules,
        hasher: PasswordHasher,
        sessions: Sessions,
        agents: UserAgentParser,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._rules = rules
        self._hasher = hasher
        self._sessions = sessions
        self._agents = agents
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: ChangePassword) -> None:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("change_password", ip=cmd.actor.ip, account=str(user_id))
        async with self._uow as uow:
            user = await uow.users.get_for_update(user_id)
            if user is None:
                raise Unauthenticated("this account no longer exists", code="token_revoked")
            checks = FieldChecks()  # both fields in one answer
            with checks:
                verdict = await self._hasher.verify(cmd.current_password, user.password_hash)
                if not verdict.matches:
                    raise PasswordIncorrect()
            with checks:
                if cmd.new_password == cmd.current_password:
                    raise WeakPassword(
                        "new_password", "choose a password you are not using now", reason="reused"
                    )
                await self._rules.ensure_acceptable(
                    cmd.new_password,
                    field="new_password",
                    hints=(user.email, user.phone, user.profile.full_name),
                )
            checks.raise_any()
            now = self._clock.now()
            user.change_password(await self._hasher.hash(cmd.new_password), now)
            await uow.users.save(user)
            ended = await self._sessions.end_all(uow, user, now=now, reason="password_changed")
            await uow.notifier.notify(messages.password_changed(user, at=now, reset=False))
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.PASSWORD_CHANGED,
                    occurred_at=now,
                    user_id=user.id,
                    device=describe_device(self._agents, origin_of(cmd.actor)),
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.ended_all(user_id, ended)
