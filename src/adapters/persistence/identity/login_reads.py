"""Everything a login reads, in one statement built once per identifier kind: the user row,
its security settings and two-factor state, the device with the login's key, whether the user
has any device, and the login activity risk scoring needs (the addresses of recent successful
logins and the failures since a moment). One round trip instead of five, no ORM rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    exists,
    func,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.login_activity import KNOWN_IPS_LIMIT
from adapters.persistence.identity.models import (
    KnownDeviceRow,
    LoginActivityRow,
    SecuritySettingsRow,
    TotpCredentialRow,
    UserRow,
)
from domain.identity.contact import ContactChannel
from domain.identity.device import KnownDevice
from domain.identity.security_event import SecurityEventKind
from domain.identity.user import User, UserStatus
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.authentication.ports import LoginHistory, LoginSubject

_USERS = cast(Table, UserRow.__table__)
_SETTINGS = cast(Table, SecuritySettingsRow.__table__)
_TOTP = cast(Table, TotpCredentialRow.__table__)
_DEVICES = cast(Table, KnownDeviceRow.__table__)
_ACTIVITY = cast(Table, LoginActivityRow.__table__)
_DEVICE_FIELDS: Final = ("id", "label", "browser", "os", "first_seen_at", "last_seen_at", "last_ip")


def _known_ips() -> ColumnElement[Any]:
    """The distinct addresses of the user's successful logins, most recent first (as
    ``login_activity.py``'s ``_SUCCEEDED_IPS``), as one array."""
    a = _ACTIVITY.alias("succeeded")
    recent = (
        select(a.c.ip)
        .where(
            a.c.user_id == _USERS.c.id,
            a.c.event == SecurityEventKind.LOGIN_SUCCEEDED.value,
            a.c.ip.is_not(None),
        )
        .group_by(a.c.ip)
        .order_by(func.max(a.c.occurred_at).desc())
        .limit(KNOWN_IPS_LIMIT)
        .correlate(_USERS)
        .subquery("known")
    )
    return select(func.array_agg(recent.c.ip)).scalar_subquery().label("known_ips")


def _count_since(kind: SecurityEventKind, label: str) -> ColumnElement[Any]:
    a = _ACTIVITY.alias(f"{label}_events")
    return (
        select(func.count())
        .select_from(a)
        .where(
            a.c.user_id == _USERS.c.id,
            a.c.occurred_at >= bindparam("since"),
            a.c.event == kind.value,
        )
        .correlate(_USERS)
        .scalar_subquery()
        .label(label)
    )


def _statement(match: ColumnElement[bool]) -> Select[Any]:
    d = _DEVICES.alias("device")
    any_device = exists().where(_DEVICES.c.user_id == _USERS.c.id).correlate(_USERS)
    return (
        select(
            _USERS,
            _SETTINGS.c.require_two_factor.label("settings_require_two_factor"),
            _SETTINGS.c.ip_allowlist.label("settings_ip_allowlist"),
            _SETTINGS.c.session_idle_timeout_seconds.label("settings_idle_timeout_seconds"),
            _TOTP.c.enabled_at.label("totp_enabled_at"),
            *(d.c[name].label(f"device_{name}") for name in _DEVICE_FIELDS),
            any_device.label("has_devices"),
            _known_ips(),
            _count_since(SecurityEventKind.LOGIN_FAILED, "failed_logins_since"),
            _count_since(SecurityEventKind.TWO_FACTOR_FAILED, "wrong_codes_since"),
        )
        .select_from(
            _USERS.outerjoin(_SETTINGS, _SETTINGS.c.user_id == _USERS.c.id)
            .outerjoin(_TOTP, _TOTP.c.user_id == _USERS.c.id)
            .outerjoin(
                d, and_(d.c.user_id == _USERS.c.id, d.c.device_key == bindparam("device_key"))
            )
        )
        .where(match)
    )


_BY_CHANNEL: Final = {
    ContactChannel.EMAIL: _statement(_USERS.c.email == bindparam("value")),
    ContactChannel.MOBILE: _statement(_USERS.c.phone == bindparam("value")),
}


async def read_login_subject(
    session: AsyncSession,
    to_user: Any,
    channel: ContactChannel,
    value: str,
    *,
    device_key: str,
    since: datetime,
) -> LoginSubject | None:
    """``to_user``: the users repository's row → ``User`` mapping."""
    found = (
        await session.execute(
            _BY_CHANNEL[channel], {"value": value, "device_key": device_key, "since": since}
        )
    ).first()
    if found is None:
        return None
    user: User = to_user(found)
    device = None
    if found.device_id is not None:
        device = KnownDevice(
            id=found.device_id,
            user_id=user.id,
            key=device_key,
            label=found.device_label,
            browser=found.device_browser,
            os=found.device_os,
            first_seen_at=found.device_first_seen_at,
            last_seen_at=found.device_last_seen_at,
            last_ip=found.device_last_ip,
        )
    access = UserAccess(
        status=UserStatus(found.status),
        tokens_valid_after=found.tokens_valid_after,
        roles=frozenset(found.roles),
        platforms=frozenset(found.platforms),
        require_two_factor=bool(found.settings_require_two_factor),
        two_factor_enabled=found.totp_enabled_at is not None,
        ip_allowlist=tuple(found.settings_ip_allowlist or ()),
        idle_timeout_seconds=found.settings_idle_timeout_seconds,
    )
    history = LoginHistory(
        succeeded_ips=frozenset(ip for ip in found.known_ips or () if ip),
        failed_logins=int(found.failed_logins_since),
        wrong_codes=int(found.wrong_codes_since),
    )
    return LoginSubject(
        user=user,
        access=access,
        device=device,
        has_devices=bool(found.has_devices),
        history=history,
    )
