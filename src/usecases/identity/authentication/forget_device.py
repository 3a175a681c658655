"""Forget a device: its sessions end, and its next login counts as a new device again."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.errors import DeviceNotFound
from domain.identity.ids import DeviceId
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.account_guard import own_account
from usecases.identity.authentication.sessions import Sessions
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder
from usecases.identity.throttle import Throttle


@dataclass(frozen=True, slots=True, kw_only=True)
class ForgetDevice:
    actor: Actor
    device_id: DeviceId


class ForgetDeviceHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        sessions: Sessions,
        recorder: SecurityRecorder,
        throttle: Throttle,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._sessions = sessions
        self._recorder = recorder
        self._throttle = throttle
        self._clock = clock

    async def execute(self, cmd: ForgetDevice) -> None:
        user_id = own_account(cmd.actor)
        await self._throttle.guard("devices", ip=cmd.actor.ip, account=str(user_id))
        now = self._clock.now()
        async with self._uow as uow:
            device = await uow.devices.get(user_id, cmd.device_id)
            if device is None:
                raise DeviceNotFound()
            ended = await uow.sessions.revoke_device(
                user_id, device.key, now=now, reason="device_forgotten"
            )
            await uow.devices.remove(device)
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.DEVICE_FORGOTTEN,
                    occurred_at=now,
                    user_id=user_id,
                    reason=device.label,
                    request_id=cmd.actor.request_id,
                ),
            )
            await uow.commit()
        await self._sessions.deny_access(ended)
