"""The second factor: an authenticator code (each time step once) or a recovery code (once)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from domain.identity.codes import RECOVERY_CODE_COUNT, new_recovery_code, normalise_recovery_code
from domain.identity.two_factor import TotpCredential, totp_context
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest
from usecases.identity.two_factor.ports import TotpEngine
from usecases.shared.ports.field_cipher import FieldCipher


class FactorUsed(StrEnum):
    AUTHENTICATOR = "authenticator"
    RECOVERY_CODE = "recovery_code"


def _recovery_purpose(user_id: UserId) -> str:
    return f"recovery:{user_id}"


class SecondFactor:
    def __init__(
        self,
        *,
        totp: TotpEngine,
        cipher: FieldCipher,
        digest: SecretDigest,
        clock: Clock,
        window: int,
    ) -> None:
        self._totp = totp
        self._cipher = cipher
        self._digest = digest
        self._clock = clock
        self._window = window

    def seal(self, user_id: UserId, secret: str) -> str:
        return self._cipher.encrypt(secret.encode(), context=totp_context(user_id))

    def secret_of(self, credential: TotpCredential) -> str:
        return self._cipher.decrypt(
            credential.sealed_secret, context=totp_context(credential.user_id)
        ).decode()

    def authenticator_step(self, credential: TotpCredential, code: str) -> int | None:
        """The time step ``code`` belongs to, if it is current and not used before."""
        compact = code.replace(" ", "")
        if not (compact.isdigit() and len(compact) == 6):
            return None
        step = self._totp.matching_step(
            self.secret_of(credential), compact, at=self._clock.now(), window=self._window
        )
        return step if step is not None and credential.accepts_step(step) else None

    async def verify(
        self, uow: IdentityUnitOfWork, user_id: UserId, code: str
    ) -> FactorUsed | None:
        """Check and use up ``code``; ``None`` when it is not good (or 2FA is off)."""
        credential = await uow.totp.get_for_update(user_id)
        if credential is None or not credential.enabled:
            return None
        step = self.authenticator_step(credential, code)
        if step is not None:
            credential.use_step(step)
            await uow.totp.put(credential)
            return FactorUsed.AUTHENTICATOR
        digest = self._digest.digest(
            normalise_recovery_code(code), purpose=_recovery_purpose(user_id)
        )
        if await uow.recovery_codes.consume(user_id, digest, now=self._clock.now()):
            return FactorUsed.RECOVERY_CODE
        return None

    async def new_recovery_codes(self, uow: IdentityUnitOfWork, user_id: UserId) -> Sequence[str]:
        """Replace the user's recovery codes; the plain codes are shown once and not kept."""
        codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
        digests = [self._digest.digest(c, purpose=_recovery_purpose(user_id)) for c in codes]
        await uow.recovery_codes.replace(user_id, digests, now=self._clock.now())
        return codes
