"""The DomainError hierarchy: every expected business outcome that is not success.

Each error carries a stable machine-readable ``code`` (clients branch on it), a human
``detail`` and, for validation, a list of field errors. The HTTP adapter maps each family
to a status code; the domain never knows about HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid input. ``field`` names the domain's field (``amount``, ``bank_account_id``,
    ``preferences.0.enabled`` for an item of a list), never a request location: the HTTP
    adapter tells the client where it sent it (body, path, query or header)."""

    field: str
    message: str
    code: str = "invalid"


class DomainError(Exception):
    """Base of every expected failure. Subclass a family below, never this directly."""

    code: ClassVar[str] = "domain_error"
    title: ClassVar[str] = "Domain error"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        errors: Sequence[FieldError] = (),
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.error_code = code or type(self).code
        self.errors: tuple[FieldError, ...] = tuple(errors)


class NotFound(DomainError):
    code = "not_found"
    title = "Resource not found"


class Conflict(DomainError):
    """The request clashes with the current state (duplicate, stale version, in-flight)."""

    code = "conflict"
    title = "Conflict with the current state"


class RuleViolated(DomainError):
    """Well-formed input that a business rule refuses (insufficient funds, closed window)."""

    code = "rule_violated"
    title = "Business rule violated"


class ValidationFailed(DomainError):
    """Input that is malformed for the domain; ``errors`` names each field."""

    code = "validation_failed"
    title = "Validation failed"


class PermissionDenied(DomainError):
    code = "permission_denied"
    title = "Permission denied"


class Unauthenticated(DomainError):
    code = "unauthenticated"
    title = "Authentication required"


class RateLimited(DomainError):
    code = "rate_limited"
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after_seconds: int, code: str | None = None) -> None:
        super().__init__(detail, code=code)
        self.retry_after_seconds = retry_after_seconds


class Unavailable(DomainError):
    """An outside service the operation needs (a KYC provider, a bank rail) is down or timed
    out; nothing was changed and trying again later may work."""

    code = "service_unavailable"
    title = "Service temporarily unavailable"


def invalid_field(field: str, message: str, *, code: str = "invalid") -> ValidationFailed:
    """Shorthand for the common one-field validation failure."""
    return ValidationFailed(
        f"{field}: {message}", errors=[FieldError(field=field, message=message, code=code)]
    )


class PayloadTooLarge(DomainError):
    """An upload over its size limit; ``errors`` names the field."""

    code = "payload_too_large"
    title = "Payload too large"


def merged(failures: Sequence[ValidationFailed]) -> ValidationFailed:
    """One refusal naming every field of ``failures``: the one failure itself, or a
    ``ValidationFailed`` with all their field errors (their code when they share one)."""
    if len(failures) == 1:
        return failures[0]
    codes = {failure.error_code for failure in failures}
    return ValidationFailed(
        "; ".join(failure.detail for failure in failures),
        code=codes.pop() if len(codes) == 1 else None,
        errors=[error for failure in failures for error in failure.errors],
    )
