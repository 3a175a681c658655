"""Failures of the identity context, each with a stable code clients branch on."""

from __future__ import annotations

from domain.shared.errors import (
    Conflict,
    FieldError,
    NotFound,
    PermissionDenied,
    RateLimited,
    RuleViolated,
    Unauthenticated,
    ValidationFailed,
)


class InvalidCredentials(Unauthenticated):
    """One answer for an unknown account, a wrong password and a locked account."""

    code = "invalid_credentials"
    title = "Invalid credentials"

    def __init__(self) -> None:
        super().__init__("The email or mobile number and password do not match an account.")


class TokenInvalid(Unauthenticated):
    code = "token_invalid"
    title = "Invalid token"


class TokenExpired(Unauthenticated):
    code = "token_expired"
    title = "Token expired"


class TokenRevoked(Unauthenticated):
    code = "token_revoked"
    title = "Token revoked"


class RefreshReused(Unauthenticated):
    code = "refresh_reused"
    title = "Refresh token reused"

    def __init__(self) -> None:
        super().__init__(
            "This refresh token was already used: every session of its family has been ended."
        )


def _field(field: str, message: str, code: str) -> list[FieldError]:
    return [FieldError(field=field, message=message, code=code)]


class OtpInvalid(ValidationFailed):
    code = "otp_invalid"
    title = "Wrong one-time code"

    def __init__(self, *, field: str = "code", attempts_left: int | None = None) -> None:
        message = "the code is not correct"
        if attempts_left is not None:
            message += f" ({attempts_left} attempts left)"
        super().__init__(f"{field}: {message}", errors=_field(field, message, self.code))
        self.attempts_left = attempts_left


class OtpExpired(RuleViolated):
    code = "otp_expired"
    title = "One-time code expired"

    def __init__(self) -> None:
        super().__init__("The code has expired: request a new one.")


class OtpUsed(RuleViolated):
    code = "otp_used"
    title = "One-time code already used"

    def __init__(self) -> None:
        super().__init__("The code was already used: request a new one.")


class OtpBlocked(RuleViolated):
    code = "otp_blocked"
    title = "Too many wrong codes"

    def __init__(self) -> None:
        super().__init__("Too many wrong attempts: this code is blocked, request a new one.")


class OtpCooldown(RateLimited):
    code = "otp_cooldown"
    title = "Wait before asking for another code"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"A code was sent moments ago: ask again in {retry_after_seconds} s.",
            retry_after_seconds=retry_after_seconds,
        )


class OtpDailyLimit(RateLimited):
    code = "otp_daily_limit"
    title = "Daily limit of codes reached"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            "Too many codes went to this destination today: try again later.",
            retry_after_seconds=retry_after_seconds,
        )


class WeakPassword(ValidationFailed):
    code = "weak_password"
    title = "Password not accepted"

    def __init__(self, field: str, message: str, *, reason: str) -> None:
        super().__init__(f"{field}: {message}", errors=_field(field, message, reason))


class PasswordIncorrect(ValidationFailed):
    code = "password_incorrect"
    title = "Password incorrect"

    def __init__(self, field: str = "current_password") -> None:
        super().__init__(
            f"{field}: the password is not correct",
            errors=_field(field, "the password is not correct", self.code),
        )


class RegistrationNotFound(NotFound):
    code = "registration_not_found"
    title = "Registration not found"

    def __init__(self) -> None:
        super().__init__("No registration in progress has this id.")


class RegistrationExpired(RuleViolated):
    code = "registration_expired"
    title = "Registration expired"

    def __init__(self) -> None:
        super().__init__("This registration has expired: start again.")


class RegistrationIncomplete(RuleViolated):
    code = "registration_incomplete"
    title = "Registration step pending"


class RegistrationCompleted(Conflict):
    code = "registration_completed"
    title = "Registration already completed"

    def __init__(self) -> None:
        super().__init__("This registration is complete: log in instead.")


class TwoFactorInvalid(ValidationFailed):
    code = "two_factor_invalid"
    title = "Wrong two-factor code"

    def __init__(self, field: str = "code") -> None:
        message = "the authenticator or recovery code is not correct"
        super().__init__(f"{field}: {message}", errors=_field(field, message, self.code))


class TwoFactorRequired(ValidationFailed):
    code = "two_factor_required"
    title = "Two-factor code required"

    def __init__(self, field: str = "two_factor_code") -> None:
        message = "two-factor authentication is on: an authenticator or recovery code is required"
        super().__init__(f"{field}: {message}", errors=_field(field, message, self.code))


class TwoFactorAlreadyEnabled(Conflict):
    code = "two_factor_enabled"
    title = "Two-factor already on"

    def __init__(self) -> None:
        super().__init__("Two-factor authentication is already on.")


class TwoFactorNotEnabled(RuleViolated):
    code = "two_factor_not_enabled"
    title = "Two-factor not on"

    def __init__(self) -> None:
        super().__init__("Two-factor authentication is not on.")


class TwoFactorNotEnrolled(RuleViolated):
    code = "two_factor_not_enrolled"
    title = "No two-factor enrolment pending"

    def __init__(self) -> None:
        super().__init__("Start an enrolment first: no authenticator secret is waiting.")


class SessionNotFound(NotFound):
    code = "session_not_found"
    title = "Session not found"

    def __init__(self) -> None:
        super().__init__("You have no active session with this id.")


class DeviceNotFound(NotFound):
    code = "device_not_found"
    title = "Device not found"

    def __init__(self) -> None:
        super().__init__("You have no known device with this id.")


class UserNotFound(NotFound):
    code = "user_not_found"
    title = "User not found"

    def __init__(self, code: str | None = None) -> None:
        super().__init__(f"No user has the code {code!r}." if code else "No such user.")


class CannotBlockYourself(RuleViolated):
    code = "cannot_block_yourself"
    title = "You cannot block yourself"

    def __init__(self) -> None:
        super().__init__("You cannot block your own account.")


class LastSuperAdmin(RuleViolated):
    code = "last_super_admin"
    title = "The last super admin must stay"

    def __init__(self) -> None:
        super().__init__(
            "This is the last active super admin: make another one before blocking this one or "
            "removing the role."
        )


class RoleNotHeld(NotFound):
    code = "role_not_held"
    title = "Role not held"

    def __init__(self, grant: str) -> None:
        super().__init__(f"The user does not hold the role {grant}.")


class UnknownPlatform(ValidationFailed):
    code = "unknown_platform"
    title = "No such platform"

    def __init__(self, platform: str) -> None:
        message = f"{platform!r} is not a platform: web, mobile or api"
        super().__init__(f"platform: {message}", errors=_field("platform", message, self.code))


class PlatformNotGranted(PermissionDenied):
    code = "platform_not_granted"
    title = "Platform access not granted"

    def __init__(self, platform: str) -> None:
        super().__init__(f"This account has no access to the {platform} platform.")


class IpNotAllowed(PermissionDenied):
    code = "ip_not_allowed"
    title = "Address not allowed"

    def __init__(self) -> None:
        super().__init__("This account may not be used from this address.")


class AllowlistExcludesYou(ValidationFailed):
    code = "allowlist_excludes_you"
    title = "Allowlist would lock you out"

    def __init__(self) -> None:
        message = "your current address is outside this list: you would be locked out"
        super().__init__(
            f"ip_allowlist: {message}",
            errors=_field("ip_allowlist", message, self.code),
        )


class SessionIdle(Unauthenticated):
    code = "session_idle"
    title = "Session timed out"

    def __init__(self) -> None:
        super().__init__("This session was idle too long: log in again.")
