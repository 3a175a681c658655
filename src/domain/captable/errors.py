"""The cap table's refusals. Each has a stable ``code`` and names the domain field it is about
(``quantity``, ``security_id``, ``new_shares_authorized``), never a request location."""

from __future__ import annotations

from uuid import UUID

from domain.shared.errors import Conflict, FieldError, NotFound, RuleViolated, ValidationFailed


def _one(field: str, message: str, code: str) -> list[FieldError]:
    return [FieldError(field=field, message=message, code=code)]


class IssuerNotFound(NotFound):
    code = "issuer_not_found"
    title = "No such issuer"

    def __init__(self, issuer_id: UUID | str) -> None:
        super().__init__(f"no issuer {issuer_id} that you can see")


class ShareClassNotFound(NotFound):
    code = "share_class_not_found"
    title = "No such share class"

    def __init__(self, stock_class_id: UUID | str) -> None:
        super().__init__(f"no share class {stock_class_id} in this issuer")


class StakeholderNotFound(NotFound):
    code = "stakeholder_not_found"
    title = "No such stakeholder"

    def __init__(self, stakeholder_id: UUID | str) -> None:
        super().__init__(f"no stakeholder {stakeholder_id} in this issuer")


class SecurityNotFound(NotFound):
    code = "security_not_found"
    title = "No such security"

    def __init__(self, security_id: UUID | str) -> None:
        super().__init__(f"no security {security_id} that you can see")


class UnknownReference(ValidationFailed):
    """A command names a class, stakeholder or security this issuer does not have."""

    code = "unknown_reference"
    title = "Refers to something that does not exist"

    def __init__(self, field: str, what: str, value: UUID | str) -> None:
        message = f"no {what} {value} in this issuer"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class SecurityNotOutstanding(Conflict):
    """The security was consumed by an earlier event (cancelled, transferred, split...): it
    cannot be consumed again."""

    code = "security_not_outstanding"
    title = "The security is no longer outstanding"

    def __init__(self, security_id: UUID, status: str, field: str = "security_id") -> None:
        message = f"security {security_id} is {status}, not outstanding"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class LockedByTransfer(Conflict):
    """A live share transfer (pending, its right of first refusal exercised, or approved) holds
    the certificate: no other event may consume it until the transfer completes or ends."""

    code = "security_locked_by_transfer"
    title = "A live share transfer locks the certificate"

    def __init__(self, reference: str, certificate: str, status: str, field: str) -> None:
        message = (
            f"{certificate} is locked by the share transfer {reference} ({status}); complete, "
            "reject or withdraw it first"
        )
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))
        self.reference = reference


class ExceedsAuthorizedShares(RuleViolated):
    code = "exceeds_authorized_shares"
    title = "More shares than the class authorizes"

    def __init__(
        self, *, authorized: object, outstanding: object, requested: object, field: str
    ) -> None:
        message = (
            f"{requested} more would exceed the {authorized} authorized shares "
            f"({outstanding} outstanding)"
        )
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class QuantityExceedsSecurity(RuleViolated):
    code = "quantity_exceeds_security"
    title = "More shares than the security holds"

    def __init__(self, *, held: object, requested: object, field: str = "quantity") -> None:
        message = f"{requested} is more than the {held} shares of the security"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class AuthorizedBelowOutstanding(RuleViolated):
    code = "authorized_below_outstanding"
    title = "Fewer authorized shares than are outstanding"

    def __init__(self, *, outstanding: object, requested: object) -> None:
        field = "new_shares_authorized"
        message = f"{requested} is below the {outstanding} shares outstanding"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class EventDateBeforeLatest(RuleViolated):
    """Events are dated in the order they are recorded, so the cap table on any date is the
    replay of a prefix of the history."""

    code = "date_before_latest_event"
    title = "Dated before the latest event"

    def __init__(self, *, latest: object, requested: object) -> None:
        field = "date"
        message = f"{requested} is before {latest}, the date of this issuer's latest event"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class CertificatePrefixTaken(Conflict):
    code = "certificate_prefix_taken"
    title = "Another class of this issuer uses the prefix"

    def __init__(self, prefix: str) -> None:
        field = "certificate_prefix"
        message = f"another share class of this issuer numbers its certificates {prefix}-"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class StakeholderAlreadyLinked(Conflict):
    code = "stakeholder_already_linked"
    title = "The user is already another stakeholder of this issuer"

    def __init__(self) -> None:
        field = "user_code"
        message = "this user is linked to another stakeholder of this issuer"
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))
