"""Per-user security settings: require two-factor, an IP allowlist, a session idle timeout."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from domain.shared.errors import FieldError, PermissionDenied, ValidationFailed
from domain.shared.ids import UserId

MAX_ALLOWLIST = 50
MIN_IDLE_SECONDS = 60
MAX_IDLE_SECONDS = 30 * 24 * 3600

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
ALLOWLIST: Final = "ip_allowlist"
IDLE_TIMEOUT: Final = "session_idle_timeout_seconds"


class RestrictionLocked(PermissionDenied):
    """An operator set this restriction on the user: only an operator relaxes it (the user may
    still tighten it)."""

    code = "security_setting_locked"
    title = "Set by an operator: only an operator relaxes it"


def _narrower(new: Sequence[str], old: Sequence[str]) -> bool:
    """Every address ``new`` allows, ``old`` allows too (an empty list allows all)."""
    if not old:
        return True
    if not new:
        return False
    olds = [ipaddress.ip_network(o) for o in old]
    return all(
        any(n.version == o.version and n.subnet_of(o) for o in olds)  # type: ignore[arg-type]
        for n in (ipaddress.ip_network(entry) for entry in new)
    )


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
    # the restrictions an operator set (ALLOWLIST, IDLE_TIMEOUT): the user cannot relax them
    operator_locked: frozenset[str] = field(default_factory=frozenset)

    def _lock(self, name: str, by_operator: bool, relaxes: bool, now_set: bool) -> None:
        if by_operator:
            self.operator_locked = (
                self.operator_locked | {name} if now_set else self.operator_locked - {name}
            )
        elif relaxes and name in self.operator_locked:
            raise RestrictionLocked(
                f"an operator set {name} on this account: only an operator relaxes it",
                errors=[FieldError(name, "set by an operator", RestrictionLocked.code)],
            )

    def change(
        self,
        *,
        require_two_factor: bool | None,
        ip_allowlist: Sequence[str] | None,
        session_idle_timeout_seconds: int | None,
        clear_idle_timeout: bool,
        now: datetime,
        by_operator: bool = True,
    ) -> None:
        if require_two_factor is not None:
            self.require_two_factor = require_two_factor
        if ip_allowlist is not None:
            parsed = parse_allowlist(ip_allowlist)
            relaxes = not _narrower(parsed, self.ip_allowlist)
            self._lock(ALLOWLIST, by_operator, relaxes, bool(parsed))
            self.ip_allowlist = parsed
        if clear_idle_timeout:
            current = self.session_idle_timeout_seconds
            self._lock(IDLE_TIMEOUT, by_operator, current is not None, False)
            self.session_idle_timeout_seconds = None
        elif session_idle_timeout_seconds is not None:
            if not MIN_IDLE_SECONDS <= session_idle_timeout_seconds <= MAX_IDLE_SECONDS:
                field = "session_idle_timeout_seconds"
                message = f"between {MIN_IDLE_SECONDS} and {MAX_IDLE_SECONDS} seconds"
                raise ValidationFailed(f"{field}: {message}", errors=[FieldError(field, message)])
            current = self.session_idle_timeout_seconds
            relaxes = current is None or session_idle_timeout_seconds > current
            self._lock(IDLE_TIMEOUT, by_operator, relaxes, True)
            self.session_idle_timeout_seconds = session_idle_timeout_seconds
        self.updated_at = now
