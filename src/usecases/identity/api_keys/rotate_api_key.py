"""Rotate an API key: a new key with the same name, scopes, expiry, rate limit and IP
allowlist, able to sign requests (a key made before signing existed gets that here); the old
one keeps working for a grace period (default a day, at most a week, 0 to end it now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.identity.api_key import ApiKey, ApiKeyId, issue_secret
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.administration.admin_support import audit
from usecases.identity.api_keys.api_key_access import key_for, owner_code
from usecases.identity.api_keys.authenticate_api_key import API_KEY_PURPOSE
from usecases.identity.api_keys.create_api_key import seal_secret
from usecases.identity.api_keys.views import ApiKeyView, IssuedApiKey
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest
from usecases.shared.ports.field_cipher import FieldCipher

DEFAULT_GRACE = timedelta(days=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class RotateApiKey:
    actor: Actor
    key_id: ApiKeyId
    grace: timedelta = DEFAULT_GRACE


class RotateApiKeyHandler:
    def __init__(
        self, *, uow: IdentityUnitOfWork, digest: SecretDigest, cipher: FieldCipher, clock: Clock
    ) -> None:
        self._uow = uow
        self._digest = digest
        self._cipher = cipher
        self._clock = clock

    async def execute(self, cmd: RotateApiKey) -> IssuedApiKey:
        now = self._clock.now()
        async with self._uow as uow:
            old = await key_for(uow, cmd.actor, cmd.key_id, for_update=True)
            expires_at = old.expires_at
            old.retire(now, cmd.grace)
            issued = issue_secret()
            new = ApiKey(
                owner_id=old.owner_id,
                name=old.name,
                prefix=issued.prefix,
                secret_digest=self._digest.digest(issued.secret, purpose=API_KEY_PURPOSE),
                scopes=old.scopes,
                created_at=now,
                expires_at=expires_at,
                rate_limit_per_minute=old.rate_limit_per_minute,
                ip_allowlist=old.ip_allowlist,
            )
            seal_secret(new, issued, self._cipher)
            await uow.api_keys.save(old)
            await uow.api_keys.add(new)
            code = await owner_code(uow, new)
            audit(
                uow,
                cmd.actor,
                "api_key_rotated",
                old.prefix,
                now=now,
                details={"new_prefix": new.prefix, "old_expires_at": str(old.expires_at)},
            )
            await uow.commit()
        return IssuedApiKey(key=ApiKeyView.of(new, now=now, owner_code=code), secret=issued.key)
