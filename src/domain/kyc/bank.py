"""The bank account step: an account and its branch, proved by a penny drop whose holder
name must match the user (or, for a business user, the business's legal name)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.kyc.steps import StepState
from domain.shared.errors import Conflict, FieldError, RuleViolated, ValidationFailed
from domain.shared.ids import UserId

NAME_MISMATCH = "name_mismatch"
ACCOUNT_NOT_FOUND = "account_not_found"
BANK_RAIL_UNAVAILABLE = "bank_rail_unavailable"


class BankAccountInUse(Conflict):
    code = "bank_account_in_use"
    title = "Bank account already used by another account"

    def __init__(self) -> None:
        field = "account_number"
        super().__init__(
            "this bank account is already submitted by another account",
            errors=[FieldError(field=field, message="already in use", code=self.code)],
        )


class IfscNotFound(ValidationFailed):
    code = "ifsc_not_found"
    title = "Unknown IFSC"

    def __init__(self) -> None:
        message = "no bank branch has this IFSC"
        super().__init__(
            f"ifsc: {message}",
            errors=[FieldError(field="ifsc", message=message, code=self.code)],
        )


class PanRequired(RuleViolated):
    code = "kyc_pan_required"
    title = "Verify your PAN first"

    def __init__(self) -> None:
        super().__init__(
            "The account holder's name is matched against your verified PAN: verify it first."
        )


@dataclass(slots=True, kw_only=True)
class BankStep:
    user_id: UserId
    sealed_number: str
    number_index: str
    masked_number: str
    ifsc: str
    bank_name: str
    branch: str
    holder_name: str | None
    name_match_score: float | None
    penny_drop_reference: str
    state: StepState
    reason: str | None
    submitted_at: datetime
    updated_at: datetime
