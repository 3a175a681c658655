"""One member's bytes as JSON, or a refusal naming the member and where the JSON breaks."""

from __future__ import annotations

import json
from typing import Any

from usecases.captable.ocf.ports import OcfMalformedJson


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(name: str, data: bytes) -> Any:
    """The JSON document in ``data``: UTF-8 (a BOM is allowed), no NaN or Infinity, numbers
    as ``Decimal``-safe strings are left to the schema."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OcfMalformedJson(f"{name} is not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise OcfMalformedJson(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise OcfMalformedJson(f"{name} is not valid JSON: {reason}") from None
