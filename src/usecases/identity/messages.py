"""The messages the identity context sends, one builder per template.

Codes and alerts are SECURITY messages: they cannot be turned off. Codes are secret variables
(sealed in the outbox, erased after delivery, never logged)."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.identity.contact import ContactChannel
from domain.identity.device import DeviceInfo
from domain.identity.user import User
from domain.shared.notification import Category, Channel, Notification, Recipient

ALERT_CHANNELS = frozenset({Channel.EMAIL, Channel.IN_APP})


def _minutes(ttl: timedelta) -> str:
    return str(int(ttl.total_seconds() // 60))


def _to(channel: ContactChannel, destination: str) -> tuple[Recipient, frozenset[Channel]]:
    if channel is ContactChannel.EMAIL:
        return Recipient(email=destination), frozenset({Channel.EMAIL})
    return Recipient(phone=destination), frozenset({Channel.SMS})


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def registration_code(
    channel: ContactChannel, destination: str, code: str, ttl: timedelta
) -> Notification:
    recipient, channels = _to(channel, destination)
    return Notification(
        template="identity.registration_otp",
        category=Category.SECURITY,
        recipient=recipient,
        channels=channels,
        variables={"code": code, "minutes": _minutes(ttl)},
        secret_variables=frozenset({"code"}),
    )


def account_exists(channel: ContactChannel, destination: str) -> Notification:
    """Sent instead of a registration code when the contact already has an account, so the
    API answers the same whether it exists or not."""
    recipient, channels = _to(channel, destination)
    return Notification(
        template="identity.account_exists",
        category=Category.SECURITY,
        recipient=recipient,
        channels=channels,
    )


def password_reset_code(
    channel: ContactChannel, destination: str, code: str, ttl: timedelta
) -> Notification:
    recipient, channels = _to(channel, destination)
    return Notification(
        template="identity.password_reset_otp",
        category=Category.SECURITY,
        recipient=recipient,
        channels=channels,
        variables={"code": code, "minutes": _minutes(ttl)},
        secret_variables=frozenset({"code"}),
    )


def _alert(template: str, user: User, **variables: str) -> Notification:
    return Notification(
        template=template,
        category=Category.SECURITY,
        recipient=Recipient(user_id=user.id, email=user.email),
        channels=ALERT_CHANNELS,
        variables={"name": user.profile.full_name, **variables},
    )


def password_changed(user: User, *, at: datetime, reset: bool) -> Notification:
    return _alert(
        "identity.password_changed", user, at=_stamp(at), how="reset" if reset else "changed"
    )


def account_locked(user: User, *, until: datetime) -> Notification:
    return _alert("identity.lockout", user, until=_stamp(until))


def refresh_reused(user: User, *, device: str, at: datetime) -> Notification:
    return _alert("identity.refresh_reuse", user, device=device, at=_stamp(at))


def new_device(user: User, device: DeviceInfo, *, at: datetime) -> Notification:
    return _alert(
        "identity.new_device", user, device=device.label, ip=device.ip or "unknown", at=_stamp(at)
    )


def two_factor_changed(user: User, *, enabled: bool, at: datetime) -> Notification:
    return _alert(
        "identity.two_factor_changed", user, state="on" if enabled else "off", at=_stamp(at)
    )
