"""A domain value's own check, run while the request is validated: a field the domain refuses
(a PAN, an Aadhaar number, an amount) is reported in the same answer as the fields pydantic
refuses, with the domain's code and message, instead of one layer a round trip.

``pan: Annotated[str, domain_rule(Pan.parse)]``: the check gets the field's value after
pydantic's own constraints passed; the use case still parses it (the rule is the domain's, the
adapter only runs it early)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from domain.shared.errors import ValidationFailed

DOMAIN_RULE: Final = "domain_rule"  # the ctx key that marks an error as the domain's


def domain_rule(check: Callable[[Any], object]) -> AfterValidator:
    def run(value: Any) -> Any:
        if value is None:
            return value
        try:
            check(value)
        except ValidationFailed as refused:
            first = refused.errors[0] if refused.errors else None
            code = first.code if first else refused.error_code
            message = first.message if first else refused.detail
            raise PydanticCustomError(code, message, {DOMAIN_RULE: True}) from None
        return value

    return AfterValidator(run)
