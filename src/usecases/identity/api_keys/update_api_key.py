"""Change where an API key may be used from and how often: its IP allowlist and its rate
limit (the secret, scopes and expiry stay; rotate for a new secret, create a key for other
scopes). From the next request on; audited with the old and new values."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.api_key import MAX_RATE_LIMIT_PER_MINUTE, ApiKeyId, ApiKeyNotActive
from domain.identity.security_settings import parse_allowlist
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.identity.administration.admin_support import audit
from usecases.identity.api_keys.api_key_access import key_for, owner_code
from usecases.identity.api_keys.views import ApiKeyView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateApiKey:
    actor: Actor
    key_id: ApiKeyId
    ip_allowlist: tuple[str, ...] | None = None  # None: unchanged; empty: any address
    rate_limit_per_minute: int | None = None  # None: unchanged


class UpdateApiKeyHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: UpdateApiKey) -> ApiKeyView:
        allowlist = None if cmd.ip_allowlist is None else parse_allowlist(cmd.ip_allowlist)
        rate = cmd.rate_limit_per_minute
        if rate is not None and not 1 <= rate <= MAX_RATE_LIMIT_PER_MINUTE:
            raise invalid_field("rate_limit_per_minute", f"1 to {MAX_RATE_LIMIT_PER_MINUTE}")
        now = self._clock.now()
        async with self._uow as uow:
            key = await key_for(uow, cmd.actor, cmd.key_id, for_update=True)
            if not key.is_active(now):
                raise ApiKeyNotActive()
            before = {
                "ip_allowlist": ",".join(key.ip_allowlist),
                "rate_limit_per_minute": str(key.rate_limit_per_minute),
            }
            if allowlist is not None:
                key.ip_allowlist = allowlist
            if rate is not None:
                key.rate_limit_per_minute = rate
            await uow.api_keys.save(key)
            code = await owner_code(uow, key)
            after = {
                "ip_allowlist": ",".join(key.ip_allowlist),
                "rate_limit_per_minute": str(key.rate_limit_per_minute),
            }
            audit(
                uow,
                cmd.actor,
                "api_key_updated",
                key.prefix,
                now=now,
                details={f"old_{k}": v for k, v in before.items()} | after,
            )
            await uow.commit()
        return ApiKeyView.of(key, now=now, owner_code=code)
