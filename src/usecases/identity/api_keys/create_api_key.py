"""Create an API key for yourself: name, scopes, optional expiry, rate limit and IP allowlist.
The secret is in the answer once; it is kept as an HMAC and sealed (to check signed requests).
Needs access to the ``api`` platform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.identity.api_key import (
    DEFAULT_RATE_LIMIT_PER_MINUTE,
    MAX_RATE_LIMIT_PER_MINUTE,
    ApiKey,
    IssuedSecret,
    clean_scopes,
    issue_secret,
    key_context,
)
from domain.identity.errors import PlatformNotGranted, UserNotFound
from domain.identity.security_settings import parse_allowlist
from domain.identity.user import Platform
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from usecases.identity.access_control.authorization import acting_user
from usecases.identity.administration.admin_support import audit
from usecases.identity.api_keys.authenticate_api_key import API_KEY_PURPOSE
from usecases.identity.api_keys.views import ApiKeyView, IssuedApiKey
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest
from usecases.shared.ports.field_cipher import FieldCipher

MAX_NAME = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateApiKey:
    actor: Actor
    name: str
    scopes: tuple[str, ...]
    expires_at: datetime | None = None
    rate_limit_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE
    ip_allowlist: tuple[str, ...] = ()


def clean_key_name(name: str) -> str:
    tidy = " ".join(name.split())
    if not tidy or len(tidy) > MAX_NAME:
        raise invalid_field("name", f"1 to {MAX_NAME} characters")
    return tidy


def seal_secret(key: ApiKey, issued: IssuedSecret, cipher: FieldCipher) -> None:
    key.sealed_secret = cipher.encrypt(issued.secret.encode(), context=key_context(key.id))


class CreateApiKeyHandler:
    def __init__(
        self, *, uow: IdentityUnitOfWork, digest: SecretDigest, cipher: FieldCipher, clock: Clock
    ) -> None:
        self._uow = uow
        self._digest = digest
        self._cipher = cipher
        self._clock = clock

    async def execute(self, cmd: CreateApiKey) -> IssuedApiKey:
        owner_id = acting_user(cmd.actor)
        now = self._clock.now()
        name = clean_key_name(cmd.name)
        scopes = clean_scopes(cmd.scopes)
        if cmd.expires_at is not None and cmd.expires_at <= now:
            raise invalid_field("expires_at", "must be in the future")
        if not 1 <= cmd.rate_limit_per_minute <= MAX_RATE_LIMIT_PER_MINUTE:
            raise invalid_field("rate_limit_per_minute", f"1 to {MAX_RATE_LIMIT_PER_MINUTE}")
        allowlist = parse_allowlist(cmd.ip_allowlist)
        issued = issue_secret()
        key = ApiKey(
            owner_id=owner_id,
            name=name,
            prefix=issued.prefix,
            secret_digest=self._digest.digest(issued.secret, purpose=API_KEY_PURPOSE),
            scopes=scopes,
            created_at=now,
            expires_at=cmd.expires_at,
            rate_limit_per_minute=cmd.rate_limit_per_minute,
            ip_allowlist=allowlist,
        )
        seal_secret(key, issued, self._cipher)
        async with self._uow as uow:
            owner = await uow.users.get(owner_id)
            if owner is None:
                raise UserNotFound()
            if not owner.has_platform(Platform.API):
                raise PlatformNotGranted(Platform.API.value)
            await uow.api_keys.add(key)
            audit(uow, cmd.actor, "api_key_created", key.prefix, now=now)
            await uow.commit()
        return IssuedApiKey(
            key=ApiKeyView.of(key, now=now, owner_code=owner.code), secret=issued.key
        )
