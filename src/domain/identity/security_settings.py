"""Per-user security settings: require two-factor, an IP allowlist, a session idle timeout."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.ids import UserId

MAX_ALLOWLIST = 50
MIN_IDLE_SECONDS = 60
MAX_IDLE_SECONDS = 30 * 24 * 3600

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class InvalidCidr(ValidationFailed):
    code = "invalid_cidr"
    title = "IP allowlist not valid"


def parse_allowlist(raw: Sequence[str], field: str = "ip_allowlist") -> tuple[str, ...]:
    """Canonical CIDR strings (``10.0.0.0/8``, ``2001:db8::/32``; a bare address is a /32 or
    /128), or a 422 naming each bad entry."""
    if len(raw) > MAX_ALLOWLIST:
        message = f"at most {MAX_ALLOWLIST} networks"
        raise InvalidCidr(f"{field}: {message}", errors=[FieldError(field, message, "too_long")])
    parsed: list[str] = []
    errors: list[FieldError] = []
    for index, entry in enumerate(raw):
        try:
            network = ipaddress.ip_network(entry.strip(), strict=True)
        except ValueError as exc:
            errors.append(FieldError(f"{field}.{index}", str(exc), InvalidCidr.code))
            continue
        if str(network) not in parsed:
            parsed.append(str(network))
    if errors:
        raise InvalidCidr("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)
    return tuple(parsed)


def ip_allowed(allowlist: Sequence[str], ip: str | None) -> bool:
    """An empty list allows every address; otherwise the address must be in a network."""
    if not allowlist:
        return True
    if ip is None:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for entry in allowlist:
        network = ipaddress.ip_network(entry)
        if address.version == network.version and address in network:
            return True
    return False


@dataclass(slots=True, kw_only=True)
class SecuritySettings:
    user_id: UserId
    updated_at: datetime | None = None
    require_two_factor: bool = False
    ip_allowlist: tuple[str, ...] = ()
    session_idle_timeout_seconds: int | None = None

    def change(
        self,
        *,
        require_two_factor: bool | None,
        ip_allowlist: Sequence[str] | None,
        session_idle_timeout_seconds: int | None,
        clear_idle_timeout: bool,
        now: datetime,
    ) -> None:
        if require_two_factor is not None:
            self.require_two_factor = require_two_factor
        if ip_allowlist is not None:
            self.ip_allowlist = parse_allowlist(ip_allowlist)
        if clear_idle_timeout:
            self.session_idle_timeout_seconds = None
        elif session_idle_timeout_seconds is not None:
            if not MIN_IDLE_SECONDS <= session_idle_timeout_seconds <= MAX_IDLE_SECONDS:
                field = "session_idle_timeout_seconds"
                message = f"between {MIN_IDLE_SECONDS} and {MAX_IDLE_SECONDS} seconds"
                raise ValidationFailed(f"{field}: {message}", errors=[FieldError(field, message)])
            self.session_idle_timeout_seconds = session_idle_timeout_seconds
        self.updated_at = now
