"""Turn database integrity errors into domain errors that name the offending field."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.exc import DBAPIError

from domain.shared.errors import Conflict, DomainError, FieldError, RuleViolated, ValidationFailed

# SQLSTATE classes (PostgreSQL appendix A)
UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"
CHECK_VIOLATION = "23514"
NOT_NULL_VIOLATION = "23502"
SERIALIZATION_FAILURE = "40001"
DEADLOCK_DETECTED = "40P01"


def _sqlstate(exc: DBAPIError) -> str | None:
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    cause = getattr(orig, "__cause__", None)
    if state is None and cause is not None:
        state = getattr(cause, "sqlstate", None)
    return state if isinstance(state, str) else None


def _constraint(exc: DBAPIError) -> str | None:
    for candidate in (exc.orig, getattr(exc.orig, "__cause__", None)):
        name = getattr(candidate, "constraint_name", None)
        if isinstance(name, str):
            return name
    return None


def translate(exc: DBAPIError, fields: Mapping[str, str] | None = None) -> DomainError | None:
    """A domain error for a known integrity or concurrency failure, else ``None``.

    ``fields`` maps constraint names to the domain field they protect, so a duplicate email
    answers ``409`` naming ``email`` instead of a database message.
    """
    state = _sqlstate(exc)
    constraint = _constraint(exc)
    field = (fields or {}).get(constraint or "", constraint or "unknown")
    if state == UNIQUE_VIOLATION:
        return Conflict(
            f"{field} is already taken",
            code="duplicate",
            errors=[FieldError(field=field, message="already exists", code="duplicate")],
        )
    if state == FOREIGN_KEY_VIOLATION:
        return ValidationFailed(
            f"{field} refers to something that does not exist",
            code="unknown_reference",
            errors=[FieldError(field=field, message="unknown reference", code="unknown_reference")],
        )
    if state == CHECK_VIOLATION:
        return RuleViolated(f"{field} breaks a rule of the record", code="constraint_violated")
    if state == NOT_NULL_VIOLATION:
        return ValidationFailed(f"{field} is required", code="required")
    if state in (SERIALIZATION_FAILURE, DEADLOCK_DETECTED):
        return Conflict("a concurrent change got there first; retry", code="concurrent_update")
    return None
