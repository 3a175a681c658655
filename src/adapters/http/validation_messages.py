"""Our words for pydantic's refusals: one table from pydantic's error type to the message a
client sees in ``errors[].message`` (``"must be a UUID like ..."``, never ``"Input should be
a valid UUID, invalid character..."``). The field is named by ``errors[].field``.

A type in the table gets its message (``{...}`` filled from the error's context); an error our
own code raises (a ``PydanticCustomError`` of a type pydantic does not have, a domain rule, a
``ValueError`` in a validator) keeps its message; any other pydantic type gets a plain
"is not valid"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, get_args

from pydantic_core.core_schema import ErrorType

from adapters.http.domain_rules import DOMAIN_RULE

PYDANTIC_TYPES: Final = frozenset(get_args(ErrorType))

_UUID: Final = "must be a UUID like 6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f"
_DATE: Final = "must be a real calendar date like 1990-04-12 (YYYY-MM-DD)"
_DATETIME: Final = "must be an ISO 8601 timestamp like 2026-11-22T10:15:00Z"
_INTEGER: Final = "must be a whole number"
_NUMBER: Final = "must be a number"
_DECIMAL: Final = "must be a decimal number like 1250.50"
_BOOLEAN: Final = "must be true or false"
_OBJECT: Final = "must be a JSON object"

MESSAGES: Final[Mapping[str, str]] = {
    "missing": "is required",
    "extra_forbidden": "is not a field this request takes",
    "string_type": "must be a string",
    "string_too_short": "must have at least {min_length} characters",
    "string_too_long": "must have at most {max_length} characters",
    "string_pattern_mismatch": "is not in the expected format",
    "string_unicode": "must be valid Unicode text",
    "string_not_ascii": "must contain ASCII characters only",
    "enum": "must be one of {expected}",
    "literal_error": "must be one of {expected}",
    "uuid_type": _UUID,
    "uuid_parsing": _UUID,
    "uuid_version": _UUID,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_past": "must be a date in the past",
    "date_future": "must be a date in the future",
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_past": "must be a time in the past",
    "datetime_future": "must be a time in the future",
    "timezone_naive": "must not carry a time zone offset",
    "timezone_aware": "must carry a time zone offset (Z or +05:30)",
    "time_type": "must be a time like 10:15:00",
    "time_parsing": "must be a time like 10:15:00",
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "int_parsing_size": "is too large a number",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": "must be a finite number",
    "decimal_type": _DECIMAL,
    "decimal_parsing": _DECIMAL,
    "decimal_max_digits": "must have at most {max_digits} digits",
    "decimal_max_places": "must have at most {decimal_places} decimal places",
    "decimal_whole_digits": "must have at most {whole_digits} digits before the point",
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "multiple_of": "must be a multiple of {multiple_of}",
    "too_short": "must have at least {min_length} items",
    "too_long": "must have at most {max_length} items",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "set_type": "must be a list",
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "json_type": "must be JSON",
    "bytes_type": "must be a file",
    "bytes_too_long": "is too large",
    "bytes_too_short": "is too small",
    "url_type": "must be a URL",
    "url_parsing": "must be a URL",
    "url_scheme": "must be a URL with an allowed scheme",
    "url_too_long": "is too long for a URL",
    "none_required": "must be null",
    "union_tag_invalid": "is not one of the accepted kinds",
    "union_tag_not_found": "lacks the field that says its kind",
}
FALLBACK: Final = "is not valid"


def message_of(error: Mapping[str, Any]) -> str:
    """Our message for one entry of pydantic's ``errors()``."""
    kind = str(error.get("type", ""))
    context: Mapping[str, Any] = error.get("ctx") or {}
    if context.get(DOMAIN_RULE):
        return str(error.get("msg", FALLBACK))
    if kind in ("value_error", "assertion_error") and "error" in context:
        return str(context["error"])  # our validator's own words, without pydantic's prefix
    if kind in MESSAGES:
        try:
            return MESSAGES[kind].format(**context)
        except (KeyError, IndexError):  # pragma: no cover - every placeholder is in its ctx
            return FALLBACK
    if kind in PYDANTIC_TYPES:
        return FALLBACK
    return str(error.get("msg", FALLBACK))  # a PydanticCustomError of ours
