"""Describing the device a request comes from."""

from __future__ import annotations

from domain.identity.device import DeviceInfo
from domain.shared.actor import Actor
from usecases.identity.authentication.ports import UserAgentParser
from usecases.identity.public.authenticator import RequestOrigin


def describe_device(
    agents: UserAgentParser,
    origin: RequestOrigin,
    *,
    device_id: str | None = None,
    device_name: str | None = None,
) -> DeviceInfo:
    return DeviceInfo(
        device_id=device_id,
        name=device_name,
        agent=agents.parse(origin.user_agent),
        ip=origin.ip,
    )


def origin_of(actor: Actor) -> RequestOrigin:
    return RequestOrigin(ip=actor.ip, user_agent=actor.user_agent, request_id=actor.request_id)
