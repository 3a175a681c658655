"""Change a user's security settings: your own, or anyone's with ``users:security``.

You may turn the two-factor requirement on for yourself but only an operator turns it off; an IP
allowlist or idle timeout an operator set you may tighten but only an operator relaxes; and you
cannot save an allowlist your current address is outside of (you would lock yourself out).
Takes effect on the next request: the access cache is dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.identity.access import USERS_SECURITY
from domain.identity.errors import AllowlistExcludesYou, UserNotFound
from domain.identity.security_settings import ip_allowed
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import PermissionDenied
from usecases.identity.access_control.authorization import authenticated, owner_or
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.access_control.views import SecuritySettingsView
from usecases.identity.administration.admin_support import audit, user_by_code
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateSecuritySettings:
    actor: Actor
    user_code: str
    require_two_factor: bool | None = None
    ip_allowlist: Sequence[str] | None = None
    session_idle_timeout_seconds: int | None = None
    clear_idle_timeout: bool = False


class UpdateSecuritySettingsHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, access: UserAccessCache, clock: Clock) -> None:
        self._uow = uow
        self._access = access
        self._clock = clock

    async def execute(self, cmd: UpdateSecuritySettings) -> SecuritySettingsView:
        authenticated(cmd.actor)
        now = self._clock.now()
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code, for_update=True)
            if not owner_or(cmd.actor, user.id, USERS_SECURITY):
                raise UserNotFound(cmd.user_code)
            operator = cmd.actor.may(USERS_SECURITY)
            settings = await uow.security_settings.get(user.id, for_update=True)
            if cmd.require_two_factor is False and settings.require_two_factor and not operator:
                raise PermissionDenied(
                    "an operator set the two-factor requirement: only an operator lifts it",
                    code="two_factor_requirement_locked",
                )
            settings.change(
                require_two_factor=cmd.require_two_factor,
                ip_allowlist=cmd.ip_allowlist,
                session_idle_timeout_seconds=cmd.session_idle_timeout_seconds,
                clear_idle_timeout=cmd.clear_idle_timeout,
                now=now,
                by_operator=operator,
            )
            if (
                cmd.ip_allowlist is not None
                and cmd.actor.owns(user.id)
                and not ip_allowed(settings.ip_allowlist, cmd.actor.ip)
            ):
                raise AllowlistExcludesYou()
            await uow.security_settings.put(settings)
            credential = await uow.totp.get(user.id)
            audit(
                uow,
                cmd.actor,
                "security_settings_changed",
                user.code,
                now=now,
                details={
                    "require_two_factor": str(settings.require_two_factor),
                    "ip_allowlist": ",".join(settings.ip_allowlist),
                    "idle_timeout": str(settings.session_idle_timeout_seconds or ""),
                },
            )
            await uow.commit()
        await self._access.forget(user.id)
        roles = {g.role for g in user.grants} & await self._access.two_factor_roles()
        return SecuritySettingsView.of(
            settings,
            user_code=user.code,
            by_roles=tuple(sorted(roles)),
            two_factor_enabled=credential is not None and credential.enabled,
        )
