"""Starting, rotating and ending sessions: one refresh-token family per login, short-lived
access tokens, and the denylist entries that end access tokens early."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Final

from domain.identity.codes import new_opaque_token
from domain.identity.device import DeviceInfo, KnownDevice
from domain.identity.ids import SessionId, new_device_id, new_session_id
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.session import RefreshTokenRecord, Session
from domain.identity.user import User
from domain.shared.clock import Clock
from domain.shared.ids import UserId, new_uuid
from usecases.identity import messages
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.authentication.ports import TokenClaims, TokenCodec, TokenType
from usecases.identity.authentication.views import TokenPair
from usecases.identity.config import TokenConfig
from usecases.identity.ports import IdentityUnitOfWork, SecretDigest
from usecases.identity.security_recorder import SecurityRecorder
from usecases.shared.ports.token_denylist import TokenDenylist

REFRESH_PURPOSE = "refresh"


class Unknown:
    """Not looked up yet (``Sessions.start``'s ``known``)."""


UNKNOWN: Final = Unknown()


def session_denylist_key(session_id: str) -> str:
    return f"session:{session_id}"


class Sessions:
    def __init__(
        self,
        *,
        codec: TokenCodec,
        digest: SecretDigest,
        denylist: TokenDenylist,
        recorder: SecurityRecorder,
        access: UserAccessCache,
        config: TokenConfig,
        clock: Clock,
    ) -> None:
        self._access = access
        self._codec = codec
        self._digest = digest
        self._denylist = denylist
        self._recorder = recorder
        self._config = config
        self._clock = clock

    def refresh_digest(self, refresh_token: str) -> str:
        return self._digest.digest(refresh_token, purpose=REFRESH_PURPOSE)

    async def start(
        self,
        uow: IdentityUnitOfWork,
        user: User,
        device: DeviceInfo,
        *,
        request_id: str | None,
        alert_new_device: bool = True,
        known: KnownDevice | Unknown | None = UNKNOWN,
    ) -> TokenPair:
        """``known``: the user's device with ``device.key`` if the caller already looked it up
        in this transaction (``None``: there is none), else it is looked up here."""
        now = self._clock.now()
        session = Session.start(
            id=new_session_id(),
            user_id=user.id,
            device=device,
            now=now,
            expires_at=now + self._config.refresh_ttl,
        )
        await self._remember_device(uow, user, device, now, request_id, alert_new_device, known)
        refresh, record = self._refresh_token(user, session.id, now)
        await uow.sessions.start(session, record)  # the family and its first token at once
        return self._pair(user, session.id, now, refresh)

    async def rotate(self, uow: IdentityUnitOfWork, user: User, session: Session) -> TokenPair:
        now = self._clock.now()
        await uow.sessions.touch(session.id, now=now, expires_at=now + self._config.refresh_ttl)
        refresh, record = self._refresh_token(user, session.id, now)
        await uow.refresh_tokens.add(record)
        return self._pair(user, session.id, now, refresh)

    def _refresh_token(
        self, user: User, session_id: SessionId, now: datetime
    ) -> tuple[str, RefreshTokenRecord]:
        refresh = new_opaque_token()
        record = RefreshTokenRecord(
            session_id=session_id,
            user_id=user.id,
            digest=self.refresh_digest(refresh),
            issued_at=now,
            expires_at=now + self._config.refresh_ttl,
        )
        return refresh, record

    def _pair(self, user: User, session_id: SessionId, now: datetime, refresh: str) -> TokenPair:
        access = self._codec.encode(
            TokenClaims(
                token_type=TokenType.ACCESS,
                subject=user.id,
                token_id=new_uuid().hex,
                issued_at=now,
                expires_at=now + self._config.access_ttl,
                session_id=session_id,
                roles=user.roles,
            )
        )
        return TokenPair(
            access_token=access,
            refresh_token=refresh,
            expires_in=int(self._config.access_ttl.total_seconds()),
            refresh_expires_in=int(self._config.refresh_ttl.total_seconds()),
            session_id=session_id,
        )

    async def _remember_device(
        self,
        uow: IdentityUnitOfWork,
        user: User,
        device: DeviceInfo,
        now: datetime,
        request_id: str | None,
        alert: bool,
        known: KnownDevice | Unknown | None,
    ) -> None:
        if isinstance(known, Unknown):
            known = await uow.devices.find(user.id, device.key)
        if known is not None:
            known.seen(device, now)
            await uow.devices.save(known)
            return
        added = await uow.devices.add(
            KnownDevice(
                id=new_device_id(),
                user_id=user.id,
                key=device.key,
                label=device.label,
                browser=device.agent.browser,
                os=device.agent.os,
                first_seen_at=now,
                last_seen_at=now,
                last_ip=device.ip,
            )
        )
        if added and alert:
            await uow.notifier.notify(messages.new_device(user, device, at=now))
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.NEW_DEVICE,
                    occurred_at=now,
                    user_id=user.id,
                    device=device,
                    request_id=request_id,
                ),
            )

    async def deny_access(self, session_ids: Iterable[SessionId | str]) -> None:
        """After the revocation committed: access tokens of these sessions stop working now
        instead of at their expiry."""
        until = self._clock.now() + self._config.access_ttl
        for session_id in session_ids:
            await self._denylist.deny(session_denylist_key(str(session_id)), until=until)

    async def deny_token(self, token_id: str, *, until: datetime) -> None:
        await self._denylist.deny(token_id, until=until)

    async def end_all(
        self, uow: IdentityUnitOfWork, user: User, *, now: datetime, reason: str
    ) -> list[SessionId]:
        """Inside the transaction: every session of ``user`` ends (the caller has set the
        user's "valid after" time, or blocked them). Call ``ended_all`` after the commit."""
        return await uow.sessions.revoke_all(user.id, now=now, reason=reason)

    async def ended_all(self, user_id: UserId, session_ids: Iterable[SessionId]) -> None:
        await self._access.forget(user_id)
        await self.deny_access(session_ids)
