"""The portfolio's refusals. Each has a stable ``code`` and names the domain field it is about
(``occurred_on``, ``currency``, ``amount``), never a request location."""

from __future__ import annotations

from uuid import UUID

from domain.shared.errors import FieldError, NotFound, RuleViolated, ValidationFailed


def _one(field: str, message: str, code: str) -> list[FieldError]:
    return [FieldError(field=field, message=message, code=code)]


class InvestmentNotFound(NotFound):
    code = "investment_not_found"
    title = "No such investment"

    def __init__(self, investment_id: UUID | str) -> None:
        super().__init__(f"no investment {investment_id} that you can see")


class ActivityNotFound(NotFound):
    code = "activity_not_found"
    title = "No such capital activity"

    def __init__(self, activity_id: UUID | str) -> None:
        super().__init__(f"no capital activity {activity_id} in this investment")


class IndexSeriesNotFound(NotFound):
    code = "index_series_not_found"
    title = "No such index series"

    def __init__(self, name: str) -> None:
        super().__init__(f"no index series {name!r}")


class ActivityBeforeStart(ValidationFailed):
    code = "activity_before_start"
    title = "Activity before the investment's start"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class ActivityCurrencyMismatch(ValidationFailed):
    code = "activity_currency_mismatch"
    title = "Not in the investment's currency"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class InvalidActivity(ValidationFailed):
    code = "invalid_activity"
    title = "Invalid capital activity"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class IrrUndefined(RuleViolated):
    """No internal rate of return exists or none could be found for these flows. ``reason`` is
    one of the stable reasons in ``domain.portfolio.xirr`` (``one_signed_flows``, ...)."""

    code = "irr_undefined"
    title = "No internal rate of return"

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class IndexValueMissing(RuleViolated):
    """A public-market equivalent needs the index on or before every flow's date."""

    code = "index_value_missing"
    title = "The index series does not cover the flows"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class EmptyReturnSeries(RuleViolated):
    code = "empty_return_series"
    title = "Not enough returns"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class CurrencyNotHeld(NotFound):
    code = "currency_not_held"
    title = "Nothing held in that currency"

    def __init__(self, currency: str) -> None:
        super().__init__(f"no investment of yours is in {currency}")
